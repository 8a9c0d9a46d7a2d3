// The editing UI against WCAG 2.1 A/AA (axe): the join page with an error, the
// explorer as an editor with presence, the node form with its error messages and
// the conflict view.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { cleanUp, createNodeOnMap, joinAs, openEdit, type Person } from './collab-helpers';

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
  );
}

const people: Person[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) await p.context.close();
});
test.afterAll(async ({ baseURL }) => cleanUp(baseURL!));

test('the join page has no violations, also with an error shown', async ({ page }) => {
  await page.goto('/ga-med');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Gå med', exact: true }).click();
  await expect(page.getByText('Skriv ditt namn.')).toBeVisible();
  await expect(page.getByLabel('Ditt namn')).toBeFocused();
  expect(await violations(page)).toEqual([]);
});

test('editing: explorer, node form with errors and the conflict view have no violations', async ({
  browser
}) => {
  const a = await joinAs(browser, 'Anna');
  const b = await joinAs(browser, 'Bertil');
  people.push(a, b);
  expect(await violations(a.page)).toEqual([]);

  await createNodeOnMap(a.page, 'E2E Tillgänglig nod');
  const form = await openEdit(a.page, 'E2E Tillgänglig nod');
  await form.getByLabel('Namn').fill('');
  await form.getByLabel('Webbadress').fill('http://inte-https.se');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByRole('alert')).toBeFocused();
  await expect(form.getByLabel('Namn')).toHaveAccessibleDescription('Skriv ett namn.');
  expect(await violations(a.page)).toEqual([]);
  await a.page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  const formB = await openEdit(b.page, 'E2E Tillgänglig nod');
  const formA = await openEdit(a.page, 'E2E Tillgänglig nod');
  await formA.getByLabel('Namn').fill('E2E Annas');
  await formA.getByRole('button', { name: 'Spara' }).click();
  await formB.getByLabel('Namn').fill('E2E Bertils');
  await formB.getByRole('button', { name: 'Spara' }).click();
  await expect(b.page.getByTestId('conflict-view')).toBeVisible();
  expect(await violations(b.page)).toEqual([]);
});
