#!/usr/bin/env node
// @ts-check
// Import benchmark: how fast a spreadsheet import is read, checked and written.
//
//   npm run bench:import [-- --sizes=1000,10000,50000] [--rounds=3]
//                         [--out=bench-results/import.json]
//
// For each size N it generates two CSV files as Swedish Excel writes them (N nodes
// and N relations between them, semicolons, Windows line ends, BOM) and runs, in
// every round, the app's own code: readImport (parse + validate) and
// buildImportPlan in Node (src/lib/io, loaded through Vite), then applyImport
// through supabase-js → PostgREST → public.import_items on a real local stack
// (fresh temporary data directory), as an editor, into a fresh map with the seeded
// themes. After each write it checks that every row and its audit row is there.
// While the write runs, a second client reads one node every 100 ms, to show how
// long the single PGlite backend keeps other users waiting.
//
// Prints and writes medians, p95 and rows/s per size and step.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { createServer } from 'vite';
import WebSocket from 'ws';
import { createClient } from '@supabase/supabase-js';
import { startStack } from '../../server/stack.js';
import { importTables } from './import-files.js';
import { signToken } from '../../server/secrets.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SEED_MAP_ID = '00000000-0000-4000-8000-000000000001';

/** @param {string} name @param {string} fallback */
function arg(name, fallback) {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}
const sizes = arg('sizes', '1000,10000,50000')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 1);
const rounds = Math.max(1, Number(arg('rounds', '3')) || 3);
const outFile = resolve(root, arg('out', 'bench-results/import.json'));

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Median, p95 and max of durations in ms, and rows/s at the median. @param {number[]} ms @param {number} rows */
function stats(ms, rows) {
  const median = percentile(ms, 0.5);
  return {
    medianMs: Math.round(median),
    p95Ms: Math.round(percentile(ms, 0.95)),
    maxMs: Math.round(Math.max(...ms)),
    rowsPerSecond: Math.round(rows / (median / 1000))
  };
}

/**
 * The two files of an import of n nodes and n relations, as Swedish Excel saves them.
 * @param {number} n
 * @param {string[]} themeLabels
 * @param {(rows: unknown[][], options: unknown) => string} toCsv
 * @param {unknown} excel
 */
function generateFiles(n, themeLabels, toCsv, excel) {
  const tables = importTables(n, themeLabels);
  const encode = (/** @type {string} */ text) => new TextEncoder().encode(text);
  return [
    { name: 'noder.csv', bytes: encode(toCsv(tables.nodes, excel)) },
    { name: 'relationer.csv', bytes: encode(toCsv(tables.relations, excel)) }
  ];
}

async function loadAppCode() {
  const vite = await createServer({
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] }
  });
  const load = (/** @type {string} */ path) => vite.ssrLoadModule(path);
  const [csv, importer, plan, apply, repository] = await Promise.all([
    load('/src/lib/io/csv.ts'),
    load('/src/lib/io/import.ts'),
    load('/src/lib/io/plan.ts'),
    load('/src/lib/io/apply.ts'),
    load('/src/lib/data/repository.ts')
  ]);
  return { vite, csv, importer, plan, apply, repository };
}

