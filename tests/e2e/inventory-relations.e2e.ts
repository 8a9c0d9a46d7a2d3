// The inventory's relations table on the real stack: an editor edits a
// relation's kind and magnitude inline (by keyboard; saved with the version
// check, checked through the REST API), a bad magnitude is refused in Swedish
// with nothing sent, a theme is added to two selected relations at once, and
// someone who has not joined as an editor sees no edit controls.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createRelations, openInventory, relationById } from './inventory-helpers';

const SLOW = { timeout: 15_000 };

/** Counts the writes to relations the page sends. */
function relationWrites(page: Page): { count: number } {
  const writes = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && request.url().includes('/rest/v1/relations')) {
      writes.count++;
    }
  });
  return writes;
}

test('inline: kind and magnitude are saved with Enter, Esc cancels, a bad magnitude is refused', async ({
  page,
  map,
  signIn
}) => {
  const { token } = await signIn(page);
  const [id] = await createRelations(
    page.request,
    map,
    token,
    ['E2E-rel-a Alfa', 'E2E-rel-a Beta'],
    [{ from: 0, to: 1, kind: 'member_of', magnitude: 10, unit: 'elever' }]
  );
  const writes = relationWrites(page);
  await openInventory(page, map, 'flik=relationer&q=E2E-rel-a');
  const table = page.getByTestId('inventory-relations');
  const row = table.locator(`tr[data-id="${id}"]`);
  await expect(row).toContainText('elever', SLOW);
  const name = 'E2E-rel-a Alfa – E2E-rel-a Beta';

  // A bad magnitude: a Swedish message next to the row, the field stays open and invalid.
  const magnitude = row.getByRole('button', { name: `10 – Ändra storlek för ${name}` });
  await magnitude.focus();
  await page.keyboard.press('Enter');
  const field = row.getByRole('textbox', { name: `Ändra storlek för ${name}` });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('10');
  for (const bad of ['-3', 'abc']) {
    await field.fill(bad);
    await field.press('Enter');
    await expect(row.getByRole('alert')).toHaveText(
      'Storleken måste vara ett tal som är 0 eller större.'
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveValue(bad);
  }
  expect(writes.count).toBe(0);
  expect((await relationById(page.request, map, id!)).magnitude).toBe(10);

  // Esc cancels: the message goes, focus returns to the cell, nothing is sent.
  await field.press('Escape');
  await expect(magnitude).toBeFocused();
  await expect(row.getByRole('alert')).toHaveCount(0);
  expect(writes.count).toBe(0);

  // A Swedish decimal comma is accepted and saved.
  await magnitude.press('Enter');
  await field.fill('12,5');
  await field.press('Enter');
  const saved = row.getByRole('button', { name: `12,5 – Ändra storlek för ${name}` });
  await expect(saved).toBeFocused(SLOW);
  await expect.poll(async () => (await relationById(page.request, map, id!)).magnitude).toBe(12.5);
  expect(writes.count).toBe(1);

  // The kind, from its list by keyboard (Medlem i → the next kind, Deltar i).
  const kind = row.getByRole('button', { name: `Medlem i – Ändra typ för ${name}` });
  await kind.focus();
  await page.keyboard.press('Enter');
  const list = row.getByRole('combobox', { name: `Ändra typ för ${name}` });
  await expect(list).toBeFocused();
  // The arrow keys choose in the list (they do not move to the next row while editing).
  await list.press('ArrowDown');
  await expect(list).toHaveValue('participates_in');
  await expect(list).toBeFocused();
  await list.press('Enter');
  await expect(row.getByRole('button', { name: `Deltar i – Ändra typ för ${name}` })).toBeFocused(
    SLOW
  );
  const stored = await relationById(page.request, map, id!);
  expect(stored).toMatchObject({ kind: 'participates_in', magnitude: 12.5, version: 3 });
  await expect(row.locator('td.issue')).toHaveText('');
});

test('bulk: a theme added to two selected relations is stored on both, not on the third', async ({
  page,
  map,
  signIn
}) => {
  const { token } = await signIn(page);
  const ids = await createRelations(
    page.request,
    map,
    token,
    ['E2E-rel-b Alfa', 'E2E-rel-b Beta', 'E2E-rel-b Gamma'],
    [
      { from: 0, to: 1, kind: 'member_of' },
      { from: 0, to: 2, kind: 'member_of' },
      { from: 1, to: 2, kind: 'collaborates_with' }
    ]
  );
  await openInventory(page, map, 'flik=relationer&q=E2E-rel-b');
  const table = page.getByTestId('inventory-relations');
  await expect(table).toHaveAttribute('data-rows', '3', SLOW);
  await table.getByRole('checkbox', { name: 'Välj E2E-rel-b Alfa – E2E-rel-b Beta' }).check();
  await table.getByRole('checkbox', { name: 'Välj E2E-rel-b Alfa – E2E-rel-b Gamma' }).check();

  const bar = page.getByRole('form', { name: 'Ändra de valda' });
  await expect(bar).toContainText('2 valda');
  const action = bar.getByRole('combobox', { name: 'Ändring' });
  // Status belongs to nodes: not offered for relations.
  await expect(action.locator('option')).toHaveText([
    'Lägg till tema',
    'Ta bort tema',
    'Verifierade nu'
  ]);
  await action.selectOption({ label: 'Lägg till tema' });
  await bar.getByRole('combobox', { name: 'Värde' }).selectOption({ label: 'Fritidshem' });
  await bar.getByRole('button', { name: 'Ändra 2 valda' }).click();
  await expect(bar.getByRole('status')).toHaveText(
    'Klart: 2 sparade, 0 oförändrade, 0 inte sparade (se raderna).',
    SLOW
  );

  expect((await relationById(page.request, map, ids[0]!)).themes).toContain('fritidshem');
  expect((await relationById(page.request, map, ids[1]!)).themes).toContain('fritidshem');
  expect((await relationById(page.request, map, ids[2]!)).themes).not.toContain('fritidshem');
  await expect(table.locator(`tr[data-id="${ids[0]}"]`)).toContainText('Fritidshem');
  await expect(table.locator(`tr[data-id="${ids[2]}"]`)).not.toContainText('Fritidshem');
});

test('someone who has not joined as an editor sees the relations but no edit controls', async ({
  page,
  map
}) => {
  await openInventory(page, map, 'flik=relationer');
  const table = page.getByTestId('inventory-relations');
  await expect(table.locator('tbody tr[data-id]').first()).toBeVisible(SLOW);
  await expect(page.getByTestId('editor-note')).toContainText('Gå med som redigerare');
  await expect(table.getByRole('checkbox')).toHaveCount(0);
  await expect(table.getByRole('button', { name: /Ändra|verifierad nu/ })).toHaveCount(0);
  await expect(table.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Ändra de valda' })).toHaveCount(0);
  // Sorting and the links into the explorer are still there.
  await expect(table.getByRole('button', { name: /Storlek/ })).toBeVisible();
  await expect(table.getByRole('link', { name: /i utforskaren/ }).first()).toBeVisible();
});
