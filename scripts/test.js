#!/usr/bin/env node
// `npm test`: every check and every test, as CI runs them. The static checks and
// the build are independent single-threaded jobs, so they run side by side on
// the machine's cores; the unit/db/api suites and then the e2e suite follow, each
// using the cores itself. Each job's output is printed whole when it ends; the
// first failure stops the rest. At the end: how long each stage took.
import { spawn } from 'node:child_process';
import { delimiter, resolve } from 'node:path';

// The project's own tools first, also when run as `node scripts/test.js`.
const PATH = [resolve('node_modules/.bin'), process.env.PATH].join(delimiter);

/** Stages run one after the other; the jobs of a stage run at the same time. */
const STAGES = [
  [['sync', 'svelte-kit sync']],
  [
    ['format', 'prettier --check .'],
    ['lint', 'eslint .'],
    ['check', 'svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'],
    ['types', 'node scripts/generate-types.js --check'],
    ['seed', 'node scripts/generate-seed.js --check'],
    ['build', 'vite build']
  ],
  [['unit, db, api', 'vitest run']],
  [['e2e', 'playwright test']]
];

/** Jobs whose output streams as it comes (long suites people watch). */
const STREAMED = new Set(['unit, db, api', 'e2e']);

const running = new Set();
const timings = [];

function run([name, command]) {
  const started = Date.now();
  const streamed = STREAMED.has(name);
  return new Promise((resolve) => {
    const child = spawn(command, {
      shell: true,
      stdio: streamed ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
      detached: true
    });
    running.add(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      running.delete(child);
      const seconds = (Date.now() - started) / 1000;
      timings.push({ name, seconds, ok: code === 0 });
      if (!streamed) {
        process.stdout.write(`\n── ${name}: ${command}\n${output}`);
      }
      process.stdout.write(
        `── ${name}: ${code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds.toFixed(1)} s\n`
      );
      resolve(code === 0);
    });
  });
}

function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

const started = Date.now();
let ok = true;
for (const stage of STAGES) {
  const results = await Promise.all(
    stage.map(async (job) => {
      const passed = await run(job);
      if (!passed) stopAll();
      return passed;
    })
  );
  if (results.includes(false)) {
    ok = false;
    break;
  }
}

const total = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`\n── ${ok ? 'all passed' : 'FAILED'} in ${total} s\n`);
for (const { name, seconds, ok: passed } of timings) {
  process.stdout.write(
    `   ${passed ? 'ok  ' : 'FAIL'} ${seconds.toFixed(1).padStart(6)} s  ${name}\n`
  );
}
process.exit(ok ? 0 : 1);
