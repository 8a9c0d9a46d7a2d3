#!/usr/bin/env node
// @ts-check
// `npm run bench:live`: how long a node created in one browser takes to show in
// another person's explorer, on the real local stack (the built SPA, PGlite,
// PostgREST, /live) in headless Chromium. Not a test: it reports.
//
//   node scripts/bench/live.js [--rounds=25] [--out=bench-results/live.json]
//
// Anna and Bertil join as editors and open the seeded map's explorer in browser
// contexts of their own. Each round Anna creates a node with "Ny nod på kartan"
// (a click on the map, a name, Skapa); from the click on Skapa it times Anna's own
// save (until her form closes) and when Bertil's page shows the node in the list,
// on the map and in the graph (stamped in his page by a MutationObserver; both
// clocks are this machine's). Prints and writes medians, p95 and max in ms.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildApp, needsBuild } from '../../server/build-if-needed.js';
import { defaultBuildDir, startStack } from '../../server/stack.js';
import { stats } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string} name @param {string} fallback */
function arg(name, fallback) {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}
const rounds = Math.max(1, Number(arg('rounds', '25')) || 25);
const outFile = resolve(root, arg('out', 'bench-results/live.json'));
const buildDir = process.env.BENCH_BUILD_DIR ?? defaultBuildDir;
const TIMEOUT = 30_000;

/**
 * Joins as an editor and opens the explorer in a browser context of one's own.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url the stack
 * @param {string} name
 */
async function openAs(browser, url, name) {
  const joined = await fetch(`${url}/auth/local/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: name })
  });
  const body = await joined.json();
  if (!joined.ok || body.role !== 'editor') throw new Error(`join: ${JSON.stringify(body)}`);
  const session = {
    accessToken: body.access_token,
    userId: body.user_id,
    role: body.role,
    mapId: body.map_id,
    profile: body.profile ?? { display_name: name },
    expiresAt: body.expires_at * 1000
  };
  const context = await browser.newContext({
    locale: 'sv-SE',
    viewport: { width: 1400, height: 1000 }
  });
  await context.addInitScript(
    ([value]) => localStorage.setItem('regionkartan.session', String(value)),
    [JSON.stringify(session)]
  );
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/utforska?test`);
  for (const view of ['map-view', 'graph-view']) {
    await page.waitForSelector(`[data-testid="${view}"][data-ready="true"]`, { timeout: TIMEOUT });
  }
  return { context, page, errors };
}

/**
 * In Bertil's page: resolves with the epoch ms at which the node `title` was in the
 * list and the map and graph counted `nodes` visible nodes.
 * @param {{ title: string, nodes: number, timeout: number }} args
 */
function watchFor({ title, nodes, timeout }) {
  const now = () => performance.timeOrigin + performance.now();
  /** @type {Record<string, number>} */
  const seen = {};
  const checks = {
    list: () =>
      [...document.querySelectorAll('[data-testid="list-nodes"] button')].some(
        (b) => b.textContent?.trim() === title
      ),
    map: () =>
      document.querySelector('[data-testid="map-view"]')?.getAttribute('data-visible-nodes') ===
      String(nodes),
    graph: () =>
      document.querySelector('[data-testid="graph-view"]')?.getAttribute('data-visible-nodes') ===
      String(nodes)
  };
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`not seen in ${timeout} ms: ${JSON.stringify(seen)}`));
    }, timeout);
    function check() {
      for (const [name, done] of Object.entries(checks)) {
        if (!(name in seen) && done()) seen[name] = now();
      }
      if (Object.keys(seen).length === 3) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(seen);
      }
    }
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    check();
  });
}

/**
 * One round: Anna creates a node; the times from her click on Skapa.
 * @param {import('@playwright/test').Page} anna
 * @param {import('@playwright/test').Page} bertil
 * @param {number} round
 */
async function measureRound(anna, bertil, round) {
  const title = `Mätning ${round + 1}`;
  const before = Number(await bertil.getByTestId('map-view').getAttribute('data-visible-nodes'));
  await anna.getByRole('button', { name: 'Ny nod på kartan' }).click();
  const box = await anna.locator('.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  // A different spot each round, away from the edges.
  const at = 0.25 + ((round * 0.037) % 0.5);
  await anna.mouse.click(box.x + box.width * at, box.y + box.height * (0.75 - at / 2));
  const form = anna.getByTestId('node-form');
  await form.getByLabel('Namn').fill(title);

  const seen = bertil.evaluate(watchFor, { title, nodes: before + 1, timeout: TIMEOUT });
  const clicked = Date.now();
  await form.getByRole('button', { name: 'Skapa' }).click();
  await form.waitFor({ state: 'hidden', timeout: TIMEOUT });
  const saved = Date.now();
  const times = /** @type {{ list: number, map: number, graph: number }} */ (await seen);
  return {
    save: saved - clicked,
    list: times.list - clicked,
    map: times.map - clicked,
    graph: times.graph - clicked
  };
}

async function main() {
  if (!process.env.BENCH_BUILD_DIR && needsBuild(buildDir)) await buildApp(console.log);
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-bench-live-'));
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1', buildDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
  });
  try {
    const anna = await openAs(browser, stack.url, 'Anna');
    const bertil = await openAs(browser, stack.url, 'Bertil');
    /** @type {Record<'save' | 'list' | 'map' | 'graph', number[]>} */
    const samples = { save: [], list: [], map: [], graph: [] };
    for (let round = 0; round < rounds; round++) {
      const result = await measureRound(anna.page, bertil.page, round);
      for (const key of /** @type {const} */ (['save', 'list', 'map', 'graph'])) {
        samples[key].push(result[key]);
      }
      console.log(`round ${round + 1}/${rounds}: ${JSON.stringify(result)}`);
    }
    const report = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        // The machine may be shared: the 1/5/15-minute load when the run ended.
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100)
      },
      rounds,
      note: "ms from Anna's click on Skapa: save = until her form closed (her write answered); list/map/graph = until Bertil's page showed the node there. Medians, p95 and max.",
      results: {
        save: stats(samples.save),
        seenInList: stats(samples.list),
        seenOnMap: stats(samples.map),
        seenInGraph: stats(samples.graph)
      },
      pageErrors: [...anna.errors, ...bertil.errors]
    };
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(report, null, 2) + '\n');
    console.log(JSON.stringify(report, null, 2));
    console.log(`Written to ${outFile}`);
  } finally {
    await browser.close();
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
