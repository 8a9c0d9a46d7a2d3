// @ts-check
// A synthetic national-scale map for benchmarks: the 290 municipalities of
// Sweden (from static/geo/sverige-kommuner.geojson) plus generated networks,
// projects, organisations and resources, and relations between them.
// Deterministic: the same seed gives the same rows. The kinds and statuses are
// the domain's (src/lib/domain/kinds.js), so every kind the app knows is covered.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  NODE_KINDS,
  RELATION_KIND_FACTS,
  RELATION_KINDS,
  STATUSES
} from '../../src/lib/domain/kinds.js';

const geoFile = fileURLToPath(
  new URL('../../static/geo/sverige-kommuner.geojson', import.meta.url)
);
const centroidsFile = fileURLToPath(
  new URL('../../static/geo/sverige-kommuner-centroids.geojson', import.meta.url)
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

/** The generated nodes' kinds: the municipalities come from the geography. */
const KINDS = NODE_KINDS.filter((kind) => kind !== 'municipality');
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
/** Statuses to pick from: 'active' three times as often as each of the others. */
const STATUS_DRAW = STATUSES.flatMap((status) =>
  status === 'active' ? [status, status, status] : [status]
);

/**
 * @param {{ mapId: string, nodes?: number, relations?: number, seed?: number }} options
 */
export async function nationalDataset({ mapId, nodes = 10_000, relations = 50_000, seed = 42 }) {
  const random = prng(seed);
  /** @template T @param {readonly T[]} list @returns {T} */
  const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);
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
      status: pick(STATUS_DRAW),
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
      magnitude:
        RELATION_KIND_FACTS[kind].flow && random() < 0.5 ? Math.round(random() * 500) : null,
      themes: [],
      source: 'benchmark'
    });
  }
  return {
    themes,
    nodes: nodeRows,
    relations: relationRows,
    positions: await storedPositions(nodeRows)
  };
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Stored graph positions for every node (as a layout saved once would leave
 * them): around its municipality's point, Web Mercator scaled to graph units,
 * on a sunflower spiral; nodes without a municipality on a spiral of their own
 * beside the country.
 * @param {Record<string, unknown>[]} nodes
 */
async function storedPositions(nodes) {
  const centroids = JSON.parse(await readFile(centroidsFile, 'utf8'));
  /** @type {Map<string, [number, number]>} */
  const at = new Map(
    centroids.features.map((/** @type {any} */ f) => {
      const [lon, lat] = f.geometry.coordinates;
      const phi = (lat * Math.PI) / 180;
      const y = -Math.log(Math.tan(Math.PI / 4 + phi / 2));
      return [f.properties.kommunkod, [((lon - 17) * Math.PI * 8000) / 180, (y + 1.4) * 8000]];
    })
  );
  /** @type {Map<string, number>} */
  const seen = new Map();
  return nodes.map((n) => {
    const code = /** @type {string | null} */ (n.municipality_code);
    const key = code ?? '';
    const i = seen.get(key) ?? 0;
    seen.set(key, i + 1);
    const [cx, cy] = (code && at.get(code)) || [-3200, 0];
    const r = (code ? 14 : 40) * Math.sqrt(i);
    return {
      id: n.id,
      map_id: n.map_id,
      x: Math.round(cx + r * Math.cos(i * GOLDEN_ANGLE)),
      y: Math.round(cy + r * Math.sin(i * GOLDEN_ANGLE))
    };
  });
}
