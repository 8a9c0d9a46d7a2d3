// Shared steps for editing together: people join through /ga-med in their own
// browser contexts and open the explorer; test items are named "E2E …" and
// soft-deleted afterwards so other suites see the seeded map unchanged.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { openPanel, waitForViews } from './explorer-helpers';
import { MAP_ID, joinAsEditor, openInventory } from './inventory-helpers';

export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** Collects a page's errors into `errors`. */
function watch(page: Page, name: string, errors: string[]): Page {
  page.on('pageerror', (e) => errors.push(`${name} pageerror: ${e.message}`));
  page.on('console', (m) => {
    // While offline the browser itself logs the failed requests: those are expected.
    if (
      m.type() === 'error' &&
      !/ERR_INTERNET_DISCONNECTED|Failed to load resource|WebSocket/.test(m.text())
    ) {
      errors.push(`${name} console.error: ${m.text()}`);
    }
  });
  return page;
}

/** A browser context of one's own whose page errors are collected. */
async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({
    locale: 'sv-SE',
    viewport: { width: 1400, height: 1000 }
  });
  const errors: string[] = [];
  const page = watch(await context.newPage(), name, errors);
  return { name, context, page, errors };
}

/** Opens `url` in a new page of the person's context (e.g. after closing the tab) and waits for the views. */
export async function reopen(person: Person, url: string): Promise<void> {
  person.page = watch(await person.context.newPage(), person.name, person.errors);
  await person.page.goto(url);
  await waitForViews(person.page);
}

export async function joinAs(
  browser: Browser,
  name: string,
  options: { viewer?: boolean } = {}
): Promise<Person> {
  const person = await newPerson(browser, name);
  const { page } = person;
  await page.goto('/ga-med');
  await page.getByLabel('Ditt namn').fill(name);
  if (options.viewer) await page.getByLabel('Gå med som läsare (bara titta)').check();
  await page.getByRole('button', { name: 'Gå med', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Du är med som ${name}` })).toBeVisible();
  await page.getByRole('link', { name: 'Till kartan' }).click();
  await waitForViews(page);
  await expect(page.getByTestId('presence')).toContainText(name);
  await openPanel(page, 'Lista'); // the tests find items in the list
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

/** Creates a node with "Ny nod på kartan": a click in the map, then the form. */
export async function createNodeOnMap(page: Page, title: string): Promise<void> {
  await startNodeOnMap(page);
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
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

/** A token from the page's session (what supabase-js sends). */
export function tokenOf(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('regionkartan.session')!).accessToken);
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

/** A node as the REST API has it now, read with the page's session. */
export async function nodeFromApi(
  page: Page,
  id: string
): Promise<{ title: string; version: number }> {
  const config = (await (await page.request.get('/config.json')).json()) as { anonKey: string };
  const response = await page.request.get(`/rest/v1/nodes?id=eq.${id}&select=title,version`, {
    headers: { apikey: config.anonKey, authorization: `Bearer ${await tokenOf(page)}` }
  });
  expect(response.ok(), await response.text()).toBe(true);
  const rows = (await response.json()) as { title: string; version: number }[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

/** Soft-deletes every node titled "E2E …" (as an editor, through PostgREST). */
export async function cleanUp(baseURL: string): Promise<void> {
  const join = await fetch(`${baseURL}/auth/local/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: 'E2E städning' })
  });
  const { access_token } = (await join.json()) as { access_token: string };
  const config = (await (await fetch(`${baseURL}/config.json`)).json()) as { anonKey: string };
  await fetch(`${baseURL}/rest/v1/nodes?title=like.E2E*&deleted_at=is.null`, {
    method: 'PATCH',
    headers: {
      apikey: config.anonKey,
      authorization: `Bearer ${access_token}`,
      'content-type': 'application/json'
    },
    body: JSON.stringify({ deleted_at: new Date().toISOString() })
  });
}

/** Closes everyone's browser context; fails when any of their pages reported an error. */
export async function closeAll(people: Person[]): Promise<void> {
  const errors = people.flatMap((p) => p.errors);
  for (const p of people.splice(0)) await p.context.close();
  expect(errors, 'a page reported errors').toEqual([]);
}

/** An editor (joined through the API) with the inventory open; `token` is for REST writes as them. */
export async function openInventoryAs(
  browser: Browser,
  name: string,
  query: string
): Promise<Person & { token: string }> {
  const person = await newPerson(browser, name);
  const token = await joinAsEditor(person.page, name);
  await openInventory(person.page, query);
  await expect(person.page.getByTestId('editor-note')).toContainText(`Du redigerar som ${name}`);
  return { ...person, token };
}

/** Creates a node on the seeded map through PostgREST with an editor's token (as another client would). */
export async function createNodeAs(page: Page, token: string, title: string): Promise<void> {
  const config = (await (await page.request.get('/config.json')).json()) as { anonKey: string };
  const response = await page.request.post('/rest/v1/nodes', {
    headers: { apikey: config.anonKey, authorization: `Bearer ${token}` },
    data: { map_id: MAP_ID, kind: 'organisation', title }
  });
  expect(response.ok(), await response.text()).toBe(true);
}
