#!/usr/bin/env node
// @ts-check
// A benchmark (not a test) of a workshop on the local stack:
//
//   node scripts/load-workshop.js [--participants=60] [--proposals=3] [--votes=5]
//                                 [--duration=60] [--step-ms=5000] [--join-s=10]
//                                 [--out=bench-results/load-workshop.json]
//
// Change keys are table:row:op (first arrival); duplicates are counted by change id.
// Starts a fresh stack (temporary data directory). The presenter joins as admin,
// makes a workshop code, opens a round and starts a presentation. N participants
// join with the code within --join-s seconds (all from this one address, like a
// room on one Wi-Fi), each listens on /live following the presenter, submits
// --proposals proposals and casts --votes votes within --duration seconds, while
// the presenter changes step every --step-ms. The presenter's "screen" fetches
// the proposals announced on the channel (as the UI does). Then it checks that
// every acknowledged proposal and vote is stored exactly once and reached every
// listener, and every step reached every follower; prints p50/p95 of proposal →
// presenter's screen and step → followers as JSON and writes it to --out.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { startStack } from '../server/stack.js';
import { numberArg, outArg, sleep, summary } from './load-common.js';

const MAP_ID = '00000000-0000-4000-8000-000000000001';

const options = {
  participants: numberArg('participants', 60),
  proposals: numberArg('proposals', 3),
  votes: numberArg('votes', 5),
  durationS: numberArg('duration', 60),
  stepMs: numberArg('step-ms', 5000),
  joinS: numberArg('join-s', 10),
  out: outArg('bench-results/load-workshop.json')
};

/** Wall-clock ms with sub-ms precision, comparable across this process. */
const now = () => performance.timeOrigin + performance.now();

/**
 * @typedef {{
 *   ws: WebSocket,
 *   changes: Map<string, number>,
 *   steps: Map<number, number>,
 *   ids: Set<number>,
 *   duplicates: number,
 *   onChange?: (change: { table: string, row_id: string, op: string }) => void
 * }} Listener
 */

/**
 * A live client: auth, subscribe, record every change (table:row_id:op → arrival)
 * and every presenter step (→ arrival).
 * @param {string} url @param {string} token @param {boolean} following
 * @returns {Promise<Listener>}
 */
