// Where each node sits on the map (and in the graph's geographic layout). Pure.
// A node with its own lon/lat sits there; a municipality sits on its centroid;
// any other node with a home municipality gets a slot on a small spiral around that
// centroid; a node with neither gets a slot around the county centre. Slots come
// from a stable hash of the node id, so the same input always gives the same
// positions, whatever the order of the nodes. When the municipality polygons are
// known, spiral slots outside the polygon are skipped (the boundaries are coarse and
// some centroids lie close to an edge), so every node stays inside its municipality.
import type { NodeRow } from '$lib/domain/model';
import { GEOGRAPHIES, type GeoPaths } from './geographies';

export interface LonLat {
  lon: number;
  lat: number;
}

/** A polygon as rings of [lon, lat]: the outer ring first, then holes. */
export type PolygonRings = number[][][];

export interface Centroid extends LonLat {
  code: string;
  name: string;
  /** Approximate land area; scales the spiral. */
  areaKm2: number | null;
  /** The municipality's polygons, when known: slots outside them are skipped. */
  polygons?: PolygonRings[];
}

export type Centroids = ReadonlyMap<string, Centroid>;

export type PlaceableNode = Pick<NodeRow, 'id' | 'kind' | 'lon' | 'lat' | 'municipality_code'>;

/** Used only when no centroids are known at all (Örebro län, roughly its middle). */
const FALLBACK_CENTRE: LonLat = { lon: 14.98, lat: 59.32 };
const KM_PER_DEG_LAT = 111.32;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** The spiral fills at most this share of the municipality's equivalent-circle radius. */
const MUNICIPALITY_RADIUS_SHARE = 0.5;
const COUNTY_RADIUS_SHARE = 0.4;
const MAX_STEP_KM = 2.5;
const DEFAULT_AREA_KM2 = 500;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads the centroid GeoJSON (properties kommunkod, namn, polygon_area_km2_approx). */
export function parseCentroids(geojson: unknown): Map<string, Centroid> {
  const result = new Map<string, Centroid>();
  const features = (geojson as { features?: unknown })?.features;
  if (!Array.isArray(features)) return result;
  for (const feature of features as unknown[]) {
    const f = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
    };
    const code = f.properties?.kommunkod;
    const coords = f.geometry?.type === 'Point' ? f.geometry.coordinates : null;
    if (typeof code !== 'string' || !Array.isArray(coords)) continue;
    const [lon, lat] = coords as unknown[];
    if (!isFiniteNumber(lon) || !isFiniteNumber(lat)) continue;
    const area = f.properties?.polygon_area_km2_approx;
    const name = f.properties?.namn;
    result.set(code, {
      code,
      name: typeof name === 'string' ? name : code,
      lon,
      lat,
      areaKm2: isFiniteNumber(area) && area > 0 ? area : null
    });
  }
  return result;
}

/** The (Multi)Polygons of a municipality GeoJSON, by kommunkod. */
export function parsePolygons(geojson: unknown): Map<string, PolygonRings[]> {
  const result = new Map<string, PolygonRings[]>();
  const features = (geojson as { features?: unknown })?.features;
  if (!Array.isArray(features)) return result;
  for (const feature of features as unknown[]) {
    const f = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
    };
    const code = f.properties?.kommunkod;
    const g = f.geometry;
    if (typeof code !== 'string' || !g || !Array.isArray(g.coordinates)) continue;
    if (g.type === 'Polygon') result.set(code, [g.coordinates as PolygonRings]);
    else if (g.type === 'MultiPolygon') result.set(code, g.coordinates as PolygonRings[]);
  }
  return result;
}

/** Centroids with their polygons attached (those without a polygon keep none). */
export function withPolygons(
  centroids: Centroids,
  polygons: ReadonlyMap<string, PolygonRings[]>
): Map<string, Centroid> {
  return new Map(
    [...centroids].map(([code, c]) => {
      const p = polygons.get(code);
      return [code, p ? { ...c, polygons: p } : c];
    })
  );
}

