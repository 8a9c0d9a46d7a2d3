#!/usr/bin/env node
// @ts-check
// Load test of editing together on the local stack:
//
//   node scripts/load-editors.js [--duration=60] [--editors=30] [--listeners=5] [--think-ms=250]
//                                [--database-url=postgres://…] [--pool=10]
//                                [--runs=pglite:30,postgres:30,postgres:200]
//                                [--out=bench-results/load-editors.json]
//
// Each run starts a stack — PGlite in a temporary data directory, or with --database-url
// server mode on that PostgreSQL (PostgREST pool --pool) — joins N editors through
// /auth/local/join, and lets them insert and update nodes through PostgREST (with
// the version check; some updates deliberately use a stale version) while live
// clients listen on /live. Then verifies that every acknowledged write is in the
// database and in `changes` exactly once, that nothing unacknowledged got in, and
// that every listener received every change exactly once. Prints p50/p95 write and
// live-update latency as JSON and writes it to --out. Exits 1 if a check fails.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { startStack } from '../server/stack.js';
import { numberArg, outArg, sleep, summary } from './load-common.js';

const MAP_ID = '00000000-0000-4000-8000-000000000001';

/** @param {string} name */
function textArg(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : null;
}
const databaseUrl = textArg('database-url');
const editorsDefault = numberArg('editors', 30);
const options = {
  durationS: numberArg('duration', 60),
  listeners: numberArg('listeners', 5),
  thinkMs: numberArg('think-ms', 250),
  pool: numberArg('pool', 10),
  out: outArg('bench-results/load-editors.json')
};
/** @typedef {{ database: 'pglite' | 'postgres', editors: number }} Run */
/** @type {Run[]} */
const runs = (textArg('runs') ?? `${databaseUrl ? 'postgres' : 'pglite'}:${editorsDefault}`)
  .split(',')
  .map((spec) => {
    const [database, editors] = spec.split(':');
    if ((database !== 'pglite' && database !== 'postgres') || !(Number(editors) > 0)) {
      throw new Error(`--runs: "${spec}" is not pglite:<editors> or postgres:<editors>`);
    }
    if (database === 'postgres' && !databaseUrl)
      throw new Error('postgres runs need --database-url');
    return { database, editors: Number(editors) };
  });

/**
 * Joins as editor from its own loopback address (127.0.0.2 …), so that a few hundred
 * editors are not one address to the join rate limit.
 * @param {string} url
 * @param {number} i
 * @param {string | null} joinCode
 * @returns {Promise<{ status: number, body: any }>}
 */
function joinFrom(url, i, joinCode) {
  const body = JSON.stringify({ display_name: `Redaktör ${i + 1}`, join_code: joinCode });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/auth/local/join`,
      {
        method: 'POST',
        localAddress: `127.0.${Math.floor(i / 250)}.${2 + (i % 250)}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      }
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * @param {Run} run
 */
