// Starts the real stack (database + PostgREST + HTTP) in this process on free ports
// with a temporary data directory: PGlite behind pglite-socket, or in the `pg` project
// server mode on a database of the run's PostgreSQL cluster (see serverModeOf).
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startStack } from '../../server/stack.js';
import { signToken } from '../../server/secrets.js';
import type { Database } from '../../src/lib/domain/database.types';
import { onPostgres } from './db';
import { endPool } from './pg-cluster';
import { createDatabase } from './pg-database';

export const SEED_MAP_ID = '00000000-0000-4000-8000-000000000001';

export type TestStack = Awaited<ReturnType<typeof startStack>> & {
  /** A superuser connection over the loopback socket, for test setup only. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[]
  ): Promise<T[]>;
  /** supabase-js as anon, or as the given user with a JWT minted by the test. */
  client(userId?: string): Promise<SupabaseClient<Database>>;
  /** Creates a user, optionally a member of a map with a role; returns its id. */
  user(
    name: string,
    membership?: { mapId: string; role: 'viewer' | 'editor' | 'admin' }
  ): Promise<string>;
  stop(): Promise<void>;
};

export async function tempDir(prefix = 'regionkartan-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Server mode's environment for a data directory in the `pg` project: there a data
 * directory stands for a database of the cluster (copied from the seeded template) and
 * an installation's shared secret, both kept in it (server.json) and made on first use,
 * so that starting again with the same directory finds the same data. Null on PGlite.
 */
export async function serverModeOf(
  dataDir: string
): Promise<{ DATABASE_URL: string; REGIONKARTAN_SECRET: string } | null> {
  if (!onPostgres) return null;
  const file = join(dataDir, 'server.json');
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const env = {
      DATABASE_URL: await createDatabase('rk_seeded'),
      REGIONKARTAN_SECRET: randomBytes(36).toString('base64url')
    };
    await writeFile(file, JSON.stringify(env));
    return env;
  }
}

/** What startStack needs for a data directory (server mode in the `pg` project). */
export async function stackOptions(dataDir: string) {
  const server = await serverModeOf(dataDir);
  return { dataDir, databaseUrl: server?.DATABASE_URL ?? null, env: server ?? {} };
}

/**
 * A data directory of a stack that has started before (migrated and seeded, new
 * secrets at its next start). On PGlite a copy of the run's (tests/support/pglite-setup.ts);
 * in server mode an empty one, as the database is made from the seeded template anyway.
 */
export async function startedDir(): Promise<string> {
  const dir = await tempDir();
  if (!onPostgres) await cp(inject('stackStarted'), dir, { recursive: true });
  return dir;
}

/** The stack on `dataDir` as it is, or on a directory of its own that has started before. */
export async function startTestStack(dataDir?: string): Promise<TestStack> {
  const dir = dataDir ?? (await startedDir());
  const stack = await startStack({
    ...(await stackOptions(dir)),
    port: 0,
    host: '127.0.0.1',
    buildDir: null
  });
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });

  const sql: TestStack['sql'] = async (text, params) => (await pool.query(text, params)).rows;

  return {
    ...stack,
    sql,
    async client(userId) {
      const token = userId
        ? await signToken(stack.jwtSecret, { role: 'authenticated', sub: userId }, '1h')
        : stack.anonKey;
      return createClient<Database>(stack.url, stack.anonKey, {
        accessToken: async () => token,
        // Node 20 has no global WebSocket; supabase-js constructs its realtime client eagerly.
        realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
      });
    },
    async user(name, membership) {
      const [row] = await sql<{ id: string }>(
        `insert into auth.users (email) values ($1) returning id`,
        [`${name}-${Math.random().toString(36).slice(2)}@example.test`]
      );
      const id = row!.id;
      if (membership) {
        await sql(`insert into map_members (map_id, user_id, role) values ($1, $2, $3)`, [
          membership.mapId,
          id,
          membership.role
        ]);
      }
      return id;
    },
    async stop() {
      await endPool(pool);
      await stack.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    }
  };
}
