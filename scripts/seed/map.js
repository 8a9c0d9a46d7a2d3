// @ts-check
// map.yaml: the map itself (its fixed id, title, visibility and source).
import { VISIBILITIES } from '../../src/lib/domain/kinds.js';
import { isObject, ItemContext } from './checks.js';
import { parseYamlFile } from './sources.js';

/** @typedef {import('./types.js').SeedMap} SeedMap */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @param {string} value */
const isVisibility = (value) => /** @type {readonly string[]} */ (VISIBILITIES).includes(value);

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @returns {SeedMap}
 */
export function validateMap(sources, errors) {
  const mapDoc = parseYamlFile(sources, 'map.yaml', errors);
  /** @type {SeedMap} */
  let map = { id: '', title: '', description: '', visibility: 'public', source: '' };
  if (isObject(mapDoc)) {
    const c = new ItemContext(errors, 'map.yaml', mapDoc);
    c.onlyKeys(['id', 'title', 'description', 'visibility', 'source']);
    const id = c.requiredString('id');
    if (id && !UUID_RE.test(id)) c.error(`"id" must be a lower-case UUID`);
    const visibility = c.requiredString('visibility');
    if (visibility && !isVisibility(visibility)) {
      c.error(`unknown visibility "${visibility}"`);
    }
    map = {
      id,
      title: c.requiredString('title'),
      description: c.optionalString('description') ?? '',
      visibility,
      source: c.requiredString('source')
    };
  } else if (mapDoc !== undefined) errors.push('map.yaml: expected a mapping');
  return map;
}