function listen(url, token, following) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live`);
  /** @type {Listener} */
  const listener = { ws, changes: new Map(), steps: new Map(), ids: new Set(), duplicates: 0 };
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type === 'subscribed') {
        ws.send(JSON.stringify({ type: 'presence', state: { selection: null, following } }));
        resolve(listener);
      } else if (message.type === 'change') {
        const c = message.change;
        const key = `${c.table}:${c.row_id}:${c.op}`;
        if (!listener.changes.has(key)) listener.changes.set(key, now());
        if (listener.ids.has(c.id)) listener.duplicates++;
        listener.ids.add(c.id);
        listener.onChange?.(c);
      } else if (message.type === 'presenter' && message.state) {
        listener.steps.set(message.state.step, now() - message.state.sent_at);
      } else if (message.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'error') reject(new Error(message.message));
    });
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'auth', token }));
      ws.send(JSON.stringify({ type: 'subscribe', map_id: MAP_ID }));
    });
  });
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'regionkartan-workshop-'));
  const stack = await startStack({ dataDir, port: 0, host: '127.0.0.1', buildDir: null });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  /** @type {Listener[]} */
  const listeners = [];
  try {
    await db.connect();
    /** @param {string} token @param {string} method @param {string} path @param {unknown} [body] */
    const rest = async (token, method, path, body) => {
      const res = await fetch(`${stack.url}/rest/v1/${path}`, {
        method,
        headers: {
          apikey: stack.anonKey,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          prefer: 'return=representation'
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    /** @param {Record<string, unknown>} body */
    const join = async (body) => {
      const res = await fetch(`${stack.url}/auth/local/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });
      return { status: res.status, body: await res.json() };
    };

    // --- the presenter: admin, a workshop code, a round, a presentation
    const admin = await join({ display_name: 'Presentatör', admin_token: stack.adminToken });
    if (admin.status !== 200) throw new Error(`admin join: ${JSON.stringify(admin.body)}`);
    const token = admin.body.access_token;
    const code = await rest(token, 'POST', 'rpc/new_workshop_code', { p_map_id: MAP_ID });
    const round = await rest(token, 'POST', 'rounds', {
      map_id: MAP_ID,
      question: 'Vilka stöd finns för juridik i din kommun?',
      vote_budget: options.votes
    });
    const presentation = await rest(token, 'POST', 'presentations', { map_id: MAP_ID });
    if (code.status !== 200 || round.status !== 201 || presentation.status !== 201) {
      throw new Error(`set-up failed: ${code.status} ${round.status} ${presentation.status}`);
    }
    const roundId = round.body[0].id;
    const presentationId = presentation.body[0].id;
    const presenter = await listen(stack.url, token, false);
    listeners.push(presenter);

    // The presenter's screen: proposals announced on the channel are fetched in
    // batches (as the UI does); "shown" when the row has arrived.
    /** @type {Map<string, number>} */
    const shownAt = new Map();
    /** @type {string[]} */
    const presenterFetchErrors = [];
    /** @type {Set<string>} */
    let pending = new Set();
    /** @type {ReturnType<typeof setTimeout> | null} */
    let batch = null;
    presenter.onChange = (c) => {
      if (c.table !== 'proposals' || c.op !== 'insert') return;
      pending.add(c.row_id);
      batch ??= setTimeout(async () => {
        const ids = [...pending];
        pending = new Set();
        batch = null;
        const res = await rest(token, 'GET', `proposals?select=id&id=in.(${ids.join(',')})`);
        const at = now();
        if (!Array.isArray(res.body)) {
          presenterFetchErrors.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          for (const id of ids) pending.add(id); // shown with the next batch
          return;
        }
        for (const row of res.body) if (!shownAt.has(row.id)) shownAt.set(row.id, at);
      }, 30);
    };

    // --- participants join with the code within joinS seconds (one address)
    const joinStart = now();
    const joined = await Promise.all(
      Array.from({ length: options.participants }, async (_, i) => {
        await sleep((i / options.participants) * options.joinS * 500);
        const res = await join({ display_name: `Deltagare ${i + 1}`, join_code: code.body });
        if (res.status !== 200 || res.body.role !== 'participant') {
          throw new Error(`join ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        }
        const listener = await listen(stack.url, res.body.access_token, true);
        listeners.push(listener);
        return { token: res.body.access_token, userId: res.body.user_id, listener };
      })
    );
    const joinSeconds = (now() - joinStart) / 1000;

    // --- the presenter changes step every stepMs while the room works
    const sentSteps = /** @type {number[]} */ ([]);
    const stepTimer = setInterval(() => {
      const step = sentSteps.length;
      sentSteps.push(step);
      presenter.ws.send(
        JSON.stringify({
          type: 'present',
          state: {
            presentation_id: presentationId,
            story_id: null,
            step,
            view: { query: `vy=map&steg=${step}`, map: null, graph: null },
            sent_at: now()
          }
        })
      );
      void rest(token, 'PATCH', `presentations?id=eq.${presentationId}`, { step_index: step });
    }, options.stepMs);

    /** @type {{ id: string, start: number, end: number }[]} */
    const ackedProposals = [];
    /** @type {{ proposalId: string, userId: string }[]} */
    const ackedVotes = [];
    let errors = 0;
    /** @type {string[]} */
    const errorSamples = [];
    /** @param {unknown} error */
    const fail = (error) => {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(String(error));
    };
    const workStart = now();
    const deadline = workStart + options.durationS * 1000;
    await Promise.all(
      joined.map(async (p, i) => {
        // Proposals in the first 60 % of the time, votes after (on what others proposed).
        for (let k = 0; k < options.proposals; k++) {
          await sleep(Math.random() * ((options.durationS * 600) / options.proposals));
          const start = now();
          const res = await rest(p.token, 'POST', 'proposals?select=id', {
            map_id: MAP_ID,
            round_id: roundId,
            created_by: p.userId,
            title: `Förslag ${i + 1}.${k + 1}`,
            kind: 'resource',
            municipality_code: '1880'
          });
          if (res.status === 201) ackedProposals.push({ id: res.body[0].id, start, end: now() });
          else fail(`proposal ${res.status} ${JSON.stringify(res.body)}`);
        }
        const announced = () =>
          [...p.listener.changes.keys()]
            .filter((k) => k.startsWith('proposals:') && k.endsWith(':insert'))
            .map((k) => /** @type {string} */ (k.split(':')[1]));
        while (announced().length < options.votes && now() < deadline) await sleep(200);
        const seen = announced();
        const choices = seen.sort(() => Math.random() - 0.5).slice(0, options.votes);
        for (const proposalId of choices) {
          const left = deadline - now();
          if (left <= 0) break;
          await sleep(Math.random() * Math.min(2000, left / options.votes));
          const res = await rest(p.token, 'POST', 'votes?select=id', {
            map_id: MAP_ID,
            round_id: roundId,
            proposal_id: proposalId,
            user_id: p.userId
          });
          if (res.status === 201) ackedVotes.push({ proposalId, userId: p.userId });
          else fail(`vote ${res.status} ${JSON.stringify(res.body)}`);
        }
      })
    );
    const workSeconds = (now() - workStart) / 1000;
    await sleep(Math.max(0, deadline - now()));
    clearInterval(stepTimer);
    await sleep(2000); // the last notifications and fetches

    // --- stored exactly once
    const storedProposals = new Map(
      (
        await db.query(
          `select id::text, count(*)::int as n from proposals where round_id = $1 group by id`,
          [roundId]
        )
      ).rows.map((r) => [r.id, r.n])
    );
    const storedVotes = new Map(
      (
        await db.query(
          `select proposal_id::text || ':' || user_id::text as k, count(*)::int as n
           from votes where round_id = $1 group by 1`,
          [roundId]
        )
      ).rows.map((r) => [r.k, r.n])
    );
    const voteIds = new Map(
      (
        await db.query(
          `select id::text, proposal_id::text || ':' || user_id::text as k from votes where round_id = $1`,
          [roundId]
        )
      ).rows.map((r) => [r.k, r.id])
    );
    const loggedProposals = (
      await db.query(
        `select row_id::text, count(*)::int as n from changes
         where table_name = 'proposals' and op = 'insert' and map_id = $1 group by row_id`,
        [MAP_ID]
      )
    ).rows;
    const logCount = new Map(loggedProposals.map((r) => [r.row_id, r.n]));
    const checks = {
      proposals_missing_or_repeated_in_db: ackedProposals.filter(
        (p) => storedProposals.get(p.id) !== 1
      ).length,
      proposals_unacknowledged_in_db: storedProposals.size - ackedProposals.length,
      proposals_missing_or_repeated_in_changes: ackedProposals.filter(
        (p) => logCount.get(p.id) !== 1
      ).length,
      votes_missing_or_repeated_in_db: ackedVotes.filter(
        (v) => storedVotes.get(`${v.proposalId}:${v.userId}`) !== 1
      ).length,
      votes_unacknowledged_in_db: storedVotes.size - ackedVotes.length,
      listener_missing_proposals: 0,
      listener_missing_votes: 0,
      listener_duplicate_changes: 0,
      followers_missing_steps: 0,
      presenter_screen_missing_proposals: ackedProposals.filter((p) => !shownAt.has(p.id)).length
    };
    const stepLatency = /** @type {number[]} */ ([]);
    for (const listener of listeners) {
      for (const p of ackedProposals) {
        if (!listener.changes.has(`proposals:${p.id}:insert`)) checks.listener_missing_proposals++;
      }
      for (const v of ackedVotes) {
        const id = voteIds.get(`${v.proposalId}:${v.userId}`);
        if (!id || !listener.changes.has(`votes:${id}:insert`)) checks.listener_missing_votes++;
      }
      checks.listener_duplicate_changes += listener.duplicates;
      if (listener === presenter) continue;
      for (const step of sentSteps) {
        const latency = listener.steps.get(step);
        if (latency === undefined) checks.followers_missing_steps++;
        else stepLatency.push(latency);
      }
    }
    const proposalToScreen = ackedProposals
      .filter((p) => shownAt.has(p.id))
      .map((p) => /** @type {number} */ (shownAt.get(p.id)) - p.start);
    const proposalToPresenterChannel = ackedProposals
      .filter((p) => presenter.changes.has(`proposals:${p.id}:insert`))
      .map(
        (p) => /** @type {number} */ (presenter.changes.get(`proposals:${p.id}:insert`)) - p.start
      );
    const writeLatency = ackedProposals.map((p) => p.end - p.start);

    const result = {
      date: new Date().toISOString(),
      node: process.version,
      options,
      join_seconds: Math.round(joinSeconds * 10) / 10,
      work_seconds: Math.round(workSeconds * 10) / 10,
      proposals: {
        acknowledged: ackedProposals.length,
        wanted: options.participants * options.proposals
      },
      votes: { acknowledged: ackedVotes.length },
      steps_sent: sentSteps.length,
      errors,
      error_samples: errorSamples,
      presenter_fetch_errors: presenterFetchErrors.length,
      presenter_fetch_error_samples: presenterFetchErrors.slice(0, 3),
      proposal_write_ms: summary(writeLatency),
      /** From the participant's request to the presenter's channel. */
      proposal_to_presenter_channel_ms: summary(proposalToPresenterChannel),
      /** From the participant's request to the row on the presenter's screen (fetched). */
      proposal_to_presenter_screen_ms: summary(proposalToScreen),
      /** From the presenter's step change to each follower. */
      step_to_followers_ms: summary(stepLatency),
      checks,
      ok:
        Object.values(checks).every((n) => n === 0) &&
        errors === 0 &&
        joinSeconds <= options.joinS &&
        ackedProposals.length === options.participants * options.proposals
    };
    const json = JSON.stringify(result, null, 2);
    console.log(json);
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, json + '\n');
    if (!result.ok) process.exitCode = 1;
  } finally {
    for (const l of listeners) l.ws.terminate();
    await db.end().catch(() => {});
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