async function runOnce(run) {
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-load-'));
  const stack = await startStack({
    dataDir,
    ...(run.database === 'postgres'
      ? {
          databaseUrl,
          pool: options.pool,
          env: { REGIONKARTAN_SECRET: randomBytes(36).toString('base64url') }
        }
      : {}),
    port: 0,
    host: '127.0.0.1',
    buildDir: null
  });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  /** @type {WebSocket[]} */
  const sockets = [];
  try {
    await db.connect();
    const [{ start_id: startId }] = (
      await db.query(`select coalesce(max(id), 0)::int as start_id from changes`)
    ).rows;

    // --- listeners: live clients recording every change with its arrival time
    /** @type {{ changes: { id: number, row_id: string, op: string, at: number }[] }[]} */
    const listeners = [];
    for (let i = 0; i < options.listeners; i++) {
      const ws = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/live`);
      sockets.push(ws);
      /** @type {{ changes: { id: number, row_id: string, op: string, at: number }[] }} */
      const listener = { changes: [] };
      listeners.push(listener);
      await new Promise((resolve, reject) => {
        ws.once('error', reject);
        ws.on('message', (data) => {
          const message = JSON.parse(String(data));
          if (message.type === 'subscribed') resolve(undefined);
          if (message.type === 'change') {
            listener.changes.push({ ...message.change, at: performance.now() });
          }
          if (message.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
        });
        ws.once('open', () =>
          ws.send(JSON.stringify({ type: 'subscribe', map_id: MAP_ID, since: startId }))
        );
      });
    }

    // --- editors: join through the local identity (loopback: editor without a code)
    /** @type {{ token: string, userId: string }[]} */
    const editors = [];
    for (let i = 0; i < run.editors; i++) {
      const { status, body } = await joinFrom(stack.url, i, stack.joinCode);
      if (status !== 200 || body.role !== 'editor') {
        throw new Error(`join ${i} failed: ${status} ${JSON.stringify(body)}`);
      }
      editors.push({ token: body.access_token, userId: body.user_id });
    }
    const [{ after_join: afterJoin }] = (
      await db.query(`select coalesce(max(id), 0)::int as after_join from changes`)
    ).rows;

    /** @type {{ op: 'insert' | 'update', rowId: string, version: number, start: number, end: number }[]} */
    const acked = [];
    const writeLatency = /** @type {number[]} */ ([]);
    let conflicts = 0;
    let errors = 0;
    /** @type {string[]} */
    const errorSamples = [];
    /** Nodes anyone made, for stale-version updates. @type {string[]} */
    const shared = [];

    /**
     * @param {string} token
     * @param {string} method
     * @param {string} path
     * @param {unknown} body
     */
    const rest = (token, method, path, body) =>
      fetch(`${stack.url}/rest/v1/${path}`, {
        method,
        headers: {
          apikey: stack.anonKey,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          prefer: 'return=representation'
        },
        body: JSON.stringify(body)
      });

    const deadline = performance.now() + options.durationS * 1000;
    let counter = 0;
    await Promise.all(
      editors.map(async (editor, e) => {
        /** @type {Map<string, number>} own nodes and the version this editor last saw */
        const mine = new Map();
        await sleep(Math.random() * options.thinkMs);
        while (performance.now() < deadline) {
          const roll = Math.random();
          const start = performance.now();
          try {
            if (mine.size === 0 || roll < 0.45) {
              const res = await rest(editor.token, 'POST', 'nodes?select=id,version', {
                map_id: MAP_ID,
                kind: 'project',
                title: `Last ${e}-${++counter}`
              });
              const rows = await res.json();
              const end = performance.now();
              if (res.status !== 201 || !rows[0]) throw new Error(`insert ${res.status}`);
              mine.set(rows[0].id, rows[0].version);
              shared.push(rows[0].id);
              acked.push({ op: 'insert', rowId: rows[0].id, version: 1, start, end });
              writeLatency.push(end - start);
            } else {
              // Mostly own rows with the known version; sometimes someone else's with a guess.
              const stale = roll > 0.9 && shared.length > 0;
              const ids = [...mine.keys()];
              const id = stale
                ? /** @type {string} */ (shared[Math.floor(Math.random() * shared.length)])
                : /** @type {string} */ (ids[Math.floor(Math.random() * ids.length)]);
              const version = stale ? 1 : /** @type {number} */ (mine.get(id));
              const res = await rest(
                editor.token,
                'PATCH',
                `nodes?id=eq.${id}&version=eq.${version}&select=id,version`,
                { description: `ändrad av ${e} ${Date.now()}` }
              );
              const rows = await res.json();
              const end = performance.now();
              if (res.status !== 200) throw new Error(`update ${res.status}`);
              writeLatency.push(end - start);
              if (rows.length === 0) conflicts++;
              else {
                if (mine.has(id)) mine.set(id, rows[0].version);
                acked.push({ op: 'update', rowId: id, version: rows[0].version, start, end });
              }
            }
          } catch (error) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(String(error));
          }
          await sleep(options.thinkMs * (0.5 + Math.random()));
        }
      })
    );
    const writeEnd = performance.now();
    await sleep(1500); // let the last notifications arrive

    // --- verification against the database
    const logged = (
      await db.query(
        `select id::int, row_id::text, op, (after ->> 'version')::int as version
         from changes where table_name = 'nodes' and map_id = $1 and id > $2 order by id`,
        [MAP_ID, afterJoin]
      )
    ).rows;
    /** @param {string} rowId @param {string} op @param {number} version */
    const key = (rowId, op, version) => `${rowId}:${op}:${version}`;
    /** @type {Map<string, number>} */
    const logCount = new Map();
    /** @type {Map<number, string>} change id → key */
    const keyOfChange = new Map();
    for (const row of logged) {
      const k = key(row.row_id, row.op, row.version);
      logCount.set(k, (logCount.get(k) ?? 0) + 1);
      keyOfChange.set(row.id, k);
    }
    const ackedKeys = new Set(acked.map((w) => key(w.rowId, w.op, w.version)));
    const missingInChanges = acked.filter((w) => logCount.get(key(w.rowId, w.op, w.version)) !== 1);
    const duplicateChanges = [...logCount.values()].filter((n) => n > 1).length;
    const unacknowledgedInChanges = [...logCount.keys()].filter((k) => !ackedKeys.has(k)).length;

    const insertedIds = acked.filter((w) => w.op === 'insert').map((w) => w.rowId);
    const present = new Set(
      (
        await db.query(`select id::text from nodes where id = any($1::uuid[])`, [insertedIds])
      ).rows.map((r) => r.id)
    );
    const missingInDb = insertedIds.filter((id) => !present.has(id)).length;
    /** @type {Map<string, number>} */
    const finalVersion = new Map(
      (
        await db.query(`select id::text, version from nodes where id = any($1::uuid[])`, [
          insertedIds
        ])
      ).rows.map((r) => [r.id, r.version])
    );
    /** @type {Map<string, number>} */
    const lastAcked = new Map();
    for (const w of acked) lastAcked.set(w.rowId, Math.max(lastAcked.get(w.rowId) ?? 0, w.version));
    const versionMismatch = [...lastAcked].filter(
      ([id, v]) => finalVersion.has(id) && finalVersion.get(id) !== v
    ).length;

    // --- live: every change to every listener exactly once; latency from write start
    const dbChangeIds = new Set(
      (
        await db.query(`select id::int from changes where map_id = $1 and id > $2`, [
          MAP_ID,
          startId
        ])
      ).rows.map((r) => r.id)
    );
    const startOf = new Map(acked.map((w) => [key(w.rowId, w.op, w.version), w.start]));
    const ackOf = new Map(acked.map((w) => [key(w.rowId, w.op, w.version), w.end]));
    const liveLatency = /** @type {number[]} */ ([]);
    /** Arrival at the listener minus the writer's acknowledgement (negative: earlier). */
    const afterAck = /** @type {number[]} */ ([]);
    let listenerMissing = 0;
    let listenerDuplicates = 0;
    let listenerForeign = 0;
    for (const listener of listeners) {
      const ids = listener.changes.map((c) => c.id);
      listenerDuplicates += ids.length - new Set(ids).size;
      const got = new Set(ids);
      for (const id of dbChangeIds) if (!got.has(id)) listenerMissing++;
      for (const id of got) if (!dbChangeIds.has(id)) listenerForeign++;
      for (const change of listener.changes) {
        const k = keyOfChange.get(change.id);
        const start = k ? startOf.get(k) : undefined;
        if (start !== undefined) liveLatency.push(change.at - start);
        const end = k ? ackOf.get(k) : undefined;
        if (end !== undefined) afterAck.push(change.at - end);
      }
    }

    const seconds = (writeEnd - (deadline - options.durationS * 1000)) / 1000;
    const checks = {
      acknowledged_missing_in_db: missingInDb,
      acknowledged_missing_or_repeated_in_changes: missingInChanges.length,
      duplicate_changes: duplicateChanges,
      unacknowledged_writes_in_changes: unacknowledgedInChanges,
      final_version_mismatch: versionMismatch,
      listener_missing_changes: listenerMissing,
      listener_duplicate_changes: listenerDuplicates,
      listener_foreign_changes: listenerForeign
    };
    const result = {
      database: run.database,
      editors: run.editors,
      writes: {
        acknowledged: acked.length,
        inserts: insertedIds.length,
        updates: acked.length - insertedIds.length,
        conflicts_refused: conflicts,
        errors,
        error_samples: errorSamples,
        per_second: Math.round((acked.length + conflicts) / seconds)
      },
      write_latency_ms: summary(writeLatency),
      /** From the start of the write request to arrival at each listener. */
      live_latency_ms: summary(liveLatency),
      /** Arrival at each listener relative to the writer's own acknowledgement. */
      live_after_ack_ms: summary(afterAck),
      changes_delivered_per_listener: listeners.map((l) => l.changes.length),
      checks,
      ok: Object.values(checks).every((n) => n === 0) && errors === 0
    };
    return result;
  } finally {
    for (const ws of sockets) ws.terminate();
    await db.end().catch(() => {});
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const results = [];
  for (const run of runs) {
    console.error(`load: ${run.database}, ${run.editors} editors, ${options.durationS} s …`);
    results.push(await runOnce(run));
  }
  const json = JSON.stringify(
    { date: new Date().toISOString(), node: process.version, options, runs: results },
    null,
    2
  );
  console.log(json);
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, json + '\n');
  if (!results.every((r) => r.ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
