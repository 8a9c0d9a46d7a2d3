// @ts-check
// Generates supabase/seed.sql from the readable data in supabase/seed-data/:
//   map.yaml, themes.yaml, nodes/*.yaml, relations.yaml, indicators.yaml + its CSV.
//
//   node scripts/generate-seed.js           validate and (re)write supabase/seed.sql
//   node scripts/generate-seed.js --check   exit 1 if supabase/seed.sql is not up to date
//
// Validation problems are printed with the file and item they concern, and exit 1.
// The output is deterministic: the same input gives a byte-identical file, and every id
// is a UUID derived from the item's key, so regeneration never changes ids.
// The parts live in scripts/seed/: reading the files (sources.js), checking them
// (validate.js and one module per file), ids (ids.js) and the SQL (sql.js).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeedSources, seedDataDir, seedSqlFile } from './seed/sources.js';
import { buildSeedSql } from './seed/sql.js';
import { validateSeed } from './seed/validate.js';

/** @typedef {import('./seed/types.js').Seed} Seed */
/** @typedef {import('./seed/types.js').SeedSources} SeedSources */

/**
 * Validates the sources and builds the SQL.
 * @param {SeedSources} sources
 * @returns {{ sql: string | null, seed: Seed | null, errors: string[] }}
 */
export function generateSeed(sources) {
  const { seed, errors } = validateSeed(sources);
  if (!seed) return { sql: null, seed: null, errors };
  return { sql: buildSeedSql(seed, Object.keys(sources)), seed, errors: [] };
}

/**
 * The `--check` rule: the committed file must equal the generated one, byte for byte.
 * @param {string | null} existing  the current supabase/seed.sql (null if missing)
 * @param {string} generated
 */
export function isSeedUpToDate(existing, generated) {
  return existing === generated;
}

/**
 * @param {string[]} argv
 * @param {{ dataDir?: string, sqlFile?: string }} [paths]  overridable for tests
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { dataDir = seedDataDir, sqlFile = seedSqlFile } = {}) {
  const check = argv.includes('--check');
  const sources = await readSeedSources(dataDir);
  const { sql, seed, errors } = generateSeed(sources);
  if (!sql || !seed) {
    console.error(`Seed data in supabase/seed-data/ is invalid (${errors.length} problems):`);
    for (const e of errors) console.error(`  - ${e}`);
    return 1;
  }
  const summary = `${seed.nodes.length} nodes, ${seed.relations.length} relations, ${seed.themes.length} themes, ${seed.indicators.length} indicators`;
  if (check) {
    /** @type {string | null} */
    const existing = await readFile(sqlFile, 'utf8').catch(() => null);
    if (!isSeedUpToDate(existing, sql)) {
      console.error(
        existing === null
          ? 'supabase/seed.sql is missing. Run `npm run seed:generate` and commit the result.'
          : 'supabase/seed.sql is out of date with supabase/seed-data/. Run `npm run seed:generate` and commit the result.'
      );
      return 1;
    }
    console.log(`supabase/seed.sql is up to date (${summary}).`);
    return 0;
  }
  await writeFile(sqlFile, sql, 'utf8');
  console.log(`Wrote supabase/seed.sql (${summary}).`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    }
  );
}