async function getJson(url: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<unknown> {
  const response = await fetchFn(url, { signal });
  if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Loads the centroids and the municipality polygons (for placement inside them)
 * of a geography (the county's by default). `resolvePath` maps a static path to
 * a URL, e.g. SvelteKit's `asset`.
 */
export async function loadCentroids(
  resolvePath: (path: string) => string = (path) => path,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal,
  paths: Pick<GeoPaths, 'centroids' | 'municipalities'> = GEOGRAPHIES.county
): Promise<Map<string, Centroid>> {
  const [points, polygons] = await Promise.all([
    getJson(resolvePath(paths.centroids), fetchFn, signal),
    getJson(resolvePath(paths.municipalities), fetchFn, signal)
  ]);
  return withPolygons(parseCentroids(points), parsePolygons(polygons));
}

function inRing(p: LonLat, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lon < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** Point in (Multi)Polygon, holes respected. */
export function insidePolygons(p: LonLat, polygons: readonly PolygonRings[]): boolean {
  return polygons.some(
    ([outer, ...holes]) => !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h))
  );
}

/**
 * Point in any of many polygons, each first tested against its bounding box
 * (the national map has 290 municipalities: most are far from any one point).
 */
function insideAnyOf(polygons: readonly PolygonRings[]): (p: LonLat) => boolean {
  const boxed = polygons.map((polygon) => {
    const [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    const box = { w, s, e, n, polygon };
    for (const [lon = 0, lat = 0] of polygon[0] ?? []) {
      box.w = Math.min(box.w, lon);
      box.e = Math.max(box.e, lon);
      box.s = Math.min(box.s, lat);
      box.n = Math.max(box.n, lat);
    }
    return box;
  });
  return (p) =>
    boxed.some(
      (b) =>
        p.lon >= b.w &&
        p.lon <= b.e &&
        p.lat >= b.s &&
        p.lat <= b.n &&
        insidePolygons(p, [b.polygon])
    );
}

/** The area-weighted mean of the municipality centroids: the county's centre. */
export function countyCentre(centroids: Centroids): LonLat {
  let weight = 0;
  let lon = 0;
  let lat = 0;
  for (const c of centroids.values()) {
    const w = c.areaKm2 ?? DEFAULT_AREA_KM2;
    weight += w;
    lon += c.lon * w;
    lat += c.lat * w;
  }
  return weight > 0 ? { lon: lon / weight, lat: lat / weight } : FALLBACK_CENTRE;
}

/** FNV-1a, 32 bit: a small stable string hash. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** How many slots a group of n nodes spreads over (changes only at doublings, for stability). */
function capacityFor(n: number): number {
  let capacity = 8;
  while (capacity < n * 1.25) capacity *= 2;
  return capacity;
}

/** Slot i of a Vogel (sunflower) spiral around the centre; slot 0 is already off-centre. */
function spiralPoint(centre: LonLat, slot: number, stepKm: number): LonLat {
  const radiusKm = stepKm * Math.sqrt(slot + 1);
  const angle = slot * GOLDEN_ANGLE;
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((centre.lat * Math.PI) / 180);
  return {
    lon: centre.lon + (radiusKm * Math.cos(angle)) / kmPerDegLon,
    lat: centre.lat + (radiusKm * Math.sin(angle)) / KM_PER_DEG_LAT
  };
}

/** How often a spiral that leaves too few accepted slots is tried again with half the step. */
const MAX_TIGHTENINGS = 6;

/**
 * The first `capacity` spiral points that pass `accept`. When too few pass (a
 * small or thin municipality), the spiral is drawn tighter, up to
 * MAX_TIGHTENINGS times; what is still missing repeats the accepted slots, so a
 * node never leaves its polygon. Only when none pass at all are the plain
 * spiral points used.
 */
function spiralSlots(
  centre: LonLat,
  capacity: number,
  stepKm: number,
  accept: ((p: LonLat) => boolean) | null
): LonLat[] {
  let slots: LonLat[] = [];
  for (let tightening = 0; tightening <= MAX_TIGHTENINGS; tightening++) {
    const step = stepKm / 2 ** tightening;
    const found: LonLat[] = [];
    for (let i = 0; found.length < capacity && i < capacity * 8; i++) {
      const p = spiralPoint(centre, i, step);
      if (!accept || accept(p)) found.push(p);
    }
    if (found.length > slots.length) slots = found;
    if (slots.length === capacity) return slots;
  }
  const accepted = slots.length;
  for (let i = 0; slots.length < capacity; i++) {
    slots.push(accepted ? slots[i % accepted]! : spiralPoint(centre, i, stepKm));
  }
  return slots;
}

/** Places a group around one centre: hash → preferred slot, next free slot on collision. */
function placeGroup(
  ids: readonly string[],
  centre: LonLat,
  maxRadiusKm: number,
  accept: ((p: LonLat) => boolean) | null,
  out: Map<string, LonLat>
): void {
  const capacity = capacityFor(ids.length);
  const stepKm = Math.min(MAX_STEP_KM, maxRadiusKm / Math.sqrt(capacity));
  const slots = spiralSlots(centre, capacity, stepKm, accept);
  const taken = new Set<number>();
  const ordered = ids
    .map((id) => ({ id, hash: stableHash(id) }))
    .sort((a, b) => a.hash - b.hash || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, hash } of ordered) {
    let slot = hash % capacity;
    while (taken.has(slot)) slot = (slot + 1) % capacity;
    taken.add(slot);
    out.set(id, slots[slot]!);
  }
}

const equivalentRadiusKm = (areaKm2: number) => Math.sqrt(areaKm2 / Math.PI);

/** Positions for all nodes; never NaN. Same input (in any order) → same output. */
export function placeNodes(
  nodes: readonly PlaceableNode[],
  centroids: Centroids
): Map<string, LonLat> {
  const positions = new Map<string, LonLat>();
  const byMunicipality = new Map<string, string[]>();
  const unplaced: string[] = [];

  for (const node of nodes) {
    if (isFiniteNumber(node.lon) && isFiniteNumber(node.lat)) {
      positions.set(node.id, { lon: node.lon, lat: node.lat });
      continue;
    }
    const centroid = node.municipality_code ? centroids.get(node.municipality_code) : undefined;
    if (!centroid) unplaced.push(node.id);
    else if (node.kind === 'municipality')
      positions.set(node.id, { lon: centroid.lon, lat: centroid.lat });
    else byMunicipality.set(centroid.code, [...(byMunicipality.get(centroid.code) ?? []), node.id]);
  }

  for (const [code, ids] of byMunicipality) {
    const c = centroids.get(code)!;
    const radius = MUNICIPALITY_RADIUS_SHARE * equivalentRadiusKm(c.areaKm2 ?? DEFAULT_AREA_KM2);
    const polygons = c.polygons;
    placeGroup(ids, c, radius, polygons ? (p) => insidePolygons(p, polygons) : null, positions);
  }
  if (unplaced.length) {
    let totalArea = 0;
    for (const c of centroids.values()) totalArea += c.areaKm2 ?? DEFAULT_AREA_KM2;
    const radius = COUNTY_RADIUS_SHARE * equivalentRadiusKm(totalArea || DEFAULT_AREA_KM2 * 12);
    const all = [...centroids.values()].flatMap((c) => c.polygons ?? []);
    const accept = all.length ? insideAnyOf(all) : null;
    placeGroup(unplaced, countyCentre(centroids), radius, accept, positions);
  }
  return positions;
}
