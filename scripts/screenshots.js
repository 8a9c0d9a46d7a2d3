#!/usr/bin/env node
// @ts-check
// `npm run screenshots`: pictures of the real app for the README. Starts the
// local stack on a throw-away copy of the seeded map (building the app when
// stale), opens the explorer and the inventory in headless Chromium and saves
//   docs/screenshots/explorer.png, docs/screenshots/inventory.png
// at 1440×900. SCREENSHOT_SIZES=1440x900,1280x720 adds sizes (the first keeps
// the plain names, the others get -<w>x<h>); SCREENSHOT_DIR writes elsewhere.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildApp, needsBuild } from '../server/build-if-needed.js';
import { defaultBuildDir, startStack } from '../server/stack.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = process.env.SCREENSHOT_DIR ?? join(root, 'docs', 'screenshots');
const sizes = (process.env.SCREENSHOT_SIZES ?? '1440x900').split(',').map((size) => {
  const [width, height] = size.split('x').map(Number);
  if (!width || !height) throw new Error(`Not a size: ${size} (write e.g. 1440x900)`);
  return { width, height };
});
const READY_TIMEOUT = 60_000;

/**
 * @param {import('@playwright/test').Page} page
 * @param {string} base
 */
async function explorer(page, base) {
  await page.goto(`${base}/utforska`);
  for (const view of ['map-view', 'graph-view']) {
    // Attached, not visible: on a phone only the chosen view's tab is shown.
    await page.waitForSelector(`[data-testid="${view}"][data-ready="true"]`, {
      state: 'attached',
      timeout: READY_TIMEOUT
    });
  }
  // The graph's first layout animates in; let it and the map's tiles settle.
  await page.waitForTimeout(1500);
}

/**
 * @param {import('@playwright/test').Page} page
 * @param {string} base
 */
async function inventory(page, base) {
  await page.goto(`${base}/inventering`);
  await page.getByRole('tablist').first().waitFor({ timeout: READY_TIMEOUT });
  await page.locator('tbody tr').first().waitFor({ timeout: READY_TIMEOUT });
}

async function main() {
  if (needsBuild(defaultBuildDir)) await buildApp(console.log);
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-screenshots-'));
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
  });
  try {
    await mkdir(outDir, { recursive: true });
    for (const [i, viewport] of sizes.entries()) {
      const suffix = i === 0 ? '' : `-${viewport.width}x${viewport.height}`;
      const page = await browser.newPage({ viewport, locale: 'sv-SE' });
      for (const [name, open] of /** @type {const} */ ([
        ['explorer', explorer],
        ['inventory', inventory]
      ])) {
        await open(page, stack.url);
        const file = join(outDir, `${name}${suffix}.png`);
        await page.screenshot({ path: file });
        console.log(`Saved ${relative(root, file)}`);
      }
      await page.close();
    }
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
