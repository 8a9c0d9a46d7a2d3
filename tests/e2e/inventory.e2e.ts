// The inventory: import → preview → confirm → visible in the explorer; a bad
// file is refused with its row/column problem and nothing written; a coverage
// cell opens the explorer with its filters; inline edits with the version check.
import { expect, test } from './fixtures';
import { countRows, csvFile, joinAsEditor, openInventory } from './inventory-helpers';

const NODES = [
  'Namn;Typ;Beskrivning;Teman;Kommun;Status',
  'E2E-nätverket för fritidshem;Nätverk;Testdata;Fritidshem;1814;Aktiv',
  'E2E-projektet läsfrämjande;Projekt;Testdata;;1880;Planerad'
].join('\n');
const RELATIONS = [
  'Från;Till;Typ',
  'Lekebergs kommun;E2E-nätverket för fritidshem;Medlem i',
  'E2E-projektet läsfrämjande;E2E-nätverket för fritidshem;Samverkar med'
].join('\n');

test('import: preview with counts and no problems, confirm, then visible in the explorer', async ({
  page
}) => {
  await joinAsEditor(page);
  const nodesBefore = await countRows(page.request, 'nodes');
  const relationsBefore = await countRows(page.request, 'relations');
  await openInventory(page, 'flik=filer');
  await expect(page.getByTestId('editor-note')).toContainText('Du redigerar som E2E-redigerare');

  await page
    .getByLabel('Fil att läsa in')
    .setInputFiles([csvFile('noder.csv', NODES), csvFile('relationer.csv', RELATIONS)]);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('nodes-new')).toHaveText('2');
  await expect(preview.getByTestId('relations-new')).toHaveText('2');
  await expect(preview.getByTestId('import-no-problems')).toBeVisible();
  // Nothing is written before the confirmation.
  expect(await countRows(page.request, 'nodes')).toBe(nodesBefore);

  await preview.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 nya noder');
  expect(await countRows(page.request, 'nodes')).toBe(nodesBefore + 2);
  expect(await countRows(page.request, 'relations')).toBe(relationsBefore + 2);

  await page.getByTestId('import-done').getByRole('link').click();
  await expect(page).toHaveURL(/\/utforska/);
  await page.getByRole('searchbox', { name: 'Sök' }).fill('E2E-');
  const list = page.getByTestId('list-nodes');
  await expect(list.getByRole('button', { name: 'E2E-nätverket för fritidshem' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'E2E-projektet läsfrämjande' })).toBeVisible();
});

test('a bad file shows its row and column problem, Importera stays disabled, nothing is written', async ({
  page
}) => {
  await joinAsEditor(page);
  const relationsBefore = await countRows(page.request, 'relations');
  await openInventory(page, 'flik=filer');
  await page
    .getByLabel('Fil att läsa in')
    .setInputFiles('tests/fixtures/import/bad-relation-unknown-node.csv');
  const problems = page.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  const row = problems.getByRole('row').filter({ hasText: 'Finns inte-nätverket' });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Fel');
  await expect(row.getByRole('cell').nth(2)).toHaveText('3');
  await expect(row.getByRole('cell').nth(3)).toHaveText('Till');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await expect(page.getByText('Importera går inte förrän felen är rättade')).toBeVisible();
  expect(await countRows(page.request, 'relations')).toBe(relationsBefore);
});

test('a CSV in the wrong encoding is refused with a message and nothing is previewed', async ({
  page
}) => {
  await joinAsEditor(page);
  const nodesBefore = await countRows(page.request, 'nodes');
  await openInventory(page, 'flik=filer');
  await page.getByLabel('Teckenkodning för CSV').selectOption('utf-8');
  await page
    .getByLabel('Fil att läsa in')
    .setInputFiles('tests/fixtures/import/bad-latin1-claimed-utf8.csv');
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await countRows(page.request, 'nodes')).toBe(nodesBefore);
});

test('a coverage cell opens the explorer with exactly its filters', async ({ page }) => {
  await openInventory(page, 'flik=tackning');
  await expect(page.getByTestId('coverage-rule')).toContainText('Så räknas det');
  const matrix = page.getByTestId('coverage-matrix');
  const row = matrix
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Lekebergs kommun' }) });
  const cell = row.getByRole('link', { name: /för Fritidshem i Lekebergs kommun/ });
  await cell.click();
  await expect(page).toHaveURL(/\/utforska\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('tema')).toBe('fritidshem');
  expect(url.searchParams.get('kommun')).toBe('1814');
  expect(url.searchParams.get('status')).toBe('active');
  expect(url.searchParams.get('typ')?.split(',')).not.toContain('municipality');
});

test('inline edit: Enter saves a new title, Esc cancels, "Verifierad nu" records the editor', async ({
  page
}) => {
  await joinAsEditor(page, 'Verifierande redigerare');
  await openInventory(page, 'q=E2E-projektet');
  const table = page.getByTestId('inventory-nodes');
  const title = table.getByRole('button', { name: /E2E-projektet läsfrämjande – Ändra namn/ });
  await title.click();
  const field = table.getByRole('textbox', { name: /Ändra namn/ });
  await field.fill('Något annat');
  await field.press('Escape');
  await expect(title).toBeFocused();
  await title.press('Enter');
  await field.fill('E2E-projektet läsfrämjande (nytt namn)');
  await field.press('Enter');
  await expect(
    table.getByRole('button', { name: /E2E-projektet läsfrämjande \(nytt namn\) – Ändra namn/ })
  ).toBeFocused();

  await table.getByRole('button', { name: /som verifierad nu/ }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('av Verifierande redigerare');
});
