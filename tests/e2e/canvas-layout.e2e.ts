// The explorer canvas first (issue 10): at 1440×900 and 1280×720 the map and
// graph take at least 75 % of the window on first load; the graph draws a
// culled set of labels that never overlap (the selection always labelled); the
// map's node symbols never overlap at the initial zoom (clusters instead); the
// panels open and close (axe-clean with each open), the filters show as chips,
// fit and full screen work (at 1440×900: they do not depend on the size); on a
// phone the chosen view fills the screen and nothing overflows sideways. One page
// load per window size.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { filterCheckbox, openExplorer, openPanel, type PanelName } from './explorer-helpers';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The share of the window the visible parts of these elements cover (they do not overlap). */
async function shareOfWindow(page: Page, testIds: string[]): Promise<number> {
  const { width, height } = page.viewportSize()!;
  let area = 0;
  for (const id of testIds) {
    const element = page.getByTestId(id);
    if (!(await element.isVisible())) continue;
    const b = (await element.boundingBox())!;
    const w = Math.min(width, b.x + b.width) - Math.max(0, b.x);
    const h = Math.min(height, b.y + b.height) - Math.max(0, b.y);
    area += Math.max(0, w) * Math.max(0, h);
  }
  return area / (width * height);
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function overlappingPairs(boxes: { id: string; box: Box }[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) if (overlaps(a.box, b.box)) pairs.push(`${a.id} / ${b.id}`);
  }
  return pairs;
}

/** The graph's labels as drawn: each labelled node's label box on screen and font size. */
function graphLabels(page: Page) {
  return page.evaluate(() => {
    type Node = {
      id(): string;
      hasClass(c: string): boolean;
      style(p: string): string;
      renderedBoundingBox(o: object): { x1: number; y1: number; x2: number; y2: number };
    };
    const cy = (
      window as unknown as {
        __regionkartanGraph: {
          zoom(): number;
          nodes(s: string): { map<T>(f: (n: Node) => T): T[] };
        };
      }
    ).__regionkartanGraph;
    return cy.nodes('.labelled').map((n) => ({
      id: n.id(),
      forced: n.hasClass('selected') || n.hasClass('hovered'),
      px: parseFloat(n.style('font-size')) * cy.zoom(),
      box: n.renderedBoundingBox({
        includeNodes: false,
        includeEdges: false,
        includeLabels: true,
        includeOverlays: false,
        includeUnderlays: false
      })
    }));
  });
}

/**
 * The map's node symbols as rendered at its current zoom (once the symbols are
 * placed for it): each drawn node's icon box, and a cluster's badge box, from
 * queryRenderedFeatures, the icon images and the layers' sizes.
 */
async function mapSymbols(page: Page) {
  const view = page.getByTestId('map-view');
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          Number(
            document.querySelector<HTMLElement>('[data-testid="map-view"]')!.dataset.symbolZoom
          ) ===
          (
            window as unknown as { __regionkartanMap: { getZoom(): number } }
          ).__regionkartanMap.getZoom()
      )
    )
    .toBe(true);
  const symbols = Number(await view.getAttribute('data-symbols'));
  const render = () =>
    page.evaluate(() => {
      const map = (window as unknown as { __regionkartanMap: import('maplibre-gl').Map })
        .__regionkartanMap;
      const zoom = map.getZoom();
      const size = map.getLayoutProperty('rk-nodes', 'icon-size') as [
        string,
        unknown,
        unknown,
        number,
        number,
        number,
        number
      ];
      const [, , , z0, s0, z1, s1] = size;
      const scale = s0 + (Math.min(z1, Math.max(z0, zoom)) - z0) * ((s1 - s0) / (z1 - z0));
      const radius = map.getPaintProperty('rk-cluster-badges', 'circle-radius') as [
        string,
        [string, unknown, number],
        number,
        number
      ];
      const stroke = map.getPaintProperty('rk-cluster-badges', 'circle-stroke-width') as number;
      const [dx, dy] = map.getPaintProperty('rk-cluster-badges', 'circle-translate') as number[];
      const features = map.queryRenderedFeatures({ layers: ['rk-nodes'] });
      return features.map((f) => {
        const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        const p = map.project([lon, lat]);
        const image = map.getImage(`rk-node-${f.properties.kind}`)!;
        const half = (image.data.width / image.pixelRatio / 2) * scale;
        const boxes = [{ x1: p.x - half, y1: p.y - half, x2: p.x + half, y2: p.y + half }];
        const others = Number(f.properties.others);
        if (others > 0) {
          const r = (others >= radius[1][2] ? radius[2] : radius[3]) + stroke;
          const [bx, by] = [p.x + dx!, p.y + dy!];
          boxes.push({ x1: bx - r, y1: by - r, x2: bx + r, y2: by + r });
        }
        return { id: String(f.properties.id), others, boxes };
      });
    });
  // The symbols' data goes through the map's worker: wait until all are drawn.
  await expect.poll(async () => (await render()).length).toBe(symbols);
  const drawn = await render();
  // One symbol: the union of its icon and badge (a badge sits on its own icon's corner).
  const boxes = drawn.map(({ id, boxes: parts }) => ({
    id,
    box: {
      x1: Math.min(...parts.map((b) => b.x1)),
      y1: Math.min(...parts.map((b) => b.y1)),
      x2: Math.max(...parts.map((b) => b.x2)),
      y2: Math.max(...parts.map((b) => b.y2))
    }
  }));
  return {
    symbols,
    clusters: Number(await view.getAttribute('data-clusters')),
    nodes: Number(await view.getAttribute('data-visible-nodes')),
    drawn,
    overlapping: overlappingPairs(boxes)
  };
}

