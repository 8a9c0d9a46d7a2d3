// @ts-check
// Applies the platform bootstrap (local stack only) and every pending migration
// from supabase/migrations, each once, recorded in local_meta.schema_migrations.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const migrationsDir = join(root, 'supabase', 'migrations');
const bootstrapFile = fileURLToPath(new URL('./bootstrap.sql', import.meta.url));

/** @typedef {{ exec(sql: string): Promise<unknown>; query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>; transaction<T>(fn: (tx: any) => Promise<T>): Promise<T> }} Database */

/** @param {Database} db */
export async function applyBootstrap(db) {
  await db.exec(await readFile(bootstrapFile, 'utf8'));
}

/** The migration files in the order they must run. */
export async function listMigrations(dir = migrationsDir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => ({ name: file.replace(/\.sql$/, ''), path: join(dir, file) }));
}

/**
 * Applies what has not run yet, each migration in its own transaction.
 * @param {Database} db
 * @returns {Promise<string[]>} the names applied now
 */
export async function applyMigrations(db, dir = migrationsDir) {
  await db.exec(`
    create schema if not exists local_meta;
    create table if not exists local_meta.schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    );
  `);
  const done = new Set(
    (await db.query(`select name from local_meta.schema_migrations`)).rows.map(
      (/** @type {any} */ r) => r.name
    )
  );
  const applied = [];
  for (const migration of await listMigrations(dir)) {
    if (done.has(migration.name)) continue;
    const sql = await readFile(migration.path, 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query(`insert into local_meta.schema_migrations (name) values ($1)`, [
        migration.name
      ]);
    });
    applied.push(migration.name);
  }
  return applied;
}
