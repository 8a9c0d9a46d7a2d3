#!/usr/bin/env node
// @ts-check
// `npm run bench`: the explorer's speed in headless Chromium against the real
// local stack, at county scale (the seeded map) and national scale (290
// municipalities, 10 000 nodes, 50 000 relations), with Cytoscape's canvas and
// (county) WebGL renderers, beside peer pages on the same data and positions:
// bare MapLibre, bare Cytoscape and sigma.js + graphology (peers/). Writes
// bench-results/explorer.json and prints ours, each peer and the ratios. Not a
// test: it reports.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import pg from 'pg';
import { buildApp, needsBuild } from '../../server/build-if-needed.js';
import { defaultBuildDir, startStack } from '../../server/stack.js';
import { nationalDataset } from './national-dataset.js';
import { measureInPage } from './in-page.js';
import { startLongFrames, takeLongFrames } from './long-frames.js';
import { compare, formatTable, targets } from './compare.js';
import { buildPeers } from './peers/build.js';
import { webglRenderer } from './peers/measure.js';
import { benchPeers, peerDataFrom, servePeers } from './peers/run-peers.js';

export const COUNTY_MAP = '00000000-0000-4000-8000-000000000001';
export const NATIONAL_MAP = '00000000-0000-4000-8000-0000000000aa';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
/** The national map's changes take seconds each: fewer rounds keep the run under half an hour. */
const NATIONAL_ROUNDS = Number(process.env.BENCH_ROUNDS_NATIONAL ?? 8);
/** The scales measured: our map, the geo files its map draws (the peers draw the same) and rounds. */
const SCALES = [
  {
    name: 'county',
    mapId: COUNTY_MAP,
    rounds: ROUNDS,
    geo: { municipalities: '/geo/orebro-lan-kommuner.geojson', county: '/geo/orebro-lan.geojson' }
  },
  {
    name: 'national',
    mapId: NATIONAL_MAP,
    rounds: NATIONAL_ROUNDS,
    geo: { municipalities: '/geo/sverige-kommuner.geojson', county: '/geo/sverige-lan.geojson' }
  }
];
const BENCH_LOAD_TIMEOUT = Number(process.env.BENCH_LOAD_TIMEOUT_MS ?? 300_000);
// BENCH_BUILD_DIR measures another build as it is (e.g. one made with
// REGIONKARTAN_BUILD_DIR); without it the default build is made when stale.
const buildDir = process.env.BENCH_BUILD_DIR ?? defaultBuildDir;
const outFile = fileURLToPath(new URL('../../bench-results/explorer.json', import.meta.url));

/** @param {number[]} values */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (/** @type {number} */ n) => Math.round(n * 100) / 100;
  return {
    n: values.length,
    median: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? NaN)
  };
}

/** Loads the national map straight into Postgres (triggers off: a fixture, not user edits). */
/** @param {string} databaseUrl */
export async function loadNational(databaseUrl) {
  const t0 = performance.now();
  const data = await nationalDataset({ mapId: NATIONAL_MAP });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`set local session_replication_role = replica`);
    await client.query(
      `insert into maps (id, title, visibility, source) values ($1, 'Sverige – benchmark', 'public', 'benchmark')`,
      [NATIONAL_MAP]
    );
    await client.query(
      `insert into themes (map_id, key, label_sv, label_en, color, sort_order, source)
       select map_id, key, label_sv, label_en, color, sort_order, source from jsonb_populate_recordset(null::themes, $1::jsonb)`,
      [JSON.stringify(data.themes)]
    );
    for (let i = 0; i < data.nodes.length; i += 2000) {
      await client.query(
        `insert into nodes (id, map_id, kind, title, municipality_code, themes, status, source)
         select id, map_id, kind, title, municipality_code, themes, status, source
         from jsonb_populate_recordset(null::nodes, $1::jsonb)`,
        [JSON.stringify(data.nodes.slice(i, i + 2000))]
      );
    }
    // Stored graph positions for every node: a load draws them (no layout runs).
    for (let i = 0; i < data.positions.length; i += 5000) {
      await client.query(
        `insert into node_positions (id, map_id, x, y)
         select id, map_id, x, y from jsonb_populate_recordset(null::node_positions, $1::jsonb)`,
        [JSON.stringify(data.positions.slice(i, i + 5000))]
      );
    }
    for (let i = 0; i < data.relations.length; i += 5000) {
      await client.query(
        `insert into relations (id, map_id, source_id, target_id, kind, magnitude, themes, source)
         select id, map_id, source_id, target_id, kind, magnitude, themes, source
         from jsonb_populate_recordset(null::relations, $1::jsonb)`,
        [JSON.stringify(data.relations.slice(i, i + 5000))]
      );
    }
    await client.query('commit');
    // What autovacuum does on a PostgreSQL server after a bulk load, and the
    // local stack at its next start (PGlite has no autovacuum).
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return {
    nodes: data.nodes.length,
    relations: data.relations.length,
    ms: Math.round(performance.now() - t0)
  };
}

