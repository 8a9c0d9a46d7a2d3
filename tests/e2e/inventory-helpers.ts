// Shared steps for the inventory e2e tests: open the test's map's inventory,
// count and write its rows through the REST API.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, type TestMap } from './fixtures';

/** Soft-deletes (as the editor) the map's nodes whose title starts with `prefix`. */
export async function softDeleteNodes(
  request: APIRequestContext,
  map: TestMap,
  token: string,
  prefix: string
): Promise<void> {
  const response = await request.patch(
    `/rest/v1/nodes?map_id=eq.${map.id}&deleted_at=is.null&title=like.${encodeURIComponent(`${prefix}*`)}`,
    { headers: map.headers(token), data: { deleted_at: new Date().toISOString() } }
  );
  expect(response.ok(), await response.text()).toBe(true);
}

/** Live rows of a table on the map, counted by PostgREST (as anon). */
export async function countRows(
  request: APIRequestContext,
  map: TestMap,
  table: 'nodes' | 'relations'
): Promise<number> {
  const response = await request.get(
    `/rest/v1/${table}?select=id&map_id=eq.${map.id}&deleted_at=is.null`,
    { headers: { ...map.headers(), prefer: 'count=exact', range: '0-0' } }
  );
  expect(response.ok()).toBe(true);
  const total = Number(response.headers()['content-range']?.split('/')[1]);
  expect(Number.isFinite(total)).toBe(true);
  return total;
}

export async function openInventory(page: Page, map: TestMap, query = ''): Promise<void> {
  await page.goto(map.url('/inventering', query));
  await waitForInventory(page);
}

/** Resolves when the inventory has loaded its map (heading and tabs shown). */
export async function waitForInventory(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Inventering');
  await expect(page.getByRole('tablist', { name: 'Delar av inventeringen' })).toBeVisible();
}

export const nodeTable = (page: Page) => page.getByTestId('inventory-nodes');

/** The button that opens a node's title for inline editing. */
export const titleButton = (page: Page, title: string) =>
  nodeTable(page).getByRole('button', { name: `${title} – Ändra namn på ${title}`, exact: true });

/** A CSV file for setInputFiles. */
export function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

export interface RelationSpec {
  /** Indexes into the node titles. */
  from: number;
  to: number;
  kind: string;
  magnitude?: number | null;
  unit?: string | null;
}

/**
 * Creates networks with these titles on the map and relations between them (as
 * the editor, through PostgREST); returns the relations' ids in order.
 */
export async function createRelations(
  request: APIRequestContext,
  map: TestMap,
  token: string,
  titles: string[],
  relations: RelationSpec[]
): Promise<string[]> {
  const headers = { ...map.headers(token), prefer: 'return=representation' };
  const nodes = await request.post('/rest/v1/nodes', {
    headers,
    data: titles.map((title) => ({ map_id: map.id, kind: 'network', title }))
  });
  expect(nodes.ok(), await nodes.text()).toBe(true);
  const ids = ((await nodes.json()) as { id: string; title: string }[]).map((n) => n.id);
  const created = await request.post('/rest/v1/relations', {
    headers,
    // PostgREST inserts many rows at once only when they all have the same keys.
    data: relations.map(({ from, to, kind, magnitude = null, unit = null }) => ({
      map_id: map.id,
      source_id: ids[from],
      target_id: ids[to],
      kind,
      magnitude,
      unit
    }))
  });
  expect(created.ok(), await created.text()).toBe(true);
  return ((await created.json()) as { id: string }[]).map((r) => r.id);
}

/** The stored relation (as anon), to check what a save wrote. */
export async function relationById(
  request: APIRequestContext,
  map: TestMap,
  id: string
): Promise<{ kind: string; magnitude: number | null; themes: string[]; version: number }> {
  const response = await request.get(
    `/rest/v1/relations?select=kind,magnitude,themes,version&id=eq.${id}`,
    { headers: map.headers() }
  );
  expect(response.ok()).toBe(true);
  const rows = (await response.json()) as {
    kind: string;
    magnitude: number | null;
    themes: string[];
    version: number;
  }[];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}
