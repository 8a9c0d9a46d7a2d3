// 10 000 nodes: imported in one go, then the table keeps only the visible rows
// in the DOM, scrolls to the last row and sorts.
import { expect, test } from './fixtures';
import { countRows, csvFile, openInventory } from './inventory-helpers';

const COUNT = 10_000;

test('10 000 rows: import, virtualised table, scroll to the end, sort', async ({
  page,
  map,
  signIn
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  const before = await countRows(page.request, map, 'nodes');
  const lines = ['Namn;Typ;Status'];
  for (let i = 1; i <= COUNT; i++) lines.push(`Skalnod ${String(i).padStart(5, '0')};Resurs;Aktiv`);
  await openInventory(page, map, 'flik=filer');
  await page.getByLabel('Fil att läsa in').setInputFiles(csvFile('skala.csv', lines.join('\n')));
  await expect(page.getByTestId('nodes-new')).toHaveText(/^10\s000$/, { timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 90_000 });
  expect(await countRows(page.request, map, 'nodes')).toBe(before + COUNT);

  await page.getByRole('tab', { name: 'Noder' }).click();
  await page.getByRole('searchbox', { name: 'Sök' }).fill('Skalnod');
  const table = page.getByTestId('inventory-nodes');
  await expect(table).toHaveAttribute('data-rows', String(COUNT), { timeout: 30_000 });
  const domRows = await table.locator('tbody tr[data-index]').count();
  expect(domRows).toBeGreaterThan(5);
  expect(domRows).toBeLessThan(80);

  await table.evaluate((t) => {
    const scroller = t.parentElement!;
    scroller.scrollTop = scroller.scrollHeight;
  });
  await expect(table.getByRole('row', { name: /Skalnod 10000/ })).toBeVisible();
  expect(await table.locator('tbody tr[data-index]').count()).toBeLessThan(80);

  // A click on Namn (the table is sorted by it, ascending) turns the order round.
  await table.getByRole('button', { name: /^Namn/ }).click();
  await table.evaluate((t) => (t.parentElement!.scrollTop = 0));
  await expect(table.locator('tbody tr[data-index="0"]')).toContainText('Skalnod 10000');
});
