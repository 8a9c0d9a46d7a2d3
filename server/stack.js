// @ts-check
// The stack: a database → PostgREST, identity and /live, plus the SPA and the API on
// one HTTP port. The database is either the embedded PGlite (persisted in a data
// directory, behind pglite-socket) or, in server mode, an existing PostgreSQL
// (DATABASE_URL); see database/local.js and database/server.js.
import { fileURLToPath } from 'node:url';
import { prepareCollaboration } from './collab.js';
import { openLocal } from './database/local.js';
import { openServer } from './database/server.js';
import { StackError } from './errors.js';
import { createHttpServer } from './http.js';
import { startPostgrest } from './postgrest.js';
import { signToken } from './secrets.js';

export const defaultBuildDir = fileURLToPath(new URL('../build', import.meta.url));

/**
 * @typedef {object} StackOptions
 * @property {string} [dataDir] where PGlite and the secrets live (local)
 * @property {string | null} [databaseUrl] server mode: an existing PostgreSQL (15 or newer)
 * @property {number} [pool] server mode: PostgREST's connections (default 10)
 * @property {NodeJS.ProcessEnv} [env] server mode: where REGIONKARTAN_SECRET is read
 * @property {number} [port] HTTP port (0 = any free port)
 * @property {string} [host] interface to listen on
 * @property {string | null} [buildDir] the built SPA, or null to serve only the API
 * @property {(line: string) => void} [log]
 */

/**
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>}
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (/** @type {NodeJS.ErrnoException} */ error) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(
          new StackError(
            `Port ${port} används redan. / Port ${port} is already in use.`,
            `Stoppa det som använder porten eller välj en annan: PORT=${port + 1} npm start / Stop what uses it or choose another port.`
          )
        );
      } else if (error.code === 'EACCES') {
        reject(
          new StackError(
            `Ingen behörighet att lyssna på port ${port}. / No permission to listen on port ${port}.`,
            'Välj en port över 1024, t.ex. PORT=5180 npm start. / Choose a port above 1024.'
          )
        );
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * @param {StackOptions} options
 */
export async function startStack({
  dataDir = '.regionkartan',
  databaseUrl = null,
  pool = 10,
  env = process.env,
  port = 5180,
  host = '127.0.0.1',
  buildDir = defaultBuildDir,
  log = () => {}
}) {
  /** @type {Array<() => Promise<unknown>>} */
  const cleanup = [];
  /** @type {Awaited<ReturnType<typeof startPostgrest>> | null} */
  let postgrest = null;
  /** @type {{ anonKey: string, serviceKey: string, jwtSecret: string } | null} */
  let keys = null;
  /** @type {((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean) | null} */
  let routes = null;

  const http = createHttpServer({
    buildDir,
    postgrestUrl: () => postgrest?.url ?? null,
    health: async () => ({ ok: Boolean(postgrest && (await postgrest.isReady())) }),
    config: (origin) => ({ mode: 'local', supabaseUrl: origin, anonKey: keys?.anonKey ?? '' }),
    routes: (req, res) => routes?.(req, res) ?? false
  });

  const closeAll = async () => {
    for (const fn of cleanup.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`stängning / shutdown: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  try {
    // The port first: a busy port fails in milliseconds, before any database work.
    const boundPort = await listen(http, port, host);
    cleanup.push(
      () =>
        new Promise((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve(undefined));
        })
    );

    const database = databaseUrl
      ? await openServer({ databaseUrl, pool, env, log })
      : await openLocal({ dataDir, log });
    cleanup.push(() => database.close());
    const { secrets } = database;
    keys = {
      jwtSecret: secrets.jwtSecret,
      anonKey: await signToken(secrets.jwtSecret, { role: 'anon' }),
      serviceKey: await signToken(secrets.jwtSecret, { role: 'service_role' })
    };

    // Locally, identity and the NOTIFY tap need PGlite before the socket is up.
    const collab = await prepareCollaboration({
      db: database.db,
      secrets,
      feed: database.feed,
      host,
      codeAlwaysNeeded: Boolean(databaseUrl),
      log
    });
    cleanup.push(() => collab.close());

    const connection = await database.connect();
    postgrest = await startPostgrest({
      databaseUrl: connection.postgrestUrl,
      database: connection.postgrest,
      jwtSecret: secrets.jwtSecret,
      log
    });
    const pgrst = postgrest;
    cleanup.push(() => pgrst.stop());
    routes = collab.start(http, connection.databaseUrl, connection.sqlConnections);

    return {
      url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${boundPort}`,
      port: boundPort,
      host,
      /** Local: the data directory; server mode: null. */
      dataDir: database.dataDir,
      /** Where the data lives, for people: the data directory or the URL without its password. */
      where: database.where,
      /**
       * Postgres wire protocol for tools and tests: locally PGlite's loopback socket (never
       * exposed beyond 127.0.0.1), in server mode DATABASE_URL.
       */
      databaseUrl: connection.databaseUrl,
      ...keys,
      /** Makes whoever holds it admin of the seeded map (printed by start.js only). */
      adminToken: collab.adminToken,
      /** The code for joining the seeded map as editor (locally new at every start). */
      joinCode: collab.joinCode,
      /** Open /live connections and messages dropped from clients (for tests and diagnostics). */
      wireStats: collab.wireStats,
      close: closeAll
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
