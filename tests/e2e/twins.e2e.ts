// Twin municipalities in the explorer, on a fresh copy of the seeded map (its
// indicators included): Laxå's twins under the default indicators, each with
// every indicator's share of the distance; the similarity as the map's
// choropleth; the top twins as computed edges in the graph; one saved as a
// `similar_to` relation whose source says how it was found. Then across Sweden:
// a municipality outside the county given Laxå's own values becomes its nearest
// twin, and the map turns into the map of Sweden.
import type { Page } from '@playwright/test';
import type { ImportIndicator } from '../../src/lib/io/types';
import { expect, test, type TestMap } from './fixtures';
import { openExplorer } from './explorer-helpers';

const LAXA = '1860';
const HALLEFORS = '1863';
/** Munkfors (Värmlands län): outside the county, no node on the map. */
const MUNKFORS = '1762';

/** An indicator value as the API gives it (the columns a backup keeps). */
type IndicatorRow = Omit<ImportIndicator, 'row'>;

async function rows<T>(page: Page, map: TestMap, path: string): Promise<T[]> {
  const response = await page.request.get(`/rest/v1/${path}`, { headers: map.headers() });
  expect(response.ok()).toBe(true);
  return (await response.json()) as T[];
}

test('a municipality’s twins are explained, drawn on the map and in the graph, saved as a relation, and sought across Sweden', async ({
  page,
  map,
  signIn,
  axe
}) => {
  const editor = await signIn(page, 'E2E Tvilling', 'editor');
  const municipalities = await rows<{ id: string; title: string; municipality_code: string }>(
    page,
    map,
    `nodes?map_id=eq.${map.id}&kind=eq.municipality&deleted_at=is.null&select=id,title,municipality_code`
  );
  const nodeOf = new Map(municipalities.map((n) => [n.municipality_code, n.id]));
  const titleOf = new Map(municipalities.map((n) => [n.municipality_code, n.title]));

  // For later, across Sweden: Munkfors gets Laxå's own values (same keys and years), so
  // it will be Laxå's nearest twin there (distance 0). Among the county's, it is not.
  const laxa = await rows<IndicatorRow>(
    page,
    map,
    `indicators?map_id=eq.${map.id}&municipality_code=eq.${LAXA}&deleted_at=is.null&select=municipality_code,key,label_sv,label_en,unit,year,value,source`
  );
  expect(laxa.length).toBeGreaterThan(0);
  const inserted = await page.request.post('/rest/v1/indicators', {
    headers: { ...map.headers(editor.token), Prefer: 'return=minimal' },
    data: laxa.map((row) => ({ ...row, map_id: map.id, municipality_code: MUNKFORS }))
  });
  expect(inserted.status()).toBe(201);

  await openExplorer(page, map, `tvilling=standard&panel=twins&val=n:${nodeOf.get(LAXA)}`);
  const panel = page.getByTestId('twins-panel');
  await expect(panel.getByRole('heading', { name: 'Tvillingar till Laxå kommun' })).toBeVisible();
  const twins = panel.getByTestId('twin');
  await expect(twins.first()).toHaveAttribute('data-code', HALLEFORS);

  // Why: one row per default indicator, and their shares of the distance make the whole.
  const shares = twins.first().getByTestId('twin-contributions').locator('td.share');
  await expect(shares).toHaveCount(3);
  const percents = (await shares.allTextContents()).map((s) => Number(s.replace(/[^\d]/g, '')));
  expect(percents.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(99);
  expect(percents.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(101);
  await expect(twins.first()).toContainText(
    'Åt andra hållet: Laxå kommun är nummer 1 i listan för Hällefors kommun'
  );

  // The map colours by similarity; the graph draws the top three as computed edges to their nodes.
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-choropleth', 'twins');
  const topThree = await twins.evaluateAll((items) =>
    items.slice(0, 3).map((li) => li.getAttribute('data-code'))
  );
  await expect(page.getByTestId('graph-view')).toHaveAttribute(
    'data-twin-edges',
    topThree.map((code) => nodeOf.get(code!)).join(' ')
  );
  expect(await axe(page, '[data-testid=twins-panel]')).toEqual([]);

  // The seeded map already relates Laxå and Hällefors; saving the second twin stores a
  // similar_to relation whose source records how it was found.
  await expect(twins.first().getByText('Sparad som relation ”liknar”.')).toBeVisible();
  const second = twins.nth(1);
  const code = (await second.getAttribute('data-code'))!;
  await second.getByTestId('twin-save').click();
  await expect(panel.getByText(`Sparat: Laxå kommun liknar ${titleOf.get(code)}.`)).toBeVisible();
  await expect(second.getByText('Sparad som relation ”liknar”.')).toBeVisible();
  const saved = await rows<{ kind: string; source: string; score: number; year: number }>(
    page,
    map,
    `relations?map_id=eq.${map.id}&kind=eq.similar_to&source_id=eq.${nodeOf.get(LAXA)}&target_id=eq.${nodeOf.get(code)}&select=kind,source,score,year`
  );
  expect(saved).toHaveLength(1);
  const how = saved[0]!.source.match(
    /^Tvillingkommuner \(euklidiskt avstånd över z-värden\): gr_andel_foraldrar_eftergymnasial_ak1_9×1 \((\d{4})[^)]*\), gr_andel_utlandsk_bakgrund_ak1_9×1 \((\d{4})[^)]*\), folkmangd×1 \((\d{4})[^)]*\); avstånd [\d.]+, likhet ([\d.]+)$/
  );
  expect(how, saved[0]!.source).not.toBeNull();
  expect(saved[0]!.score).toBeCloseTo(Number(how![4]), 3);
  expect(saved[0]!.year).toBe(Math.max(Number(how![1]), Number(how![2]), Number(how![3])));

  // Across Sweden the map becomes the map of Sweden.
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-geography', 'county');
  await panel.getByLabel('Jämför bland').selectOption('sweden');
  await expect(page).toHaveURL(/omfang=sverige/);
  await expect(twins.first()).toHaveAttribute('data-code', MUNKFORS);
  await expect(twins.first()).toContainText('Munkfors');
  await expect(twins.first()).toContainText('avstånd 0,');
  await expect(twins.first().getByTestId('twin-save')).toHaveCount(0);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-geography', 'national', {
    timeout: 30_000
  });
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-choropleth', 'twins');
});