/**
 * Measures our explorer at one address; `after` may read the page before it closes.
 * @template T
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 * @param {number} rounds
 * @param {(page: import('@playwright/test').Page) => Promise<T>} [after]
 */
async function benchScenario(browser, url, rounds, after) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  try {
    const result = await measurePage(page, cdp, url, errors, rounds);
    return { result, extra: after ? await after(page) : undefined };
  } finally {
    await page.close();
  }
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').CDPSession} cdp
 * @param {string} url
 * @param {string[]} errors
 * @param {number} rounds
 */
async function measurePage(page, cdp, url, errors, rounds) {
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid="map-view"][data-ready="true"]', {
    timeout: BENCH_LOAD_TIMEOUT
  });
  await page.waitForSelector('[data-testid="graph-view"][data-ready="true"]', {
    timeout: BENCH_LOAD_TIMEOUT
  });
  const loadMs = Date.now() - t0;

  const metrics = Object.fromEntries(
    (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value])
  );
  await page.evaluate(startLongFrames);
  const samples = await page.evaluate(measureInPage, { rounds });
  const frames = await page.evaluate(takeLongFrames);
  return {
    loadToInteractiveMs: loadMs,
    jsHeapUsedMB: Math.round((metrics.JSHeapUsedSize ?? 0) / 1e6),
    ...summarise(samples),
    longFrames: longFrameStats(frames),
    webglRenderer: await page.evaluate(webglRenderer),
    pageErrors: errors
  };
}

/** @param {Awaited<ReturnType<typeof measureInPage>>} samples */
export function summarise(samples) {
  /** @param {{ applied: number[], sameTask: number[], frame: number[], onScreen: number[] }} s */
  const both = (s) => ({
    applied: stats(s.applied),
    sameTask: stats(s.sameTask),
    nextFrame: stats(s.frame),
    onScreen: stats(s.onScreen)
  });
  return {
    filter: both(samples.filter),
    selection: both(samples.selection),
    hover: both(samples.hover)
  };
}

/** @param {{ applied: number[], onScreen: number[] }} s */
const peerStats = (s) => ({ applied: stats(s.applied), onScreen: stats(s.onScreen) });

/**
 * The long animation frames while the changes were made (long-frames.js): how long
 * each blocked the main thread, and how much of that was drawing; 0 when no frame
 * took over 50 ms.
 * @param {{ blocked: number, drawing: number }[]} frames
 */
const longFrameStats = (frames) => {
  const of = (/** @type {number[]} */ values) =>
    values.length ? stats(values) : { n: 0, median: 0, p95: 0, max: 0 };
  return { blocked: of(frames.map((f) => f.blocked)), drawing: of(frames.map((f) => f.drawing)) };
};

