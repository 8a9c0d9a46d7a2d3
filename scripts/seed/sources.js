// @ts-check
// The seed data files: read from supabase/seed-data/ into memory (path → text),
// and the two formats in them, YAML and CSV, parsed.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { parse as parseYaml } from 'yaml';

/** @typedef {import('./types.js').SeedSources} SeedSources */

const root = fileURLToPath(new URL('../..', import.meta.url));
export const seedDataDir = join(root, 'supabase', 'seed-data');
export const seedSqlFile = join(root, 'supabase', 'seed.sql');

/**
 * Reads every seed data file below dir into a SeedSources map (paths relative, '/'-separated).
 * @param {string} [dir]
 * @returns {Promise<SeedSources>}
 */
export async function readSeedSources(dir = seedDataDir) {
  /** @type {SeedSources} */
  const sources = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(ya?ml|csv)$/.test(entry.name)) continue;
    const full = join(entry.parentPath, entry.name);
    sources[relative(dir, full).split('\\').join('/')] = await readFile(full, 'utf8');
  }
  return sources;
}

/**
 * Parses a comma-separated CSV (optional double quotes; first row = header; empty
 * lines skipped).
 * @param {string} text
 * @returns {{ header: string[], rows: string[][] }}
 */
export function parseCsv(text) {
  const { data } = Papa.parse(text.replace(/^\uFEFF/, ''), {
    delimiter: ',',
    skipEmptyLines: true
  });
  const [header = [], ...rows] = /** @type {string[][]} */ (data);
  return { header, rows };
}

/**
 * A YAML file of the sources, parsed; undefined (and an error) when it is missing or invalid.
 * @param {SeedSources} sources
 * @param {string} path
 * @param {string[]} errors
 * @returns {unknown}
 */
export function parseYamlFile(sources, path, errors) {
  const text = sources[path];
  if (text === undefined) {
    errors.push(`${path}: file is missing`);
    return undefined;
  }
  try {
    return parseYaml(text);
  } catch (e) {
    errors.push(`${path}: invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
