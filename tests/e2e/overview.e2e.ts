// The first page always shows the seeded map (no test changes it: each works on
// a map of its own), read from the local stack.
import { expect, test } from './fixtures';
import { SEED_MAP_ID } from './maps';

test('the first page shows the seeded regional map from the local stack, with no WCAG 2.1 A/AA violations', async ({
  page,
  axe
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Örebro län – regional karta').first()).toBeVisible();
  await expect(page.getByTestId('node-count-municipality')).toHaveText('12');
  const nodes = Number(await page.getByTestId('node-total').textContent());
  const relations = Number(await page.getByTestId('relation-total').textContent());
  expect(nodes).toBeGreaterThanOrEqual(40);
  expect(relations).toBeGreaterThanOrEqual(40);
  await expect(page.getByText('000_fa9faf0b6f84902b.txt').first()).toBeVisible();

  // The same counts straight from the API the page used.
  const api = await page.request.get(
    `/rest/v1/nodes?select=id&deleted_at=is.null&map_id=eq.${SEED_MAP_ID}`,
    { headers: { Prefer: 'count=exact', Range: '0-0' } }
  );
  expect(Number(api.headers()['content-range']?.split('/')[1])).toBe(nodes);

  expect(await axe(page)).toEqual([]);
});

test('the language switch shows English and remembers it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-total')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: /english/i }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
