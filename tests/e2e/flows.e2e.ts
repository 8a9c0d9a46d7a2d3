// The flow map (issue 12): a flow CSV imported through the inventory (preview,
// then commit), then the explorer's Flöden panel: the arcs, the circles, the
// matrix and the totals agree with the file for its newest year and commonest
// unit; the views show the same relations; an unknown count says "okänt", a
// rounded one is marked, a cell's flow gives its source and the pair's years;
// another year draws that year's flows.
import { openExplorer } from './explorer-helpers';
import { expect, test } from './fixtures';
import { csvFile, openInventory } from './inventory-helpers';

// 2024, elever: Lekeberg → Örebro 120 (rounded), Kumla → Örebro 250, Örebro →
// Lekeberg 30, Karlskoga → Örebro unknown; 2023: Lekeberg → Örebro 110.
const FLOWS = [
  'Från;Till;Antal;År;Enhet;Källa;Avrundat',
  '1814;1880;120;2024;elever;SCB 2024;ja',
  'Kumla;Örebro kommun;250;2024;elever;SCB 2024;nej',
  '1880;1814;30;2024;elever;;',
  '1883;1880;..;2024;elever;;',
  '1814;1880;110;2023;elever;SCB 2023;ja'
].join('\n');

test('a flow CSV imported: arcs, circles, totals and matrix agree with the file', async ({
  page,
  map,
  signIn,
  axe
}) => {
  await signIn(page);
  await openInventory(page, map, 'flik=filer');
  await page.getByLabel('Fil att läsa in').setInputFiles([csvFile('floden.csv', FLOWS)]);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('relations-new')).toHaveText('5');
  await expect(preview.getByTestId('import-no-problems')).toBeVisible();
  await preview.getByRole('button', { name: 'Importera' }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();

  await openExplorer(page, map, 'panel=flows&lista=1');
  const mapView = page.getByTestId('map-view');
  const graphView = page.getByTestId('graph-view');
  const count = page.getByTestId('visible-count');
  const before = Number(await count.getAttribute('data-relations'));
  const panel = page.locator('#explorer-drawer-flows');
  await expect(panel).toBeVisible();
  await panel.getByRole('checkbox', { name: 'Visa flödeskartan' }).check();
  await expect(page).toHaveURL(/floden=1/);

  // The newest year and the commonest unit: four flows, one of them unknown. The
  // 2023 flow and the seeded undated Lekeberg → Örebro are not drawn.
  await expect(panel.getByRole('combobox', { name: 'År' })).toHaveValue('2024');
  await expect(panel.getByRole('combobox', { name: 'Enhet' })).toHaveValue('elever');
  await expect(panel.getByTestId('flows-drawn')).toHaveText(
    '4 av 4 flöden ritas. 1 av dem har okänt antal.'
  );
  await expect(mapView).toHaveAttribute('data-flow-arcs', '4');
  await expect(mapView).toHaveAttribute('data-flow-circles', '4');
  await expect(count).toHaveAttribute('data-relations', String(before - 2));
  for (const view of [mapView, graphView]) {
    await expect(view).toHaveAttribute('data-visible-relations', String(before - 2));
  }

  const matrix = page.getByTestId('flow-matrix');
  await expect(matrix.locator('caption')).toContainText('Flöden 2024, elever');
  await expect(matrix.locator('[data-cell="1814-1880"]')).toHaveText(/^120\s*≈\s*\(avrundat\)$/);
  await expect(matrix.locator('[data-cell="1881-1880"]')).toHaveText('250');
  await expect(matrix.locator('[data-cell="1880-1814"]')).toHaveText('30');
  await expect(matrix.locator('[data-cell="1883-1880"]')).toHaveText('okänt');
  await expect(matrix.locator('[data-total-out="1814"]')).toHaveText(/^120\s*≈\s*\(avrundat\)$/);
  await expect(matrix.locator('[data-total-in="1880"]')).toHaveText(
    /^370\s*\+ 1 okänt\s*≈\s*\(avrundat\)$/
  );
  await expect(matrix.getByTestId('flow-matrix-total')).toHaveText(
    /^400\s*\+ 1 okänt\s*≈\s*\(avrundat\)$/
  );

  const totals = page.getByTestId('flow-totals');
  const orebro = totals.locator('tr[data-code="1880"]');
  await expect(orebro.locator('[data-in]')).toHaveText(/^370\s*\+ 1 okänt$/);
  await expect(orebro.locator('[data-out]')).toHaveText('30');
  await expect(orebro.locator('[data-net]')).toHaveText('+340');
  await expect(totals.locator('tr[data-code="1881"] [data-out]')).toHaveText('250');
  await expect(totals.locator('tr[data-code="1883"] [data-out]')).toHaveText(/^0\s*\+ 1 okänt$/);
  await expect(page.getByTestId('flow-sources')).toHaveText('Källor: floden.csv; SCB 2024');

  // Sorting by the total out puts Kumla (250) first.
  await matrix.getByRole('button', { name: /Totalt ut/ }).click();
  await expect(matrix.locator('tbody tr').first()).toHaveAttribute('data-origin', '1881');

  expect(await axe(page, '#explorer-drawer-flows')).toEqual([]);
  expect(await axe(page, '#explorer-drawer-list')).toEqual([]);

  // A cell selects its flow: its source, that it was rounded, and the pair's years.
  await matrix.locator('[data-cell="1814-1880"]').getByRole('button').click();
  const details = page.getByTestId('details-source');
  await expect(details).toHaveText('Källa: SCB 2024');
  await expect(page.getByTestId('details-rounded')).toHaveText('ja, antalet är avrundat');
  await expect(page.getByTestId('flow-years').locator('tbody tr')).toHaveCount(3);

  // Another year: only its flow is drawn.
  await panel.getByRole('combobox', { name: 'År' }).selectOption('2023');
  await expect(page).toHaveURL(/flodesar=2023/);
  await expect(mapView).toHaveAttribute('data-flow-arcs', '1');
  await expect(mapView).toHaveAttribute('data-flow-circles', '2');
  await expect(matrix.locator('[data-cell="1814-1880"]')).toHaveText(/^110\s*≈\s*\(avrundat\)$/);
});
