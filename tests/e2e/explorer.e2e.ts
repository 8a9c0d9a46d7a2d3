import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { choropleth, computeCoverage } from '../../src/lib/analysis/coverage';
import type { Dataset } from '../../src/lib/domain/model';
import { isPng } from '../../src/lib/explorer/export-file';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  LEKEBERG,
  LEKEBERG_TO_OREBRO,
  apiRows,
  centroid,
  countFrames,
  filterCheckbox,
  framesInHalfASecond,
  graphPixels,
  listRows,
  openExplorer,
  openPanel,
  segmented,
  waitForViews,
  type TestHooks
} from './explorer-helpers';

test('a municipality clicked on the map is selected in the graph and the details, and focus keeps its flow', async ({
  page,
  map
}) => {
  await countFrames(page);
  await openExplorer(page, map);
  // Idle, the page asks for no animation frames (Cytoscape's loop sleeps, render-loop.ts)…
  await expect.poll(() => framesInHalfASecond(page), { timeout: 15_000 }).toBe(0);
  const idleGraph = await graphPixels(page);
  const lonLat = centroid('1814');
  const point = await page.evaluate(
    (ll) => (window as unknown as TestHooks).__regionkartanMap.project(ll),
    lonLat
  );
  await page.getByTestId('map-view').locator('canvas').first().click({ position: point });

  const lekeberg = map.idOf(LEKEBERG);
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-selected-feature', lekeberg);
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-selected-element', lekeberg);
  // …and wakes to draw the selection on screen.
  await expect.poll(() => graphPixels(page)).not.toBe(idleGraph);
  const panel = page.getByTestId('details-panel');
  const heading = panel.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText('Lekebergs kommun');
  await expect(heading).not.toBeFocused(); // a map click does not move focus
  await expect(panel.getByRole('link', { name: /^Flöde till → Örebro/ })).toBeVisible();
  await expect(panel.getByTestId('details-source')).toContainText(
    'Källa: 000_fa9faf0b6f84902b.txt'
  );

  await openPanel(page, 'Verktyg');
  await segmented(page, 'Fokus', '1 steg').click();
  await expect(page).toHaveURL(/fokus=1/);
  const dimmed = (id: string) =>
    page.evaluate(
      (edge) =>
        (window as unknown as TestHooks).__regionkartanGraph
          .getElementById(edge)
          .hasClass('dimmed'),
      id
    );
  await expect.poll(() => dimmed(map.idOf(LEKEBERG_TO_OREBRO))).toBe(false);
  // …while an edge far from Lekeberg is dimmed, so the check above means something.
  const { relations } = await apiRows(page, map);
  const far = relations.find((r) => r.source_id !== lekeberg && r.target_id !== lekeberg)!;
  await expect.poll(() => dimmed(far.id)).toBe(true);
});

test('a hidden graph draws nothing, and draws what changed once it is shown', async ({
  page,
  map
}) => {
  // A short fingerprint of the graph's node layer (a failure prints it).
  const pixels = async () =>
    createHash('sha1')
      .update(await graphPixels(page))
      .digest('hex');
  await openExplorer(page, map, 'vy=map');
  const hidden = await pixels();
  const point = await page.evaluate(
    (ll) => (window as unknown as TestHooks).__regionkartanMap.project(ll),
    centroid('1814')
  );
  await page.getByTestId('map-view').locator('canvas').first().click({ position: point });
  const lekeberg = map.idOf(LEKEBERG);
  await expect(page.getByTestId('graph-view')).toHaveAttribute('data-selected-element', lekeberg);
  // The graph has the selection in its state but has drawn nothing while hidden…
  expect(await pixels()).toBe(hidden);
  // …and draws the network with it once shown.
  await segmented(page, 'Visning', 'Graf').click();
  await expect.poll(pixels).not.toBe(hidden);
});

