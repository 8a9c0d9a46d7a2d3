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
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const seedDataDir = join(root, 'supabase', 'seed-data');
export const seedSqlFile = join(root, 'supabase', 'seed.sql');

// These mirror the check constraints in supabase/migrations.
export const NODE_KINDS = [
  'municipality',
  'organisation',
  'network',
  'project',
  'resource',
  'event'
];
export const RELATION_KINDS = [
  'flows_to',
  'similar_to',
  'member_of',
  'participates_in',
  'leads',
  'hosts',
  'assists',
  'prepares_for',
  'part_of',
  'partner_of',
  'collaborates_with',
  'funds'
];
export const SYMMETRIC_RELATION_KINDS = ['similar_to', 'partner_of', 'collaborates_with'];
export const STATUSES = ['planned', 'active', 'dormant', 'ended'];
export const VISIBILITIES = ['private', 'link', 'public'];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const THEME_KEY_RE = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const NODE_KEY_RE = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const INDICATOR_KEY_RE = /^[a-z0-9][a-z0-9_]{0,79}$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
const MUNICIPALITY_CODE_RE = /^[0-9]{4}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_RE = /^[0-9]{4}(\/[0-9]{2})?$/;
const NUMBER_RE = /^-?\d+(\.\d+)?$/;
const URL_RE = /^https:\/\/\S+$/;

/**
 * @typedef {{ id: string, title: string, description: string, visibility: string, source: string }} SeedMap
 * @typedef {{ key: string, label_sv: string, label_en: string, description: string,
 *   color: string, sort_order: number, source: string }} SeedTheme
 * @typedef {{ key: string, kind: string, title: string, description: string,
 *   url: string | null, municipality_code: string | null, lon: number | null,
 *   lat: number | null, themes: string[], status: string, start_date: string | null,
 *   end_date: string | null, contact: string, source: string, file: string }} SeedNode
 * @typedef {{ key: string, from: string, to: string, kind: string, magnitude: number | null,
 *   unit: string | null, year: number | null, score: number | null, themes: string[],
 *   note: string, source: string }} SeedRelation
 * @typedef {{ municipality_code: string, key: string, label_sv: string, label_en: string,
 *   unit: string, year: string, value: string, source: string }} SeedIndicator
 * @typedef {{ map: SeedMap, themes: SeedTheme[], nodes: SeedNode[],
 *   relations: SeedRelation[], indicators: SeedIndicator[] }} Seed
 * @typedef {Record<string, string>} SeedSources  relative path (e.g. 'nodes/networks.yaml') → file text
 * @typedef {{ seed: Seed | null, errors: string[] }} ValidationResult
 */

// ---------------------------------------------------------------------------
// Deterministic ids and SQL literals
// ---------------------------------------------------------------------------

/**
 * A UUID (version 5 layout) from sha1("regionkartan:<map id>:<table>:<key>").
 * @param {string} mapId
 * @param {string} table
 * @param {string} key
 */
export function deterministicUuid(mapId, table, key) {
  const bytes = createHash('sha1').update(`regionkartan:${mapId}:${table}:${key}`, 'utf8').digest();
  const b = bytes.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A SQL literal: null, a number, a boolean or a single-quoted string (quotes doubled).
 * @param {string | number | boolean | null | undefined} value
 */
export function sqlLiteral(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value.includes('\0')) throw new Error('a SQL string cannot contain NUL');
  return `'${value.replaceAll("'", "''")}'`;
}

