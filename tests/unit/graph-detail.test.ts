// A large graph's level of detail (graph/detail.ts): which relations are drawn
// in full, and the relations summed between municipalities as edges between
// their nodes — checked against a hand-made national fixture — and, on a real
// headless Cytoscape core, which nodes are in view.
import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { municipalityNodeIds } from '$lib/analysis/twins';
import { aggregateByMunicipality } from '$lib/explorer/aggregate';
import { EMPTY_FILTERS, filterDataset } from '$lib/explorer/filters';
import { neighbourhood } from '$lib/explorer/neighbourhood';
import { GraphController } from '$lib/graph/controller';
import {
  CULL_ABOVE_NODES,
  culledNodeIds,
  detailElements,
  detailRelationIds,
  lookedAtNodeIds,
  sumEdges
} from '$lib/graph/detail';
import { relationsByNode } from '$lib/explorer/lookup';
import { buildElements } from '$lib/graph/elements';
import { OVERLAP_CLASS, SUM_CLASS } from '$lib/graph/overlay';
import { graphStyle } from '$lib/graph/style';
import { nationalFixture, node, relation } from './fixtures/dataset';

/** The national fixture with the three municipalities' nodes and a node in none (x1). */
function national() {
  const ds = nationalFixture();
  ds.nodes.push(
    node({ id: 'k-sthlm', kind: 'municipality', title: 'Stockholm', municipality_code: '0180' }),
    node({ id: 'k-gbg', kind: 'municipality', title: 'Göteborg', municipality_code: '1480' }),
    node({ id: 'k-malmo', kind: 'municipality', title: 'Malmö', municipality_code: '1280' }),
    node({ id: 'x1', kind: 'resource', title: 'Utan kommun' })
  );
  ds.relations.push(relation({ id: 'r5', kind: 'assists', source_id: 'x1', target_id: 'g1' }));
  return ds;
}

describe('sumEdges', () => {
  it('sums the visible relations between municipalities onto their nodes, largest widest', () => {
    const ds = national();
    const visible = filterDataset(ds, EMPTY_FILTERS);
    const edges = sumEdges(
      aggregateByMunicipality(ds.nodes, ds.relations, visible),
      municipalityNodeIds(ds.nodes)
    );
    // Stockholm–Göteborg: r1 and r2 (either direction); Malmö–Stockholm: r3. r4 is
    // within Stockholm, r5 has an end in no municipality: neither is summed.
    expect(edges.map((e) => [e.data.source, e.data.target, e.data.weight])).toEqual([
      ['k-sthlm', 'k-gbg', 2],
      ['k-sthlm', 'k-malmo', 1]
    ]);
    expect(edges[0]!.data.width).toBeGreaterThan(edges[1]!.data.width);
    expect(edges.every((e) => e.classes === `${OVERLAP_CLASS} ${SUM_CLASS}`)).toBe(true);
    expect(edges.every((e) => e.data.label === '')).toBe(true);
  });

  it('counts only what passes the filters and leaves out a pair without both nodes', () => {
    const ds = national();
    const visible = filterDataset(ds, {
      ...EMPTY_FILTERS,
      nodeKinds: ['organisation', 'project', 'municipality']
    });
    const withoutMalmo = new Map(municipalityNodeIds(ds.nodes));
    withoutMalmo.delete('1280');
    const edges = sumEdges(
      aggregateByMunicipality(ds.nodes, ds.relations, {
        ...visible,
        nodeIds: new Set([...visible.nodeIds, 'm1'])
      }),
      withoutMalmo
    );
    expect(edges.map((e) => e.data.id)).toEqual(['sum:0180|1480']);
  });
});

describe('detailRelationIds', () => {
  const ds = national();
  const byNode = relationsByNode(ds.relations);

  it('is empty at overview with nothing selected', () => {
    expect(
      detailRelationIds(byNode, { targets: [null, null], focused: null, inView: null })
    ).toEqual(new Set());
  });

  it("holds the selected node's relations, a hovered relation and the nodes' in view", () => {
    expect(
      detailRelationIds(byNode, {
        targets: [
          { type: 'node', id: 's1' },
          { type: 'relation', id: 'r5' }
        ],
        focused: null,
        inView: ['m1']
      })
    ).toEqual(new Set(['r1', 'r3', 'r4', 'r5']));
  });

  it("holds a focused neighbourhood's relations", () => {
    const focused = neighbourhood(
      ds,
      filterDataset(ds, EMPTY_FILTERS),
      { type: 'node', id: 'g1' },
      1
    );
    const ids = detailRelationIds(byNode, { targets: [], focused, inView: null });
    expect(ids).toEqual(new Set(focused.relationIds));
    expect(ids.has('r1') && ids.has('r2') && ids.has('r5')).toBe(true);
  });

  it('keeps every node and only the detailed edges', () => {
    const shown = detailElements(buildElements(ds), new Set(['r2']));
    expect(shown.filter((el) => el.group === 'nodes')).toHaveLength(ds.nodes.length);
    expect(shown.filter((el) => el.group === 'edges').map((el) => el.data.id)).toEqual(['r2']);
  });
});

