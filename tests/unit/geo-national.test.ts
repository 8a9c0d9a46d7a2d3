// The national map: every node is placed inside its own municipality (of all
// 290 in Sweden), nodes without one inside Sweden; the generated files hold a
// point inside each municipality and the 21 county borders; a map chooses the
// national geography as soon as one municipality is outside the home county.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GEOGRAPHIES, geographyFor } from '$lib/geo/geographies';
import { parseCentroids, parsePolygons, placeNodes, withPolygons } from '$lib/geo/placement';
import { nationalDataset } from '../../scripts/bench/national-dataset.js';
import { datasetFixture } from './fixtures/dataset';
import { inPolygon, type PolygonFeature } from './fixtures/in-polygon';

const geo = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../static${path}`, import.meta.url), 'utf8'));
const paths = GEOGRAPHIES.national;
const municipalities = (geo(paths.municipalities) as { features: PolygonFeature[] }).features;
const byCode = new Map(municipalities.map((f) => [f.properties.kommunkod!, f]));
const centroids = withPolygons(
  parseCentroids(geo(paths.centroids)),
  parsePolygons(geo(paths.municipalities))
);

describe('the national geography', () => {
  it('has a point inside each of the 290 municipalities', () => {
    expect(centroids.size).toBe(290);
    for (const [code, c] of centroids) {
      expect(inPolygon(c, byCode.get(code)!), `${code} ${c.name}`).toBe(true);
      expect(c.areaKm2).toBeGreaterThan(0);
    }
  });

  it('has the 21 county borders, each the union of its municipalities', () => {
    const counties = (geo(paths.county) as { features: PolygonFeature[] }).features;
    expect(counties.map((f) => f.properties.lan_kod)).toEqual(
      [...new Set(municipalities.map((f) => f.properties.lan_kod))].sort()
    );
    expect(counties).toHaveLength(21);
    for (const c of centroids.values()) {
      const lan = byCode.get(c.code)!.properties.lan_kod;
      const county = counties.find((f) => f.properties.lan_kod === lan)!;
      expect(inPolygon(c, county), `${c.code} in county ${lan}`).toBe(true);
    }
  });
});

describe('placing the national map', () => {
  it('puts every node inside its own municipality, and the others inside Sweden', async () => {
    const { nodes } = await nationalDataset({ mapId: 'national-test' });
    const rows = nodes as { id: string; kind: 'organisation'; municipality_code: string | null }[];
    const placeable = rows.map((n) => ({ ...n, lon: null, lat: null }));
    const positions = placeNodes(placeable, centroids);
    expect(positions.size).toBe(rows.length);
    let inOwn = 0;
    for (const n of rows) {
      const p = positions.get(n.id)!;
      if (n.municipality_code) {
        expect(
          inPolygon(p, byCode.get(n.municipality_code)!),
          `${n.id} in ${n.municipality_code}`
        ).toBe(true);
        inOwn++;
      } else {
        expect(
          municipalities.some((f) => inPolygon(p, f)),
          `${n.id} in Sweden`
        ).toBe(true);
      }
    }
    // The dataset gives 80 % of its nodes a municipality, all 290 among them.
    expect(inOwn).toBeGreaterThan(rows.length / 2);
    expect(new Set(rows.map((n) => n.municipality_code)).size).toBe(291);
  });
});

describe('geographyFor', () => {
  it('keeps the county map on the county and moves a map with other municipalities to Sweden', async () => {
    expect(geographyFor(datasetFixture().nodes)).toBe('county');
    expect(geographyFor([])).toBe('county');
    const { nodes } = await nationalDataset({ mapId: 'national-test', nodes: 400, relations: 10 });
    expect(geographyFor(nodes as { municipality_code: string | null }[])).toBe('national');
  });

  it('moves to Sweden for twins sought among municipalities outside the county', () => {
    const nodes = datasetFixture().nodes;
    expect(geographyFor(nodes, ['1860', '1863'])).toBe('county');
    expect(geographyFor(nodes, ['1860', '1762'])).toBe('national');
  });
});
