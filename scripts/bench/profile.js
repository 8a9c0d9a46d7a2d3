#!/usr/bin/env node
// @ts-check
// Where the explorer's time goes on a selection, hover or filter change: runs
// the bench's in-page steps against a build with a CPU profile (CDP Profiler)
// and prints the top self-time functions, then the same steps with the map and
// graph canvases hidden (to separate drawing from the rest). Not a test.
//   BENCH_BUILD_DIR=/tmp/build-x PROFILE_SCALE=county|national PROFILE_ROUNDS=10 \
//     [PROFILE_OUT=/tmp/x.cpuprofile] node scripts/bench/profile.js
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { defaultBuildDir, startStack } from '../../server/stack.js';
import { measureInPage } from './in-page.js';
import { loadNational, NATIONAL_MAP, COUNTY_MAP, summarise } from './run.js';

const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 10);
const SCALE = process.env.PROFILE_SCALE ?? 'county';
const buildDir = process.env.BENCH_BUILD_DIR ?? defaultBuildDir;

/** @param {any} profile */
function topSelf(profile, limit = 25) {
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const n = nodes.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    totalMs: Math.round(total),
    top: [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`)
  };
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-profile-'));
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1', buildDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
  });
  try {
    if (SCALE === 'national') await loadNational(stack.databaseUrl);
    const mapId = SCALE === 'national' ? NATIONAL_MAP : COUNTY_MAP;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const t0 = Date.now();
    await page.goto(`${stack.url}/utforska?test&karta=${mapId}`);
    for (const id of ['map-view', 'graph-view']) {
      await page.waitForSelector(`[data-testid="${id}"][data-ready="true"]`, {
        timeout: 600_000
      });
    }
    console.log(`load to interactive: ${Date.now() - t0} ms`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const visible = await page.evaluate(measureInPage, { rounds: ROUNDS });
    const { profile } = await cdp.send('Profiler.stop');
    // PROFILE_OUT=file.cpuprofile keeps the whole profile (DevTools opens it).
    if (process.env.PROFILE_OUT) await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
    console.log('canvases shown:', JSON.stringify(summarise(visible)));
    const { totalMs, top } = topSelf(profile);
    console.log(`profile: ${totalMs} ms sampled; top self time:\n${top.join('\n')}`);

    await page.addStyleTag({ content: 'canvas { display: none !important; }' });
    const hidden = await page.evaluate(measureInPage, { rounds: ROUNDS });
    console.log('canvases hidden:', JSON.stringify(summarise(hidden)));
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
