// @ts-check
// The embedded database: PGlite persisted in a data directory, with the secrets beside
// it, served to PostgREST and the server's own SQL through pglite-socket on loopback.
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { tapNotifications } from '../notify-tap.js';
import { OVER_PGLITE } from '../postgrest.js';
import { loadOrCreateAdminToken, loadOrCreateSecrets } from '../secrets.js';
import { openDatabase } from './open.js';
import { setupDatabase } from './setup.js';

/**
 * @param {{ dataDir: string, log: (line: string) => void }} options
 */
export async function openLocal({ dataDir, log }) {
  const database = await openDatabase(dataDir);
  /** @type {PGLiteSocketServer | null} */
  let socket = null;
  const close = async () => {
    await socket?.stop();
    await database.close();
  };
  try {
    const { db } = database;
    await setupDatabase(db, log);
    // PGlite has no autovacuum: without fresh statistics the planner takes a
    // large map for a few rows and reads its pages by sorting all of it.
    await db.exec('analyze');
    const { jwtSecret } = await loadOrCreateSecrets(database.dataDir);
    const adminToken = await loadOrCreateAdminToken(database.dataDir);
    return {
      db,
      dataDir: /** @type {string | null} */ (database.dataDir),
      where: database.dataDir,
      /** The join code is left out: a new one at every start. */
      secrets: { jwtSecret, adminToken },
      /**
       * PGlite's one backend writes a notification into the stream of whichever socket
       * connection committed; the tap reads it there (notify-tap.js). Before connect().
       * @param {(payload: string) => void} publish
       */
      feed: (publish) => tapNotifications(db, 'changes', publish),
      /** Starts the socket: from here on, PGlite is used through it only. */
      async connect() {
        socket = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
        await socket.start();
        const dbPort = Number(socket.getServerConn().split(':').pop());
        const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${dbPort}/postgres`;
        return {
          databaseUrl,
          postgrestUrl: `${databaseUrl}?sslmode=disable`,
          postgrest: OVER_PGLITE,
          sqlConnections: 1
        };
      },
      close
    };
  } catch (error) {
    await close();
    throw error;
  }
}
