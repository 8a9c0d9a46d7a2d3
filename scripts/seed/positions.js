// @ts-check
// positions.yaml: the seeded map's graph picture, node key → [x, y] in graph units,
// as `npm run seed:layout` (scripts/seed/layout.js) computed it. Optional: without
// it the seeded map has no stored picture and its first load lays the graph out.
import { isObject } from './checks.js';
import { parseYamlFile } from './sources.js';

export const POSITIONS_FILE = 'positions.yaml';

/** The database's bound on a coordinate (node_positions_finite). */
const LIMIT = 1e7;

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @param {Map<string, string>} nodeFiles  node key → its file (the nodes that exist)
 * @returns {import('./types.js').SeedPosition[]}
 */
export function validatePositions(sources, errors, nodeFiles) {
  if (sources[POSITIONS_FILE] === undefined) return [];
  const parsed = parseYamlFile(sources, POSITIONS_FILE, errors);
  if (parsed === undefined) return [];
  if (!isObject(parsed)) {
    errors.push(`${POSITIONS_FILE}: must map node keys to [x, y]`);
    return [];
  }
  /** @type {import('./types.js').SeedPosition[]} */
  const positions = [];
  for (const [key, value] of Object.entries(parsed)) {
    const at = `${POSITIONS_FILE} (${key})`;
    if (!nodeFiles.has(key)) {
      errors.push(`${at}: no node has the key "${key}"`);
      continue;
    }
    const [x, y] = Array.isArray(value) && value.length === 2 ? value : [];
    if (![x, y].every((v) => typeof v === 'number' && Math.abs(v) <= LIMIT)) {
      errors.push(`${at}: must be [x, y], two numbers between -${LIMIT} and ${LIMIT}`);
      continue;
    }
    positions.push({ key, x: /** @type {number} */ (x), y: /** @type {number} */ (y) });
  }
  return positions;
}
