import { describe, expect, it } from 'vitest';
import { degrees, importanceOrder, importanceRank } from '$lib/explorer/importance';

const n = (id: string, kind: 'municipality' | 'network' | 'organisation', title = id) => ({
  id,
  kind,
  title
});
const r = (source_id: string, target_id: string) => ({ source_id, target_id });

describe('importance', () => {
  it('counts both ends of each relation, a loop once', () => {
    expect(degrees([r('a', 'b'), r('a', 'c'), r('c', 'c')])).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
        ['c', 2]
      ])
    );
  });

  it('orders municipalities, then networks, then the rest; each by degree, then title', () => {
    const nodes = [
      n('org-busy', 'organisation'),
      n('net-quiet', 'network'),
      n('mun-b', 'municipality', 'Örebro'),
      n('mun-a', 'municipality', 'Askersund'),
      n('org-quiet', 'organisation'),
      n('net-busy', 'network')
    ];
    const relations = [
      r('org-busy', 'net-busy'),
      r('org-busy', 'org-quiet'),
      r('org-busy', 'mun-b'),
      r('net-busy', 'mun-b')
    ];
    expect(importanceOrder(nodes, relations)).toEqual([
      'mun-b', // 2 relations
      'mun-a', // 0
      'net-busy',
      'net-quiet',
      'org-busy',
      'org-quiet'
    ]);
  });

  it('is independent of the input order', () => {
    const nodes = [n('x', 'organisation', 'Samma'), n('y', 'organisation', 'Samma')];
    expect(importanceOrder(nodes, [])).toEqual(importanceOrder([...nodes].reverse(), []));
    expect(importanceRank(nodes, [])).toEqual(
      new Map([
        ['x', 0],
        ['y', 1]
      ])
    );
  });
});
