// The national map at overview: relations drawn as flows between municipalities
// (the largest first, widths by count), the same relations counted as when they
// are drawn one by one, and nothing sent for single relations.
import { describe, expect, it } from 'vitest';
import { aggregateByMunicipality } from '$lib/explorer/aggregate';
import { EMPTY_FILTERS, filterDataset } from '$lib/explorer/filters';
import type { LonLat } from '$lib/geo/placement';
import { flowFeatures } from '$lib/map/flows';
import { buildSources } from '$lib/map/sources';
import { nationalFixture } from './fixtures/dataset';

const points = new Map<string, LonLat>([
  ['0180', { lon: 18.07, lat: 59.33 }],
  ['1480', { lon: 11.97, lat: 57.71 }],
  ['1280', { lon: 13.0, lat: 55.6 }]
]);

function national() {
  const ds = nationalFixture();
  const positions = new Map(
    ds.nodes.map((n) => [n.id, points.get(n.municipality_code!)!] as const)
  );
  return { ds, positions, visible: filterDataset(ds, EMPTY_FILTERS) };
}

describe('flowFeatures', () => {
  it('draws one line per flow between the two municipalities, widest for the largest', () => {
    const lines = flowFeatures(
      {
        flows: [
          { key: '0180|1480', a: '0180', b: '1480', count: 4, kinds: {} },
          { key: '0180|1280', a: '0180', b: '1280', count: 1, kinds: {} },
          { key: '0180|9999', a: '0180', b: '9999', count: 1, kinds: {} }
        ]
      },
      (code) => points.get(code)
    );
    expect(lines.features.map((f) => f.properties)).toEqual([
      { key: '0180|1480', count: 4, width: 6 },
      { key: '0180|1280', count: 1, width: 3.38 }
    ]);
    expect(lines.features[0]!.geometry.coordinates).toEqual([
      [18.07, 59.33],
      [11.97, 57.71]
    ]);
  });
});

describe('buildSources at overview', () => {
  it('sends flows instead of single relations, counting the same relations', () => {
    const { ds, positions, visible } = national();
    const single = buildSources(ds, visible, positions);
    const overview = buildSources(ds, visible, positions, {
      pointOf: (c) => points.get(c),
      sums: aggregateByMunicipality(ds.nodes, ds.relations, visible)
    });
    expect(single.relations.features).toHaveLength(4);
    expect(single.flows.features).toHaveLength(0);
    expect(overview.relations.features).toHaveLength(0);
    expect(overview.arrows.features).toHaveLength(0);
    expect(overview.relationCount).toBe(single.relationCount);
    expect(overview.relationCount).toBe(4);
    expect(overview.nodes).toEqual(single.nodes);
    // r4 lies within Stockholm: not a flow between municipalities.
    expect(overview.flows.features.map((f) => [f.properties.key, f.properties.count])).toEqual([
      ['0180|1480', 2],
      ['0180|1280', 1]
    ]);
  });

  it('follows the filters', () => {
    const { ds, positions } = national();
    const visible = filterDataset(ds, { ...EMPTY_FILTERS, nodeKinds: ['organisation', 'network'] });
    const overview = buildSources(ds, visible, positions, {
      pointOf: (c) => points.get(c),
      sums: aggregateByMunicipality(ds.nodes, ds.relations, visible)
    });
    expect(overview.flows.features.map((f) => [f.properties.key, f.properties.count])).toEqual([
      ['0180|1280', 1],
      ['0180|1480', 1]
    ]);
    expect(overview.relationCount).toBe(2);
  });
});