async function main() {
  if (!process.env.BENCH_BUILD_DIR && needsBuild(buildDir)) await buildApp(console.log);
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-bench-'));
  const peersDir = join(dataDir, 'peers');
  console.log('Building the peer pages …');
  await buildPeers(peersDir);
  const peerServer = await servePeers(peersDir);
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1', buildDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
  });
  try {
    const scales = (process.env.BENCH_SCALES ?? 'county,national').split(',');
    let national = null;
    if (scales.includes('national')) {
      console.log('Loading the national dataset …');
      national = await loadNational(stack.databaseUrl);
      console.log(
        `  ${national.nodes} nodes, ${national.relations} relations in ${national.ms} ms`
      );
    }

    /** @type {Record<string, any>} */
    const results = {};
    for (const scale of SCALES.filter((s) => scales.includes(s.name))) {
      // Cytoscape's WebGL renderer is used for small graphs only (load.ts): on
      // the national map `&webgl` would measure the canvas renderer twice.
      for (const renderer of scale.name === 'county' ? ['canvas', 'webgl'] : ['canvas']) {
        const key = `${scale.name}/${renderer}`;
        const url = `${stack.url}/utforska?test&karta=${scale.mapId}${renderer === 'webgl' ? '&webgl' : ''}`;
        console.log(`Measuring ${key} (${scale.rounds} rounds) …`);
        try {
          const { result, extra } = await benchScenario(
            browser,
            url,
            scale.rounds,
            renderer === 'canvas' ? (page) => peerDataFrom(page, scale.geo) : undefined
          );
          results[key] = result;
          if (extra) {
            results[`${scale.name}/peers`] = await benchPeers({
              browser,
              dir: peersDir,
              url: peerServer.url,
              scale: scale.name,
              rounds: scale.rounds,
              timeout: BENCH_LOAD_TIMEOUT,
              peer: extra,
              summarise: peerStats,
              summariseFrames: longFrameStats
            });
          }
        } catch (error) {
          // A scenario that does not finish is a result too: record it and go on.
          results[key] = { error: error instanceof Error ? error.message : String(error) };
        }
        // Each scenario is printed as it finishes, so a long national run still reports.
        console.log(JSON.stringify({ [key]: results[key] }));
      }
    }
    const comparison = compare(results);
    const report = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        // The machine may be shared: the 1/5/15-minute load when the run ended.
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100)
      },
      rounds: Object.fromEntries(SCALES.map((s) => [s.name, s.rounds])),
      dataset: { national },
      note: "applied = action until both views have applied the change (library state + DOM attributes), polled once per task, so it includes whatever the browser runs first (often drawing the previous change); sameTask = the same, checked in microtasks before any other task can run (n = how many were done by then): the cost of applying the change itself; nextFrame = until the following animation frame; onScreen = until the second animation frame after it was applied (under SwiftShader WebGL drawing finishes in the GPU process after the first). Peers (bare MapLibre, bare Cytoscape, sigma.js + graphology) make the same changes on the same data and positions; their applied is synchronous. ratio = ours / peer. Medians and p95 in ms. longFrames = the main thread's long animation frames (over 50 ms, the browser's Long Animation Frames API) while the changes were made: blocked = each frame's length, drawing = from its rendering start (animation-frame callbacks, where the libraries draw, then style, layout and paint) to its end.",
      webglRenderers: comparison.renderers,
      sameWebglRenderer: new Set(Object.values(comparison.renderers)).size === 1,
      results,
      comparison: comparison.rows,
      targets: targets(results)
    };
    await mkdir(join(outFile, '..'), { recursive: true });
    await writeFile(outFile, JSON.stringify(report, null, 2) + '\n');
    console.log(JSON.stringify(report, null, 2));
    console.log(formatTable(comparison.rows));
    console.log(
      `WebGL renderer${report.sameWebglRenderer ? ' (the same on every page)' : 's DIFFER'}: ${[...new Set(Object.values(comparison.renderers))].join(' | ')}`
    );
    console.log(`Written to ${outFile}`);
  } finally {
    await browser.close();
    await stack.close();
    await peerServer.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Run as `npm run bench`; profile.js imports the helpers above.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
