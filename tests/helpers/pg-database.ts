// Databases of the throw-away cluster (tests/support/postgres-setup.ts), one per test
// file, copied from a migrated template, and a PGlite-shaped face over one, so that the
// db tests run unchanged on both.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { endPool } from './pg-cluster';

export type Template = 'rk_migrated' | 'rk_seeded' | 'template0';

function adminUrl(): string {
  return inject('pgAdminUrl');
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new database copied from `template`; returns its URL. */
export async function createDatabase(template: Template): Promise<string> {
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  await asAdmin(`create database ${name} template ${template}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^t_[0-9a-f]{32}$/.test(name)) throw new Error(`not a test database: ${name}`);
  await asAdmin(`drop database if exists ${name} with (force)`);
}

/** As PGlite: int8 as a number when it fits. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') {
      return (value: string) => {
        const big = BigInt(value);
        return big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)
          ? big
          : Number(big);
      };
    }
    return pg.types.getTypeParser(oid, format);
  }
};

/** As PGlite: a row count for the statements that change rows only. */
function results(res: pg.QueryResult) {
  const changes = ['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY'].includes(res.command);
  return { rows: res.rows, fields: res.fields, affectedRows: changes ? (res.rowCount ?? 0) : 0 };
}

function runner(on: pg.Pool | pg.PoolClient) {
  return {
    async query(sql: string, params?: unknown[]) {
      return results(await on.query(sql, params));
    },
    async exec(sql: string) {
      const res = (await on.query(sql)) as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(res) ? res : [res]).map(results);
    }
  };
}

/**
 * A database of the cluster with PGlite's query, exec, transaction and close (which
 * drops the database). One connection, like PGlite's one backend.
 */
export function pgliteLike(url: string): PGlite {
  const pool = new pg.Pool({ connectionString: url, max: 1, types });
  let closed = false;
  const listeners = new Set<pg.Client>();
  const face = {
    ...runner(pool),
    async transaction<T>(
      fn: (tx: ReturnType<typeof runner> & { rollback(): Promise<void> }) => Promise<T>
    ): Promise<T> {
      const client = await pool.connect();
      // As PGlite's tx.rollback(): ends the transaction now; nothing is committed.
      let rolledBack = false;
      const rollback = async () => {
        await client.query('rollback');
        rolledBack = true;
      };
      try {
        await client.query('begin');
        const result = await fn({ ...runner(client), rollback });
        if (!rolledBack) await client.query('commit');
        return result;
      } catch (error) {
        if (!rolledBack) await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    /** As PGlite's listen, on a connection of its own (PostgreSQL's LISTEN). */
    async listen(channel: string, onPayload: (payload: string) => void) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel ${channel}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      await client.query(`listen ${channel}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end();
      };
    },
    get closed() {
      return closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((client) => client.end()));
      await endPool(pool);
      await dropDatabase(url);
    }
  };
  // The db tests use only the methods above; their signatures are PGlite's.
  return face as unknown as PGlite;
}
