// The explorer against WCAG 2.1 A/AA (axe), on the test's own map: split view,
// the network overlaps (graph, legend, table), a selection with focus and an
// open filter, then all of it in English; a phone's tabs.
import { expect, test } from './fixtures';
import { listRows, openExplorer, openPanel, segmented } from './explorer-helpers';

test('the explorer has no WCAG 2.1 A/AA violations: split view, the overlaps, a selection with an open filter, in English', async ({
  page,
  map,
  axe
}) => {
  await openExplorer(page, map);
  expect(await axe(page), 'split view').toEqual([]);
  // Someone who has not joined is offered to join this map.
  await expect(page.getByRole('link', { name: 'Gå med' })).toHaveAttribute(
    'href',
    `/ga-med?karta=${map.id}`
  );

  // The overlaps: graph, legend and table; the toggle works from the keyboard.
  await openPanel(page, 'Lista');
  await openPanel(page, 'Verktyg');
  const toggle = page.getByRole('checkbox', { name: 'Visa överlapp mellan nätverk' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/overlapp=1/);
  await expect(toggle).toBeChecked();
  await openPanel(page, 'Förklaring');
  await expect(
    page.getByTestId('list-overlaps').locator('tbody tr[data-id]').first()
  ).toBeVisible();
  await expect(page.getByTestId('legend-overlaps')).toBeVisible();
  expect(await axe(page), 'the overlaps').toEqual([]);
  await openPanel(page, 'Verktyg');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/overlapp/);

  // A selection with its neighbourhood in focus, and an open filter.
  const first = listRows(page, 'nodes').first().getByRole('button');
  const title = (await first.textContent())!.trim();
  await first.click();
  await openPanel(page, 'Verktyg');
  await segmented(page, 'Fokus', '1 steg').click();
  await expect(page).toHaveURL(/fokus=1/);
  await expect(page.getByTestId('details-panel').getByRole('heading', { level: 2 })).toHaveText(
    title
  );
  await openPanel(page, 'Filter');
  await page.locator('summary', { hasText: 'Teman' }).click();
  expect(await axe(page), 'a selection and an open filter').toEqual([]);

  // The same in English, switched on the page (a reload keeps it: overview.e2e.ts).
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page).toHaveTitle('Explore – Regionkartan');
  await expect(page.getByTestId('visible-count')).toContainText('Showing');
  expect(await axe(page), 'in English').toEqual([]);
});

test('the explorer has no violations on a phone (375 px, tabs)', async ({ page, map, axe }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openExplorer(page, map);
  const tabs = page.getByRole('tablist');
  await expect(tabs.getByRole('tab')).toHaveText(['Karta', 'Graf', 'Lista']);
  expect(await axe(page)).toEqual([]);

  await tabs.getByRole('tab', { name: 'Lista' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Lista' })).toBeVisible();
  await expect(listRows(page, 'nodes').first()).toBeVisible();
  expect(await axe(page)).toEqual([]);

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