/** @param {readonly string[]} values */
export function sqlTextArray(values) {
  if (values.length === 0) return `'{}'::text[]`;
  return `array[${values.map(sqlLiteral).join(', ')}]::text[]`;
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/**
 * Parses a simple CSV (comma separated, optional double quotes, first row = header).
 * @param {string} text
 * @returns {{ header: string[], rows: string[][] }}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let record = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
    i += 1;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ''));
  const [header = [], ...rows] = nonEmpty;
  return { header, rows };
}

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

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** @param {unknown} v */
const isNonEmptyString = (v) => typeof v === 'string' && v.trim().length > 0;

/** @param {string} s */
function isValidDate(s) {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/**
 * Collects errors about one item, each prefixed with where it is.
 */
class ItemContext {
  /**
   * @param {string[]} errors
   * @param {string} where
   * @param {Record<string, unknown>} item
   */
  constructor(errors, where, item) {
    this.errors = errors;
    this.where = where;
    this.item = item;
  }

  /** @param {string} message */
  error(message) {
    this.errors.push(`${this.where}: ${message}`);
  }

  /** @param {readonly string[]} allowed */
  onlyKeys(allowed) {
    for (const k of Object.keys(this.item)) {
      if (!allowed.includes(k)) this.error(`unknown field "${k}"`);
    }
  }

  /** @param {string} field @returns {string} */
  requiredString(field) {
    const v = this.item[field];
    if (!isNonEmptyString(v)) {
      this.error(`missing or empty "${field}"`);
      return '';
    }
    return /** @type {string} */ (v).trim();
  }

  /** @param {string} field @returns {string | null} */
  optionalString(field) {
    const v = this.item[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.error(`"${field}" must be text`);
      return null;
    }
    return v.trim();
  }

  /** @param {string} field @returns {number | null} */
  optionalNumber(field) {
    const v = this.item[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.error(`"${field}" must be a number`);
      return null;
    }
    return v;
  }

  /** @param {string} field @param {Set<string>} themeKeys @returns {string[]} */
  themes(field, themeKeys) {
    const v = this.item[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.error(`"${field}" must be a list of theme keys`);
      return [];
    }
    /** @type {string[]} */
    const out = [];
    for (const t of v) {
      if (typeof t !== 'string' || !themeKeys.has(t)) this.error(`unknown theme "${String(t)}"`);
      else if (out.includes(t)) this.error(`theme "${t}" listed twice`);
      else out.push(t);
    }
    return out;
  }
}

/**
 * @param {SeedSources} sources
 * @param {string} path
 * @param {string[]} errors
 * @returns {unknown}
 */
function parseYamlFile(sources, path, errors) {
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

/**
 * @param {unknown} doc
 * @param {string} path
 * @param {string[]} errors
 * @returns {Record<string, unknown>[]}
 */
function asItemList(doc, path, errors) {
  if (doc === null || doc === undefined) return [];
  if (!Array.isArray(doc)) {
    errors.push(`${path}: expected a list of items`);
    return [];
  }
  /** @type {Record<string, unknown>[]} */
  const items = [];
  doc.forEach((item, i) => {
    if (isObject(item)) items.push(item);
    else errors.push(`${path}: item ${i + 1}: expected a mapping`);
  });
  return items;
}

/**
 * @param {string} path
 * @param {number} index
 * @param {Record<string, unknown>} item
 * @param {string} [label]
 */
function where(path, index, item, label = 'key') {
  const k = item[label];
  return `${path}: item ${index + 1}${typeof k === 'string' ? ` ("${k}")` : ''}`;
}

/**
 * Validates parsed seed data and turns it into rows. Never throws on bad data: every
 * problem is reported in `errors` (and `seed` is null when there is any).
 * @param {SeedSources} sources
 * @returns {ValidationResult}
 */
export function validateSeed(sources) {
  /** @type {string[]} */
  const errors = [];

  // --- map -----------------------------------------------------------------
  const mapDoc = parseYamlFile(sources, 'map.yaml', errors);
  /** @type {SeedMap} */
  let map = { id: '', title: '', description: '', visibility: 'public', source: '' };
  if (isObject(mapDoc)) {
    const c = new ItemContext(errors, 'map.yaml', mapDoc);
    c.onlyKeys(['id', 'title', 'description', 'visibility', 'source']);
    const id = c.requiredString('id');
    if (id && !UUID_RE.test(id)) c.error(`"id" must be a lower-case UUID`);
    const visibility = c.requiredString('visibility');
    if (visibility && !VISIBILITIES.includes(visibility)) {
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

  // --- themes --------------------------------------------------------------
  /** @type {SeedTheme[]} */
  const themes = [];
  const themeKeys = new Set();
  asItemList(parseYamlFile(sources, 'themes.yaml', errors), 'themes.yaml', errors).forEach(
    (item, i) => {
      const c = new ItemContext(errors, where('themes.yaml', i, item), item);
      c.onlyKeys(['key', 'label_sv', 'label_en', 'description', 'color', 'sort_order', 'source']);
      const key = c.requiredString('key');
      if (key && !THEME_KEY_RE.test(key)) c.error(`invalid theme key "${key}" (a-z0-9_-)`);
      if (key && themeKeys.has(key)) c.error(`duplicate theme key "${key}"`);
      themeKeys.add(key);
      const color = c.requiredString('color');
      if (color && !COLOR_RE.test(color)) c.error(`"color" must be #rrggbb, got "${color}"`);
      const sortOrder = c.optionalNumber('sort_order') ?? 0;
      if (!Number.isInteger(sortOrder)) c.error(`"sort_order" must be an integer`);
      themes.push({
        key,
        label_sv: c.requiredString('label_sv'),
        label_en: c.requiredString('label_en'),
        description: c.optionalString('description') ?? '',
        color,
        sort_order: sortOrder,
        source: c.requiredString('source')
      });
    }
  );

  // --- nodes ---------------------------------------------------------------
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
      if (kind && !NODE_KINDS.includes(kind)) c.error(`unknown node kind "${kind}"`);
      const title = c.requiredString('title');
      if (title.length > 200) c.error('"title" is longer than 200 characters');
      const status = c.optionalString('status') ?? 'active';
      if (!STATUSES.includes(status)) c.error(`unknown status "${status}"`);
      const url = c.optionalString('url');
      if (url !== null && !URL_RE.test(url)) c.error(`"url" must start with https:// ("${url}")`);

      let code = /** @type {unknown} */ (item.municipality_code);
      if (typeof code === 'number') code = String(code);
      /** @type {string | null} */
      let municipalityCode = null;
      if (code !== undefined && code !== null) {
        if (typeof code !== 'string' || !MUNICIPALITY_CODE_RE.test(code)) {
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
      if (lon !== null && (lon < -180 || lon > 180)) c.error('"lon" out of range');
      if (lat !== null && (lat < -90 || lat > 90)) c.error('"lat" out of range');

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

  // --- relations -----------------------------------------------------------
  /** @type {SeedRelation[]} */
  const relations = [];
  const relationKeys = new Set();
  asItemList(parseYamlFile(sources, 'relations.yaml', errors), 'relations.yaml', errors).forEach(
    (item, i) => {
      const c = new ItemContext(
        errors,
        `relations.yaml: item ${i + 1} (${String(item.from)} ${String(item.kind)} ${String(item.to)})`,
        item
      );
      c.onlyKeys([
        'from',
        'to',
        'kind',
        'magnitude',
        'unit',
        'year',
        'score',
        'themes',
        'note',
        'source'
      ]);
      const from = c.requiredString('from');
      const to = c.requiredString('to');
      const kind = c.requiredString('kind');
      if (from && !nodeFiles.has(from)) c.error(`unknown node "${from}" in "from"`);
      if (to && !nodeFiles.has(to)) c.error(`unknown node "${to}" in "to"`);
      if (from && from === to) c.error('a relation cannot connect a node to itself');
      if (kind && !RELATION_KINDS.includes(kind)) c.error(`unknown relation kind "${kind}"`);
      const [a, b] = SYMMETRIC_RELATION_KINDS.includes(kind) && to < from ? [to, from] : [from, to];
      const key = `${a}--${kind}--${b}`;
      if (relationKeys.has(key)) c.error(`duplicate relation ${from} ${kind} ${to}`);
      relationKeys.add(key);
      const magnitude = c.optionalNumber('magnitude');
      if (magnitude !== null && magnitude < 0) c.error('"magnitude" must be ≥ 0');
      const unit = c.optionalString('unit');
      if (unit !== null && unit.length > 40) c.error('"unit" is longer than 40 characters');
      const year = c.optionalNumber('year');
      if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2100)) {
        c.error('"year" must be an integer between 1900 and 2100');
      }
      const score = c.optionalNumber('score');
      if (score !== null && (score < 0 || score > 1)) c.error('"score" must be between 0 and 1');
      relations.push({
        key,
        from,
        to,
        kind,
        magnitude,
        unit,
        year,
        score,
        themes: c.themes('themes', themeKeys),
        note: c.optionalString('note') ?? '',
        source: c.requiredString('source')
      });
    }
  );

  // --- indicators ----------------------------------------------------------
  /** @type {SeedIndicator[]} */
  const indicators = [];
  const indDoc = parseYamlFile(sources, 'indicators.yaml', errors);
  if (isObject(indDoc)) {
    const c = new ItemContext(errors, 'indicators.yaml', indDoc);
    c.onlyKeys(['csv', 'municipality_column', 'ignore_columns', 'columns']);
    const csvPath = c.requiredString('csv');
    const codeColumn = c.requiredString('municipality_column');
    const ignored = Array.isArray(indDoc.ignore_columns) ? indDoc.ignore_columns.map(String) : [];
    const csvText = csvPath ? sources[csvPath] : undefined;
    if (csvPath && csvText === undefined) c.error(`the CSV file "${csvPath}" is missing`);
    /** @type {{ column: string, key: string, label_sv: string, label_en: string, unit: string, year: string, source: string }[]} */
    const columns = [];
    const seenColumns = new Set();
    const seenMeasures = new Set();
    asItemList(indDoc.columns, 'indicators.yaml: columns', errors).forEach((item, i) => {
      const ic = new ItemContext(
        errors,
        where('indicators.yaml: columns', i, item, 'column'),
        item
      );
      ic.onlyKeys(['column', 'key', 'label_sv', 'label_en', 'unit', 'year', 'source']);
      const column = ic.requiredString('column');
      if (column && seenColumns.has(column)) ic.error(`column "${column}" is described twice`);
      seenColumns.add(column);
      const key = ic.requiredString('key');
      if (key && !INDICATOR_KEY_RE.test(key)) ic.error(`invalid indicator key "${key}" (a-z0-9_)`);
      const rawYear = item.year;
      const year = typeof rawYear === 'number' ? String(rawYear) : ic.requiredString('year');
      if (year && !YEAR_RE.test(year)) ic.error(`"year" must look like 2024 or 2024/25`);
      if (seenMeasures.has(`${key}|${year}`))
        ic.error(`indicator "${key}" ${year} is defined twice`);
      seenMeasures.add(`${key}|${year}`);
      columns.push({
        column,
        key,
        label_sv: ic.requiredString('label_sv'),
        label_en: ic.requiredString('label_en'),
        unit: ic.optionalString('unit') ?? '',
        year,
        source: ic.requiredString('source')
      });
    });

    if (csvText !== undefined) {
      const { header, rows } = parseCsv(csvText);
      const codeIndex = header.indexOf(codeColumn);
      if (codeIndex < 0) c.error(`the CSV has no column "${codeColumn}"`);
      for (const h of header) {
        if (h !== codeColumn && !ignored.includes(h) && !seenColumns.has(h)) {
          c.error(`CSV column "${h}" is not described in "columns" (or listed in ignore_columns)`);
        }
      }
      for (const col of columns) {
        if (col.column && !header.includes(col.column)) {
          c.error(`column "${col.column}" is not in ${csvPath}`);
        }
      }
      const seenCodes = new Set();
      rows.forEach((row, r) => {
        const rowWhere = `${csvPath}: row ${r + 2}`;
        if (row.length !== header.length) {
          errors.push(`${rowWhere}: ${row.length} cells, expected ${header.length}`);
          return;
        }
        const code = (row[codeIndex] ?? '').trim();
        if (!MUNICIPALITY_CODE_RE.test(code)) {
          errors.push(`${rowWhere}: "${code}" is not a four-digit municipality code`);
          return;
        }
        if (seenCodes.has(code)) errors.push(`${rowWhere}: municipality ${code} appears twice`);
        seenCodes.add(code);
        if (!municipalityCodes.has(code)) {
          errors.push(`${rowWhere}: no municipality node has code ${code}`);
        }
        for (const col of columns) {
          const value = (row[header.indexOf(col.column)] ?? '').trim();
          if (value === '') continue;
          if (!NUMBER_RE.test(value)) {
            errors.push(`${rowWhere}: "${col.column}" is not a number ("${value}")`);
            continue;
          }
          indicators.push({
            municipality_code: code,
            key: col.key,
            label_sv: col.label_sv,
            label_en: col.label_en,
            unit: col.unit,
            year: col.year,
            value,
            source: col.source
          });
        }
      });
    }
  } else if (indDoc !== undefined) errors.push('indicators.yaml: expected a mapping');

  if (errors.length > 0) return { seed: null, errors };
  return { seed: { map, themes, nodes, relations, indicators }, errors };
}

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

/**
 * @param {string} table
 * @param {string[]} columns
 * @param {string[][]} rows  SQL literals
 */
function insertStatement(table, columns, rows) {
  if (rows.length === 0) return `-- (no rows for ${table})\n`;
  const values = rows.map((r) => `  (${r.join(', ')})`).join(',\n');
  return `insert into ${table} (${columns.join(', ')}) values\n${values};\n`;
}

/**
 * Builds the seed SQL. Pure and deterministic: no dates, no randomness.
 * The loader runs it in a transaction, so it has no begin/commit of its own.
 * @param {Seed} seed
 * @param {string[]} inputFiles  the input file names, listed in the header
 */
export function buildSeedSql(seed, inputFiles) {
  const mapId = seed.map.id;
  const nodeId = (/** @type {string} */ key) => deterministicUuid(mapId, 'nodes', key);
  const L = sqlLiteral;
  const out = [];
  out.push(
    '-- GENERATED FILE — do not edit by hand.',
    '-- Generated by scripts/generate-seed.js (npm run seed:generate) from supabase/seed-data/:',
    ...[...inputFiles].sort().map((f) => `--   ${f}`),
    '-- Ids are derived from the keys in those files, so they stay the same on regeneration.',
    '-- The loader runs this file inside one transaction.',
    `-- ${seed.themes.length} themes, ${seed.nodes.length} nodes, ${seed.relations.length} relations, ${seed.indicators.length} indicators.`,
    ''
  );

  out.push(
    insertStatement(
      'public.maps',
      ['id', 'title', 'description', 'visibility', 'source'],
      [
        [
          L(mapId),
          L(seed.map.title),
          L(seed.map.description),
          L(seed.map.visibility),
          L(seed.map.source)
        ]
      ]
    )
  );

  out.push(
    insertStatement(
      'public.themes',
      [
        'id',
        'map_id',
        'key',
        'label_sv',
        'label_en',
        'description',
        'color',
        'sort_order',
        'source'
      ],
      seed.themes.map((t) => [
        L(deterministicUuid(mapId, 'themes', t.key)),
        L(mapId),
        L(t.key),
        L(t.label_sv),
        L(t.label_en),
        L(t.description),
        L(t.color),
        L(t.sort_order),
        L(t.source)
      ])
    )
  );

  out.push(
    insertStatement(
      'public.nodes',
      [
        'id',
        'map_id',
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
      ],
      seed.nodes.map((n) => [
        L(nodeId(n.key)),
        L(mapId),
        L(n.kind),
        L(n.title),
        L(n.description),
        L(n.url),
        L(n.municipality_code),
        L(n.lon),
        L(n.lat),
        sqlTextArray(n.themes),
        L(n.status),
        n.start_date === null ? 'null' : `${L(n.start_date)}::date`,
        n.end_date === null ? 'null' : `${L(n.end_date)}::date`,
        L(n.contact),
        L(n.source)
      ])
    )
  );

  out.push(
    insertStatement(
      'public.relations',
      [
        'id',
        'map_id',
        'source_id',
        'target_id',
        'kind',
        'magnitude',
        'unit',
        'year',
        'score',
        'themes',
        'note',
        'source'
      ],
      seed.relations.map((r) => [
        L(deterministicUuid(mapId, 'relations', r.key)),
        L(mapId),
        L(nodeId(r.from)),
        L(nodeId(r.to)),
        L(r.kind),
        L(r.magnitude),
        L(r.unit),
        L(r.year),
        L(r.score),
        sqlTextArray(r.themes),
        L(r.note),
        L(r.source)
      ])
    )
  );

  out.push(
    insertStatement(
      'public.indicators',
      [
        'id',
        'map_id',
        'municipality_code',
        'key',
        'label_sv',
        'label_en',
        'unit',
        'year',
        'value',
        'source'
      ],
      seed.indicators.map((ind) => [
        L(
          deterministicUuid(mapId, 'indicators', `${ind.municipality_code}:${ind.key}:${ind.year}`)
        ),
        L(mapId),
        L(ind.municipality_code),
        L(ind.key),
        L(ind.label_sv),
        L(ind.label_en),
        L(ind.unit),
        L(ind.year),
        ind.value,
        L(ind.source)
      ])
    )
  );

  return out.join('\n');
}

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

// ---------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------

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
