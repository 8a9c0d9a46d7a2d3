// @ts-check
// Server mode: the stack on an existing PostgreSQL (15 or newer) given as DATABASE_URL
// instead of PGlite. Connects, explains the ways this can fail (Swedish and English),
// and hands out the same small database interface migrate.js and seed.js use.
import pg from 'pg';
import { StackError } from '../errors.js';

export const MIN_SERVER_VERSION = 150000;

/** The setup (bootstrap, migrations, seed, join code) runs under this lock, one process at a time. */
const SETUP_LOCK = [7301, 1];

/**
 * The URL without its password, for messages and logs.
 * @param {string} databaseUrl
 */
export function redactUrl(databaseUrl) {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(ogiltig / invalid)';
  }
}

/**
 * Refuses what is not a postgres:// URL before anything connects.
 * @param {string} databaseUrl
 */
export function checkUrl(databaseUrl) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw wrongUrl(databaseUrl);
  }
  if (
    !['postgres:', 'postgresql:'].includes(url.protocol) ||
    !url.hostname ||
    url.pathname.length < 2
  ) {
    throw wrongUrl(databaseUrl);
  }
  return url;
}

/** @param {string} databaseUrl */
function wrongUrl(databaseUrl) {
  return new StackError(
    `DATABASE_URL är ingen giltig PostgreSQL-adress (${redactUrl(databaseUrl)}). / DATABASE_URL is not a valid PostgreSQL URL.`,
    'Skriv den som postgres://användare:lösenord@värd:5432/databas. / Write it as postgres://user:password@host:5432/database.'
  );
}

/**
 * Turns a connection or setup failure into what the person starting the stack can act on.
 * @param {unknown} error
 * @param {string} databaseUrl
 * @returns {unknown} a StackError, or the error itself when it is none of the known ones
 */
export function explainDatabaseError(error, databaseUrl) {
  if (error instanceof StackError) return error;
  const e = /** @type {{ code?: string, message?: string }} */ (error ?? {});
  const where = redactUrl(databaseUrl);
  const detail = e.message ?? String(error);
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '57P03'].includes(
      e.code ?? ''
    )
  ) {
    return new StackError(
      `PostgreSQL svarar inte på ${where} (${detail}). / The PostgreSQL server does not answer.`,
      'Kontrollera att servern är igång och att värd och port i DATABASE_URL stämmer (systemctl status postgresql). / Check that the server is running and that host and port are right.',
      { cause: error }
    );
  }
  if (e.code === '28P01' || e.code === '28000' || /password/i.test(detail)) {
    return new StackError(
      `PostgreSQL nekade inloggningen på ${where} (${detail}). / PostgreSQL refused the login.`,
      'Kontrollera användarnamn och lösenord i DATABASE_URL (och pg_hba.conf på servern). / Check user and password in DATABASE_URL (and pg_hba.conf on the server).',
      { cause: error }
    );
  }
  if (e.code === '3D000') {
    return new StackError(
      `Databasen i ${where} finns inte (${detail}). / The database does not exist.`,
      'Skapa den först, t.ex. createdb -O <användare> regionkartan. / Create it first, e.g. createdb -O <user> regionkartan.',
      { cause: error }
    );
  }
  if (e.code === '42501') {
    return new StackError(
      `Användaren i ${where} saknar behörighet (${detail}). Ingenting har ändrats. / The user lacks a privilege; nothing was changed.`,
      'Skapa rollerna en gång som superanvändare (docs/deploy.md) och gör användaren till ägare av databasen, eller kör första starten som superanvändare. / Create the roles once as a superuser (docs/deploy.md) and let the user own the database, or run the first start as a superuser.',
      { cause: error }
    );
  }
  return error;
}

/**
 * The database interface of migrate.js and seed.js over a pg pool.
 * @param {pg.Pool} pool
 */
export function poolDatabase(pool) {
  /** @param {pg.Pool | pg.PoolClient} on */
  const run = (on) => ({
    /** @param {string} sql */
    exec: (sql) => on.query(sql),
    /**
     * @template T
     * @param {string} sql
     * @param {unknown[]} [params]
     */
    query: async (sql, params) => {
      const res = await on.query(sql, params);
      return {
        rows: /** @type {T[]} */ (res.rows),
        fields: res.fields,
        affectedRows: res.rowCount ?? 0
      };
    }
  });
  return {
    ...run(pool),
    /**
     * @template T
     * @param {(tx: ReturnType<typeof run>) => Promise<T>} fn
     * @returns {Promise<T>}
     */
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(run(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    }
  };
}

/** @typedef {ReturnType<typeof poolDatabase>} PoolDatabase */

/**
 * Connects, checks the server's version and that the roles the bootstrap needs exist
 * or can be created, then runs `setup` under an advisory lock (so several processes
 * starting at once migrate one after another).
 * @template T
 * @param {string} databaseUrl
 * @param {(db: PoolDatabase) => Promise<T>} setup
 * @returns {Promise<{ db: PoolDatabase, result: T, close(): Promise<void> }>}
 */
export async function openPostgres(databaseUrl, setup) {
  checkUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    connectionTimeoutMillis: 10_000
  });
  pool.on('error', () => {}); // a dropped idle connection is replaced on next use
  const db = poolDatabase(pool);
  try {
    const lock = await pool.connect().catch((error) => {
      throw explainDatabaseError(error, databaseUrl);
    });
    try {
      await checkServer(lock, databaseUrl);
      await lock.query('select pg_advisory_lock($1, $2)', SETUP_LOCK);
      try {
        const result = await setup(db);
        return { db, result, close: () => pool.end() };
      } finally {
        await lock.query('select pg_advisory_unlock($1, $2)', SETUP_LOCK).catch(() => {});
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw explainDatabaseError(error, databaseUrl);
  }
}

/**
 * @param {pg.PoolClient} client
 * @param {string} databaseUrl
 */
async function checkServer(client, databaseUrl) {
  const [state] = (
    await client.query(`
      select current_setting('server_version_num')::int as version,
             current_setting('server_version') as version_text,
             r.rolsuper or r.rolcreaterole as can_create_roles,
             (select count(*)::int from pg_roles
               where rolname in ('anon', 'authenticated', 'service_role', 'authenticator')) as roles
      from pg_roles r where r.rolname = current_user`)
  ).rows;
  if (state.version < MIN_SERVER_VERSION) {
    throw new StackError(
      `PostgreSQL ${state.version_text} är för gammal; Regionkartan behöver 15 eller senare. / PostgreSQL ${state.version_text} is too old; 15 or newer is needed.`,
      'Uppgradera servern eller använd en annan. / Upgrade the server or use another one.'
    );
  }
  if (state.roles < 4 && !state.can_create_roles) {
    throw new StackError(
      `Användaren i ${redactUrl(databaseUrl)} får inte skapa roller, och rollerna anon, authenticated, service_role och authenticator finns inte alla. Ingenting har ändrats. / The user may not create roles and the API roles do not all exist; nothing was changed.`,
      'Skapa rollerna en gång som superanvändare (docs/deploy.md), eller kör första starten som superanvändare, och starta igen. / Create the roles once as a superuser (docs/deploy.md), or run the first start as one, then start again.'
    );
  }
}
