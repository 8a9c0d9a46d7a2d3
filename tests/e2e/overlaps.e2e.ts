// Network overlaps (shared members) in the explorer: weighted edges over the
// graph and a table in the list, the same pairs as counted here from the API.
import type { Page } from '@playwright/test';
import { expect, test, type TestMap } from './fixtures';
import { filterCheckbox, openExplorer, openPanel, waitForViews } from './explorer-helpers';
import { openInventory } from './inventory-helpers';

interface GraphHook {
  __regionkartanGraph: {
    edges(selector?: string): { length: number };
    nodes(): { map<T>(fn: (n: { id(): string; position(): object }) => T): T[] };
  };
}

/**
 * The pairs of networks sharing members (member_of / participates_in), from the
 * REST API; `memberKind` counts only members of that kind (a kind filter).
 */
async function sharedPairs(
  page: Page,
  map: TestMap,
  memberKind?: string
): Promise<Map<string, number>> {
  const base = `map_id=eq.${map.id}&deleted_at=is.null`;
  const nodes = (await (
    await page.request.get(`/rest/v1/nodes?select=id,kind&${base}`)
  ).json()) as { id: string; kind: string }[];
  const relations = (await (
    await page.request.get(`/rest/v1/relations?select=kind,source_id,target_id&${base}`)
  ).json()) as { kind: string; source_id: string; target_id: string }[];
  const alive = new Set(nodes.filter((n) => !memberKind || n.kind === memberKind).map((n) => n.id));
  const members = new Map(nodes.filter((n) => n.kind === 'network').map((n) => [n.id, new Set()]));
  for (const r of relations) {
    if (r.kind !== 'member_of' && r.kind !== 'participates_in') continue;
    if (alive.has(r.source_id)) members.get(r.target_id)?.add(r.source_id);
  }
  const pairs = new Map<string, number>();
  const ids = [...members.keys()].sort();
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const shared = [...members.get(a)!].filter((m) => members.get(b)!.has(m)).length;
      if (shared) pairs.set(`overlap:${a}:${b}`, shared);
    }
  }
  return pairs;
}

const overlayEdges = (page: Page) =>
  page.evaluate(
    () => (window as unknown as GraphHook).__regionkartanGraph.edges('.overlap').length
  );

const positions = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as GraphHook).__regionkartanGraph
      .nodes()
      .map((n) => [n.id(), n.position()] as const)
  );

test('overlaps are drawn as weighted graph edges and listed, kept in the URL, and switched off', async ({
  page,
  map
}) => {
  const expected = await sharedPairs(page, map);
  expect(expected.size).toBeGreaterThan(0);

  await openExplorer(page, map, 'panel=tools&lista=1');
  const graph = page.getByTestId('graph-view');
  const count = page.getByTestId('visible-count');
  const toggle = page.getByRole('checkbox', { name: 'Visa överlapp mellan nätverk' });
  await expect(toggle).not.toBeChecked();
  await expect(graph).toHaveAttribute('data-overlap-edges', '0');
  const relationsShown = await graph.getAttribute('data-visible-relations');
  const countText = await count.textContent();
  const before = await positions(page);

  await toggle.check();
  await expect(page).toHaveURL(/overlapp=1/);
  await expect(graph).toHaveAttribute('data-overlap-edges', String(expected.size));
  await expect.poll(() => overlayEdges(page)).toBe(expected.size);
  // Not relations: the counts stay, and no node moved.
  await expect(graph).toHaveAttribute('data-visible-relations', relationsShown!);
  await expect(count).toHaveText(countText!);
  expect(await positions(page)).toEqual(before);

  const table = page.getByTestId('list-overlaps');
  const rows = table.locator('tbody tr[data-id]');
  await expect(rows).toHaveCount(expected.size);
  const listed = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.id!, Number(tr.children[2]!.textContent)] as const)
  );
  expect(new Map(listed)).toEqual(expected);
  await expect(table.locator('caption')).toHaveText(`Överlapp mellan nätverk (${expected.size})`);
  await expect(page.getByTestId('legend-overlaps')).toContainText(
    'Delade medlemmar mellan nätverk; tjockare = fler'
  );
  // A network's button in the table selects it in the views.
  const [, network] = (await rows.first().getAttribute('data-id'))!.split(':');
  await rows.first().getByRole('button').first().click();
  await expect(graph).toHaveAttribute('data-selected-element', network!);

  await page.reload();
  await waitForViews(page);
  await expect(toggle).toBeChecked();
  await expect(graph).toHaveAttribute('data-overlap-edges', String(expected.size));
  await expect.poll(() => overlayEdges(page)).toBe(expected.size);
  await expect(rows).toHaveCount(expected.size);

  // Only networks left visible: only networks count as shared members (on the
  // seeded map's data, none).
  const networksOnly = await sharedPairs(page, map, 'network');
  await (await filterCheckbox(page, 'Typer', 'Nätverk och forum')).check();
  await expect(graph).toHaveAttribute('data-overlap-edges', String(networksOnly.size));
  await expect.poll(() => overlayEdges(page)).toBe(networksOnly.size);
  if (networksOnly.size === 0) {
    await expect(table.locator('tbody')).toHaveText('Inga synliga nätverk delar medlemmar.');
  } else {
    await expect(rows).toHaveCount(networksOnly.size);
  }
  await page.getByRole('button', { name: 'Rensa alla filter' }).click();
  await expect(graph).toHaveAttribute('data-overlap-edges', String(expected.size));

  const shown = await positions(page);
  await openPanel(page, 'Verktyg');
  await toggle.uncheck();
  await expect(page).not.toHaveURL(/overlapp/);
  await expect(graph).toHaveAttribute('data-overlap-edges', '0');
  await expect.poll(() => overlayEdges(page)).toBe(0);
  await expect(table).toHaveCount(0);
  await expect(page.getByTestId('legend-overlaps')).toHaveCount(0);
  expect(await positions(page)).toEqual(shown);
});

test("the inventory's overlap section opens them in the graph", async ({ page, map }) => {
  const expected = await sharedPairs(page, map);
  await openInventory(page, map, 'flik=overlapp');
  await page.getByRole('link', { name: 'Visa i grafen' }).click();
  await expect(page).toHaveURL(new RegExp(`/utforska\\?karta=${map.id}&vy=graph&overlapp=1`));
  await waitForViews(page);
  await expect(page.getByTestId('graph-view')).toHaveAttribute(
    'data-overlap-edges',
    String(expected.size)
  );
  await openPanel(page, 'Verktyg');
  await expect(page.getByRole('checkbox', { name: 'Visa överlapp mellan nätverk' })).toBeChecked();
});
