// The inventory follows the live channel like the explorer: two editors in their
// own browser contexts on /inventering see each other's inserts, updates and
// deletes in the tables without a reload; the connection banner says when the
// link is down.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createNodeAs, inventoryAs } from './collab-helpers';
import { softDeleteNodes } from './inventory-helpers';

const table = (page: Page) => page.getByTestId('inventory-nodes');
const caption = (page: Page) => table(page).locator('caption');
const titleButton = (page: Page, title: string) =>
  table(page).getByRole('button', { name: `${title} – Ändra namn på ${title}`, exact: true });

/** Marks the window so that a reload (a new window object) would show. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameWindow: boolean }).__sameWindow = true));
}
async function expectSameWindow(page: Page): Promise<void> {
  expect(
    await page.evaluate(() => (window as unknown as { __sameWindow?: boolean }).__sameWindow)
  ).toBe(true);
}

async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'open', {
    timeout: 15_000
  });
}

async function captionCount(page: Page): Promise<number> {
  return Number((await caption(page).textContent())?.match(/\d+/)?.[0]);
}

test("A's inline title change and delete appear in B's table without a reload", async ({
  people,
  map
}) => {
  const query = 'flik=noder&q=E2E-live';
  const a = await inventoryAs(people, map, 'Anna Inventering', query);
  const b = await inventoryAs(people, map, 'Bertil Inventering', query);
  await Promise.all([waitForLive(a.page), waitForLive(b.page)]);
  await markWindow(b.page);

  // An insert by A (through the API) shows in both filtered tables.
  await createNodeAs(a.page.request, map, a.token, 'E2E-live nod');
  await expect(titleButton(b.page, 'E2E-live nod')).toBeVisible();
  await expect(titleButton(a.page, 'E2E-live nod')).toBeVisible();

  // A renames it inline; B's table follows, A keeps the saved title and the focus.
  await titleButton(a.page, 'E2E-live nod').click();
  const field = table(a.page).getByRole('textbox', { name: /Ändra namn/ });
  await field.fill('E2E-live nod (nytt namn)');
  await field.press('Enter');
  await expect(titleButton(a.page, 'E2E-live nod (nytt namn)')).toBeFocused();
  await expect(titleButton(b.page, 'E2E-live nod (nytt namn)')).toBeVisible();
  await expect(titleButton(b.page, 'E2E-live nod')).toHaveCount(0);
  // The live echo of A's own save did not replace it with anything older.
  await expect(titleButton(a.page, 'E2E-live nod (nytt namn)')).toBeVisible();

  // A deletes it (through the API): it leaves B's table.
  await softDeleteNodes(a.page.request, map, a.token, 'E2E-live');
  await expect(caption(b.page)).toHaveText('0 noder som matchar filtren');
  await expectSameWindow(b.page);
});

test("a node A creates through the API raises B's row count", async ({ people, map }) => {
  const a = await inventoryAs(people, map, 'Anna Inventering', 'flik=noder');
  const b = await inventoryAs(people, map, 'Bertil Inventering', 'flik=noder');
  await waitForLive(b.page);
  await markWindow(b.page);
  const before = await captionCount(b.page);
  expect(before).toBeGreaterThan(0);

  await createNodeAs(a.page.request, map, a.token, 'E2E-live ny nod');
  await expect(caption(b.page)).toHaveText(`${before + 1} noder som matchar filtren`);
  await expect(caption(a.page)).toHaveText(`${before + 1} noder som matchar filtren`);
  await expectSameWindow(b.page);
});

test('the banner says when the connection drops, and when it is back', async ({ people, map }) => {
  const b = await inventoryAs(people, map, 'Bertil Inventering', 'flik=noder');
  await waitForLive(b.page);
  const status = b.page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 15_000 });

  await b.context.setOffline(true);
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(status.getByRole('alert')).toContainText('du ser inte andras ändringar');
  await b.context.setOffline(false);
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await expect(status.getByRole('status')).toHaveText(
    'Anslutningen är tillbaka. Du ser de senaste ändringarna.'
  );
});
