// The join page against WCAG 2.1 A/AA (axe), with an error shown, and joining
// through it, back to the same map. The explorer as an editor with presence, the
// node form with its error messages and the conflict view are checked by axe
// where collab.e2e.ts brings them about.
import { expect, test } from './fixtures';
import { openPanel, waitForViews } from './explorer-helpers';

test('the join page has no violations, also with an error shown; joining leads back to the map', async ({
  page,
  map,
  axe
}) => {
  await page.goto(map.url('/ga-med'));
  // The SPA sets the title as it renders: check once the page is there, not before.
  await expect(page).toHaveTitle(/Gå med/);
  expect(await axe(page)).toEqual([]);
  await page.getByRole('button', { name: 'Gå med', exact: true }).click();
  await expect(page.getByText('Skriv ditt namn.')).toBeVisible();
  await expect(page.getByLabel('Ditt namn')).toBeFocused();
  expect(await axe(page)).toEqual([]);

  // Joining the map the address names: an editor there (loopback), and back to it.
  await page.getByLabel('Ditt namn').fill('E2E Gunnel');
  await page.getByRole('button', { name: 'Gå med', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Du är med som E2E Gunnel' })
  ).toBeVisible();
  await page.getByRole('link', { name: 'Till kartan' }).click();
  await expect(page).toHaveURL(new RegExp(`/utforska\\?karta=${map.id}`));
  await waitForViews(page);
  await expect(page.getByTestId('presence')).toContainText('E2E Gunnel');
  const collab = await openPanel(page, 'Samarbete');
  await expect(collab.getByRole('button', { name: 'Ny nod på kartan' })).toBeVisible();
});
