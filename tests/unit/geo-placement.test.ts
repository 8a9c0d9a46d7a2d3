import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  countyCentre,
  loadCentroids,
  parseCentroids,
  parsePolygons,
  placeNodes,
  stableHash,
  withPolygons,
  type LonLat
} from '$lib/geo/placement';
import { datasetFixture, node } from './fixtures/dataset';
import { inPolygon, type PolygonFeature } from './fixtures/in-polygon';

const geo = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../static/geo/${file}`, import.meta.url), 'utf8'));

const points = parseCentroids(geo('orebro-lan-kommuner-centroids.geojson'));
const centroids = withPolygons(points, parsePolygons(geo('orebro-lan-kommuner.geojson')));

const kommuner = (geo('orebro-lan-kommuner.geojson') as { features: PolygonFeature[] }).features;
const county = (geo('orebro-lan.geojson') as { features: PolygonFeature[] }).features[0]!;

const distanceKm = (a: LonLat, b: LonLat) => {
  const kx = 111.32 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * 111.32);
};

describe('parseCentroids', () => {
  it('reads the 12 municipalities of Örebro län', () => {
    expect(points.size).toBe(12);
    expect(centroids.get('1880')?.polygons?.length).toBe(1);
    expect(points.get('1880')).toMatchObject({ name: 'Örebro', lon: 15.29632, lat: 59.26933 });
  });
  it('skips malformed features instead of throwing', () => {
    const parsed = parseCentroids({
      features: [
        { properties: { kommunkod: '1' }, geometry: { type: 'Point', coordinates: ['x', 1] } },
        { properties: null, geometry: null },
        { properties: { kommunkod: '2' }, geometry: { type: 'Point', coordinates: [1, 2] } }
      ]
    });
    expect([...parsed.keys()]).toEqual(['2']);
    expect(parseCentroids(null).size).toBe(0);
  });
});

describe('placeNodes', () => {
  it('uses a node’s own location, and puts municipalities exactly on their centroid', () => {
    const positions = placeNodes(datasetFixture().nodes, centroids);
    expect(positions.get('n-resource')).toEqual({ lon: 15.2, lat: 59.3 });
    expect(positions.get('n-lekeberg')).toEqual({ lon: 14.79002, lat: 59.18184 });
    expect(positions.get('n-orebro')).toEqual({ lon: 15.29632, lat: 59.26933 });
  });

  it('places every node, never at NaN, including nodes with an unknown municipality code', () => {
    const nodes = [
      ...datasetFixture().nodes,
      node({ id: 'x-unknown', kind: 'organisation', title: 'X', municipality_code: '9999' })
    ];
    const positions = placeNodes(nodes, centroids);
    expect(positions.size).toBe(nodes.length);
    for (const p of positions.values()) {
      expect(Number.isFinite(p.lon) && Number.isFinite(p.lat)).toBe(true);
    }
    const withoutGeo = placeNodes(nodes, new Map());
    expect(withoutGeo.size).toBe(nodes.length);
    expect([...withoutGeo.values()].every((p) => Number.isFinite(p.lon + p.lat))).toBe(true);
    expect(placeNodes(nodes, points).size).toBe(nodes.length);
  });

  it('is deterministic and independent of the input order', () => {
    const nodes = Array.from({ length: 30 }, (_, i) =>
      node({
        id: `p-${i}`,
        kind: 'project',
        title: `P${i}`,
        municipality_code: i % 2 ? '1880' : null
      })
    );
    const a = placeNodes(nodes, centroids);
    const b = placeNodes([...nodes].reverse(), centroids);
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('keeps many nodes of one municipality apart and inside that municipality', () => {
    for (const feature of kommuner) {
      const code = feature.properties.kommunkod!;
      const nodes = Array.from({ length: 25 }, (_, i) =>
        node({ id: `${code}-org-${i}`, kind: 'organisation', title: 'O', municipality_code: code })
      );
      const points = [...placeNodes(nodes, centroids).values()];
      const centroid = centroids.get(code)!;
      for (const p of points) {
        expect(inPolygon(p, feature), `${code} ${p.lon},${p.lat}`).toBe(true);
        expect(distanceKm(p, centroid)).toBeGreaterThan(0.5);
      }
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          expect(distanceKm(points[i]!, points[j]!)).toBeGreaterThan(0.4);
        }
      }
    }
  });

  it('spreads nodes without any location around the county centre, inside the county', () => {
    const nodes = Array.from({ length: 60 }, (_, i) =>
      node({ id: `net-${i}`, kind: 'network', title: 'N' })
    );
    const points = [...placeNodes(nodes, centroids).values()];
    const centre = countyCentre(centroids);
    expect(new Set(points.map((p) => `${p.lon},${p.lat}`)).size).toBe(60);
    for (const p of points) {
      expect(inPolygon(p, county)).toBe(true);
      expect(distanceKm(p, centre)).toBeLessThan(30);
    }
  });
});

describe('stableHash', () => {
  it('is stable and spreads similar ids', () => {
    expect(stableHash('abc')).toBe(stableHash('abc'));
    expect(stableHash('node-1')).not.toBe(stableHash('node-2'));
    expect(stableHash('')).toBe(0x811c9dc5);
  });
});

describe('loadCentroids', () => {
  it('loads the centroids and polygons through the given path resolver', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (url: string) => {
      requested.push(url);
      const file = url.replace('/base/geo/', '');
      return new Response(readFileSync(new URL(`../../static/geo/${file}`, import.meta.url)));
    }) as unknown as typeof fetch;
    const loaded = await loadCentroids((p) => `/base${p}`, fakeFetch);
    expect(requested.sort()).toEqual([
      '/base/geo/orebro-lan-kommuner-centroids.geojson',
      '/base/geo/orebro-lan-kommuner.geojson'
    ]);
    expect(loaded.get('1814')?.polygons).toHaveLength(1);
  });

  it('rejects on an HTTP error', async () => {
    const notFound = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    await expect(loadCentroids(undefined, notFound)).rejects.toThrow(/404/);
  });
});
