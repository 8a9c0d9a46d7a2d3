// @ts-check
// Server mode: an existing PostgreSQL (15 or newer) at DATABASE_URL. The setup runs
// under an advisory lock (several processes may start at once); secrets come from the
// environment so that all processes agree; committed changes arrive through LISTEN on a
// connection of their own; PostgREST gets a real pool and prepared statements.
import { secretsFromEnvironment } from '../secrets.js';
import { listenForChanges } from './listen.js';
import { openPostgres, redactUrl } from './postgres.js';
import { setupDatabase } from './setup.js';

/**
 * @param {{ databaseUrl: string, pool: number, env: NodeJS.ProcessEnv, log: (line: string) => void }} options
 */
export async function openServer({ databaseUrl, pool, env, log }) {
  if (!Number.isInteger(pool) || pool < 1) throw new Error(`pool must be a positive integer`);
  // Before connecting: a missing secret fails without touching the database.
  const secrets = secretsFromEnvironment(env);
  const { db, close } = await openPostgres(databaseUrl, async (setupDb) => {
    const { migrations } = await setupDatabase(setupDb, log);
    // Other processes' PostgREST read the new schema (this one starts after it).
    if (migrations.length) await setupDb.exec(`notify pgrst, 'reload schema'`);
  });
  return {
    db,
    dataDir: /** @type {string | null} */ (null),
    where: redactUrl(databaseUrl),
    secrets,
    /** @param {(payload: string) => void} publish */
    feed: (publish) =>
      listenForChanges({ databaseUrl, channel: 'changes', onPayload: publish, log }),
    async connect() {
      return {
        databaseUrl,
        postgrestUrl: databaseUrl,
        postgrest: { pool, preparedStatements: true, channel: true },
        sqlConnections: 4
      };
    },
    close
  };
}