describe('culled nodes', () => {
  const ds = national();

  it('are looked at: the selected and hovered nodes, the focus, those in view and the ends drawn', () => {
    const drawn = detailElements(buildElements(ds), new Set(['r2']));
    const ids = lookedAtNodeIds(drawn, {
      targets: [
        { type: 'node', id: 's1' },
        { type: 'relation', id: 'r5' } // its ends come with it, as a drawn relation
      ],
      focused: null,
      inView: ['x1']
    });
    expect(ids).toEqual(new Set(['s1', 'x1', 'g1', 's2']));
  });

  it('leaves out all but the hubs and the looked at, only while many nodes are visible', () => {
    const elements = buildElements(ds);
    expect(culledNodeIds(elements, CULL_ABOVE_NODES + 1, new Set(['s1']))).toEqual(
      new Set(['s2', 'g1', 'x1'])
    );
    expect(culledNodeIds(elements, CULL_ABOVE_NODES, new Set())).toEqual(new Set());
  });
});

describe('GraphController with culled nodes', () => {
  let graph: GraphController | null = null;
  afterEach(() => graph?.destroy());

  function placed() {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    const g = new GraphController(cy);
    g.setElements(buildElements(national()));
    national().nodes.forEach((n, i) => cy.$id(n.id).position({ x: i * 100, y: 0 }));
    return { cy, g };
  }

  it('takes them out of the core, but counts them in view where they are', () => {
    const { cy, g } = placed();
    graph = g;
    g.setOut(new Set(), new Set(['s2', 'g1']));
    expect(cy.$id('s2').empty() && cy.$id('g1').empty()).toBe(true);
    expect(cy.$id('s1').nonempty()).toBe(true);
    cy.viewport({ zoom: 1, pan: { x: 0, y: 50 } });
    expect(g.nodesInView(10, { width: 250, height: 100 })).toEqual(['s1', 's2', 'g1']);
    g.setOut(new Set(['s2']), new Set(['s2', 'g1']));
    expect(g.nodesInView(10, { width: 250, height: 100 })).toEqual(['s1', 'g1']);
  });

  it('hands nodes from the filter to the level of detail without bringing them back', () => {
    const { cy, g } = placed();
    graph = g;
    g.setOut(new Set(['s2', 'g1']), new Set());
    const added: string[] = [];
    cy.on('add', (e) => void added.push(e.target.id()));
    g.setOut(new Set(), new Set(['s2', 'g1'])); // a filter cleared on a large map
    expect(added).toEqual([]);
    g.setOut(new Set(), new Set(['s2'])); // g1 looked at: back with its relations but to s2
    expect(added.sort()).toEqual(['g1', 'r1', 'r5']);
  });

  it('never makes a node culled before it arrives, until it is shown: then with its place, data and classes', async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    const g = (graph = new GraphController(cy));
    const made: string[] = [];
    cy.on('add', (e) => void made.push(e.target.id()));
    g.setOut(new Set(), new Set(['s2', 'g1'])); // as the view does: before the elements
    const ds = national();
    g.setElements(buildElements(ds));
    expect(made).not.toContain('s2');
    expect(made).not.toContain('g1');
    // Their relations (r1 s1→g1, r2 g1→s2, r4 s1→s2, r5 x1→g1) wait with them.
    for (const id of ['r1', 'r2', 'r4', 'r5']) expect(made).not.toContain(id);
    expect(made).toContain('r3'); // m1→s1
    expect(g.ids.nodes.has('g1') && g.ids.edges.has('r1')).toBe(true);
    await g.runLayout('geo', new Map(ds.nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }])));
    g.syncClass('dimmed', new Set(['g1']));
    ds.nodes = ds.nodes.map((n) => (n.id === 'g1' ? { ...n, title: 'Nytt' } : n));
    g.setElements(buildElements(ds));
    expect(made).not.toContain('g1');
    g.setOut(new Set(), new Set(['s2']));
    expect(cy.$id('g1').position()).toEqual({ x: 20, y: 0 });
    expect(cy.$id('g1').data('label')).toBe('Nytt');
    expect(cy.$id('g1').hasClass('dimmed')).toBe(true);
    expect(cy.$id('r1').nonempty()).toBe(true); // s1→g1: both ends shown
    expect(cy.$id('r2').empty() && cy.$id('r4').empty()).toBe(true); // to s2, still culled
  });

  it('places culled nodes by a preset layout without bringing them back', async () => {
    const { cy, g } = placed();
    graph = g;
    g.setOut(new Set(), new Set(['s2']));
    const places = new Map(national().nodes.map((n, i) => [n.id, { x: i, y: -i }]));
    await g.runLayout('geo', places);
    expect(cy.$id('s2').empty()).toBe(true);
    expect(g.positions().get('s2')).toEqual({ x: 1, y: -1 });
    g.setOut(new Set(), new Set());
    expect(cy.$id('s2').position()).toEqual({ x: 1, y: -1 });
  });
});

describe('GraphController.nodesInView', () => {
  let graph: GraphController | null = null;
  afterEach(() => graph?.destroy());

  it('lists the visible nodes inside the view, or null when more than the limit are', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    graph = new GraphController(cy);
    const ds = national();
    graph.setElements(buildElements(ds));
    ds.nodes.forEach((n, i) => cy.$id(n.id).position({ x: i * 100, y: 0 }));
    cy.viewport({ zoom: 1, pan: { x: 0, y: 50 } });
    const view = { width: 250, height: 100 }; // x 0–250: the first three nodes
    expect(graph.nodesInView(10, view)).toEqual(['s1', 's2', 'g1']);
    expect(graph.nodesInView(2, view)).toBeNull();
    graph.syncClass('hidden', new Set(['s2']));
    expect(graph.nodesInView(2, view)).toEqual(['s1', 'g1']);
    cy.viewport({ zoom: 0.1, pan: { x: 0, y: 50 } }); // all eight fit
    expect(graph.nodesInView(10, view)).toHaveLength(7);
  });
});
