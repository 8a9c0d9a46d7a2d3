// Starts the real local stack (PGlite + pglite-socket + PostgREST + HTTP) in
// this process on free ports with a temporary data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startStack } from '../../server/stack.js';
import { signToken } from '../../server/secrets.js';
import type { Database } from '../../src/lib/domain/database.types';

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

export async function startTestStack(dataDir?: string): Promise<TestStack> {
  const dir = dataDir ?? (await tempDir());
  const stack = await startStack({ dataDir: dir, port: 0, host: '127.0.0.1', buildDir: null });
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
      await pool.end();
      await stack.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    }
  };
}
