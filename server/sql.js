// @ts-check
// The server's own SQL (identity, live channel) over the loopback Postgres socket.
// PGlite has ONE backend: once pglite-socket is up, PostgREST's transactions share
// it, so the server must not use PGlite's db.query any more; it takes one socket
// connection of its own (pglite-socket keeps each transaction on its connection).
import pg from 'pg';

/** @typedef {{ role: 'anon' | 'authenticated', sub?: string } & Record<string, unknown>} Claims */

/**
 * @param {string} databaseUrl
 * @param {number} [connections] locally one: the socket allows 4 in all (PostgREST 1, tools/tests 1)
 */
export function createSql(databaseUrl, connections = 1) {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: connections,
    idleTimeoutMillis: 0
  });
  pool.on('error', () => {}); // a dropped idle connection is replaced on next use

  /**
   * @template {pg.QueryResultRow} T
   * @param {string} text
   * @param {unknown[]} [params]
   * @returns {Promise<T[]>}
   */
  async function query(text, params) {
    return (await pool.query(text, params)).rows;
  }

  /**
   * Runs fn in one transaction on one connection; commits on success, rolls back on throw.
   * @template T
   * @param {(client: pg.PoolClient) => Promise<T>} fn
   * @returns {Promise<T>}
   */
  async function transaction(fn) {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs fn as an API role with JWT claims, exactly as PostgREST does per request
   * (request.jwt.claims + SET LOCAL ROLE), so RLS and auth.uid() apply.
   * @template T
   * @param {Claims} claims
   * @param {(client: pg.PoolClient) => Promise<T>} fn
   * @returns {Promise<T>}
   */
  function asClaims(claims, fn) {
    const role = claims.role === 'authenticated' ? 'authenticated' : 'anon';
    return transaction(async (client) => {
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ ...claims, role })
      ]);
      await client.query(`set local role ${role}`);
      return fn(client);
    });
  }

  return { query, transaction, asClaims, end: () => pool.end() };
}

/** @typedef {ReturnType<typeof createSql>} Sql */
