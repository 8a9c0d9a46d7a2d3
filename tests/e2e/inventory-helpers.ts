// Shared steps for the inventory e2e tests: join as an editor through the local
// stack's /auth/local/join (no code needed on loopback) and keep the session
// where LocalIdentity keeps it; count rows through the REST API.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import { MAP_ID } from './explorer-helpers';

export { MAP_ID };

const SESSION_KEY = 'regionkartan.session';

/** Joins the seeded map as an editor; the session is in localStorage before any page script runs. */
export async function joinAsEditor(page: Page, name = 'E2E-redigerare'): Promise<string> {
  const response = await page.request.post('/auth/local/join', {
    data: { display_name: name, map_id: MAP_ID }
  });
  expect(response.ok(), await response.text()).toBe(true);
  const json = (await response.json()) as {
    access_token: string;
    expires_at: number;
    user_id: string;
    role: string | null;
    map_id: string;
    profile: { display_name: string } | null;
  };
  expect(json.role).toBe('editor');
  const session = {
    accessToken: json.access_token,
    userId: json.user_id,
    role: json.role,
    mapId: json.map_id,
    profile: json.profile ?? { display_name: name },
    expiresAt: json.expires_at * 1000
  };
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [SESSION_KEY, JSON.stringify(session)]
  );
  return json.access_token;
}

/** Soft-deletes (as the editor) the seeded map's nodes whose title starts with `prefix`. */
export async function softDeleteNodes(
  request: APIRequestContext,
  token: string,
  prefix: string
): Promise<void> {
  const config = (await (await request.get('/config.json')).json()) as { anonKey: string };
  const response = await request.patch(
    `/rest/v1/nodes?map_id=eq.${MAP_ID}&deleted_at=is.null&title=like.${encodeURIComponent(`${prefix}*`)}`,
    {
      headers: { apikey: config.anonKey, authorization: `Bearer ${token}` },
      data: { deleted_at: new Date().toISOString() }
    }
  );
  expect(response.ok(), await response.text()).toBe(true);
}

/** Live rows of a table on the seeded map, counted by PostgREST (as anon). */
export async function countRows(
  request: APIRequestContext,
  table: 'nodes' | 'relations'
): Promise<number> {
  const config = (await (await request.get('/config.json')).json()) as { anonKey: string };
  const response = await request.get(
    `/rest/v1/${table}?select=id&map_id=eq.${MAP_ID}&deleted_at=is.null`,
    {
      headers: {
        apikey: config.anonKey,
        authorization: `Bearer ${config.anonKey}`,
        prefer: 'count=exact',
        range: '0-0'
      }
    }
  );
  expect(response.ok()).toBe(true);
  const total = Number(response.headers()['content-range']?.split('/')[1]);
  expect(Number.isFinite(total)).toBe(true);
  return total;
}

export async function openInventory(page: Page, query = ''): Promise<void> {
  await page.goto(`/inventering${query ? `?${query}` : ''}`);
  await waitForInventory(page);
}

/** Resolves when the inventory has loaded its map (heading and tabs shown). */
export async function waitForInventory(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Inventering');
  await expect(page.getByRole('tablist', { name: 'Delar av inventeringen' })).toBeVisible();
}

/** The inventory's table of nodes. */
export const nodeTable = (page: Page) => page.getByTestId('inventory-nodes');

/** The button that shows a node's title in the table (and opens its inline edit). */
export const titleButton = (page: Page, title: string) =>
  nodeTable(page).getByRole('button', { name: `${title} – Ändra namn på ${title}`, exact: true });

/** A CSV file for setInputFiles. */
export function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

async function restHeaders(request: APIRequestContext, token: string | null) {
  const config = (await (await request.get('/config.json')).json()) as { anonKey: string };
  return {
    apikey: config.anonKey,
    authorization: `Bearer ${token ?? config.anonKey}`,
    prefer: 'return=representation'
  };
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
 * Creates networks with these titles on the seeded map and relations between
 * them (as the editor, through PostgREST); returns the relations' ids in order.
 */
export async function createRelations(
  request: APIRequestContext,
  token: string,
  titles: string[],
  relations: RelationSpec[]
): Promise<string[]> {
  const headers = await restHeaders(request, token);
  const nodes = await request.post('/rest/v1/nodes', {
    headers,
    data: titles.map((title) => ({ map_id: MAP_ID, kind: 'network', title }))
  });
  expect(nodes.ok(), await nodes.text()).toBe(true);
  const ids = ((await nodes.json()) as { id: string; title: string }[]).map((n) => n.id);
  const created = await request.post('/rest/v1/relations', {
    headers,
    // PostgREST inserts many rows at once only when they all have the same keys.
    data: relations.map(({ from, to, kind, magnitude = null, unit = null }) => ({
      map_id: MAP_ID,
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
  id: string
): Promise<{ kind: string; magnitude: number | null; themes: string[]; version: number }> {
  const response = await request.get(
    `/rest/v1/relations?select=kind,magnitude,themes,version&id=eq.${id}`,
    { headers: await restHeaders(request, null) }
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
