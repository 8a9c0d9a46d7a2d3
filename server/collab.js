// @ts-check
// Editing together on the local stack: local identity (/auth/local/*) and the live
// channel (/live), wired into the stack in two steps around the database socket.
import { dropCounts } from '../src/lib/wire/decode.js';
import { isLoopbackHost } from './addresses.js';
import { createIdentityRoutes, prepareJoinCode } from './identity.js';
import { formatJoinCode } from './join-code.js';
import { createLive } from './live.js';
import { createSql } from './sql.js';

/**
 * Step 1, with the database's setup connection (locally BEFORE the socket starts:
 * PGlite directly): this start's join code, and the feed of committed changes into
 * the live channel (locally the NOTIFY tap, on a server a LISTEN connection).
 * @param {{
 *   db: import('./database/migrate.js').Database,
 *   secrets: { jwtSecret: string, adminToken: string, joinCode?: string },
 *   feed: (publish: (payload: string) => void) => Promise<() => unknown>,
 *   host: string,
 *   codeAlwaysNeeded?: boolean,
 *   log?: (line: string) => void
 * }} options `codeAlwaysNeeded`: in server mode even on loopback (behind a proxy that is everyone)
 */
export async function prepareCollaboration({
  db,
  secrets,
  feed,
  host,
  codeAlwaysNeeded = false,
  log = () => {}
}) {
  const { jwtSecret, adminToken } = secrets;
  const { joinCode, mapId } = await prepareJoinCode({ db, joinCode: secrets.joinCode });
  const live = createLive({ jwtSecret, log });
  const untap = await feed(live.publish);
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
     * @param {number} [connections] of the server's own SQL (locally 1: the socket allows 4)
     */
    start(http, databaseUrl, connections = 1) {
      sql = createSql(databaseUrl, connections);
      live.attach(http, sql);
      return createIdentityRoutes({
        sql,
        jwtSecret,
        adminToken,
        loopbackOnly: !codeAlwaysNeeded && isLoopbackHost(host),
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
      await untap();
      await live.close();
      await sql?.end();
    }
  };
}