for (const { width, height } of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 }
]) {
  // What depends on the window's size is checked at both; the panels, chips, fit and full
  // screen (the same at any desktop size) once, at 1440×900.
  const whole = width === 1440;
  test(`at ${width}×${height} the canvases fill the window, labels and symbols never overlap${whole ? ', panels open and close' : ''}`, async ({
    page,
    map,
    axe
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await openExplorer(page, map);

    const share = await shareOfWindow(page, ['map-view', 'graph-view']);
    test.info().annotations.push({ type: 'canvas share', description: share.toFixed(3) });
    expect(share).toBeGreaterThanOrEqual(0.75);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width
    );

    // Graph: a culled set of labels, readable, none overlapping at overview.
    const graph = page.getByTestId('graph-view');
    await expect
      .poll(async () => Number(await graph.getAttribute('data-labels')))
      .toBeGreaterThan(4);
    const labels = await graphLabels(page);
    test.info().annotations.push({ type: 'graph labels', description: String(labels.length) });
    expect(labels.length).toBe(Number(await graph.getAttribute('data-labels')));
    expect(labels.length).toBeLessThan(Number(await graph.getAttribute('data-visible-nodes')));
    for (const label of labels) expect(label.px, label.id).toBeGreaterThanOrEqual(14);
    expect(overlappingPairs(labels)).toEqual([]);

    // Map: no two node symbols overlap at the initial zoom; clusters hold the rest.
    const drawn = await mapSymbols(page);
    test.info().annotations.push({
      type: 'map symbols',
      description: `${drawn.symbols} symbols, ${drawn.clusters} clusters, ${drawn.nodes} nodes`
    });
    expect(drawn.drawn).toHaveLength(drawn.symbols);
    expect(drawn.drawn.filter((s) => s.others > 0)).toHaveLength(drawn.clusters);
    expect(drawn.clusters).toBeGreaterThan(0);
    expect(drawn.symbols + drawn.drawn.reduce((sum, s) => sum + s.others, 0)).toBe(drawn.nodes);
    expect(drawn.overlapping).toEqual([]);

    // A node chosen from the list is labelled in the graph and on the map.
    const labelled = new Set(labels.map((l) => l.id));
    const list = await openPanel(page, 'Lista');
    const rows = await list
      .locator('[data-testid="list-nodes"] tbody tr[data-id]')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.getAttribute('data-id')!, kind: tr.children[1]!.textContent }))
      );
    // Not a municipality: their names are always on the map already.
    const target = rows.find((r) => !labelled.has(r.id) && r.kind?.trim() !== 'Kommun')!.id;
    await list.locator(`tr[data-id="${target}"]`).getByRole('button').click();
    await expect(graph).toHaveAttribute('data-selected-element', target);
    await expect.poll(async () => (await graphLabels(page)).map((l) => l.id)).toContain(target);
    // On the map its label is drawn over it, as text, with a halo centred on the node.
    const marker = page.locator(`.rk-highlight[data-state="selected"][data-id="${target}"]`);
    const title = await page.evaluate(
      (id) =>
        (
          window as unknown as {
            __regionkartanExplorer: { nodeById: Map<string, { title: string }> };
          }
        ).__regionkartanExplorer.nodeById.get(id)!.title,
      target
    );
    await expect(marker.locator('.rk-highlight-label')).toHaveText(title);
    const offset = await marker.locator('.rk-highlight-halo').evaluate((halo, id) => {
      const w = window as unknown as {
        __regionkartanMap: import('maplibre-gl').Map;
        __regionkartanMapData: { positions: Map<string, { lon: number; lat: number }> };
      };
      const p = w.__regionkartanMapData.positions.get(id)!;
      const at = w.__regionkartanMap.project([p.lon, p.lat]);
      const canvas = w.__regionkartanMap.getCanvas().getBoundingClientRect();
      const box = halo.getBoundingClientRect();
      return Math.hypot(
        box.x + box.width / 2 - (canvas.x + at.x),
        box.y + box.height / 2 - (canvas.y + at.y)
      );
    }, target);
    expect(offset).toBeLessThan(2);

    if (!whole) return;

    // Every panel opens beside the views and closes again; axe finds nothing with each open.
    expect(await axe(page)).toEqual([]); // the list and the details open
    for (const name of ['Filter', 'Förklaring', 'Verktyg', 'Samarbete'] as PanelName[]) {
      const panel = await openPanel(page, name);
      expect(await axe(page), name).toEqual([]);
      await panel.getByRole('button', { name: /^Stäng / }).click();
      await expect(panel).toBeHidden();
      await expect(page).not.toHaveURL(/panel=/);
    }
    await page
      .getByTestId('details-panel')
      .getByRole('button', { name: 'Stäng', exact: true })
      .click();
    await expect(page.getByTestId('details-panel')).toBeHidden();

    // The status line: counts and the active filters as removable chips.
    await (await filterCheckbox(page, 'Teman', 'Juridik')).check();
    await page.keyboard.press('Escape');
    const chip = page.getByRole('list', { name: 'Aktiva filter' }).getByRole('button');
    await expect(chip).toHaveText(/Tema: Juridik/);
    const juridik = Number(await page.getByTestId('visible-count').getAttribute('data-nodes'));
    await expect(page.getByTestId('visible-count')).toContainText(`Visar ${juridik} av`);

    // Fit to what is shown: from somewhere else, both views frame the filtered nodes.
    await page.evaluate(() => {
      const w = window as unknown as {
        __regionkartanMap: import('maplibre-gl').Map;
        __regionkartanGraph: { zoom(z: number): void; pan(p: object): void };
      };
      w.__regionkartanMap.jumpTo({ center: [14.1, 58.75], zoom: 12 });
      w.__regionkartanGraph.zoom(3);
      w.__regionkartanGraph.pan({ x: 4000, y: 4000 });
    });
    await page
      .getByTestId('explorer-toolbar')
      .getByRole('button', { name: 'Anpassa till det som visas' })
      .click();
    const framed = () =>
      page.evaluate(() => {
        const w = window as unknown as {
          __regionkartanMap: import('maplibre-gl').Map;
          __regionkartanGraph: {
            extent(): { x1: number; y1: number; x2: number; y2: number };
            nodes(s: string): {
              map<T>(f: (n: { position(): { x: number; y: number } }) => T): T[];
            };
          };
        };
        const map = w.__regionkartanMap;
        const view = map.getBounds();
        const points = map
          .querySourceFeatures('rk-nodes')
          .map((f) => (f.geometry as GeoJSON.Point).coordinates as [number, number]);
        const lons = points.map((p) => p[0]);
        const lats = points.map((p) => p[1]);
        // All in view, and spanning most of it in one direction (framed, not lost in it).
        const fill = Math.max(
          (Math.max(...lons) - Math.min(...lons)) / (view.getEast() - view.getWest()),
          (Math.max(...lats) - Math.min(...lats)) / (view.getNorth() - view.getSouth())
        );
        const e = w.__regionkartanGraph.extent();
        const inGraph = w.__regionkartanGraph
          .nodes('node:visible')
          .map((n) => n.position())
          .every((p) => p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2);
        return points.length > 0 && points.every((p) => view.contains(p)) && fill > 0.6 && inGraph;
      });
    await expect.poll(framed).toBe(true);
    await chip.click();
    await expect(chip).toHaveCount(0);
    await expect(page).not.toHaveURL(/tema=/);

    // Full screen for the split, and for one view; Esc leaves.
    const fullscreen = () =>
      page.evaluate(
        () =>
          document.fullscreenElement?.getAttribute('data-testid') ??
          document.fullscreenElement?.id ??
          null
      );
    await page
      .getByTestId('explorer-toolbar')
      .getByRole('button', { name: 'Helskärm', exact: true })
      .click();
    await expect.poll(fullscreen).toBe('views');
    await page.keyboard.press('Escape');
    await expect.poll(fullscreen).toBeNull();
    await page.getByRole('button', { name: 'Helskärm för grafen' }).click();
    await expect.poll(fullscreen).toBe('explorer-panel-graph');
    await expect
      .poll(async () => (await page.getByTestId('graph-view').boundingBox())!.width)
      .toBe(width);
    await page.getByRole('button', { name: 'Lämna helskärm' }).click();
    await expect.poll(fullscreen).toBeNull();
  });
}

test('on a phone the chosen view fills the screen, filters open in a sheet, nothing overflows', async ({
  page,
  map,
  axe
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, map);
  const share = await shareOfWindow(page, ['map-view', 'graph-view']);
  test.info().annotations.push({ type: 'canvas share (phone)', description: share.toFixed(3) });
  expect(share).toBeGreaterThanOrEqual(0.7);
  await expect(page.getByTestId('graph-view')).toBeHidden(); // one view at a time, as tabs
  const sheet = await openPanel(page, 'Filter');
  const box = (await sheet.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await axe(page)).toEqual([]);
  await sheet.getByRole('button', { name: /^Stäng / }).click();
  await expect(sheet).toBeHidden();

  // At 360 px nothing overflows sideways, with the tools (the coverage picker) open.
  await page.setViewportSize({ width: 360, height: 740 });
  await openPanel(page, 'Verktyg');
  await expect(page.getByLabel('Täckning på kartan')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const picker = (await page.getByLabel('Täckning på kartan').boundingBox())!;
  expect(picker.x + picker.width).toBeLessThanOrEqual(360);
});
