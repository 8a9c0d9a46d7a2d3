// The editing UI against WCAG 2.1 A/AA (axe): the join page with an error (and
// joining through it, back to the same map), the explorer as an editor with
// presence, the node form with its error messages and the conflict view.
import { expect, test } from './fixtures';
import { createNodeOnMap, explorerAs, openEdit } from './collab-helpers';
import { openPanel, waitForViews } from './explorer-helpers';

test('the join page has no violations, also with an error shown; joining leads back to the map', async ({
  page,
  map,
  axe
}) => {
  await page.goto(map.url('/ga-med'));
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

test('editing: explorer, node form with errors and the conflict view have no violations', async ({
  people,
  map,
  axe
}) => {
  const a = await explorerAs(people, map, 'Anna');
  const b = await explorerAs(people, map, 'Bertil');
  expect(await axe(a.page)).toEqual([]);

  await createNodeOnMap(a.page, 'E2E Tillgänglig nod');
  const form = await openEdit(a.page, 'E2E Tillgänglig nod');
  await form.getByLabel('Namn').fill('');
  await form.getByLabel('Webbadress').fill('http://inte-https.se');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByRole('alert')).toBeFocused();
  await expect(form.getByLabel('Namn')).toHaveAccessibleDescription('Skriv ett namn.');
  expect(await axe(a.page)).toEqual([]);
  await a.page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  const formB = await openEdit(b.page, 'E2E Tillgänglig nod');
  const formA = await openEdit(a.page, 'E2E Tillgänglig nod');
  await formA.getByLabel('Namn').fill('E2E Annas');
  await formA.getByRole('button', { name: 'Spara' }).click();
  await formB.getByLabel('Namn').fill('E2E Bertils');
  await formB.getByRole('button', { name: 'Spara' }).click();
  await expect(b.page.getByTestId('conflict-view')).toBeVisible();
  expect(await axe(b.page)).toEqual([]);
});
