import { describe, expect, it } from 'vitest';
import { filterDataset, EMPTY_FILTERS } from '$lib/explorer/filters';
import { flowWidth, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { arc, ARC_POINTS, buildSources, midpointArrow } from '$lib/map/sources';
import type { LonLat } from '$lib/geo/placement';
import { datasetFixture, node, relation } from './fixtures/dataset';

const positions = new Map<string, LonLat>([
  ['n-lekeberg', { lon: 14.79, lat: 59.18 }],
  ['n-orebro', { lon: 15.3, lat: 59.27 }],
  ['n-network', { lon: 15.0, lat: 59.4 }],
  ['n-resource', { lon: 15.2, lat: 59.3 }],
  ['n-ended', { lon: 15.31, lat: 59.28 }]
]);

function all() {
  const dataset = datasetFixture();
  return { dataset, visible: filterDataset(dataset, EMPTY_FILTERS) };
}

/** Signed distance of p from the line a → b (positive = right of the direction), in degrees. */
function side(a: LonLat, b: LonLat, p: number[]): number {
  return (b.lon - a.lon) * (p[1]! - a.lat) - (b.lat - a.lat) * (p[0]! - a.lon);
}

describe('buildSources', () => {
  it('makes one Point per visible node with id, kind, title and colour', () => {
    const { dataset, visible } = all();
    const { nodes } = buildSources(dataset, visible, positions);
    expect(nodes.features.map((f) => f.id)).toEqual(dataset.nodes.map((n) => n.id));
    const lekeberg = nodes.features.find((f) => f.id === 'n-lekeberg')!;
    expect(lekeberg.geometry.coordinates).toEqual([14.79, 59.18]);
    expect(lekeberg.properties).toMatchObject({
      id: 'n-lekeberg',
      kind: 'municipality',
      title: 'Lekeberg',
      color: '#1f4e79'
    });
  });

  it('leaves out hidden nodes and the relations that touch them', () => {
    const { dataset } = all();
    const visible = {
      nodeIds: new Set(['n-lekeberg', 'n-orebro']),
      relationIds: new Set(['r-flow', 'r-member'])
    };
    const { nodes, relations } = buildSources(dataset, visible, positions);
    expect(nodes.features).toHaveLength(2);
    expect(relations.features.map((f) => f.id)).toEqual(['r-flow']);
  });

  it('skips nodes without a position instead of emitting NaN', () => {
    const { dataset, visible } = all();
    const partial = new Map(positions);
    partial.delete('n-network');
    const { nodes, relations } = buildSources(dataset, visible, partial);
    expect(nodes.features.some((f) => f.id === 'n-network')).toBe(false);
    expect(relations.features.map((f) => f.id)).toEqual(['r-flow']);
  });

  it('draws a flow as an arc with an unknown flag and the flow width', () => {
    const { dataset, visible } = all();
    const { relations } = buildSources(dataset, visible, positions);
    const flow = relations.features.find((f) => f.id === 'r-flow')!;
    expect(flow.geometry.coordinates).toHaveLength(ARC_POINTS);
    expect(flow.geometry.coordinates[0]).toEqual([14.79, 59.18]);
    expect(flow.geometry.coordinates.at(-1)![0]).toBeCloseTo(15.3, 10);
    expect(flow.properties).toMatchObject({
      unknown: true,
      arrow: true,
      width: flowWidth(null, 0)
    });
  });

  it('bends A→B and B→A to opposite sides', () => {
    const a = { lon: 14.79, lat: 59.18 };
    const b = { lon: 15.3, lat: 59.27 };
    const there = arc(a, b)[ARC_POINTS / 2]!;
    const back = arc(b, a)[ARC_POINTS / 2]!;
    expect(Math.sign(side(a, b, there))).toBe(-Math.sign(side(a, b, back)));
    expect(Math.abs(side(a, b, there))).toBeGreaterThan(0);
  });

  it('scales flow widths by magnitude relative to the largest flow', () => {
    const dataset = datasetFixture();
    dataset.relations = [
      relation({
        id: 'f1',
        kind: 'flows_to',
        source_id: 'n-lekeberg',
        target_id: 'n-orebro',
        magnitude: 100
      }),
      relation({
        id: 'f2',
        kind: 'flows_to',
        source_id: 'n-orebro',
        target_id: 'n-lekeberg',
        magnitude: 25
      })
    ];
    const visible = filterDataset(dataset, EMPTY_FILTERS);
    const widths = buildSources(dataset, visible, positions).relations.features.map((f) => [
      f.id,
      f.properties.width,
      f.properties.unknown
    ]);
    expect(widths).toEqual([
      ['f1', flowWidth(100, 100), false],
      ['f2', flowWidth(25, 100), false]
    ]);
    expect(flowWidth(100, 100)).toBeGreaterThan(flowWidth(25, 100));
  });

  it('draws similar_to straight without an arrow and spokes from member to hub', () => {
    const dataset = datasetFixture();
    dataset.nodes.push(node({ id: 'n-project', kind: 'project', title: 'P' }));
    positions.set('n-project', { lon: 15.1, lat: 59.1 });
    dataset.relations = [
      relation({ id: 's', kind: 'similar_to', source_id: 'n-lekeberg', target_id: 'n-orebro' }),
      // A spoke stored hub → member is still drawn member → hub.
      relation({ id: 'p', kind: 'participates_in', source_id: 'n-project', target_id: 'n-orebro' }),
      relation({ id: 'm', kind: 'member_of', source_id: 'n-lekeberg', target_id: 'n-network' }),
      relation({ id: 'l', kind: 'leads', source_id: 'n-orebro', target_id: 'n-network' })
    ];
    const visible = filterDataset(dataset, EMPTY_FILTERS);
    const byId = new Map(
      buildSources(dataset, visible, positions).relations.features.map((f) => [f.id, f])
    );
    expect(byId.get('s')!.geometry.coordinates).toEqual([
      [14.79, 59.18],
      [15.3, 59.27]
    ]);
    expect(byId.get('s')!.properties.arrow).toBe(false);
    expect(byId.get('p')!.geometry.coordinates).toEqual([
      [15.3, 59.27],
      [15.1, 59.1]
    ]);
    expect(byId.get('m')!.geometry.coordinates).toEqual([
      [14.79, 59.18],
      [15.0, 59.4]
    ]);
    expect(byId.get('m')!.properties.arrow).toBe(false);
    expect(byId.get('l')!.properties).toMatchObject({
      arrow: true,
      color: RELATION_APPEARANCE.leads.color,
      width: RELATION_APPEARANCE.leads.width
    });
    positions.delete('n-project');
  });

  it('puts one arrow head halfway along each directed relation, pointing to the target', () => {
    const { dataset, visible } = all();
    const { arrows } = buildSources(dataset, visible, positions);
    // r-flow and r-assists are directed; r-member is a spoke (no arrow).
    expect(arrows.features.map((f) => f.id).sort()).toEqual(['r-assists', 'r-flow']);
    const assists = arrows.features.find((f) => f.id === 'r-assists')!;
    // n-resource (15.2, 59.3) → n-network (15.0, 59.4): halfway, pointing north-west.
    expect(assists.geometry.coordinates[0]).toBeCloseTo(15.1, 10);
    expect(assists.geometry.coordinates[1]).toBeCloseTo(59.35, 10);
    expect(assists.properties.rotate).toBeLessThan(-90);
    expect(assists.properties.rotate).toBeGreaterThan(-180);
  });
});

describe('midpointArrow', () => {
  it('finds the middle by length and the direction as a clockwise rotation from east', () => {
    const east = midpointArrow([
      [15, 59],
      [15.1, 59],
      [15.4, 59]
    ])!;
    expect(east.at[0]).toBeCloseTo(15.2, 10);
    expect(east.rotate).toBeCloseTo(0, 10);
    expect(
      midpointArrow([
        [15, 59],
        [15, 59.2]
      ])!.rotate
    ).toBeCloseTo(-90, 10);
    expect(
      midpointArrow([
        [15, 59.2],
        [15, 59]
      ])!.rotate
    ).toBeCloseTo(90, 10);
    expect(midpointArrow([[15, 59]])).toBeNull();
    expect(
      midpointArrow([
        [15, 59],
        [15, 59]
      ])
    ).toBeNull();
  });
});
