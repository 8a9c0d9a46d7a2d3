import { describe, expect, it } from 'vitest';
import { buildElements, diffElements, type GraphElement } from '$lib/graph/elements';
import { datasetFixture, node, relation } from './fixtures/dataset';

const byId = (els: GraphElement[]) => new Map(els.map((e) => [e.data.id, e]));
const ids = (els: GraphElement[]) => els.map((e) => e.data.id);

describe('diffElements', () => {
  it('adds everything to an empty graph, nodes before edges', () => {
    const next = buildElements(datasetFixture());
    const diff = diffElements(new Map(), [...next].reverse());
    expect(diff.remove).toEqual([]);
    expect(diff.update).toEqual([]);
    const firstEdge = diff.add.findIndex((e) => e.group === 'edges');
    expect(diff.add.slice(firstEdge).every((e) => e.group === 'edges')).toBe(true);
    expect(new Set(ids(diff.add))).toEqual(new Set(ids(next)));
  });

  it('finds nothing to do for equal data in new objects', () => {
    const prev = buildElements(datasetFixture());
    const diff = diffElements(byId(prev), buildElements(datasetFixture()));
    expect(diff).toEqual({ add: [], remove: [], update: [] });
  });

  it('adds, removes and updates only what changed', () => {
    const before = datasetFixture();
    const after = datasetFixture();
    after.nodes = after.nodes.filter((n) => n.id !== 'n-ended');
    after.nodes[0] = { ...after.nodes[0]!, title: 'Lekebergs kommun' };
    after.nodes.push(node({ id: 'n-new', kind: 'event', title: 'Ny konferens' }));
    after.relations.push(
      relation({ id: 'r-new', kind: 'hosts', source_id: 'n-orebro', target_id: 'n-new' })
    );
    after.relations[0] = { ...after.relations[0]!, magnitude: 50 };

    const diff = diffElements(byId(buildElements(before)), buildElements(after));
    expect(ids(diff.add)).toEqual(['n-new', 'r-new']);
    expect(diff.remove).toEqual(['n-ended']);
    expect(ids(diff.update).sort()).toEqual(['n-lekeberg', 'r-flow']);
    const flow = diff.update.find((e) => e.data.id === 'r-flow')!;
    expect(flow.group === 'edges' && flow.data.unknown).toBe(false);
  });

  it('replaces an edge whose ends changed (Cytoscape cannot move it in place)', () => {
    const before = datasetFixture();
    const after = datasetFixture();
    after.relations[1] = { ...after.relations[1]!, source_id: 'n-orebro' };
    const diff = diffElements(byId(buildElements(before)), buildElements(after));
    expect(diff.remove).toEqual(['r-member']);
    expect(ids(diff.add)).toEqual(['r-member']);
    expect(diff.update).toEqual([]);
  });
});
