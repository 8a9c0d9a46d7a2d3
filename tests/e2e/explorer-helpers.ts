// Shared steps for the explorer e2e tests: open the test's map with the views'
// test hooks, wait for both canvases, and read the map's rows from the API.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, type TestMap } from './fixtures';

/** Ids of the seeded map (scripts/generate-seed.js); map.idOf gives a fresh map's copy. */
export const LEKEBERG = '77c97145-eb44-5735-980e-8de20ca7d1f0';
export const OREBRO = 'a29cd26c-63fd-509b-bd91-8cdc4b36b775';
export const LEKEBERG_TO_OREBRO = '80fe54b4-1f5e-5a54-aeba-4fc9a79505c1';

export interface TestHooks {
  __regionkartanMap: {
    project(lngLat: [number, number]): { x: number; y: number };
    getCenter(): { lng: number; lat: number };
    getZoom(): number;
  };
  __regionkartanGraph: {
    getElementById(id: string): { hasClass(name: string): boolean; empty(): boolean };
  };
}

/** The map's explorer with the test hooks; resolves when map and graph have drawn. */
export async function openExplorer(page: Page, map: TestMap, query = ''): Promise<void> {
  await page.goto(map.url('/utforska', `test${query ? `&${query}` : ''}`));
  await waitForViews(page);
}

export async function waitForViews(page: Page): Promise<void> {
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-ready', 'true', {
    timeout: 30_000
  });
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-ready', 'true', {
    timeout: 30_000
  });
}

/** A municipality's centroid from the same reference file the map uses. */
export function centroid(kommunkod: string): [number, number] {
  const file = new URL('../../static/geo/orebro-lan-kommuner-centroids.geojson', import.meta.url);
  const geo = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: { kommunkod: string }; geometry: { coordinates: [number, number] } }[];
  };
  const feature = geo.features.find((f) => f.properties.kommunkod === kommunkod);
  if (!feature) throw new Error(`no centroid for ${kommunkod}`);
  return feature.geometry.coordinates;
}

/** The explorer's panels, by the name of their toggle in the toolbar. */
export type PanelName = 'Filter' | 'Förklaring' | 'Verktyg' | 'Samarbete' | 'Lista';

/** Opens a panel from its toolbar toggle (unless open) and returns the panel. */
export async function openPanel(page: Page, name: PanelName): Promise<Locator> {
  const toggle = page.getByTestId('explorer-toolbar').getByRole('button', { name, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
  await expect(panel).toBeVisible();
  return panel;
}

/** Opens a filter group (a disclosure in the filter panel) and returns its checkbox with this label. */
export async function filterCheckbox(page: Page, group: string, label: string): Promise<Locator> {
  await openPanel(page, 'Filter');
  const summary = page.locator('summary', { hasText: group }).first();
  const details = summary.locator('..');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
  return details.getByRole('checkbox', { name: label, exact: true });
}

/** A button of a segmented control ('Visning' in the toolbar; the others in the tools panel). */
export function segmented(page: Page, group: string, option: string): Locator {
  return page.getByRole('group', { name: group, exact: true }).getByRole('button', {
    name: option,
    exact: true
  });
}

/** Rows of the list view's node and relation tables (the empty-state row excluded). */
export function listRows(page: Page, table: 'nodes' | 'relations'): Locator {
  return page.getByTestId(`list-${table}`).locator('tbody tr[data-id]');
}

interface Row {
  id: string;
  themes: string[];
}
interface RelationRowLite {
  id: string;
  source_id: string;
  target_id: string;
}

/** The map's rows straight from the API, to check the UI against. */
export async function apiRows(
  page: Page,
  map: TestMap
): Promise<{ nodes: Row[]; relations: RelationRowLite[] }> {
  const base = `map_id=eq.${map.id}&deleted_at=is.null`;
  const nodes = await (await page.request.get(`/rest/v1/nodes?select=id,themes&${base}`)).json();
  const relations = await (
    await page.request.get(`/rest/v1/relations?select=id,source_id,target_id&${base}`)
  ).json();
  return { nodes: nodes as Row[], relations: relations as RelationRowLite[] };
}

/** Counts the page's requestAnimationFrame calls (window.__frames), from before its scripts run. */
export async function countFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number };
    const request = window.requestAnimationFrame.bind(window);
    w.__frames = 0;
    window.requestAnimationFrame = (callback) => {
      w.__frames += 1;
      return request(callback);
    };
  });
}

/** How many animation frames the page asked for in the next half second. */
export function framesInHalfASecond(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as { __frames: number };
        const before = w.__frames;
        setTimeout(() => resolve(w.__frames - before), 500);
      })
  );
}

/** A fingerprint of what the graph's node layer shows on screen (Cytoscape's visible canvas). */
export function graphPixels(page: Page): Promise<string> {
  return page
    .getByTestId('graph-view')
    .locator('canvas[data-id="layer2-node"]')
    .evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
}
