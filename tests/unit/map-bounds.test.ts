import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { boundsOfPoints, zoomBounds, type ZoomContext } from '$lib/map/bounds';
import { toMapGeo } from '$lib/map/geo';

const geo = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../static/geo/${file}`, import.meta.url), 'utf8'));
const mapGeo = toMapGeo(
  geo('orebro-lan-kommuner-centroids.geojson'),
  geo('orebro-lan-kommuner.geojson')
);

const footprint: Feature = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [14.5, 59.0],
        [15.5, 59.0],
        [15.5, 59.5],
        [14.5, 59.0]
      ]
    ]
  }
};
const ctx: ZoomContext = {
  positions: new Map([
    ['a', { lon: 15.0, lat: 59.2 }],
    ['b', { lon: 15.4, lat: 59.6 }],
    ['hub', { lon: 14.9, lat: 59.3 }]
  ]),
  shown: () => [],
  relationEnds: (id) => (id === 'r' ? ['a', 'b'] : null),
  footprintOf: (id) => (id === 'hub' ? footprint : null),
  countyBounds: mapGeo.countyBounds
};

describe('zoomBounds', () => {
  it('fits "all" to what is shown', () => {
    const shown = () => [ctx.positions.get('a')!, ctx.positions.get('b')!];
    expect(zoomBounds('all', { ...ctx, shown })).toEqual([
      [15.0, 59.2],
      [15.4, 59.6]
    ]);
  });

  it('shows the whole county for "all" when nothing is shown, from the boundary file', () => {
    const [[w, s], [e, n]] = zoomBounds('all', ctx)!;
    expect(w).toBeGreaterThan(13.9);
    expect(w).toBeLessThan(14.3);
    expect(e).toBeGreaterThan(15.5);
    expect(s).toBeLessThan(58.9);
    expect(n).toBeGreaterThan(59.9);
    expect(mapGeo.centroids.size).toBe(12);
  });

  it('boxes a relation by its two ends', () => {
    expect(zoomBounds({ type: 'relation', id: 'r' }, ctx)).toEqual([
      [15.0, 59.2],
      [15.4, 59.6]
    ]);
    expect(zoomBounds({ type: 'relation', id: 'missing' }, ctx)).toBeNull();
  });

  it('gives a single node a small box, and a hub its footprint too', () => {
    const [[w, s], [e, n]] = zoomBounds({ type: 'node', id: 'a' }, ctx)!;
    expect(w < 15 && e > 15 && s < 59.2 && n > 59.2).toBe(true);
    expect(e - w).toBeLessThan(0.2);
    expect(zoomBounds({ type: 'node', id: 'hub' }, ctx)).toEqual([
      [14.5, 59.0],
      [15.5, 59.5]
    ]);
    expect(zoomBounds({ type: 'node', id: 'nowhere' }, ctx)).toBeNull();
    expect(boundsOfPoints([])).toBeNull();
  });
});
