// @ts-check
// What every start does to its database, PGlite or PostgreSQL: the platform bootstrap
// (only what is missing), the pending migrations (each in its own transaction, recorded),
// and the seed on the first start only.
import { applyBootstrap, applyMigrations } from './migrate.js';
import { seedIfNeeded } from './seed.js';

/**
 * @param {import('./migrate.js').Database} db
 * @param {(line: string) => void} log
 * @returns {Promise<{ migrations: string[], seeded: boolean }>}
 */
export async function setupDatabase(db, log) {
  await applyBootstrap(db);
  const migrations = await applyMigrations(db);
  if (migrations.length) log(`Migreringar / migrations: ${migrations.join(', ')}`);
  const seeded = await seedIfNeeded(db);
  if (seeded) log('Den regionala kartan har seedats. / Seeded the regional map.');
  return { migrations, seeded };
}
