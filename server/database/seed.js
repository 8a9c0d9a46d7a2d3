// @ts-check
// Seeds the regional map on first start only, in one transaction, and records
// that it did so: a database that was seeded once is never seeded again.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const seedFile = fileURLToPath(new URL('../../supabase/seed.sql', import.meta.url));

/**
 * @param {import('./migrate.js').Database} db
 * @returns {Promise<boolean>} whether it seeded now
 */
export async function seedIfNeeded(db, file = seedFile) {
  await db.exec(`
    create schema if not exists local_meta;
    create table if not exists local_meta.seeded (
      file text not null,
      seeded_at timestamptz not null default now()
    );
  `);
  const done = await db.query(`select 1 from local_meta.seeded limit 1`);
  if (done.rows.length > 0) return false;
  const sql = await readFile(file, 'utf8');
  await db.transaction(async (tx) => {
    await tx.exec(sql);
    await tx.query(`insert into local_meta.seeded (file) values ($1)`, ['supabase/seed.sql']);
  });
  return true;
}
