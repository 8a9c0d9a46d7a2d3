import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The e2e suite runs the real app: `npm start`'s server (PGlite + PostgREST +
// the built SPA) on its own port with a throw-away data directory.
const port = Number(process.env.E2E_PORT ?? 5199);
const dataDir = join(tmpdir(), `regionkartan-e2e-${Date.now()}`);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  // Anything crossing the network or a canvas gets a generous 15 s (a busy machine slows
  // a canvas page most): tests check that something happens; how fast is for the
  // benchmarks (npm run bench:live …).
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'sv-SE',
    // As someone who asked their system for less motion: camera moves and layouts jump
    // where they would animate (MapLibre's camera and the graph honour the setting), so a
    // test draws each change once, not for 400–700 ms of frames. That made the workshop and
    // explorer files ~14 % cheaper in CPU here (226 → 195 CPU-s). The URL test of
    // tests/e2e/explorer.e2e.ts runs with motion, so the animated path stays tested too.
    reducedMotion: 'reduce',
    // No trace while recording: its screencast and DOM snapshots cost a fifth of the
    // suite's CPU, and CI keeps only the log. To look into a failure, run the test
    // again with `--trace on`.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        // V8 without its optimising compilers (Maglev, TurboFan): a test page lives for
        // seconds, and optimising its code in the background cost more CPU than it saved.
        // The whole suite here: 757 → 661 CPU-s, 457 → 415 s (an explorer load's renderer
        // 4.3–5.3 → 3.4–3.9 CPU-s). What the code does is the same; how fast it runs
        // optimised is the benchmarks' (`npm run bench` runs V8 as it ships).
        '--js-flags=--no-maglev --no-turbofan',
        // Chromium opens two WebUI pages of its own (the omnibox's popups) for every
        // browser window, i.e. every test's context, in renderers of their own; no test
        // has an omnibox. Ten contexts here: the browser's processes 27.3 → 7.8 CPU-s.
        // (Chromium merges this list with Playwright's own --disable-features.)
        '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'
      ]
    }
  },
  webServer: {
    command: 'node server/start.js',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      REGIONKARTAN_DATA_DIR: dataDir
    }
  }
});
