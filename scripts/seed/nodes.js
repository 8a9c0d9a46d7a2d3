// @ts-check
// nodes/*.yaml: the map's nodes, one file per kind of thing (any number of files).
import { DEFAULT_STATUS, isNodeKind, isStatus } from '../../src/lib/domain/kinds.js';
import { isWithin, MAX_LENGTH, PATTERN, RANGE } from '../../src/lib/domain/limits.js';
import { asItemList, isValidDate, ItemContext, where } from './checks.js';
import { parseYamlFile } from './sources.js';

/** @typedef {import('./types.js').SeedNode} SeedNode */

const NODE_KEY_RE = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const URL_RE = /^https:\/\/\S+$/;

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @param {Set<string>} themeKeys
 * @returns {{ nodes: SeedNode[], nodeFiles: Map<string, string>, municipalityCodes: Map<string, string> }}
 *   nodeFiles: key → file where first defined; municipalityCodes: code → node key
 */
export function validateNodes(sources, errors, themeKeys) {
  /** @type {SeedNode[]} */
  const nodes = [];
  /** @type {Map<string, string>} key → file where first defined */
  const nodeFiles = new Map();
  /** @type {Map<string, string>} municipality code → node key */
  const municipalityCodes = new Map();
  const nodePaths = Object.keys(sources)
    .filter((p) => /^nodes\/[^/]+\.ya?ml$/.test(p))
    .sort();
  if (nodePaths.length === 0) errors.push('nodes/: no node files (nodes/*.yaml)');
  for (const path of nodePaths) {
    asItemList(parseYamlFile(sources, path, errors), path, errors).forEach((item, i) => {
      const c = new ItemContext(errors, where(path, i, item), item);
      c.onlyKeys([
        'key',
        'kind',
        'title',
        'description',
        'url',
        'municipality_code',
        'lon',
        'lat',
        'themes',
        'status',
        'start_date',
        'end_date',
        'contact',
        'source'
      ]);
      const key = c.requiredString('key');
      if (key && !NODE_KEY_RE.test(key)) c.error(`invalid node key "${key}" (a-z0-9_-)`);
      if (key && nodeFiles.has(key)) {
        c.error(`duplicate node key "${key}" (first defined in ${nodeFiles.get(key)})`);
      } else if (key) nodeFiles.set(key, path);
      const kind = c.requiredString('kind');
      if (kind && !isNodeKind(kind)) c.error(`unknown node kind "${kind}"`);
      const title = c.requiredString('title');
      if (title.length > MAX_LENGTH.nodes.title) {
        c.error(`"title" is longer than ${MAX_LENGTH.nodes.title} characters`);
      }
      const status = c.optionalString('status') ?? DEFAULT_STATUS;
      if (!isStatus(status)) c.error(`unknown status "${status}"`);
      const url = c.optionalString('url');
      if (url !== null && !URL_RE.test(url)) c.error(`"url" must start with https:// ("${url}")`);

      let code = /** @type {unknown} */ (item.municipality_code);
      if (typeof code === 'number') code = String(code);
      /** @type {string | null} */
      let municipalityCode = null;
      if (code !== undefined && code !== null) {
        if (typeof code !== 'string' || !PATTERN.nodes.municipality_code.test(code)) {
          c.error(`"municipality_code" must be four digits`);
        } else municipalityCode = code;
      }
      if (kind === 'municipality') {
        if (municipalityCode === null) c.error('a municipality needs a "municipality_code"');
        else if (municipalityCodes.has(municipalityCode)) {
          c.error(
            `municipality code ${municipalityCode} is already used by "${municipalityCodes.get(municipalityCode)}"`
          );
        } else municipalityCodes.set(municipalityCode, key);
      }

      const lon = c.optionalNumber('lon');
      const lat = c.optionalNumber('lat');
      if ((lon === null) !== (lat === null)) c.error('give both "lon" and "lat", or neither');
      if (lon !== null && !isWithin(lon, RANGE.nodes.lon)) c.error('"lon" out of range');
      if (lat !== null && !isWithin(lat, RANGE.nodes.lat)) c.error('"lat" out of range');

      const startDate = c.optionalString('start_date');
      const endDate = c.optionalString('end_date');
      for (const [field, value] of /** @type {const} */ ([
        ['start_date', startDate],
        ['end_date', endDate]
      ])) {
        if (value !== null && !isValidDate(value)) c.error(`"${field}" must be a YYYY-MM-DD date`);
      }
      if (startDate && endDate && startDate > endDate) c.error('"start_date" is after "end_date"');

      nodes.push({
        key,
        kind,
        title,
        description: c.optionalString('description') ?? '',
        url,
        municipality_code: municipalityCode,
        lon,
        lat,
        themes: c.themes('themes', themeKeys),
        status,
        start_date: startDate,
        end_date: endDate,
        contact: c.optionalString('contact') ?? '',
        source: c.requiredString('source'),
        file: path
      });
    });
  }
  return { nodes, nodeFiles, municipalityCodes };
}
