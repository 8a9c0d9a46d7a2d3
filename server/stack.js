// @ts-check
// The embedded local stack: PGlite (persisted) → pglite-socket → PostgREST,
// plus the SPA and the API on one HTTP port.
import { fileURLToPath } from 'node:url';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { prepareCollaboration } from './collab.js';
import { applyBootstrap, applyMigrations } from './database/migrate.js';
import { openDatabase } from './database/open.js';
import { seedIfNeeded } from './database/seed.js';
import { StackError } from './errors.js';
import { createHttpServer } from './http.js';
import { startPostgrest } from './postgrest.js';
import { loadOrCreateSecrets, signToken } from './secrets.js';

export const defaultBuildDir = fileURLToPath(new URL('../build', import.meta.url));

/**
 * @typedef {object} StackOptions
 * @property {string} dataDir where PGlite and the secrets live
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
  dataDir,
  port = 5180,
  host = '127.0.0.1',
  buildDir = defaultBuildDir,
  log = () => {}
}) {
  /** @type {Array<() => Promise<void>>} */
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
          http.close(() => resolve());
        })
    );

    const database = await openDatabase(dataDir);
    cleanup.push(() => database.close());
    const { db } = database;
    await applyBootstrap(db);
    const applied = await applyMigrations(db);
    if (applied.length) log(`Migreringar / migrations: ${applied.join(', ')}`);
    if (await seedIfNeeded(db)) log('Den regionala kartan har seedats. / Seeded the regional map.');

    const secrets = await loadOrCreateSecrets(database.dataDir);
    keys = {
      jwtSecret: secrets.jwtSecret,
      anonKey: await signToken(secrets.jwtSecret, { role: 'anon' }),
      serviceKey: await signToken(secrets.jwtSecret, { role: 'service_role' })
    };

    // Identity and the live channel's NOTIFY tap need PGlite before the socket is up.
    const collab = await prepareCollaboration({
      db,
      dataDir: database.dataDir,
      jwtSecret: secrets.jwtSecret,
      host,
      log
    });

    const socket = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await socket.start();
    cleanup.push(() => socket.stop());
    const dbPort = Number(socket.getServerConn().split(':').pop());
    const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${dbPort}/postgres`;

    postgrest = await startPostgrest({ dbPort, jwtSecret: secrets.jwtSecret, log });
    const pgrst = postgrest;
    cleanup.push(() => pgrst.stop());
    routes = collab.start(http, databaseUrl);
    cleanup.push(() => collab.close());

    return {
      url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${boundPort}`,
      port: boundPort,
      host,
      dataDir: database.dataDir,
      /** Loopback Postgres wire protocol (for tools and tests; never exposed beyond 127.0.0.1). */
      databaseUrl,
      ...keys,
      /** Makes whoever holds it admin of the seeded map (printed by start.js only). */
      adminToken: collab.adminToken,
      /** This start's code for joining the seeded map as editor. */
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
