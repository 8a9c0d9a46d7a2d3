// @ts-check
// A synthetic national-scale map for benchmarks: the 290 municipalities of
// Sweden (from static/geo/sverige-kommuner.geojson) plus generated networks,
// projects, organisations and resources, and relations between them.
// Deterministic: the same seed gives the same rows.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const geoFile = fileURLToPath(
  new URL('../../static/geo/sverige-kommuner.geojson', import.meta.url)
);

/** mulberry32: a small seeded PRNG. */
export function prng(seed = 1) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} text */
function uuidFrom(text) {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const KINDS = /** @type {const} */ (['organisation', 'network', 'project', 'resource', 'event']);
const RELATION_KINDS = /** @type {const} */ ([
  'member_of',
  'participates_in',
  'leads',
  'hosts',
  'assists',
  'prepares_for',
  'part_of',
  'partner_of',
  'collaborates_with',
  'funds',
  'flows_to',
  'similar_to'
]);
const THEMES = [
  'ska',
  'statistik',
  'juridik',
  'fritidshem',
  'segregation',
  'halsa',
  'gymnasium',
  'vux'
];
const STATUSES = /** @type {const} */ ([
  'active',
  'active',
  'active',
  'planned',
  'dormant',
  'ended'
]);

/**
 * @param {{ mapId: string, nodes?: number, relations?: number, seed?: number }} options
 */
export async function nationalDataset({ mapId, nodes = 10_000, relations = 50_000, seed = 42 }) {
  const random = prng(seed);
  const pick = (/** @type {readonly any[]} */ list) => list[Math.floor(random() * list.length)];
  const geo = JSON.parse(await readFile(geoFile, 'utf8'));
  /** @type {{ kommunkod: string, namn: string }[]} */
  const municipalities = geo.features.map((/** @type {any} */ f) => f.properties);

  const themes = THEMES.map((key, i) => ({
    map_id: mapId,
    key,
    label_sv: `Tema ${key}`,
    label_en: `Theme ${key}`,
    color: ['#1f4e79', '#6b4c9a', '#2e6b30', '#a04f00', '#00695c', '#ad1457', '#37474f', '#5d4037'][
      i
    ],
    sort_order: i,
    source: 'benchmark'
  }));

  /** @type {Record<string, unknown>[]} */
  const nodeRows = municipalities.map((m) => ({
    id: uuidFrom(`${mapId}:kommun:${m.kommunkod}`),
    map_id: mapId,
    kind: 'municipality',
    title: m.namn,
    municipality_code: m.kommunkod,
    themes: [],
    status: 'active',
    source: 'benchmark'
  }));
  for (let i = nodeRows.length; i < nodes; i++) {
    const kind = pick(KINDS);
    const themeCount = Math.floor(random() * 3);
    nodeRows.push({
      id: uuidFrom(`${mapId}:node:${i}`),
      map_id: mapId,
      kind,
      title: `${kind} ${i}`,
      municipality_code: random() < 0.8 ? pick(municipalities).kommunkod : null,
      themes: [...new Set(Array.from({ length: themeCount }, () => pick(THEMES)))],
      status: pick(STATUSES),
      source: 'benchmark'
    });
  }

  /** @type {Record<string, unknown>[]} */
  const relationRows = [];
  const seen = new Set();
  while (relationRows.length < relations) {
    const source = /** @type {string} */ (pick(nodeRows).id);
    const target = /** @type {string} */ (pick(nodeRows).id);
    const kind = pick(RELATION_KINDS);
    const key = `${source}:${target}:${kind}`;
    if (source === target || seen.has(key)) continue;
    seen.add(key);
    relationRows.push({
      id: uuidFrom(`${mapId}:relation:${relationRows.length}`),
      map_id: mapId,
      source_id: source,
      target_id: target,
      kind,
      magnitude: kind === 'flows_to' && random() < 0.5 ? Math.round(random() * 500) : null,
      themes: [],
      source: 'benchmark'
    });
  }
  return { themes, nodes: nodeRows, relations: relationRows };
}
