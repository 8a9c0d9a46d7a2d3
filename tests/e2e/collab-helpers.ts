// Shared steps for editing together: people (fixtures.ts) open the test's map in
// the explorer or the inventory in their own browser contexts; reads and writes
// through PostgREST as one of them, as another client would.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, type People, type Person, type Role, type TestMap } from './fixtures';
import { openExplorer, openPanel, waitForViews } from './explorer-helpers';
import { openInventory } from './inventory-helpers';

export type { Person };

/** Someone with the explorer of the test's map open, seen in the presence list. */
export async function explorerAs(
  people: People,
  map: TestMap,
  name: string,
  role: Role = 'editor'
): Promise<Person> {
  const person = await people.open(name, { role });
  // With the list open from the start (the tests find items in it): opened after the
  // load, it would resize both canvases and draw them again.
  await openExplorer(person.page, map, 'lista=1');
  await expect(person.page.getByTestId('presence')).toContainText(name);
  await openPanel(person.page, 'Lista'); // open already: only checked
  return person;
}

/**
 * Opens `url` in a new tab of the person's (e.g. after closing the first) and waits
 * until it is ready (by default: the explorer's views).
 */
export async function reopen(
  person: Person,
  url: string,
  ready: (page: Page) => Promise<void> = waitForViews
): Promise<void> {
  await (await person.newPage()).goto(url);
  await ready(person.page);
}

/** Waits until the page's live channel is open (a drop is only noticed after that). */
export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'open', {
    timeout: 15_000
  });
}

/** An editor with the inventory of the test's map open. */
export async function inventoryAs(
  people: People,
  map: TestMap,
  name: string,
  query: string
): Promise<Person> {
  const person = await people.open(name);
  await openInventory(person.page, map, query);
  await expect(person.page.getByTestId('editor-note')).toContainText(`Du redigerar som ${name}`);
  return person;
}

export const mapNodes = (page: Page) =>
  page.getByTestId('map-view').getAttribute('data-visible-nodes').then(Number);
export const graphNodes = (page: Page) =>
  page.getByTestId('graph-view').getAttribute('data-visible-nodes').then(Number);

/** Starts placing a new node on the map from the collaboration panel (which then steps aside). */
export async function startNodeOnMap(page: Page): Promise<void> {
  const panel = await openPanel(page, 'Samarbete');
  await panel.getByRole('button', { name: 'Ny nod på kartan' }).click();
  await expect(panel).toBeHidden();
}

/** Creates a node with "Ny nod på kartan": a click on the map, then the form. */
export async function createNodeOnMap(page: Page, title: string, at = 0.3): Promise<void> {
  await startNodeOnMap(page);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width * at, box.y + box.height * at);
  const form = page.getByTestId('node-form');
  await form.getByLabel('Namn').fill(title);
  await form.getByRole('button', { name: 'Skapa' }).click();
  await expect(form).toBeHidden();
}

export function listRow(page: Page, title: string) {
  return page.getByTestId('list-nodes').getByRole('button', { name: title, exact: true });
}

/** Selects a node from the list and opens its edit form. */
export async function openEdit(page: Page, title: string) {
  await listRow(page, title).click();
  await page.getByTestId('item-actions').getByRole('button', { name: 'Redigera' }).click();
  const form = page.getByTestId('node-form');
  await expect(form).toBeVisible();
  return form;
}

/** The offline queues kept in the page's localStorage, by storage key. */
export function storedQueues(
  page: Page
): Promise<Record<string, { entries: { write: { kind: string; id: string } }[] }>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('regionkartan.queue:'))
        .map((key) => [key, JSON.parse(localStorage.getItem(key)!)])
    )
  );
}

/** A node as the REST API has it now. */
export async function nodeFromApi(
  request: APIRequestContext,
  map: TestMap,
  id: string
): Promise<{ title: string; version: number }> {
  const response = await request.get(`/rest/v1/nodes?id=eq.${id}&select=title,version`, {
    headers: map.headers()
  });
  expect(response.ok(), await response.text()).toBe(true);
  const rows = (await response.json()) as { title: string; version: number }[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Creates a node on the map through PostgREST with a person's token (as another client would). */
export async function createNodeAs(
  request: APIRequestContext,
  map: TestMap,
  token: string,
  title: string
): Promise<string> {
  const response = await request.post('/rest/v1/nodes', {
    headers: { ...map.headers(token), prefer: 'return=representation' },
    data: { map_id: map.id, kind: 'organisation', title }
  });
  expect(response.ok(), await response.text()).toBe(true);
  const [row] = (await response.json()) as { id: string }[];
  return row!.id;
}

/** Where a node sits in the page's graph (graph units). */
export function graphPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((nodeId) => {
    const p = window.__regionkartanGraph!.getElementById(nodeId).position();
    return { x: p.x, y: p.y };
  }, id);
}

/**
 * Drags a node of the graph with the mouse by (dx, dy) pixels: the graph is panned
 * first so that the node sits at a point of its canvas that nothing covers (panels,
 * the list, the view's buttons), with room for the move. Returns where it was before.
 */
export async function dragGraphNode(
  page: Page,
  id: string,
  dx: number,
  dy: number
): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(
    ([nodeId, mx, my]) => {
      const cy = window.__regionkartanGraph!;
      const box = cy.container()!.getBoundingClientRect();
      const free = (x: number, y: number) =>
        cy.container()!.contains(document.elementFromPoint(box.left + x, box.top + y));
      const candidates = [0.25, 0.4, 0.55].flatMap((fy) =>
        [0.2, 0.35, 0.5].map((fx) => ({ x: cy.width() * fx, y: cy.height() * fy }))
      );
      const target = candidates.find(
        (c) => free(c.x, c.y) && free(c.x + mx!, c.y + my!) && free(c.x + mx! / 2, c.y + my! / 2)
      );
      if (!target) throw new Error('no free spot on the graph canvas');
      const p = cy.getElementById(nodeId!).position();
      cy.pan({ x: target.x - cy.zoom() * p.x, y: target.y - cy.zoom() * p.y });
      return { x: box.left + target.x, y: box.top + target.y, model: { x: p.x, y: p.y } };
    },
    [id, dx, dy] as const
  );
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + dx, at.y + dy, { steps: 8 });
  await page.mouse.up();
  return at.model;
}
