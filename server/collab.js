// @ts-check
// Editing together on the local stack: local identity (/auth/local/*) and the live
// channel (/live), wired into the stack in two steps around the database socket.
import { dropCounts } from '../src/lib/wire/decode.js';
import { isLoopbackHost } from './addresses.js';
import { createIdentityRoutes, prepareIdentity } from './identity.js';
import { formatJoinCode } from './join-code.js';
import { createLive } from './live.js';
import { tapNotifications } from './notify-tap.js';
import { createSql } from './sql.js';

/**
 * Step 1, BEFORE the socket starts (uses PGlite directly): admin token, this start's
 * join code, and the NOTIFY tap that feeds the live channel.
 * @param {{ db: import('@electric-sql/pglite').PGlite, dataDir: string, jwtSecret: string, host: string, log?: (line: string) => void }} options
 */
export async function prepareCollaboration({ db, dataDir, jwtSecret, host, log = () => {} }) {
  const { adminToken, joinCode, mapId } = await prepareIdentity({ db, dataDir });
  const live = createLive({ jwtSecret, log });
  const untap = await tapNotifications(db, 'changes', live.publish);
  /** Identity request bodies refused (not JSON, or not fitting their schema). */
  const identityDrops = dropCounts();
  /** @type {import('./sql.js').Sql | null} */
  let sql = null;

  return {
    adminToken,
    /** This start's code for joining the seeded map as editor, e.g. "K7P-Q2M". */
    joinCode: joinCode ? formatJoinCode(joinCode) : null,
    mapId,
    live,
    /**
     * Step 2, once the socket is up: the server's SQL connection, /live and the routes.
     * @param {import('node:http').Server} http
     * @param {string} databaseUrl
     */
    start(http, databaseUrl) {
      sql = createSql(databaseUrl);
      live.attach(http, sql);
      return createIdentityRoutes({
        sql,
        jwtSecret,
        adminToken,
        loopbackOnly: isLoopbackHost(host),
        defaultMapId: mapId,
        drops: identityDrops
      });
    },
    /**
     * Open /live connections, and what was dropped by reason: /live client messages,
     * NOTIFY payloads and identity request bodies.
     */
    wireStats() {
      const { messages, notifications } = live.dropped;
      return {
        connections: live.connections,
        live: messages,
        notifications,
        identity: { ...identityDrops }
      };
    },
    async close() {
      untap();
      await live.close();
      await sql?.end();
    }
  };
}
