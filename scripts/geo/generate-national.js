#!/usr/bin/env node
// @ts-check
// Derives the national map's geography from static/geo/sverige-kommuner.geojson
// (SCB, CC0): one point inside each of the 290 municipalities with its
// approximate area (sverige-kommuner-centroids.geojson, the same properties as
// the county's file) and the 21 county borders as the union of their
// municipalities (sverige-lan.geojson). Deterministic; run again when the
// source changes: node scripts/geo/generate-national.js
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { centerOfMass } from '@turf/center-of-mass';
import { featureCollection } from '@turf/helpers';
import { union } from '@turf/union';

const dir = (/** @type {string} */ name) =>
  fileURLToPath(new URL(`../../static/geo/${name}`, import.meta.url));

/** The 21 counties by län code (SCB). */
export const COUNTY_NAMES = {
  '01': 'Stockholms län',
  '03': 'Uppsala län',
  '04': 'Södermanlands län',
  '05': 'Östergötlands län',
  '06': 'Jönköpings län',
  '07': 'Kronobergs län',
  '08': 'Kalmar län',
  '09': 'Gotlands län',
  10: 'Blekinge län',
  12: 'Skåne län',
  13: 'Hallands län',
  14: 'Västra Götalands län',
  17: 'Värmlands län',
  18: 'Örebro län',
  19: 'Västmanlands län',
  20: 'Dalarnas län',
  21: 'Gävleborgs län',
  22: 'Västernorrlands län',
  23: 'Jämtlands län',
  24: 'Västerbottens län',
  25: 'Norrbottens län'
};

const EARTH_RADIUS_KM = 6371.0088;
const rad = (/** @type {number} */ deg) => (deg * Math.PI) / 180;

/** Area of a ring on the sphere in km² (the formula of turf/area). @param {number[][]} ring */
function ringAreaKm2(ring) {
  let total = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0] = ring[i] ?? [];
    const [, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    const [x3 = 0] = ring[(i + 2) % ring.length] ?? [];
    total += (rad(x3) - rad(x1)) * Math.sin(rad(y2));
  }
  return Math.abs((total * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2);
}

/** @param {number[][][][]} polygons */
const areaKm2 = (polygons) =>
  polygons.reduce(
    (sum, [outer, ...holes]) =>
      sum + (outer ? ringAreaKm2(outer) : 0) - holes.reduce((h, r) => h + ringAreaKm2(r), 0),
    0
  );

/** @param {number[]} p @param {number[][]} ring */
function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (
      yi > (y ?? 0) !== yj > (y ?? 0) &&
      (x ?? 0) < ((xj - xi) * ((y ?? 0) - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

/** @param {number[]} p @param {number[][][][]} polygons */
const inside = (p, polygons) =>
  polygons.some(
    ([outer, ...holes]) => !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h))
  );

/** Distance (in degrees, longitude scaled) from p to the nearest edge. @param {number[]} p @param {number[][][][]} polygons */
function edgeDistance([x = 0, y = 0], polygons) {
  const k = Math.cos(rad(y));
  let best = Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [ax = 0, ay = 0] = ring[i] ?? [];
        const [bx = 0, by = 0] = ring[i + 1] ?? [];
        const dx = (bx - ax) * k;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * k * dx + (y - ay) * dy) / len2)) : 0;
        best = Math.min(best, Math.hypot((x - ax) * k - t * dx, y - ay - t * dy));
      }
    }
  }
  return best;
}

/**
 * The centre of mass when it lies inside the municipality, else the point of a
 * 40 × 40 grid over its largest part that lies farthest inside.
 * @param {any} feature
 */
function insidePoint(feature) {
  /** @type {number[][][][]} */
  const polygons =
    feature.geometry.type === 'Polygon'
      ? [feature.geometry.coordinates]
      : feature.geometry.coordinates;
  const centre = centerOfMass(feature).geometry.coordinates;
  if (inside(centre, polygons)) return { point: centre, centroidInside: true };
  const largest = [...polygons].sort((a, b) => areaKm2([b]) - areaKm2([a]))[0] ?? [];
  const xs = (largest[0] ?? []).map((p) => p[0] ?? 0);
  const ys = (largest[0] ?? []).map((p) => p[1] ?? 0);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best = { point: centre, distance: -1 };
  for (let i = 0; i <= 40; i++) {
    for (let j = 0; j <= 40; j++) {
      const p = [w + ((e - w) * (i + 0.5)) / 41, s + ((n - s) * (j + 0.5)) / 41];
      if (!inside(p, [largest])) continue;
      const distance = edgeDistance(p, [largest]);
      if (distance > best.distance) best = { point: p, distance };
    }
  }
  return { point: best.point, centroidInside: false };
}

const round = (/** @type {number} */ n, digits = 5) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  const source = JSON.parse(await readFile(dir('sverige-kommuner.geojson'), 'utf8'));
  const centroids = {
    type: 'FeatureCollection',
    features: source.features.map((/** @type {any} */ f) => {
      const polygons =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const { point, centroidInside } = insidePoint(f);
      return {
        type: 'Feature',
        properties: {
          kommunkod: f.properties.kommunkod,
          namn: f.properties.namn,
          lan_kod: f.properties.lan_kod,
          centroid_inside_polygon: centroidInside,
          polygon_area_km2_approx: round(areaKm2(polygons), 1)
        },
        geometry: { type: 'Point', coordinates: point.map((c) => round(c)) }
      };
    })
  };
  /** @type {Map<string, any[]>} */
  const byCounty = new Map();
  for (const f of source.features) {
    const code = f.properties.lan_kod;
    byCounty.set(code, [...(byCounty.get(code) ?? []), f]);
  }
  const counties = {
    type: 'FeatureCollection',
    features: [...byCounty]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, features]) => {
        const merged = features.length === 1 ? features[0] : union(featureCollection(features));
        return {
          type: 'Feature',
          properties: {
            lan_kod: code,
            lan_namn: COUNTY_NAMES[/** @type {keyof typeof COUNTY_NAMES} */ (code)] ?? code
          },
          geometry: roundGeometry(merged.geometry)
        };
      })
  };
  await writeFile(dir('sverige-kommuner-centroids.geojson'), JSON.stringify(centroids) + '\n');
  await writeFile(dir('sverige-lan.geojson'), JSON.stringify(counties) + '\n');
  console.log(
    `${centroids.features.length} municipality points (${centroids.features.filter((/** @type {any} */ f) => !f.properties.centroid_inside_polygon).length} moved inside), ${counties.features.length} counties`
  );
}

/** @param {any} geometry */
function roundGeometry(geometry) {
  /** @param {any} c @returns {any} */
  const walk = (c) =>
    typeof c[0] === 'number' ? c.map((/** @type {number} */ n) => round(n)) : c.map(walk);
  return { type: geometry.type, coordinates: walk(geometry.coordinates) };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
