// The inventory against WCAG 2.1 A/AA (axe), on the test's own map: every
// section read-only, an editor's selection on a desktop and a phone, and the
// relations table with a refused value and the themes dialog.
import { expect, test } from './fixtures';
import { openInventory } from './inventory-helpers';

test('the inventory has no WCAG 2.1 A/AA violations (read-only, every section)', async ({
  page,
  map,
  axe
}) => {
  await openInventory(page, map);
  await expect(page.getByTestId('inventory-nodes')).toBeVisible();
  await expect(page.getByTestId('editor-note')).toContainText('Gå med som redigerare');
  expect(await axe(page)).toEqual([]);
  for (const name of ['Relationer', 'Täckning', 'Överlapp', 'Import och export']) {
    await page.getByRole('tab', { name }).click();
    await expect(page.getByRole('tabpanel', { name })).toBeVisible();
    expect(await axe(page), name).toEqual([]);
  }
});

test('the inventory has no violations for an editor, with a selection and on a phone', async ({
  page,
  map,
  signIn,
  axe
}) => {
  await signIn(page);
  await openInventory(page, map);
  const table = page.getByTestId('inventory-nodes');
  await table.getByRole('checkbox').first().check();
  await expect(page.getByRole('heading', { name: 'Ändra de valda' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await axe(page)).toEqual([]);
});

test('the relations table has no violations for an editor: selection, a refused value, themes', async ({
  page,
  map,
  signIn,
  axe
}) => {
  await signIn(page);
  await openInventory(page, map, 'flik=relationer');
  const table = page.getByTestId('inventory-relations');
  await table.getByRole('checkbox').nth(1).check();
  await expect(page.getByRole('heading', { name: 'Ändra de valda' })).toBeVisible();
  await table
    .getByRole('button', { name: /Ändra år för/ })
    .first()
    .click();
  const year = table.getByRole('textbox', { name: /Ändra år för/ });
  await year.fill('1800');
  await year.press('Enter');
  await expect(table.getByRole('alert')).toHaveText(
    'Året ska vara ett heltal mellan 1900 och 2100.'
  );
  expect(await axe(page)).toEqual([]);
  await year.press('Escape');
  await table
    .getByRole('button', { name: /Ändra teman för/ })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
