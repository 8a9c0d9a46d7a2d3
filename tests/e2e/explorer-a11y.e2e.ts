import { expect, test } from './fixtures';
import {
  axeViolations,
  LEKEBERG,
  listRows,
  openExplorer,
  openPanel,
  waitForViews
} from './explorer-helpers';

test('the explorer has no WCAG 2.1 A/AA violations in split view', async ({ page }) => {
  await openExplorer(page);
  expect(await axeViolations(page)).toEqual([]);
});

test('the explorer has no violations with a selection and an open filter', async ({ page }) => {
  await openExplorer(page, `val=n:${LEKEBERG}&fokus=1`);
  await expect(page.getByTestId('details-panel').getByRole('heading', { level: 2 })).toHaveText(
    'Lekebergs kommun'
  );
  await openPanel(page, 'Filter');
  await page.locator('summary', { hasText: 'Teman' }).click();
  expect(await axeViolations(page)).toEqual([]);
});

test('the explorer has no violations with the network overlaps on (graph, legend, table)', async ({
  page
}) => {
  await openExplorer(page, 'overlapp=1&lista=1&panel=legend');
  await expect(
    page.getByTestId('list-overlaps').locator('tbody tr[data-id]').first()
  ).toBeVisible();
  await expect(page.getByTestId('legend-overlaps')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await openPanel(page, 'Verktyg');
  const toggle = page.getByRole('checkbox', { name: 'Visa överlapp mellan nätverk' });
  await expect(toggle).toBeChecked();
  // The toggle works from the keyboard.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/overlapp/);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/overlapp=1/);
  expect(await axeViolations(page)).toEqual([]);
});

test('the explorer has no violations on a phone (375 px, tabs)', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openExplorer(page);
  const tabs = page.getByRole('tablist');
  await expect(tabs.getByRole('tab')).toHaveText(['Karta', 'Graf', 'Lista']);
  expect(await axeViolations(page)).toEqual([]);

  await tabs.getByRole('tab', { name: 'Lista' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Lista' })).toBeVisible();
  await expect(listRows(page, 'nodes').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Arrow keys move between tabs; touch targets are at least 44 px.
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Graf' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Graf' })).toBeFocused();
  for (const tab of await tabs.getByRole('tab').all()) {
    expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }

  // A selection made in the list is named under the map, with a way to its details.
  await tabs.getByRole('tab', { name: 'Lista' }).click();
  const first = listRows(page, 'nodes').first().getByRole('button');
  const title = (await first.textContent())!.trim();
  await first.click();
  await tabs.getByRole('tab', { name: 'Karta' }).click();
  await expect(page.getByText(title, { exact: true }).filter({ visible: true })).toBeVisible();
  const show = page.getByRole('button', { name: 'Visa detaljer' });
  expect((await show.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await show.click();
  const heading = page.getByTestId('details-panel').getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(title);
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
});

test('the explorer has no violations in English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /english/i }).click();
  await page.getByRole('link', { name: 'Explore the map' }).first().click();
  await expect(page).toHaveTitle('Explore – Regionkartan');
  await page.goto('/utforska?test');
  await waitForViews(page);
  await expect(page.getByTestId('visible-count')).toContainText('Showing');
  expect(await axeViolations(page)).toEqual([]);
});
