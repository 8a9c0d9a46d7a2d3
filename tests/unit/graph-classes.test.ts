import { describe, expect, it } from 'vitest';
import { filterDataset } from '$lib/explorer/filters';
import { EMPTY_FILTERS } from '$lib/explorer/filters';
import { neighbourhood } from '$lib/explorer/neighbourhood';
import {
  dimmedIds,
  hiddenIds,
  setChange,
  targetIds,
  visibleCounts,
  type GraphIds
} from '$lib/graph/classes';
import { keyAction } from '$lib/graph/keyboard';
import { datasetFixture } from './fixtures/dataset';

const ds = datasetFixture();
const graph: GraphIds = {
  nodes: new Set(ds.nodes.map((n) => n.id)),
  edges: new Set(ds.relations.map((r) => r.id))
};

describe('graph state classes', () => {
  it('reports only the ids that enter or leave a set', () => {
    expect(setChange(new Set(['a', 'b']), new Set(['b', 'c']))).toEqual({
      added: ['c'],
      removed: ['a']
    });
    expect(setChange(new Set(['a']), new Set(['a']))).toEqual({ added: [], removed: [] });
  });

  it('hides what the filters leave out, nodes and edges alike, and counts the rest', () => {
    const visible = filterDataset(ds, { ...EMPTY_FILTERS, nodeKinds: ['municipality'] });
    expect(hiddenIds(graph, visible)).toEqual(
      new Set(['n-network', 'n-resource', 'n-ended', 'r-member', 'r-assists'])
    );
    expect(visibleCounts(graph, visible)).toEqual({ nodes: 2, edges: 1 });
    const all = filterDataset(ds, EMPTY_FILTERS);
    expect(hiddenIds(graph, all).size).toBe(0);
    expect(visibleCounts(graph, all)).toEqual({ nodes: 5, edges: 3 });
  });

  it('dims visible elements outside the focus neighbourhood only in focus mode', () => {
    const visible = filterDataset(ds, EMPTY_FILTERS);
    expect(dimmedIds(graph, visible, null).size).toBe(0);
    const focus = neighbourhood(ds, visible, { type: 'node', id: 'n-orebro' }, 1);
    expect(dimmedIds(graph, visible, focus)).toEqual(
      new Set(['n-network', 'n-resource', 'n-ended', 'r-member', 'r-assists'])
    );
  });

  it('marks the selected or hovered element only when the graph holds it', () => {
    expect(targetIds(graph, { type: 'relation', id: 'r-flow' })).toEqual(new Set(['r-flow']));
    expect(targetIds(graph, { type: 'node', id: 'r-flow' }).size).toBe(0);
    expect(targetIds(graph, null).size).toBe(0);
  });
});

describe('graph keyboard', () => {
  it('pans with arrows, zooms with + and -, fits with 0 and clears with Escape', () => {
    expect(keyAction('ArrowLeft')).toEqual({ type: 'pan', dx: 60, dy: 0 });
    expect(keyAction('ArrowDown')).toEqual({ type: 'pan', dx: 0, dy: -60 });
    expect(keyAction('+')).toEqual({ type: 'zoom', factor: 1.25 });
    expect(keyAction('-')).toEqual({ type: 'zoom', factor: 0.8 });
    expect(keyAction('0')).toEqual({ type: 'fit' });
    expect(keyAction('Escape')).toEqual({ type: 'clear' });
    expect(keyAction('Tab')).toBeNull();
  });
});
