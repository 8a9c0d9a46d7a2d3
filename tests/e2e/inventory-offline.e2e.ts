// Inventory edits go the explorer's way (its editing state): an inline edit
// made offline is kept on the device, survives a reload (shown as waiting next
// to its row) and is sent when the connection is back; Ctrl+Z and Ctrl+Y undo
// and redo an inventory edit. Each test makes its own node through the API and
// checks the outcome through the REST API.
import type { APIRequestContext, Page } from '@playwright/test';
import {
  createNodeAs,
  inventoryAs,
  nodeFromApi,
  reopen,
  storedQueues,
  waitForLive
} from './collab-helpers';
import { expect, test, type People, type TestMap } from './fixtures';
import { nodeTable as table, titleButton, waitForInventory } from './inventory-helpers';

const SOON = { timeout: 15_000 };
const WAITING = 'Väntar – sparas när anslutningen är tillbaka';
const rowOf = (page: Page, id: string) => table(page).locator(`tr[data-id="${id}"]`);
const status = (page: Page) => page.getByTestId('connection-status');
const notices = (page: Page) => page.getByTestId('edit-notices');

/** An editor with the inventory open on a node of their own (created through the API). */
async function ownNode(
  request: APIRequestContext,
  people: People,
  map: TestMap,
  name: string,
  title: string
) {
  const person = await inventoryAs(people, map, name, `flik=noder&q=${title}`);
  await waitForLive(person.page);
  const id = await createNodeAs(request, map, person.token, title);
  await expect(titleButton(person.page, title)).toBeVisible(SOON);
  return { person, id };
}

/** Renames a node inline (Enter saves); the focus returns to its title. */
async function rename(page: Page, from: string, to: string): Promise<void> {
  await titleButton(page, from).click();
  const field = table(page).getByRole('textbox', { name: /Ändra namn/ });
  await field.fill(to);
  await field.press('Enter');
  await expect(titleButton(page, to)).toBeFocused(SOON);
}

test('an inline edit made offline survives a reload and is sent when the connection is back', async ({
  request,
  people,
  map
}) => {
  const { person: a, id } = await ownNode(request, people, map, 'Anna Offline', 'E2E-offlinerad');
  const url = a.page.url();

  await a.context.setOffline(true);
  await expect(status(a.page)).toHaveAttribute('data-state', 'offline');
  await rename(a.page, 'E2E-offlinerad', 'E2E-offlinerad ändrad');
  await expect(rowOf(a.page, id)).toContainText(WAITING);
  await expect(status(a.page).getByRole('alert')).toContainText(
    'Ändringar som väntar på att skickas: 1'
  );
  const kept = Object.values(await storedQueues(a.page)).flatMap((q) => q.entries);
  expect(kept.map((e) => e.write)).toEqual([expect.objectContaining({ kind: 'update', id })]);

  // The tab is closed and opened again while writes still cannot reach the
  // server: the edit is still there, shown and waiting next to its row.
  await a.page.close();
  await a.context.setOffline(false);
  const writes = '**/rest/v1/nodes?*';
  await a.context.route(writes, (route) =>
    route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue()
  );
  await reopen(a, url, waitForInventory);
  await expect(titleButton(a.page, 'E2E-offlinerad ändrad')).toBeVisible(SOON);
  await expect(rowOf(a.page, id)).toContainText(WAITING, SOON);
  expect(await nodeFromApi(request, map, id)).toEqual({ title: 'E2E-offlinerad', version: 1 });

  // The connection drops and comes back: the waiting edit is sent.
  await a.context.unroute(writes);
  await waitForLive(a.page);
  await a.context.setOffline(true);
  await expect(status(a.page)).toHaveAttribute('data-state', 'offline');
  await a.context.setOffline(false);
  await expect(notices(a.page)).toContainText('Väntande ändringar har sparats: 1', SOON);
  await expect(rowOf(a.page, id)).not.toContainText(WAITING);
  expect(await nodeFromApi(request, map, id)).toEqual({
    title: 'E2E-offlinerad ändrad',
    version: 2
  });
  expect(await storedQueues(a.page)).toEqual({});
});

test('Ctrl+Z undoes an inventory edit, Ctrl+Y redoes it, and so do the buttons', async ({
  request,
  people,
  map
}) => {
  const { person: b, id } = await ownNode(request, people, map, 'Bertil Ångra', 'E2E-angrarad');
  const { page } = b;
  await rename(page, 'E2E-angrarad', 'E2E-angrarad ändrad');
  expect(await nodeFromApi(request, map, id)).toEqual({ title: 'E2E-angrarad ändrad', version: 2 });

  // The focus is on the title's button, not in a text field: the keys act.
  await page.keyboard.press('Control+z');
  await expect(titleButton(page, 'E2E-angrarad')).toBeVisible(SOON);
  await expect(notices(page)).toContainText('Ångrat: ändra ”E2E-angrarad ändrad”');
  expect(await nodeFromApi(request, map, id)).toEqual({ title: 'E2E-angrarad', version: 3 });

  await page.keyboard.press('Control+y');
  await expect(titleButton(page, 'E2E-angrarad ändrad')).toBeVisible(SOON);
  expect(await nodeFromApi(request, map, id)).toEqual({ title: 'E2E-angrarad ändrad', version: 4 });

  const toolbar = page.getByRole('toolbar', { name: 'Ångra och gör om' });
  await toolbar.getByRole('button', { name: 'Ångra', exact: true }).click();
  await expect(titleButton(page, 'E2E-angrarad')).toBeVisible(SOON);
  expect(await nodeFromApi(request, map, id)).toEqual({ title: 'E2E-angrarad', version: 5 });
});
