// The inventory: import → preview → confirm → visible in the explorer; a bad
// file is refused with its row/column problem and nothing written; a coverage
// cell opens the explorer with its filters; inline edits with the version check;
// a large import's progress while it is saved; exports and coverage of the
// current filters.
import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import Papa from 'papaparse';
import { createNodeAs } from './collab-helpers';
import { openPanel } from './explorer-helpers';
import { expect, test } from './fixtures';
import { countRows, csvFile, openInventory } from './inventory-helpers';

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
  page,
  map,
  signIn
}) => {
  await signIn(page);
  const nodesBefore = await countRows(page.request, map, 'nodes');
  const relationsBefore = await countRows(page.request, map, 'relations');
  await openInventory(page, map, 'flik=filer');
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
  expect(await countRows(page.request, map, 'nodes')).toBe(nodesBefore);

  await preview.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByTestId('import-done')).toContainText('2 nya noder');
  expect(await countRows(page.request, map, 'nodes')).toBe(nodesBefore + 2);
  expect(await countRows(page.request, map, 'relations')).toBe(relationsBefore + 2);

  // The link opens the explorer on the same map.
  await page.getByTestId('import-done').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/utforska\\?karta=${map.id}$`));
  const filters = await openPanel(page, 'Filter');
  await filters.getByRole('searchbox', { name: 'Sök' }).fill('E2E-');
  await openPanel(page, 'Lista');
  const list = page.getByTestId('list-nodes');
  await expect(list.getByRole('button', { name: 'E2E-nätverket för fritidshem' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'E2E-projektet läsfrämjande' })).toBeVisible();
});

test('a bad file shows its row and column problem, Importera stays disabled, nothing is written', async ({
  page,
  map,
  signIn
}) => {
  await signIn(page);
  const relationsBefore = await countRows(page.request, map, 'relations');
  await openInventory(page, map, 'flik=filer');
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
  expect(await countRows(page.request, map, 'relations')).toBe(relationsBefore);
});

test('a CSV in the wrong encoding is refused with a message and nothing is previewed', async ({
  page,
  map,
  signIn
}) => {
  await signIn(page);
  const nodesBefore = await countRows(page.request, map, 'nodes');
  await openInventory(page, map, 'flik=filer');
  await page.getByLabel('Teckenkodning för CSV').selectOption('utf-8');
  await page
    .getByLabel('Fil att läsa in')
    .setInputFiles('tests/fixtures/import/bad-latin1-claimed-utf8.csv');
  await expect(page.getByTestId('import-error')).toBeVisible();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await countRows(page.request, map, 'nodes')).toBe(nodesBefore);
});

test('a coverage cell opens the explorer with exactly its filters', async ({ page, map }) => {
  await openInventory(page, map, 'flik=tackning');
  await expect(page.getByTestId('coverage-rule')).toContainText('Så räknas det');
  const matrix = page.getByTestId('coverage-matrix');
  const row = matrix
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Lekebergs kommun' }) });
  const cell = row.getByRole('link', { name: /för Fritidshem i Lekebergs kommun/ });
  await cell.click();
  await expect(page).toHaveURL(/\/utforska\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('karta')).toBe(map.id);
  expect(url.searchParams.get('tema')).toBe('fritidshem');
  expect(url.searchParams.get('kommun')).toBe('1814');
  expect(url.searchParams.get('status')).toBe('active');
  expect(url.searchParams.get('typ')?.split(',')).not.toContain('municipality');
});

test('inline edit: Enter saves a new title, Esc cancels, "Verifierad nu" records the editor', async ({
  page,
  map,
  signIn
}) => {
  const { token } = await signIn(page, 'Verifierande redigerare');
  await createNodeAs(page.request, map, token, 'E2E-projektet läsfrämjande');
  await openInventory(page, map, 'q=E2E-projektet');
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

// ---- saving a large import, exports and coverage of the current filters ----

test('a large import is sent in parts with real progress, then written in one transaction with its time shown', async ({
  page,
  map,
  signIn,
  axe
}) => {
  await signIn(page);
  const nodesBefore = await countRows(page.request, map, 'nodes');
  const rows = 2100; // more than one part (2000 items each)
  const csv = [
    'Namn;Typ',
    ...Array.from({ length: rows }, (_, i) => `E2E-massimport ${i + 1};Resurs`)
  ].join('\n');

  // Hold the second part, then the write, then its answer, so that each phase can be seen.
  let releasePart!: () => void;
  const partHeld = new Promise<void>((resolve) => (releasePart = resolve));
  let parts = 0;
  await page.route('**/rest/v1/import_parts*', async (route) => {
    if (route.request().method() === 'POST' && ++parts === 2) await partHeld;
    await route.continue();
  });
  let releaseWrite!: () => void;
  const writeHeld = new Promise<void>((resolve) => (releaseWrite = resolve));
  let releaseAnswer!: () => void;
  const answerHeld = new Promise<void>((resolve) => (releaseAnswer = resolve));
  await page.route('**/rest/v1/rpc/import_staged', async (route) => {
    await writeHeld;
    const response = await route.fetch();
    await answerHeld;
    await route.fulfill({ response });
  });

  await openInventory(page, map, 'flik=filer');
  await page.getByLabel('Fil att läsa in').setInputFiles([csvFile('massimport.csv', csv)]);
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('nodes-new')).toHaveText(/2\s100/);
  await preview.getByRole('button', { name: 'Importera' }).click();

  const progress = page.getByTestId('import-progress');
  await expect(page.getByRole('status').filter({ hasText: 'Skickar del 1 av 2' })).toBeVisible();
  await expect(progress).toHaveAttribute('value', '1');
  await expect(progress).toHaveAttribute('max', '2');
  releasePart();

  await expect(
    page.getByRole('status').filter({ hasText: /Skriver 2\s100 rader i en transaktion/ })
  ).toBeVisible();
  await expect(progress).not.toHaveAttribute('value'); // indeterminate: no made-up percentage
  await expect(page.getByTestId('import-elapsed')).toHaveText(/Har pågått i [1-9]\d* s/);
  // Checked before the rows are in: once they are, the live reload makes the preview
  // list all 2 100 of them as already on the map, which axe takes a minute to check.
  expect(await axe(page)).toEqual([]);
  releaseWrite();
  // Committed while the answer is still held: the phase covers the whole transaction.
  await expect
    .poll(() => countRows(page.request, map, 'nodes'), { timeout: 60_000 })
    .toBe(nodesBefore + rows);
  releaseAnswer();

  await expect(page.getByTestId('import-done')).toContainText(/2\s100 nya noder/);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('import-elapsed')).toHaveCount(0);
});

test('export: the whole map by default, or only what the current filters show', async ({
  page,
  map
}) => {
  await openInventory(page, map, 'flik=filer&typ=network');
  const scope = page.getByTestId('export-scope');
  const whole = scope.getByRole('radio', { name: /Hela kartan/ });
  const filtered = scope.getByRole('radio', { name: /Det som visas med nuvarande filter/ });
  await expect(whole).toBeChecked();
  const label = await scope
    .locator('label', { hasText: 'Det som visas med nuvarande filter' })
    .innerText();
  const [, shownNodes] = /\((\d+) noder, (\d+) relationer\)/.exec(label) ?? [];
  expect(Number(shownNodes)).toBeGreaterThan(0);
  await expect(
    page.getByText('Säkerhetskopian (JSON) innehåller alltid hela kartan')
  ).toBeVisible();

  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await filtered.check();
  await page.getByRole('button', { name: 'CSV (komma, UTF-8)' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const nodesFile = downloads.find((d) => d.suggestedFilename().includes('noder'))!;
  const text = await readFile((await nodesFile.path())!, 'utf8');
  const table = Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
  const kind = table[0]!.indexOf('Typ');
  expect(table.slice(1)).toHaveLength(Number(shownNodes));
  expect(new Set(table.slice(1).map((row) => row[kind]))).toEqual(new Set(['Nätverk eller forum']));
});

test('coverage: theme and municipality filters choose columns and rows; other filters are named as ignored', async ({
  page,
  map,
  axe
}) => {
  await openInventory(page, map, 'flik=tackning&tema=fritidshem&kommun=1814,1880&typ=network');
  await expect(page.getByTestId('coverage-filter-rule')).toContainText(
    'Antalen räknas alltid på hela kartan'
  );
  await expect(page.getByTestId('coverage-narrowed')).toContainText(
    /visas 1 av \d+ teman och 2 av/
  );
  await expect(page.getByTestId('coverage-ignored')).toContainText('Typer');
  const matrix = page.getByTestId('coverage-matrix');
  await expect(matrix.getByRole('columnheader')).toHaveText(['Kommun', 'Fritidshem', 'Totalt']);
  await expect(matrix.locator('tbody').getByRole('rowheader')).toHaveText([
    'Lekebergs kommun',
    'Örebro kommun'
  ]);
  expect(await axe(page)).toEqual([]);
});
