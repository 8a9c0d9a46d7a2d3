// Shared members between networks.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import { networkOverlaps, overlapEdges, overlapMatrix } from '$lib/analysis/overlaps';
import { parseViewState } from '$lib/explorer/url-state';
import { overlapGraphQuery } from '$lib/inventory/links';
import { node, relation } from './fixtures/dataset';
import { emptyMap } from './fixtures/io-dataset';

function fixture(): Dataset {
  const d = emptyMap();
  d.nodes = [
    node({ id: 'gysam', kind: 'network', title: 'GySam' }),
    node({ id: 'reko', kind: 'network', title: 'REKO' }),
    node({ id: 'syv', kind: 'network', title: 'SYV-nätverk', status: 'dormant' }),
    node({ id: 'tabb', kind: 'project', title: 'TABB' }),
    node({ id: 'orebro', kind: 'municipality', title: 'Örebro', municipality_code: '1880' }),
    node({ id: 'karlskoga', kind: 'municipality', title: 'Karlskoga', municipality_code: '1883' }),
    node({ id: 'nora', kind: 'municipality', title: 'Nora', municipality_code: '1884' }),
    node({ id: 'af', kind: 'organisation', title: 'Arbetsförmedlingen' })
  ];
  const m = (
    id: string,
    s: string,
    t: string,
    kind: 'member_of' | 'participates_in' | 'leads' = 'member_of'
  ) => relation({ id, kind, source_id: s, target_id: t });
  d.relations = [
    m('1', 'orebro', 'gysam'),
    m('2', 'karlskoga', 'gysam'),
    m('3', 'nora', 'gysam'),
    m('4', 'orebro', 'reko'),
    m('5', 'karlskoga', 'reko', 'participates_in'),
    m('6', 'af', 'reko'),
    m('7', 'orebro', 'syv'),
    m('8', 'karlskoga', 'syv', 'leads'), // leading is not membership
    m('9', 'nora', 'tabb', 'participates_in'),
    m('10', 'orebro', 'tabb', 'participates_in'),
    m('11', 'reko', 'gysam') // a network that is a member: counted as a member, not as an overlap
  ];
  return d;
}

describe('networkOverlaps', () => {
  it('finds the shared members of each pair of networks', () => {
    const analysis = networkOverlaps(fixture());
    expect(analysis.groups.map((g) => g.title)).toEqual(['GySam', 'REKO', 'SYV-nätverk']);
    expect(analysis.overlaps.map((o) => [o.a, o.b, o.shared, o.count])).toEqual([
      ['gysam', 'reko', ['karlskoga', 'orebro'], 2],
      ['gysam', 'syv', ['orebro'], 1],
      ['reko', 'syv', ['orebro'], 1]
    ]);
    // GySam {Örebro, Karlskoga, Nora, REKO} ∪ REKO {Örebro, Karlskoga, AF} = 5 members.
    expect(analysis.overlaps[0]!.similarity).toBeCloseTo(2 / 5);
  });

  it('can include projects, leave out inactive groups and require more shared members', () => {
    const withProjects = networkOverlaps(fixture(), {
      includeProjects: true,
      activeOnly: true,
      minShared: 2
    });
    expect(withProjects.groups.map((g) => g.title)).toEqual(['GySam', 'REKO', 'TABB']);
    expect(withProjects.overlaps.map((o) => [o.a, o.b, o.count])).toEqual([
      ['gysam', 'reko', 2],
      ['gysam', 'tabb', 2]
    ]);
  });

  it('gives a symmetric matrix with member counts on the diagonal', () => {
    expect(overlapMatrix(networkOverlaps(fixture()))).toEqual([
      [4, 2, 1],
      [2, 3, 1],
      [1, 1, 1]
    ]);
  });

  it('turns overlaps into weighted graph edges', () => {
    expect(overlapEdges(networkOverlaps(fixture()))[0]).toEqual({
      id: 'overlap:gysam:reko',
      source: 'gysam',
      target: 'reko',
      weight: 2,
      similarity: 2 / 5,
      shared: ['karlskoga', 'orebro']
    });
  });
});

describe('overlapGraphQuery', () => {
  it("links the inventory to the explorer's graph with the overlaps on, keeping another map", () => {
    expect(overlapGraphQuery('00000000-0000-4000-8000-000000000001')).toBe('?vy=graph&overlapp=1');
    const other = '11111111-1111-4111-8111-111111111111';
    const query = overlapGraphQuery(other);
    expect(query).toBe(`?karta=${other}&vy=graph&overlapp=1`);
    expect(parseViewState(new URLSearchParams(query))).toMatchObject({
      mapId: other,
      view: 'graph',
      overlaps: true
    });
  });
});
