// A large map (over 2 000 nodes) in the real browser and stack: at overview the
// graph draws the municipalities and networks with the relations summed between
// municipalities (graph/detail.ts); zoomed in, the nodes in view; a selected node
// with its relations in full; both views count the
// same visible relations, filtered or not. The test's map is the seeded copy
// with 2 100 resources added across the county's twelve municipalities.
import { MUNICIPALITIES } from '../../src/lib/domain/municipalities';
import { expect, test } from './fixtures';
import { openExplorer, openPanel } from './explorer-helpers';

const CODES = MUNICIPALITIES.map((m) => m.code);
const ADDED = 2100;

test('a large map: the graph sums relations between municipalities and draws a selection’s in full', async ({
  page,
  map,
  maps
}) => {
  test.setTimeout(180_000);
  const node = (i: number) => map.idOf(`large-node-${i}`);
  await maps.insert(
    map,
    'nodes',
    Array.from({ length: ADDED }, (_, i) => ({
      id: node(i),
      kind: 'resource',
      title: `Resurs ${i + 1}`,
      municipality_code: CODES[i % CODES.length],
      themes: i % 2 ? ['juridik'] : [],
      source: 'e2e: stor karta'
    }))
  );
  // Each to the node 13 further on: always in the next municipality, so every
  // added relation is part of a sum.
  await maps.insert(
    map,
    'relations',
    Array.from({ length: ADDED }, (_, i) => ({
      id: map.idOf(`large-relation-${i}`),
      source_id: node(i),
      target_id: node((i + 13) % ADDED),
      kind: 'collaborates_with',
      source: 'e2e: stor karta'
    }))
  );
  await maps.insert(
    map,
    'node_positions',
    Array.from({ length: ADDED }, (_, i) => ({
      id: node(i),
      x: 2000 + (i % 50) * 60,
      y: Math.floor(i / 50) * 60
    }))
  );

  await openExplorer(page, map);
  const graph = page.getByTestId('graph-view');
  const mapView = page.getByTestId('map-view');
  await expect(graph).toHaveAttribute('data-detail-edges', '0');
  expect(Number(await graph.getAttribute('data-sum-edges'))).toBeGreaterThanOrEqual(12);
  const relations = Number(await mapView.getAttribute('data-visible-relations'));
  expect(relations).toBeGreaterThan(ADDED);
  await expect(graph).toHaveAttribute('data-visible-relations', String(relations));
  await expect(graph).toHaveAttribute('data-visible-nodes', /^2\d{3}$/);
  await expect(graph).toHaveAttribute(
    'data-visible-nodes',
    (await mapView.getAttribute('data-visible-nodes'))!
  );
  await expect(page.getByTestId('graph-large-note')).toContainText('summerade mellan kommunerna');

  // A filter: both views count the same relations; the sums follow.
  const sumsBefore = Number(await graph.getAttribute('data-sum-edges'));
  await page.goto(map.url('/utforska', 'test&tema=juridik'));
  await expect(graph).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(mapView).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const filtered = await mapView.getAttribute('data-visible-relations');
  expect(Number(filtered)).toBeLessThan(relations);
  await expect(graph).toHaveAttribute('data-visible-relations', filtered!);
  // Of the added relations none has both ends in the theme: their sums are gone.
  expect(Number(await graph.getAttribute('data-sum-edges'))).toBeLessThan(sumsBefore);
  // With fewer than 2 000 nodes left by a filter, the graph holds every one that
  // passes, and only they; cleared, at overview it holds the hubs (municipalities and
  // networks, which the sums join) and none of the resources, with every sum.
  const core = () =>
    page.evaluate(() => {
      const w = window as unknown as {
        __regionkartanGraph: import('cytoscape').Core;
        __regionkartanExplorer: {
          visible: { nodeIds: ReadonlySet<string> };
          dataset: { nodes: { id: string; kind: string }[] };
        };
      };
      const { visible, dataset } = w.__regionkartanExplorer;
      const cy = w.__regionkartanGraph;
      const hubs = dataset.nodes
        .filter((n) => ['municipality', 'network'].includes(n.kind) && visible.nodeIds.has(n.id))
        .map((n) => n.id);
      return {
        held: cy.nodes().map((n) => n.id()),
        hubs,
        sums: cy.edges('.sum').length
      };
    });
  const heldAreHubs = async () => {
    const { held, hubs } = await core();
    return held.length > 0 && held.sort().join() === hubs.sort().join();
  };
  const filteredNodes = Number(await graph.getAttribute('data-visible-nodes'));
  await expect.poll(async () => (await core()).held.length).toBe(filteredNodes);
  await (
    await openPanel(page, 'Filter')
  )
    .getByRole('button', { name: 'Rensa alla filter' })
    .click();
  await expect(graph).toHaveAttribute('data-visible-relations', String(relations));
  await expect(graph).toHaveAttribute('data-sum-edges', String(sumsBefore));
  await expect.poll(heldAreHubs).toBe(true);
  expect((await core()).held.length).toBeLessThan(filteredNodes);
  await expect.poll(async () => (await core()).sums).toBe(sumsBefore);

  // Zoomed in on the first added resources (stored at x 2000 + 60 i, y 0): those in
  // view are held and drawn; back at overview, only the hubs again.
  const zoomTo = (level: number) =>
    page.evaluate((level) => {
      const cy = (window as unknown as { __regionkartanGraph: import('cytoscape').Core })
        .__regionkartanGraph;
      if (level) cy.viewport({ zoom: level, pan: { x: -2000 * level + 60, y: 60 } });
      else cy.fit(undefined, 50);
    }, level);
  await zoomTo(2);
  await expect.poll(async () => (await core()).held).toContain(node(0));
  await zoomTo(0);
  await expect.poll(heldAreHubs).toBe(true);

  // A selected node's two relations are drawn in full, and only they.
  await page.goto(map.url('/utforska', `test&val=n:${node(26)}`));
  await expect(graph).toHaveAttribute('data-selected-element', node(26), { timeout: 30_000 });
  await expect(graph).toHaveAttribute('data-detail-edges', '2');
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { __regionkartanGraph: import('cytoscape').Core }).__regionkartanGraph
          .edges(':visible')
          .not('.overlap')
          .map((e) => e.id())
          .sort()
      )
    )
    .toEqual([map.idOf('large-relation-13'), map.idOf('large-relation-26')].sort());
});