// Another user reading one node every 100 ms, in its own thread (the stack runs
// in this process and PGlite blocks it while a statement runs). Reports the
// slowest read and why each failed one did (HTTP status or network error code).
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
let slowest = 0;
const failures = [];
parentPort.on('message', () => (running = false));
(async () => {
  while (running) {
    const started = performance.now();
    const res = await fetch(workerData.url, { headers: { apikey: workerData.key } }).catch(
      (error) => error
    );
    if (res instanceof Error) failures.push(String(res.cause?.code ?? res.message));
    else if (res.ok) await res.arrayBuffer();
    else failures.push(\`HTTP \${res.status}\`);
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  parentPort.postMessage({ slowest, failures });
})();
`;

/**
 * @param {string} url
 * @param {string} key
 * @returns {() => Promise<{ slowest: number, failures: string[] }>} stops it
 */
function startProbe(url, key) {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, key } });
  return () =>
    new Promise((resolve) => {
      worker.once('message', (result) => {
        void worker.terminate();
        resolve(result);
      });
      worker.postMessage('stop');
    });
}

async function main() {
  const code = await loadAppCode();
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-bench-import-'));
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1', buildDir: null });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  /** @param {string} userId */
  const clientFor = async (userId) => {
    const token = await signToken(stack.jwtSecret, { role: 'authenticated', sub: userId }, '2h');
    return createClient(stack.url, stack.anonKey, {
      accessToken: async () => token,
      realtime: { transport: /** @type {any} */ (WebSocket) }
    });
  };
  try {
    const editorId = (
      await db.query(
        `insert into auth.users (email) values ('bench-import@example.test') returning id`
      )
    ).rows[0].id;
    const editor = await clientFor(editorId);
    const themeLabels = (
      await db.query(`select label_sv from themes where map_id = $1 order by sort_order`, [
        SEED_MAP_ID
      ])
    ).rows.map((row) => row.label_sv);

    /** A fresh map with the seeded themes and the bench user as its editor. */
    async function freshMap() {
      const mapId = (await db.query(`insert into maps (title) values ('Importtest') returning id`))
        .rows[0].id;
      await db.query(`insert into map_members (map_id, user_id, role) values ($1, $2, 'editor')`, [
        mapId,
        editorId
      ]);
      await db.query(
        `insert into themes (map_id, key, label_sv, label_en, description, color, sort_order, source)
         select $1, key, label_sv, label_en, description, color, sort_order, source
         from themes where map_id = $2`,
        [mapId, SEED_MAP_ID]
      );
      return mapId;
    }

    const results = [];
    for (const n of sizes) {
      const files = generateFiles(n, themeLabels, code.csv.toCsv, code.csv.EXCEL_SV);
      const bytes = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
      const rows = 2 * n;
      /** @type {Record<'parse' | 'plan' | 'send' | 'transaction' | 'save' | 'blocked', number[]> & { othersFailed: string[], requestBytes: number, parts: number }} */
      const timing = {
        parse: [],
        plan: [],
        send: [],
        transaction: [],
        save: [],
        blocked: [],
        othersFailed: [],
        requestBytes: 0,
        parts: 0
      };
      for (let round = 0; round < rounds; round++) {
        const mapId = await freshMap();
        const dataset = await code.repository.loadMap(editor, mapId);
        const t0 = performance.now();
        const parsed = await code.importer.readImport(files, dataset);
        const t1 = performance.now();
        const plan = code.plan.buildImportPlan(dataset, parsed);
        const t2 = performance.now();
        if (plan.blocked || plan.summary.nodesNew !== n || plan.summary.relationsNew !== n) {
          throw new Error(
            `the generated files did not plan cleanly: ${JSON.stringify(plan.summary)}`
          );
        }
        const wire = code.apply.wirePayload(plan.payload);
        timing.requestBytes = Buffer.byteLength(JSON.stringify(wire));
        timing.parts = code.apply.splitPayload(wire).length;
        const stopProbe = startProbe(
          `${stack.url}/rest/v1/nodes?select=id&map_id=eq.${SEED_MAP_ID}&limit=1`,
          stack.anonKey
        );
        const t3 = performance.now();
        let writing = t3;
        const outcome = await code.apply.applyImport(
          editor,
          mapId,
          plan,
          (/** @type {any} */ p) => {
            if (p.phase === 'writing') writing = performance.now();
          }
        );
        const t4 = performance.now();
        const probe = await stopProbe();
        const blocked = probe.slowest;
        if (!outcome.ok) throw new Error(`import_items failed: ${outcome.error.message}`);
        const check = (
          await db.query(
            `select (select count(*)::int from nodes where map_id = $1) as nodes,
                    (select count(*)::int from relations where map_id = $1) as relations,
                    (select count(*)::int from changes where map_id = $1
                       and table_name in ('nodes', 'relations') and actor = $2) as audited`,
            [mapId, editorId]
          )
        ).rows[0];
        if (check.nodes !== n || check.relations !== n || check.audited !== rows) {
          throw new Error(`after the import: ${JSON.stringify(check)}, expected ${n}/${n}/${rows}`);
        }
        timing.parse.push(t1 - t0);
        timing.plan.push(t2 - t1);
        timing.send.push(writing - t3);
        timing.transaction.push(t4 - writing);
        timing.save.push(t4 - t3);
        timing.blocked.push(blocked);
        timing.othersFailed.push(...probe.failures);
        console.log(
          `${n} nodes + ${n} relations, round ${round + 1}/${rounds}: parse+validate ${Math.round(t1 - t0)} ms, ` +
            `plan ${Math.round(t2 - t1)} ms, save ${Math.round(t4 - t3)} ms (sending parts ${Math.round(writing - t3)} ms, ` +
            `transaction ${Math.round(t4 - writing)} ms; others waited up to ${Math.round(blocked)} ms` +
            `${probe.failures.length ? `, ${probe.failures.length} of their reads failed: ${probe.failures.join(', ')}` : ''})`
        );
      }
      results.push({
        nodes: n,
        relations: n,
        rows,
        csvBytes: bytes,
        requestBytes: timing.requestBytes,
        parts: timing.parts,
        parseAndValidate: stats(timing.parse, rows),
        plan: stats(timing.plan, rows),
        save: stats(timing.save, rows),
        sendParts: stats(timing.send, rows),
        transaction: stats(timing.transaction, rows),
        othersWaitedMs: {
          median: Math.round(percentile(timing.blocked, 0.5)),
          max: Math.round(Math.max(...timing.blocked))
        },
        othersFailedReads: timing.othersFailed
      });
    }

    const report = {
      date: new Date().toISOString(),
      node: process.version,
      rounds,
      note:
        'rows = nodes + relations. parseAndValidate = readImport (CSV decode, parse, validate) in Node; ' +
        'plan = buildImportPlan; save = applyImport through supabase-js → PostgREST on the local stack (PGlite): ' +
        'sendParts = the parts sent to import_parts (0 when the plan is one part), transaction = import_items / ' +
        'import_staged, the one transaction that writes every row and its audit row. othersWaitedMs = the ' +
        'slowest read by another client (every 100 ms) during the save; othersFailedReads = why each of its ' +
        'reads failed (HTTP status or network error). ' +
        'Times in ms; rowsPerSecond at the median.',
      results
    };
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(report, null, 2) + '\n');
    console.log(JSON.stringify(results, null, 2));
    console.log(`→ ${outFile}`);
  } finally {
    await db.end();
    await stack.close();
    await code.vite.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
