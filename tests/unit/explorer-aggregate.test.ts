// Level of detail at overview: relations summed between municipalities,
// checked against a small hand-counted fixture.
import { describe, expect, it } from 'vitest';
import { aggregateByMunicipality } from '$lib/explorer/aggregate';
import { node, relation } from './fixtures/dataset';

// Örebro (1880): a, b; Kumla (1881): c; Lekeberg (1814): d; no municipality: e.
const nodes = [
  node({ id: 'a', kind: 'organisation', title: 'A', municipality_code: '1880' }),
  node({ id: 'b', kind: 'project', title: 'B', municipality_code: '1880' }),
  node({ id: 'c', kind: 'organisation', title: 'C', municipality_code: '1881' }),
  node({ id: 'd', kind: 'network', title: 'D', municipality_code: '1814' }),
  node({ id: 'e', kind: 'network', title: 'E' })
];
const relations = [
  relation({ id: 'ac', kind: 'funds', source_id: 'a', target_id: 'c' }),
  relation({ id: 'ca', kind: 'funds', source_id: 'c', target_id: 'a' }),
  relation({ id: 'bc', kind: 'partner_of', source_id: 'b', target_id: 'c' }),
  relation({ id: 'ad', kind: 'member_of', source_id: 'a', target_id: 'd' }),
  relation({ id: 'ab', kind: 'partner_of', source_id: 'a', target_id: 'b' }),
  relation({ id: 'ae', kind: 'member_of', source_id: 'a', target_id: 'e' })
];
const all = {
  nodeIds: new Set(nodes.map((n) => n.id)),
  relationIds: new Set(relations.map((r) => r.id))
};

describe('aggregateByMunicipality', () => {
  it('sums the relations between each pair of municipalities, whatever their direction', () => {
    const { flows, omitted, within, unplaced } = aggregateByMunicipality(nodes, relations, all);
    expect(flows).toEqual([
      { key: '1880|1881', a: '1880', b: '1881', count: 3, kinds: { funds: 2, partner_of: 1 } },
      { key: '1814|1880', a: '1814', b: '1880', count: 1, kinds: { member_of: 1 } }
    ]);
    expect(omitted).toBe(0);
    expect(within).toEqual(new Map([['1880', 1]]));
    expect(unplaced).toBe(1);
  });

  it('counts only what passes the filters', () => {
    const visible = {
      nodeIds: new Set(['a', 'b', 'c', 'e']),
      relationIds: new Set(['ac', 'bc', 'ad', 'ae'])
    };
    const { flows, within, unplaced } = aggregateByMunicipality(nodes, relations, visible);
    expect(flows.map((f) => [f.key, f.count])).toEqual([['1880|1881', 2]]);
    expect(within.size).toBe(0);
    expect(unplaced).toBe(1);
  });

  it('keeps the largest flows up to the limit and says how many were left out', () => {
    const { flows, omitted } = aggregateByMunicipality(nodes, relations, all, 1);
    expect(flows.map((f) => f.key)).toEqual(['1880|1881']);
    expect(omitted).toBe(1);
  });

  it('sums to the visible relations between placed nodes', () => {
    const { flows, within, unplaced } = aggregateByMunicipality(nodes, relations, all);
    const total =
      flows.reduce((sum, f) => sum + f.count, 0) + [...within.values()].reduce((s, n) => s + n, 0);
    expect(total + unplaced).toBe(relations.length);
  });
});
