// The schema migrations: they apply on a fresh database (PGlite, or an empty
// PostgreSQL database), exactly once, and leave every table in schema public
// protected by row level security.
import { readFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBootstrap, applyMigrations, listMigrations } from '../../server/database/migrate.js';
import { emptyDatabase } from '../helpers/db';

const EXPECTED_TABLES = [
  'changes',
  'indicators',
  'map_members',
  'maps',
  'node_positions',
  'nodes',
  'presentations',
  'proposals',
  'relations',
  'rounds',
  'stories',
  'story_steps',
  'themes',
  'votes'
];

/** Ordinary and partitioned tables in schema public without RLS enabled. */
async function tablesWithoutRls(db: PGlite): Promise<string[]> {
  const res = await db.query<{ relname: string }>(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
     order by 1`
  );
  return res.rows.map((r) => r.relname);
}

describe('migrations on a fresh database', () => {
  let db: PGlite;
  let firstRun: string[];

  beforeAll(async () => {
    db = await emptyDatabase();
    await applyBootstrap(db);
    firstRun = await applyMigrations(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration file, in name order', async () => {
    const files = (await listMigrations()).map((m) => m.name);
    expect(files.length).toBeGreaterThan(0);
    expect(firstRun).toEqual(files);
    expect([...files].sort()).toEqual(files);
  });

  it('applies nothing the second time and records each migration once', async () => {
    expect(await applyMigrations(db)).toEqual([]);
    const res = await db.query<{ name: string; n: number }>(
      `select name, count(*)::int as n from local_meta.schema_migrations group by name order by name`
    );
    expect(res.rows).toEqual(firstRun.map((name) => ({ name, n: 1 })));
  });

  it('tolerates the bootstrap running again (every start of the local stack)', async () => {
    await expect(applyBootstrap(db)).resolves.toBeUndefined();
  });

  it('creates the expected tables in schema public', async () => {
    const res = await db.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`
    );
    expect(res.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
  });

  it('enables row level security on every table in schema public', async () => {
    expect(await tablesWithoutRls(db)).toEqual([]);
  });

  it('gives every table in schema public at least one policy', async () => {
    const res = await db.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
         and not exists (select 1 from pg_policy p where p.polrelid = c.oid)`
    );
    expect(res.rows).toEqual([]);
  });

  it('the RLS check notices a table added without RLS', async () => {
    // Proves the check above can fail: a table without RLS is reported.
    await db.exec(`begin; create table public.rls_probe (id int)`);
    try {
      expect(await tablesWithoutRls(db)).toEqual(['rls_probe']);
    } finally {
      await db.exec(`rollback`);
    }
    expect(await tablesWithoutRls(db)).toEqual([]);
  });
});

describe('migration files', () => {
  it('never create roles or the auth schema (hosted Supabase owns them)', async () => {
    for (const migration of await listMigrations()) {
      const sql = (await readFile(migration.path, 'utf8')).replace(/--.*$/gm, '');
      expect(sql, migration.name).not.toMatch(/\bcreate\s+role\b/i);
      expect(sql, migration.name).not.toMatch(
        /\b(create|alter|drop)\s+schema\s+(if\s+\w+\s+)*auth\b/i
      );
      expect(sql, migration.name).not.toMatch(/\bcreate\s+(table|function)\s+auth\./i);
    }
  });
});
