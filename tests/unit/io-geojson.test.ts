// GeoJSON export, checked with a small RFC 7946 structural validator.
import { describe, expect, it } from 'vitest';
import { toGeoJson, geoJsonText } from '$lib/io/geojson';
import type { Centroid } from '$lib/geo/placement';
import { trickyDataset } from './fixtures/io-dataset';

/** Structural RFC 7946 checks; returns the problems found (empty = valid). */
function rfc7946Problems(value: unknown): string[] {
  const problems: string[] = [];
  const isPosition = (p: unknown, where: string) => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      p.length > 3 ||
      !p.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      problems.push(`${where}: not a position`);
      return;
    }
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180) problems.push(`${where}: longitude ${lon} out of range`);
    if (lat! < -90 || lat! > 90) problems.push(`${where}: latitude ${lat} out of range`);
  };
  const fc = value as Record<string, unknown>;
  if (fc?.type !== 'FeatureCollection') problems.push('not a FeatureCollection');
  if ('crs' in fc) problems.push('has a crs member (removed in RFC 7946)');
  if (!Array.isArray(fc.features)) return [...problems, 'features is not an array'];
  (fc.features as Record<string, unknown>[]).forEach((f, i) => {
    const where = `features[${i}]`;
    if (f.type !== 'Feature') problems.push(`${where}: type is not Feature`);
    if (!('properties' in f) || (f.properties !== null && typeof f.properties !== 'object')) {
      problems.push(`${where}: properties must be an object or null`);
    }
    if ('id' in f && typeof f.id !== 'string' && typeof f.id !== 'number')
      problems.push(`${where}: bad id`);
    const g = f.geometry as { type?: string; coordinates?: unknown } | null;
    if (g === null) return;
    if (g?.type === 'Point') isPosition(g.coordinates, where);
    else if (g?.type === 'LineString') {
      if (!Array.isArray(g.coordinates) || g.coordinates.length < 2)
        problems.push(`${where}: a LineString needs two positions`);
      else g.coordinates.forEach((p, j) => isPosition(p, `${where}[${j}]`));
    } else problems.push(`${where}: unexpected geometry ${g?.type}`);
  });
  return problems;
}

const centroids = new Map<string, Centroid>([
  ['1880', { code: '1880', name: 'Örebro', lon: 15.2134, lat: 59.2741, areaKm2: 1380 }],
  ['1883', { code: '1883', name: 'Karlskoga', lon: 14.5208, lat: 59.3267, areaKm2: 490 }]
]);

describe('toGeoJson', () => {
  it('is valid RFC 7946 with every node as a Point and every relation as a LineString', () => {
    const dataset = trickyDataset();
    const collection = JSON.parse(geoJsonText(toGeoJson(dataset, centroids)));
    expect(rfc7946Problems(collection)).toEqual([]);
    const points = collection.features.filter(
      (f: { geometry: { type: string } }) => f.geometry.type === 'Point'
    );
    const lines = collection.features.filter(
      (f: { geometry: { type: string } }) => f.geometry.type === 'LineString'
    );
    expect(points).toHaveLength(dataset.nodes.length);
    expect(lines).toHaveLength(dataset.relations.length);
  });

  it('puts [lon, lat] in that order, own locations exactly, municipalities on their centroid', () => {
    const collection = toGeoJson(trickyDataset(), centroids);
    const byId = new Map(collection.features.map((f) => [f.id, f]));
    expect(byId.get('a-samordnare-1')?.geometry).toEqual({
      type: 'Point',
      coordinates: [-3.1883, 55.9533]
    });
    expect(byId.get('a-orebro')?.geometry).toEqual({
      type: 'Point',
      coordinates: [15.2134, 59.2741]
    });
    expect(byId.get('r1')?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [14.5208, 59.3267],
        [15.2134, 59.2741]
      ]
    });
  });

  it('carries all properties', () => {
    const collection = toGeoJson(trickyDataset(), centroids);
    const gysam = collection.features.find((f) => f.id === 'a-gysam')!;
    expect(gysam.properties).toMatchObject({
      feature_type: 'node',
      id: 'a-gysam',
      kind: 'network',
      title: 'GySam',
      themes: ['gymnasiesamverkan', 'studie-yrkesvagledning'],
      theme_labels: ['Gymnasiesamverkan', 'Studie- och yrkesvägledning'],
      start_date: '2019-01-01',
      own_location: false,
      source: '004_1cdc94976fbebc93.txt § GySam'
    });
    const flow = collection.features.find((f) => f.id === 'r1')!;
    expect(flow.properties).toMatchObject({
      feature_type: 'relation',
      kind: 'flows_to',
      magnitude: 12.5,
      unit: 'elever',
      source_id: 'a-karlskoga',
      target_id: 'a-orebro',
      directed: true
    });
  });

  it('uses given positions instead of placing nodes itself', () => {
    const dataset = trickyDataset();
    const positions = new Map(dataset.nodes.map((n) => [n.id, { lon: 10, lat: 60 }]));
    const collection = toGeoJson(dataset, new Map(), positions);
    expect(
      collection.features.every(
        (f) =>
          f.geometry.type !== 'Point' ||
          (f.geometry.coordinates[0] === 10 && f.geometry.coordinates[1] === 60)
      )
    ).toBe(true);
  });

  it('the validator catches what it should', () => {
    expect(
      rfc7946Problems({
        type: 'FeatureCollection',
        crs: {},
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Point', coordinates: [59.3, 195] }
          },
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'LineString', coordinates: [[1, 2]] }
          }
        ]
      })
    ).toEqual([
      'has a crs member (removed in RFC 7946)',
      'features[0]: latitude 195 out of range',
      'features[1]: a LineString needs two positions'
    ]);
  });
});
