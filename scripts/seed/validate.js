// @ts-check
// All seed files checked together and turned into rows: the map, its themes,
// the nodes (whose themes must exist), the relations (whose ends must be nodes)
// the indicators (whose municipalities must be nodes) and the graph's picture
// (whose keys must be nodes).
import { validateIndicators } from './indicators.js';
import { validateMap } from './map.js';
import { validateNodes } from './nodes.js';
import { validatePositions } from './positions.js';
import { validateRelations } from './relations.js';
import { validateThemes } from './themes.js';

/**
 * Validates parsed seed data and turns it into rows. Never throws on bad data: every
 * problem is reported in `errors` (and `seed` is null when there is any).
 * @param {import('./types.js').SeedSources} sources
 * @returns {import('./types.js').ValidationResult}
 */
export function validateSeed(sources) {
  /** @type {string[]} */
  const errors = [];
  const map = validateMap(sources, errors);
  const { themes, themeKeys } = validateThemes(sources, errors);
  const { nodes, nodeFiles, municipalityCodes } = validateNodes(sources, errors, themeKeys);
  const relations = validateRelations(sources, errors, themeKeys, nodeFiles);
  const indicators = validateIndicators(sources, errors, municipalityCodes);
  const positions = validatePositions(sources, errors, nodeFiles);
  if (errors.length > 0) return { seed: null, errors };
  return { seed: { map, themes, nodes, relations, indicators, positions }, errors };
}
