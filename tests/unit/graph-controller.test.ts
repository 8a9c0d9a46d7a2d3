// The graph controller against a real, headless Cytoscape core with fcose.
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GraphController } from '$lib/graph/controller';
import { buildElements } from '$lib/graph/elements';
import { overlayElements, visibleOverlaps } from '$lib/graph/overlay';
import { graphStyle } from '$lib/graph/style';
import type { Dataset } from '$lib/domain/model';
import { datasetFixture, node, relation } from './fixtures/dataset';

let cy: Core;
let graph: GraphController;

beforeAll(() => cytoscape.use(fcose));
afterEach(() => graph?.destroy());

function setup() {
  cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
  graph = new GraphController(cy);
  graph.setElements(buildElements(datasetFixture()));
  return graph;
}

/** Every node where it was in `picture` (fcose's floating point: to 6 places). */
function expectPicture(picture: ReadonlyMap<string, { x: number; y: number }>) {
  for (const [id, p] of picture) {
    expect(graph.positions().get(id)!.x).toBeCloseTo(p.x, 6);
    expect(graph.positions().get(id)!.y).toBeCloseTo(p.y, 6);
  }
}

describe('GraphController', () => {
  it('applies element diffs in place: same objects for unchanged elements', () => {
    setup();
    expect(cy.nodes().length).toBe(5);
    expect(cy.edges().length).toBe(3);
    const orebro = cy.$id('n-orebro');
    const ds = datasetFixture();
    ds.nodes = ds.nodes.filter((n) => n.id !== 'n-ended');
    ds.nodes[0] = { ...ds.nodes[0]!, title: 'Lekebergs kommun' };
    ds.nodes.push(node({ id: 'n-new', kind: 'event', title: 'Ny' }));
    ds.relations.push(
      relation({ id: 'r-new', kind: 'hosts', source_id: 'n-orebro', target_id: 'n-new' })
    );
    expect(graph.setElements(buildElements(ds))).toBe(true);
    expect(cy.$id('n-orebro').same(orebro)).toBe(true);
    expect(cy.$id('n-ended').empty()).toBe(true);
    expect(cy.$id('n-lekeberg').data('label')).toBe('Lekebergs kommun');
    expect(cy.$id('r-new').source().id()).toBe('n-orebro');
    expect(graph.ids.nodes).toEqual(new Set(ds.nodes.map((n) => n.id)));
    expect(graph.setElements(buildElements(ds))).toBe(false);
  });

  it('toggles a class on exactly the elements whose state changed', () => {
    setup();
    const dimmed = () =>
      cy
        .$('.dimmed')
        .map((e) => e.id())
        .sort();
    graph.syncClass('dimmed', new Set(['n-network', 'r-member']));
    expect(dimmed()).toEqual(['n-network', 'r-member']);
    const add = vi.spyOn(cy, 'collection');
    graph.syncClass('dimmed', new Set(['n-network', 'r-member']));
    expect(add).not.toHaveBeenCalled(); // nothing changed: Cytoscape not touched
    graph.syncClass('dimmed', new Set(['r-member', 'n-ended']));
    expect(dimmed()).toEqual(['n-ended', 'r-member']);
  });

  it('takes hidden elements out of the core, with their edges, and puts the same ones back', () => {
    setup();
    const network = cy.$id('n-network');
    const member = cy.$id('r-member');
    graph.syncClass('selected', new Set(['n-network']));
    graph.syncClass('hidden', new Set(['n-network']));
    // Out of the core: not styled, not drawn; its relations go with it.
    expect(cy.$id('n-network').empty()).toBe(true);
    expect(cy.$id('r-member').empty()).toBe(true);
    expect(cy.$id('r-assists').empty()).toBe(true);
    expect(cy.elements().length).toBe(5);
    expect(cy.$('.hidden').length).toBe(0);
    expect(graph.positions().has('n-network')).toBe(true);

    // While hidden its classes and data still follow, and a relation to it can be added.
    graph.syncClass('selected', new Set());
    graph.syncClass('dimmed', new Set(['n-network']));
    const ds = datasetFixture();
    ds.nodes = ds.nodes.map((n) => (n.id === 'n-network' ? { ...n, title: 'Nytt namn' } : n));
    ds.relations.push(
      relation({ id: 'r-new', kind: 'member_of', source_id: 'n-orebro', target_id: 'n-network' })
    );
    expect(() => graph.setElements(buildElements(ds))).not.toThrow();
    expect(graph.ids.edges.has('r-new')).toBe(true);
    expect(cy.$id('r-new').empty()).toBe(true); // out with its hidden end
    expect(cy.$id('n-network').empty()).toBe(true);

    // A relation hidden itself stays out when its end comes back.
    graph.syncClass('hidden', new Set(['r-member']));
    expect(cy.$id('n-network').same(network)).toBe(true);
    expect(cy.$id('n-network').data('label')).toBe('Nytt namn');
    expect(cy.$id('n-network').hasClass('dimmed')).toBe(true);
    expect(cy.$id('n-network').hasClass('selected')).toBe(false);
    expect(cy.$id('r-new').nonempty()).toBe(true);
    expect(cy.$id('r-assists').nonempty()).toBe(true);
    expect(cy.$id('r-member').empty()).toBe(true);

    graph.syncClass('hidden', new Set());
    expect(cy.$id('r-member').same(member)).toBe(true);
    expect(cy.elements().length).toBe(9);
  });

  it('forgets a hidden element removed from the data: it does not come back', () => {
    setup();
    graph.syncClass('hidden', new Set(['n-ended']));
    const ds = datasetFixture();
    ds.nodes = ds.nodes.filter((n) => n.id !== 'n-ended');
    graph.setElements(buildElements(ds));
    graph.syncClass('hidden', new Set());
    expect(cy.$id('n-ended').empty()).toBe(true);
    expect(graph.positions().has('n-ended')).toBe(false);
    expect(cy.nodes().length).toBe(4);
  });

  it('re-applies classes to an element that was removed and added again', () => {
    setup();
    graph.syncClass('selected', new Set(['r-member']));
    const ds = datasetFixture();
    ds.relations[1] = { ...ds.relations[1]!, source_id: 'n-orebro' }; // new ends: replaced
    graph.setElements(buildElements(ds));
    expect(cy.$id('r-member').hasClass('selected')).toBe(false);
    graph.syncClass('selected', new Set(['r-member']));
    expect(cy.$id('r-member').hasClass('selected')).toBe(true);
  });

  it('lays out with fcose reproducibly and keeps positions when filters hide nodes', async () => {
    setup();
    await graph.runLayout('fcose');
    const first = graph.positions();
    expect(new Set([...first.values()].map((p) => `${p.x},${p.y}`)).size).toBe(5);

    setup();
    await graph.runLayout('fcose');
    expect(graph.positions()).toEqual(first);

    graph.syncClass('hidden', new Set(['n-network', 'r-member', 'r-assists']));
    expect(graph.positions()).toEqual(first);
  });

  it('lays out filtered-out nodes too, so they have a place when shown again', async () => {
    setup();
    await graph.runLayout('fcose');
    const unfiltered = graph.positions();
    setup();
    graph.syncClass('hidden', new Set(['n-network', 'n-resource', 'r-member', 'r-assists']));
    await graph.runLayout('fcose');
    expect(graph.positions()).toEqual(unfiltered);
    // Out of the core again once laid out, the class taken off.
    expect(cy.elements().length).toBe(8 - 4);
    expect(cy.$('.hidden').length).toBe(0);
    graph.syncClass('hidden', new Set());
    expect(graph.positions()).toEqual(unfiltered);
  });

  it('moves to preset positions and back to the cached fcose picture', async () => {
    setup();
    await graph.runLayout('fcose');
    const fcosePositions = graph.positions();
    const preset = new Map([...fcosePositions.keys()].map((id, i) => [id, { x: i * 100, y: 0 }]));
    await graph.runLayout('hierarchy', preset);
    expect(graph.positions()).toEqual(preset);
    await graph.runLayout('fcose');
    expect(graph.positions()).toEqual(fcosePositions);
  });

  it('places a node added after the layout beside its neighbour, moving nobody', async () => {
    setup();
    await graph.runLayout('fcose');
    const before = graph.positions();
    const ds = datasetFixture();
    ds.nodes.push(node({ id: 'n-new', kind: 'event', title: 'Ny' }));
    ds.relations.push(
      relation({ id: 'r-new', kind: 'hosts', source_id: 'n-network', target_id: 'n-new' })
    );
    graph.setElements(buildElements(ds));
    const after = graph.positions();
    for (const [id, p] of before) expect(after.get(id)).toEqual(p);
    const hub = before.get('n-network')!;
    const placed = after.get('n-new')!;
    expect(Math.hypot(placed.x - hub.x, placed.y - hub.y)).toBeCloseTo(40);
  });

  it('reports the nodes a drag let go, once per gesture, and keeps them moved in the free layout', async () => {
    setup();
    await graph.runLayout('fcose');
    const moved = vi.fn();
    const off = graph.listen({ select: vi.fn(), hover: vi.fn(), moved });
    cy.$id('n-orebro').position({ x: 500, y: 600 });
    cy.$id('n-lekeberg').position({ x: 510, y: 620 });
    cy.$id('n-orebro').emit('dragfree');
    cy.$id('n-lekeberg').emit('dragfree');
    await Promise.resolve();
    expect(moved.mock.calls).toEqual([
      [
        new Map([
          ['n-orebro', { x: 500, y: 600 }],
          ['n-lekeberg', { x: 510, y: 620 }]
        ])
      ]
    ]);
    // Another layout and back: the moved nodes stay where they were put.
    await graph.runLayout(
      'hierarchy',
      new Map([...graph.positions().keys()].map((id) => [id, { x: 0, y: 0 }]))
    );
    await graph.runLayout('fcose');
    expect(graph.positions().get('n-orebro')).toEqual({ x: 500, y: 600 });
    off();
    cy.$id('n-orebro').emit('dragfree');
    await Promise.resolve();
    expect(moved).toHaveBeenCalledTimes(1);
  });

  it('lays the free layout out afresh on request, forgetting moves: the picture of a first load', async () => {
    setup();
    await graph.runLayout('fcose');
    const first = graph.positions();
    graph.listen({ select: vi.fn(), hover: vi.fn() });
    cy.$id('n-orebro').position({ x: 999, y: 999 });
    cy.$id('n-orebro').emit('dragfree');
    await Promise.resolve();
    await graph.runLayout('fcose');
    expect(graph.positions().get('n-orebro')).toEqual({ x: 999, y: 999 });
    await graph.runLayout('fcose', undefined, { fresh: true });
    expectPicture(first);
  });

  it('lays out afresh to the picture of a first load after filters took nodes out and back', async () => {
    setup();
    await graph.runLayout('fcose');
    const first = graph.positions();
    // Hidden and shown again: back in the core, but after the others.
    graph.syncClass('hidden', new Set(['n-lekeberg', 'n-network']));
    graph.syncClass('hidden', new Set());
    expect(cy.nodes()[0]!.id()).not.toBe('n-lekeberg');
    await graph.runLayout('fcose', undefined, { fresh: true });
    expectPicture(first);
  });

  it('moves a hidden node where someone else put it: it is there when shown again', async () => {
    setup();
    await graph.runLayout('fcose');
    graph.syncClass('hidden', new Set(['n-network', 'r-member']));
    expect(graph.applyPositions(new Map([['n-network', { x: 500, y: -20 }]]))).toBe(1);
    graph.syncClass('hidden', new Set());
    expect(cy.$id('n-network').position()).toEqual({ x: 500, y: -20 });
  });

  it('puts nodes where others moved them in the free layout, and keeps the move for it while another is shown', async () => {
    setup();
    await graph.runLayout('fcose');
    const at = graph.positions();
    const stored = new Map([
      ['n-orebro', { x: -300, y: 40 }],
      ['n-network', at.get('n-network')!],
      ['n-unknown', { x: 9, y: 9 }]
    ]);
    expect(graph.applyPositions(stored)).toBe(1);
    expect(graph.positions().get('n-orebro')).toEqual({ x: -300, y: 40 });
    expect(graph.positions().get('n-lekeberg')).toEqual(at.get('n-lekeberg'));
    // Back from another layout, the free picture keeps the move.
    await graph.runLayout('hierarchy', new Map([...at.keys()].map((id) => [id, { x: 0, y: 0 }])));
    await graph.runLayout('fcose');
    expect(graph.positions().get('n-orebro')).toEqual({ x: -300, y: 40 });
    await graph.runLayout('geo', new Map([...at.keys()].map((id) => [id, { x: 0, y: 0 }])));
    expect(graph.applyPositions(new Map([['n-orebro', { x: 7, y: 7 }]]))).toBe(0);
    expect(graph.positions().get('n-orebro')).toEqual({ x: 0, y: 0 });
    // … and the free picture shows it when it is back.
    await graph.runLayout('fcose');
    expect(graph.positions().get('n-orebro')).toEqual({ x: 7, y: 7 });
  });

  describe('motion', () => {
    /** The system's "reduce motion" setting, as the browser reports it. */
    const reduceMotion = (matches: boolean) =>
      vi.stubGlobal('matchMedia', (query: string) => ({
        matches: matches && query === '(prefers-reduced-motion: reduce)'
      }));
    afterEach(() => vi.unstubAllGlobals());
    const origin = new Map(
      ['n-orebro', 'n-lekeberg', 'n-network', 'n-resource', 'n-ended'].map((id) => [
        id,
        { x: 0, y: 0 }
      ])
    );

    it.each([
      { reduced: false, what: 'animate' },
      { reduced: true, what: 'are where they end at once, with reduced motion' }
    ])('a second layout and a zoom $what', async ({ reduced }) => {
      reduceMotion(reduced);
      setup();
      await graph.runLayout('fcose');
      const layout = graph.runLayout('hierarchy', origin);
      const moving = cy
        .nodes()
        .toArray()
        .some((n) => (n as NodeSingular).animated());
      expect(moving).toBe(!reduced);
      if (reduced) expect(graph.positions().get('n-orebro')).toEqual({ x: 0, y: 0 });
      await layout;
      cy.viewport({ zoom: 3, pan: { x: 400, y: 400 } });
      graph.fitTo(reduced ? 'all' : { type: 'node', id: 'n-orebro' });
      expect(cy.animated()).toBe(!reduced);
      // Animated, the camera is still on its way; reduced, it is there.
      expect(cy.zoom() === 3).toBe(!reduced);
    });
  });

  it('turns taps and pointer moves into select and hover', () => {
    setup();
    const select = vi.fn();
    const hover = vi.fn();
    const off = graph.listen({ select, hover });
    cy.$id('n-orebro').emit('tap');
    cy.$id('r-flow').emit('mouseover');
    cy.$id('r-flow').emit('mouseout');
    cy.emit('tap');
    expect(select.mock.calls).toEqual([[{ type: 'node', id: 'n-orebro' }], [null]]);
    expect(hover.mock.calls).toEqual([[{ type: 'relation', id: 'r-flow' }], [null]]);
    off();
    cy.$id('n-orebro').emit('tap');
    expect(select).toHaveBeenCalledTimes(2);
  });

  describe('labels', () => {
    const view = { width: 800, height: 600 };
    const order = ['n-orebro', 'n-lekeberg', 'n-network', 'n-resource', 'n-ended'];
    const inputs = (focus: string[] = []) => ({ order, focus: new Set(focus) });
    /** Nodes side by side, 40 px apart at zoom 1: their labels collide. */
    function crowded() {
      setup();
      order.forEach((id, i) => cy.$id(id).position({ x: 100 + i * 40, y: 100 }));
      cy.zoom(1);
      cy.pan({ x: 0, y: 0 });
    }

    it('at overview labels the most important nodes whose labels fit, none overlapping', () => {
      crowded();
      graph.setLabelInputs(inputs());
      const labelled = graph.refreshLabels(view);
      expect(labelled.has('n-orebro')).toBe(true);
      expect(labelled.has('n-lekeberg')).toBe(false); // its label would overlap Örebro's
      expect(labelled.size).toBeLessThan(order.length);
      expect(cy.$('.labelled').map((n) => n.id())).toEqual(order.filter((id) => labelled.has(id)));
      expect(cy.$id('n-orebro').style('label')).toBe('Örebro');
    });

    it('always labels the selection and lets the rest avoid it; its neighbours come first', () => {
      crowded();
      graph.setLabelInputs(inputs());
      graph.syncClass('selected', new Set(['n-lekeberg']));
      const labelled = graph.refreshLabels(view);
      expect(labelled.has('n-lekeberg')).toBe(true);
      expect(labelled.has('n-orebro')).toBe(false);
      expect(cy.$id('n-lekeberg').style('label')).toBe('Lekeberg');
    });

    it('always labels the hovered node, both ends of a selected relation and a focus', () => {
      crowded();
      graph.setLabelInputs(inputs(['n-ended']));
      graph.syncClass('hovered', new Set(['n-network']));
      graph.syncClass('selected', new Set(['r-flow']));
      const labelled = graph.refreshLabels(view);
      const flow = cy.$id('r-flow');
      for (const id of ['n-network', 'n-ended', flow.source().id(), flow.target().id()]) {
        expect(labelled.has(id), id).toBe(true);
      }
    });

    it('labels everything in view when zoomed in, and nothing hidden by a filter', () => {
      crowded();
      graph.syncClass('hidden', new Set(['n-ended']));
      cy.zoom(2);
      graph.setLabelInputs(inputs());
      expect(graph.refreshLabels({ width: 2000, height: 1000 })).toEqual(
        new Set(order.filter((id) => id !== 'n-ended'))
      );
    });

    it('keeps the labels 14 px on screen when zoomed out, and reports them', () => {
      crowded();
      cy.$id('n-resource').position({ x: 1000, y: 100 }); // 500 px: room for its label
      cy.zoom(0.5);
      const reported: number[] = [];
      graph.onLabels((ids) => reported.push(ids.size));
      graph.setLabelInputs(inputs());
      const labelled = graph.refreshLabels(view);
      const resource = cy.$id('n-resource');
      expect(resource.hasClass('labelled')).toBe(true);
      expect(parseFloat(resource.style('font-size')) * cy.zoom()).toBe(14);
      expect(parseFloat(cy.$id('n-orebro').style('font-size')) * cy.zoom()).toBe(16);
      expect(reported).toEqual([labelled.size]);
    });

    it('follows a pan on its own, once it pauses', async () => {
      crowded();
      graph.setLabelInputs(inputs());
      graph.refreshLabels(view);
      const seen = new Promise<ReadonlySet<string>>((resolve) => graph.onLabels(resolve));
      cy.pan({ x: 5000, y: 0 }); // everything out of the (headless, empty) view
      expect((await seen).size).toBe(0);
    });
  });

  describe('network overlaps overlay', () => {
    // A second network that Lekeberg is also a member of: one shared member.
    function withSecondNetwork(): Dataset {
      const ds = datasetFixture();
      ds.nodes.push(node({ id: 'n-network2', kind: 'network', title: 'GySam' }));
      ds.relations.push(
        relation({
          id: 'r-member2',
          kind: 'member_of',
          source_id: 'n-lekeberg',
          target_id: 'n-network2'
        })
      );
      return ds;
    }
    const everything = (ds: Dataset) => ({
      nodeIds: new Set(ds.nodes.map((n) => n.id)),
      relationIds: new Set(ds.relations.map((r) => r.id))
    });
    const overlay = (ds: Dataset) => overlayElements(visibleOverlaps(ds, everything(ds), true));
    const ID = 'overlap:n-network:n-network2';

    function setupTwoNetworks(): Dataset {
      const ds = withSecondNetwork();
      cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
      graph = new GraphController(cy);
      graph.setElements(buildElements(ds));
      return ds;
    }

    it('adds and removes the overlay edges without moving a node or counting them as relations', async () => {
      const ds = setupTwoNetworks();
      await graph.runLayout('fcose');
      const before = graph.positions();
      const ids = graph.ids;

      graph.setOverlay(overlay(ds));
      const edge = cy.$id(ID);
      expect(edge.nonempty()).toBe(true);
      expect(edge.hasClass('overlap')).toBe(true);
      expect(edge.selectable()).toBe(false);
      expect(edge.style('label')).toBe('1');
      expect(edge.style('width')).toBe('4px');
      expect(graph.positions()).toEqual(before);
      expect(graph.ids).toEqual(ids);

      graph.setOverlay([]);
      expect(cy.edges('.overlap').length).toBe(0);
      expect(cy.edges().length).toBe(ds.relations.length);
      expect(graph.positions()).toEqual(before);
    });

    it('draws an overlay edge again when its hidden network is shown again', () => {
      const ds = setupTwoNetworks();
      graph.setOverlay(overlay(ds));
      graph.syncClass('hidden', new Set(['n-network2', 'r-member2']));
      expect(cy.$id(ID).empty()).toBe(true);
      graph.syncClass('hidden', new Set());
      expect(cy.$id(ID).nonempty()).toBe(true);
      expect(cy.$id(ID).data('weight')).toBe(1);
    });

    it('leaves the overlay out of the layout: fcose gives the same picture with it on', async () => {
      const ds = setupTwoNetworks();
      await graph.runLayout('fcose');
      const without = graph.positions();
      setupTwoNetworks();
      graph.setOverlay(overlay(ds));
      await graph.runLayout('fcose');
      expect(graph.positions()).toEqual(without);
      expect(cy.$id(ID).nonempty()).toBe(true);
    });

    it('updates a changed count in place and re-adds an edge whose network came back', () => {
      const ds = setupTwoNetworks();
      graph.setOverlay(overlay(ds));
      const edge = cy.$id(ID);
      ds.relations.push(
        relation({ id: 'r-m3', kind: 'member_of', source_id: 'n-orebro', target_id: 'n-network' }),
        relation({ id: 'r-m4', kind: 'member_of', source_id: 'n-orebro', target_id: 'n-network2' })
      );
      graph.setElements(buildElements(ds));
      graph.setOverlay(overlay(ds));
      expect(cy.$id(ID).same(edge)).toBe(true);
      expect(cy.$id(ID).data()).toMatchObject({ weight: 2, label: '2' });

      // Removing a network takes its overlay edges along; the next overlay restores them.
      const without = { ...ds, nodes: ds.nodes.filter((n) => n.id !== 'n-network2') };
      graph.setElements(buildElements(without));
      expect(cy.$id(ID).empty()).toBe(true);
      graph.setOverlay(overlay(ds)); // an end is missing: skipped, no error
      expect(cy.$id(ID).empty()).toBe(true);
      graph.setElements(buildElements(ds));
      graph.setOverlay(overlay(ds));
      expect(cy.$id(ID).data('weight')).toBe(2);
    });

    it('does not select or hover an overlay edge', () => {
      const ds = setupTwoNetworks();
      graph.setOverlay(overlay(ds));
      const select = vi.fn();
      const hover = vi.fn();
      graph.listen({ select, hover });
      cy.$id(ID).emit('tap');
      cy.$id(ID).emit('mouseover');
      cy.$id(ID).emit('mouseout');
      expect(select).not.toHaveBeenCalled();
      expect(hover).not.toHaveBeenCalled();
    });
  });
});