test('filtering by the theme Juridik shows the same items in map, graph and list; PNG export of both views', async ({
  page,
  map
}) => {
  await openExplorer(page, map);
  await (await filterCheckbox(page, 'Teman', 'Juridik')).check();
  await expect(page).toHaveURL(/tema=juridik/);

  const { nodes, relations } = await apiRows(page, map);
  const expectedNodes = new Set(nodes.filter((n) => n.themes.includes('juridik')).map((n) => n.id));
  const expectedRelations = relations.filter(
    (r) => expectedNodes.has(r.source_id) && expectedNodes.has(r.target_id)
  );
  expect(expectedNodes.size).toBeGreaterThan(0);
  expect(expectedNodes.size).toBeLessThan(nodes.length);

  const count = page.getByTestId('visible-count');
  await expect(count).toHaveAttribute('data-nodes', String(expectedNodes.size));
  await expect(count).toHaveAttribute('data-relations', String(expectedRelations.length));
  await expect(count).toContainText(
    `Visar ${expectedNodes.size} av ${nodes.length} noder och ${expectedRelations.length} av ${relations.length} relationer`
  );
  for (const view of ['map-view', 'graph-view']) {
    await expect(page.getByTestId(view)).toHaveAttribute(
      'data-visible-nodes',
      String(expectedNodes.size)
    );
    await expect(page.getByTestId(view)).toHaveAttribute(
      'data-visible-relations',
      String(expectedRelations.length)
    );
  }
  // The graph holds only what passes the filter: the rest is out of Cytoscape's core
  // (GraphController's parked elements), neither styled nor drawn.
  const held = (group: 'nodes' | 'edges') =>
    page.evaluate(
      (group) =>
        (window as unknown as { __regionkartanGraph: import('cytoscape').Core }).__regionkartanGraph
          .elements(group === 'nodes' ? 'node' : 'edge')
          .map((e) => e.id())
          .sort(),
      group
    );
  await expect.poll(() => held('nodes')).toEqual([...expectedNodes].sort());
  expect(await held('edges')).toEqual(expectedRelations.map((r) => r.id).sort());

  // The list (closed, its tables sort nothing) shows the same once opened.
  await expect(listRows(page, 'nodes')).toHaveCount(0);
  await openPanel(page, 'Lista');
  await expect(listRows(page, 'nodes')).toHaveCount(expectedNodes.size);
  await expect(listRows(page, 'relations')).toHaveCount(expectedRelations.length);
  const listed = await listRows(page, 'nodes').evaluateAll((rows) =>
    rows.map((row) => row.getAttribute('data-id'))
  );
  expect(new Set(listed)).toEqual(expectedNodes);

  await page.getByRole('button', { name: 'Rensa alla filter' }).click();
  await expect(count).toHaveAttribute('data-nodes', String(nodes.length));
  await expect(page.getByRole('button', { name: 'Rensa alla filter' })).toBeDisabled();
  // … and every element is back in the graph, with its relations.
  await expect.poll(() => held('nodes')).toEqual(nodes.map((n) => n.id).sort());
  expect(await held('edges')).toEqual(relations.map((r) => r.id).sort());

  // PNG export (in the tools) saves non-empty PNG files of the map and the graph.
  await openPanel(page, 'Verktyg');
  for (const view of ['karta', 'graf'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`export-${view}`).click()
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^regionkartan-${view}-\\d{4}-\\d{2}-\\d{2}\\.png$`)
    );
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBeGreaterThan(2000);
    expect(isPng(new Uint8Array(bytes))).toBe(true);
  }
  await expect(page.getByRole('status').filter({ hasText: 'har sparats' })).toBeVisible();
});

// With the system's default motion (the rest of the suite reduces it, playwright.config.ts):
// here the layout switch and the camera animate, as most people see them.
test.describe('with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('a copied URL reproduces the view, and back/forward step through view changes', async ({
    page,
    map,
    context
  }) => {
    await openExplorer(page, map);
    await (await filterCheckbox(page, 'Teman', 'Juridik')).check();
    await page.keyboard.press('Escape');
    await openPanel(page, 'Lista');
    const firstRow = listRows(page, 'nodes').first();
    const title = (await firstRow.getByRole('button').textContent())!.trim();
    await firstRow.getByRole('button').click();
    await openPanel(page, 'Verktyg');
    await segmented(page, 'Fokus', '2 steg').click();
    await segmented(page, 'Visning', 'Karta').click();
    await segmented(page, 'Graflayout', 'Geografisk').click();
    // A user's move of the map is written to the URL (replacing the entry).
    const box = (await page.getByTestId('map-view').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 6 });
    await page.mouse.up();
    await expect(page).toHaveURL(/kamera=/);
    const url = new URL(page.url());
    const parts = ['tema=juridik', 'val=n%3A', 'fokus=2', 'vy=map', 'layout=geo', 'kamera='];
    for (const part of [...parts, 'panel=tools', 'lista=1']) {
      expect(url.search).toContain(part);
    }

    // The copied link, opened afresh (with the test hooks).
    const copy = await context.newPage();
    await copy.goto(`${url.pathname}${url.search}&test`);
    await waitForViews(copy);
    await expect(copy.getByTestId('details-panel').getByRole('heading', { level: 2 })).toHaveText(
      title
    );
    await expect(copy.getByTestId('explorer-drawer-tools')).toBeVisible(); // the open panel too
    await expect(copy.getByTestId('explorer-drawer-list')).toBeVisible();
    await expect(await filterCheckbox(copy, 'Teman', 'Juridik')).toBeChecked();
    await copy.keyboard.press('Escape');
    await openPanel(copy, 'Verktyg');
    await expect(segmented(copy, 'Fokus', '2 steg')).toHaveAttribute('aria-pressed', 'true');
    await expect(segmented(copy, 'Visning', 'Karta')).toHaveAttribute('aria-pressed', 'true');
    await expect(segmented(copy, 'Graflayout', 'Geografisk')).toHaveAttribute(
      'aria-pressed',
      'true'
    );
    const camera = await copy.evaluate(() => {
      const map = (window as unknown as TestHooks).__regionkartanMap;
      return { ...map.getCenter(), zoom: map.getZoom() };
    });
    const [lon, lat, zoom] = url.searchParams.get('kamera')!.split(',').map(Number);
    expect(camera.lng).toBeCloseTo(lon!, 4);
    expect(camera.lat).toBeCloseTo(lat!, 4);
    expect(camera.zoom).toBeCloseTo(zoom!, 1);
    await expect(copy.getByTestId('visible-count')).toHaveAttribute(
      'data-nodes',
      (await page.getByTestId('visible-count').getAttribute('data-nodes'))!
    );
    await copy.close();

    // Back steps through layout → view mode → focus → selection → filter; forward returns.
    await page.goBack();
    await expect(segmented(page, 'Graflayout', 'Kraftbaserad')).toHaveAttribute(
      'aria-pressed',
      'true'
    );
    await expect(segmented(page, 'Visning', 'Karta')).toHaveAttribute('aria-pressed', 'true');
    await page.goBack();
    await expect(segmented(page, 'Visning', 'Delad vy')).toHaveAttribute('aria-pressed', 'true');
    await page.goBack();
    await expect(segmented(page, 'Fokus', 'Av')).toHaveAttribute('aria-pressed', 'true');
    await page.goBack();
    await expect(page.getByTestId('details-panel')).toContainText('Välj något på kartan');
    await page.goBack();
    await expect(page).not.toHaveURL(/tema=/);
    await expect(page.getByRole('button', { name: 'Rensa alla filter' })).toBeDisabled();
    await page.goForward();
    await page.goForward();
    await expect(page.getByTestId('details-panel').getByRole('heading', { level: 2 })).toHaveText(
      title
    );
    await expect(page).toHaveURL(/tema=juridik/);
  });
});

test('keyboard only: filter, pick from the list, read the details, close with Esc', async ({
  page,
  map
}) => {
  await openExplorer(page, map);
  const tabTo = async (isTarget: () => Promise<boolean>, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await isTarget()) return;
    }
    throw new Error('the target was not reached with Tab');
  };
  const focused = (locator: Locator) => () =>
    locator.evaluate((el) => el === document.activeElement);
  const toolbar = page.getByTestId('explorer-toolbar');

  // The filter panel opens from the toolbar and takes focus; Esc closes it again.
  const filterToggle = toolbar.getByRole('button', { name: 'Filter', exact: true });
  await tabTo(focused(filterToggle));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Filter', exact: true })).toBeFocused();
  const themes = page.locator('summary', { hasText: 'Teman' });
  await tabTo(focused(themes), 10);
  await page.keyboard.press('Enter');
  const juridik = page.getByRole('checkbox', { name: 'Juridik', exact: true });
  await tabTo(focused(juridik), 30);
  await page.keyboard.press('Space');
  await expect(juridik).toBeChecked();
  await expect(page).toHaveURL(/tema=juridik/);
  await page.keyboard.press('Escape');
  await expect(themes).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('explorer-drawer-filter')).toBeHidden();
  await expect(filterToggle).toBeFocused();
  // What is shown is said in the status line, with the filter as a chip.
  await expect(page.getByRole('button', { name: 'Tema: Juridik (ta bort)' })).toBeVisible();

  // The list opens the same way; a row's button selects and moves to the details.
  await tabTo(focused(toolbar.getByRole('button', { name: 'Lista', exact: true })), 5);
  await page.keyboard.press('Enter');
  const firstButton = listRows(page, 'nodes').first().getByRole('button');
  await tabTo(focused(firstButton), 10);
  const title = (await firstButton.textContent())!.trim();
  await page.keyboard.press('Enter');
  const heading = page.getByTestId('details-panel').getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(title);
  await expect(heading).toBeFocused();
  await expect(listRows(page, 'nodes').first()).toHaveAttribute('aria-current', 'true');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('details-panel')).toContainText('Välj något på kartan');
  await expect(page.getByTestId('details-panel')).toBeHidden();
  await expect(firstButton).toBeFocused();
  await expect(page).not.toHaveURL(/val=/);
});

test('a coverage choropleth colours the map by one theme and marks the gaps with a hatch', async ({
  page,
  map
}) => {
  await openExplorer(page, map, 'tacking=juridik&vy=map&panel=legend');
  await expect(page.getByTestId('map-view')).toHaveAttribute('data-choropleth', 'juridik');

  // The expected gaps, by the coverage rule, from the API's rows.
  const base = `map_id=eq.${map.id}&deleted_at=is.null`;
  const get = async (path: string) => (await page.request.get(`/rest/v1/${path}&${base}`)).json();
  const dataset = {
    nodes: await get('nodes?select=id,kind,status,title,municipality_code,themes'),
    relations: await get('relations?select=id,kind,source_id,target_id'),
    themes: await get('themes?select=key,label_sv,label_en,color,sort_order')
  } as unknown as Dataset;
  const values = choropleth(computeCoverage(dataset), 'juridik');
  const gaps = values.filter((v) => v.gap).map((v) => v.code);
  expect(gaps.length).toBeGreaterThan(0);
  const served = values.find((v) => !v.gap)?.code; // in the seed, juridik may have none

  const layers = await page.evaluate(() => {
    const map = (window as unknown as { __regionkartanMap: import('maplibre-gl').Map })
      .__regionkartanMap;
    return ['rk-choropleth-fill', 'rk-choropleth-gap', 'rk-choropleth-gap-line'].map((id) => ({
      visibility: map.getLayoutProperty(id, 'visibility') as string,
      filter: map.getFilter(id)
    }));
  });
  expect(layers.map((l) => l.visibility)).toEqual(['visible', 'visible', 'visible']);
  expect(layers[1]!.filter).toEqual(['in', ['get', 'kommunkod'], ['literal', gaps]]);

  // What is drawn at a gap's centroid is the hatched layer; not at a served one.
  const hatchedAt = (code: string) =>
    page.evaluate(
      ([ll, layer]) => {
        const map = (window as unknown as { __regionkartanMap: import('maplibre-gl').Map })
          .__regionkartanMap;
        const point = map.project(ll as [number, number]);
        return map
          .queryRenderedFeatures(point, { layers: [layer as string] })
          .map((f) => f.properties.kommunkod as string);
      },
      [centroid(code), 'rk-choropleth-gap'] as const
    );
  await expect.poll(() => hatchedAt(gaps[0]!)).toEqual([gaps[0]]);
  if (served) expect(await hatchedAt(served)).toEqual([]);

  const legend = page.getByTestId('legend-choropleth');
  await expect(legend).toBeVisible();
  await expect(legend.getByRole('heading')).toHaveText('Täckning: Juridik');
  await expect(legend).toContainText('saknas (0)');
  await expect(page.getByLabel('Täckning på kartan')).toHaveValue('juridik');

  // Turned off in the tools: the layers hide without a new map.
  await openPanel(page, 'Verktyg');
  await page.getByLabel('Täckning på kartan').selectOption('');
  await expect(page).not.toHaveURL(/tacking=/);
  await expect(legend).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          window as unknown as { __regionkartanMap: import('maplibre-gl').Map }
        ).__regionkartanMap.getLayoutProperty('rk-choropleth-fill', 'visibility')
      )
    )
    .toBe('none');
});
