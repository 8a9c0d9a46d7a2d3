// @ts-check
// The peers' side of `npm run bench`: the data taken from our own page once it
// is measured (same nodes, relations, graph and map positions, view sizes),
// a small server for the built peer pages and that data, and one measurement
// per peer page.
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { NODE_KIND_FACTS, RELATION_KIND_FACTS } from '../../../src/lib/domain/kinds.js';
import { startLongFrames, takeLongFrames } from '../long-frames.js';
import { measurePeer, webglRenderer } from './measure.js';
import { PEERS } from './build.js';

const staticDir = fileURLToPath(new URL('../../../static', import.meta.url));

/**
 * What ours shows, read from our page after it was measured (needs `?test`).
 * @param {import('@playwright/test').Page} page
 * @param {{ municipalities: string, county: string }} geo paths of the geo files our map drew
 */
export async function peerDataFrom(page, geo) {
  /**
   * @typedef {[id: string, kind: keyof typeof NODE_KIND_FACTS, themes: string[], x: number, y: number, lon: number, lat: number]} RawNode
   * @typedef {[id: string, source: string, target: string, kind: keyof typeof RELATION_KIND_FACTS]} RawRelation
   * @type {{ sizes: Record<'graph' | 'map', { w: number, h: number }>, themes: string[], nodes: RawNode[], relations: RawRelation[] }}
   */
  const raw = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const dataset = w.__regionkartanExplorer.dataset;
    // Where our graph has every node, drawn or not (a large graph culls most).
    const at = w.__regionkartanGraphPositions();
    const places = w.__regionkartanMapData.positions;
    const rect = (/** @type {string} */ id) => {
      const r = /** @type {HTMLElement} */ (
        document.querySelector(`[data-testid="${id}"]`)
      ).getBoundingClientRect();
      return { w: Math.round(r.width), h: Math.round(r.height) };
    };
    return {
      sizes: { graph: rect('graph-view'), map: rect('map-view') },
      themes: dataset.themes.map((/** @type {any} */ t) => t.key),
      nodes: dataset.nodes.map((/** @type {any} */ n) => {
        const p = at[n.id];
        const g = places.get(n.id);
        return [n.id, n.kind, n.themes, p.x, p.y, g?.lon ?? null, g?.lat ?? null];
      }),
      relations: dataset.relations.map((/** @type {any} */ r) => [
        r.id,
        r.source_id,
        r.target_id,
        r.kind
      ])
    };
  });
  return {
    sizes: raw.sizes,
    data: {
      geo,
      themes: raw.themes,
      nodes: raw.nodes.map(([id, kind, themes, x, y, lon, lat]) => ({
        id,
        color: NODE_KIND_FACTS[kind].look.color,
        themes,
        x,
        y,
        lon,
        lat
      })),
      relations: raw.relations.map(([id, source, target, kind]) => ({
        id,
        source,
        target,
        color:
          RELATION_KIND_FACTS[/** @type {keyof typeof RELATION_KIND_FACTS} */ (kind)].look.color
      }))
    }
  };
}

/**
 * Serves the built peer pages, their data files (written into the same
 * directory) and the app's static/geo.
 * @param {string} dir
 */
export async function servePeers(dir) {
  const pages = sirv(dir, { dev: true });
  const geo = sirv(staticDir, { dev: true });
  const server = createServer((req, res) =>
    pages(req, res, () =>
      geo(req, res, () => {
        res.statusCode = 404;
        res.end();
      })
    )
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined)))
  };
}

/**
 * Measures every peer on one scale's data.
 * @param {{ browser: import('@playwright/test').Browser, dir: string, url: string, scale: string, rounds: number, timeout: number,
 *   peer: Awaited<ReturnType<typeof peerDataFrom>>, summarise: (s: { applied: number[], onScreen: number[] }) => unknown,
 *   summariseFrames: (frames: { blocked: number, drawing: number }[]) => unknown }} options
 */
export async function benchPeers({
  browser,
  dir,
  url,
  scale,
  rounds,
  timeout,
  peer,
  summarise,
  summariseFrames
}) {
  await writeFile(join(dir, `data-${scale}.json`), JSON.stringify({ scale, ...peer.data }));
  const nodeIds = peer.data.nodes.map((n) => n.id);
  /** @type {Record<string, unknown>} */
  const results = {};
  for (const name of PEERS) {
    const size = name === 'maplibre' ? peer.sizes.map : peer.sizes.graph;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const t0 = Date.now();
      await page.goto(`${url}/${name}.html?scale=${scale}&w=${size.w}&h=${size.h}`);
      await page.waitForSelector('body[data-ready="true"], body[data-error]', { timeout });
      const failed = await page.evaluate(() => document.body.dataset.error);
      if (failed) throw new Error(failed);
      const loadToInteractiveMs = Date.now() - t0;
      const metrics = Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])
      );
      await page.evaluate(startLongFrames);
      const { samples, visible } = await page.evaluate(measurePeer, {
        rounds,
        nodeIds,
        themes: peer.data.themes
      });
      const frames = await page.evaluate(takeLongFrames);
      results[name] = {
        loadToInteractiveMs,
        jsHeapUsedMB: Math.round((metrics.JSHeapUsedSize ?? 0) / 1e6),
        filter: summarise(samples.filter),
        selection: summarise(samples.selection),
        hover: summarise(samples.hover),
        longFrames: summariseFrames(frames),
        visibleAfterFirstFilter: visible,
        webglRenderer: await page.evaluate(webglRenderer),
        pageErrors: errors
      };
    } catch (error) {
      results[name] = {
        error: error instanceof Error ? error.message : String(error),
        pageErrors: errors
      };
    } finally {
      await page.close();
    }
    console.log(JSON.stringify({ [`${scale}/peer/${name}`]: results[name] }));
  }
  return results;
}
