// The live channel through the real stack: a write through PostgREST reaches the
// other clients' WebSocket (ids only), presence lists who is here with their
// selection, a private map's changes reach members only, and a reconnect with
// `since` replays exactly what was missed, once. How fast a change arrives is
// measured by `npm run bench:live`, not here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { savePositions } from '../../src/lib/data/positions';
import { fetchChangedRows } from '../../src/lib/data/fetch-rows';
import { applyRows, rowsToFetch, type LiveChange } from '../../src/lib/data/sync';
import type { Dataset } from '../../src/lib/domain/model';
import { LiveClient, type Change, type Message } from '../helpers/live-client';
import { SEED_MAP_ID, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
let editorId: string;
let viewerId: string;
let outsiderId: string;
let privateMapId: string;
const open: LiveClient[] = [];

async function connect(userId?: string): Promise<LiveClient> {
  const token = userId ? await tokenFor(userId) : undefined;
  const client = await LiveClient.open(stack.url, token);
  open.push(client);
  return client;
}

async function tokenFor(userId: string): Promise<string> {
  const { signToken } = await import('../../server/secrets.js');
  return signToken(stack.jwtSecret, { role: 'authenticated', sub: userId }, '1h');
}

async function insertNode(userId: string, mapId: string, title: string): Promise<string> {
  const client = await stack.client(userId);
  const { data, error } = await client
    .from('nodes')
    .insert({ map_id: mapId, kind: 'resource', title })
    .select('id')
    .single();
  expect(error).toBeNull();
  return data!.id;
}

beforeAll(async () => {
  stack = await startTestStack();
  editorId = await stack.user('live-editor', { mapId: SEED_MAP_ID, role: 'editor' });
  viewerId = await stack.user('live-viewer', { mapId: SEED_MAP_ID, role: 'viewer' });
  outsiderId = await stack.user('live-outsider');
  const [row] = await stack.sql<{ id: string }>(
    `insert into maps (title, visibility) values ('Hemlig karta', 'private') returning id`
  );
  privateMapId = row!.id;
  await stack.sql(`insert into map_members (map_id, user_id, role) values ($1, $2, 'editor')`, [
    privateMapId,
    editorId
  ]);
});

afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

afterAll(async () => {
  await stack?.stop();
});

describe('/live', () => {
  it('delivers each write through PostgREST to another client, ids only', async () => {
    const a = await connect(editorId);
    const b = await connect(viewerId);
    await a.subscribe(SEED_MAP_ID);
    const subscribed = await b.subscribe(SEED_MAP_ID);
    expect(subscribed).toMatchObject({ type: 'subscribed', role: 'viewer' });

    for (let i = 0; i < 3; i++) {
      const arrived = b.next((m) => m.type === 'change' && (m.change as Change).table === 'nodes');
      const id = await insertNode(editorId, SEED_MAP_ID, `Live ${i}`);
      const message = await arrived;
      expect(message.change).toEqual({
        id: expect.any(Number),
        map_id: SEED_MAP_ID,
        table: 'nodes',
        row_id: id,
        op: 'insert'
      });
    }
  });

  it('brings a node an editor moved in the graph to another client, which puts it there; a viewer cannot move one', async () => {
    const nodeId = await insertNode(editorId, SEED_MAP_ID, 'Live flyttad');
    const b = await connect(viewerId);
    await b.subscribe(SEED_MAP_ID);
    const arrived = b.next(
      (m) => m.type === 'change' && (m.change as Change).table === 'node_positions'
    );
    await savePositions(await stack.client(editorId), SEED_MAP_ID, [
      { id: nodeId, x: 120.5, y: -40 }
    ]);
    const change = (await arrived).change as LiveChange;
    expect(change).toMatchObject({ table: 'node_positions', row_id: nodeId, op: 'insert' });

    // What the other client does with it (LiveSync): fetch the row, apply it to its dataset.
    const viewer = await stack.client(viewerId);
    const before = { positions: [] } as unknown as Dataset;
    const fetched = await fetchChangedRows(viewer, rowsToFetch([change], SEED_MAP_ID));
    const after = applyRows(before, fetched);
    expect(after.positions).toEqual([
      expect.objectContaining({
        id: nodeId,
        map_id: SEED_MAP_ID,
        x: 120.5,
        y: -40,
        updated_by: editorId
      })
    ]);

    // Moved again: an update, and the newer place replaces the old one.
    const moved = b.next(
      (m) => m.type === 'change' && (m.change as Change).table === 'node_positions'
    );
    await savePositions(await stack.client(editorId), SEED_MAP_ID, [{ id: nodeId, x: 0, y: 8 }]);
    const again = (await moved).change as LiveChange;
    expect(again.op).toBe('update');
    const next = applyRows(
      after,
      await fetchChangedRows(viewer, rowsToFetch([again], SEED_MAP_ID))
    );
    expect(next.positions).toEqual([expect.objectContaining({ id: nodeId, x: 0, y: 8 })]);

    await expect(
      savePositions(viewer, SEED_MAP_ID, [{ id: nodeId, x: 1, y: 1 }])
    ).rejects.toThrow();
  });

  it('lists everyone present with their selection, and drops who leaves', async () => {
    const a = await connect(editorId);
    const b = await connect(viewerId);
    await a.subscribe(SEED_MAP_ID);
    await b.subscribe(SEED_MAP_ID);
    a.send({ type: 'presence', state: { selection: { nodes: ['n1'] } } });
    b.send({ type: 'presence', state: { display_name: 'ignored for users', selection: null } });
    const both = await a.next((m) => {
      const members = (m.members ?? []) as { user_id: string; selection: unknown }[];
      return (
        m.type === 'presence' &&
        members.some((p) => p.user_id === editorId && p.selection !== null) &&
        members.some((p) => p.user_id === viewerId)
      );
    });
    const members = both.members as {
      client_id: string;
      user_id: string;
      display_name: string;
      role: string;
      selection: unknown;
    }[];
    const mine = members.filter((p) => p.user_id === editorId || p.user_id === viewerId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user_id: editorId,
          role: 'editor',
          selection: { nodes: ['n1'] }
        }),
        expect.objectContaining({ user_id: viewerId, role: 'viewer' })
      ])
    );
    // The display name of a signed-in person is their profile's, not what they send.
    expect(mine.find((p) => p.user_id === viewerId)!.display_name).not.toBe('ignored for users');

    const viewerClient = mine.find((p) => p.user_id === viewerId)!.client_id;
    b.close();
    const after = await a.next(
      (m) =>
        m.type === 'presence' &&
        (m.members as { client_id: string }[]).every((p) => p.client_id !== viewerClient)
    );
    expect(after.type).toBe('presence');
  });

  it('does not send a private map’s changes to a non-member, nor to anon', async () => {
    const member = await connect(editorId);
    const outsider = await connect(outsiderId);
    const anon = await connect();
    expect(await member.subscribe(privateMapId)).toMatchObject({ type: 'subscribed' });
    expect(await outsider.subscribe(privateMapId)).toMatchObject({
      type: 'error',
      code: 'forbidden'
    });
    expect(await anon.subscribe(privateMapId)).toMatchObject({ type: 'error', code: 'forbidden' });
    // Anon may follow the public map; the private change must not leak there either.
    expect(await anon.subscribe(SEED_MAP_ID)).toMatchObject({ type: 'subscribed', role: null });

    const id = await insertNode(editorId, privateMapId, 'Hemlig nod');
    // Once the member has it, it was sent to everyone it was sent to.
    await member.waitFor((m) => m.type === 'change' && (m.change as Change).row_id === id);
    await Promise.all([outsider.flush(), anon.flush()]);
    for (const client of [outsider, anon]) {
      expect(client.changes().some((c) => c.map_id === privateMapId || c.row_id === id)).toBe(
        false
      );
    }
  });

  it('stops sending to someone whose membership is removed', async () => {
    const [row] = await stack.sql<{ id: string }>(
      `insert into maps (title, visibility) values ('Tillfällig', 'private') returning id`
    );
    const mapId = row!.id;
    const guest = await stack.user('guest', { mapId, role: 'viewer' });
    const host = await stack.user('host', { mapId, role: 'editor' });
    const client = await connect(guest);
    const witness = await connect(host);
    expect(await client.subscribe(mapId)).toMatchObject({ type: 'subscribed' });
    expect(await witness.subscribe(mapId)).toMatchObject({ type: 'subscribed' });
    const lost = client.next((m) => m.type === 'error' && m.code === 'forbidden');
    await stack.sql(`delete from map_members where map_id = $1 and user_id = $2`, [mapId, guest]);
    await lost;
    const [after] = await stack.sql<{ id: string }>(
      `insert into nodes (map_id, kind, title) values ($1, 'resource', 'Efteråt') returning id`,
      [mapId]
    );
    // Once a member has it, it was sent to everyone it was sent to.
    await witness.waitFor((m) => m.type === 'change' && (m.change as Change).row_id === after!.id);
    await client.flush();
    expect(client.changes().filter((c) => c.table === 'nodes')).toEqual([]);
  });

  it('catches up after a reconnect with `since`: every missed change exactly once', async () => {
    const b = await connect(viewerId);
    await b.subscribe(SEED_MAP_ID);
    const first = b.next((m) => m.type === 'change' && (m.change as Change).table === 'nodes');
    await insertNode(editorId, SEED_MAP_ID, 'Före avbrottet');
    const seen = ((await first).change as Change).id;
    b.close();

    const missed: string[] = [];
    for (let i = 0; i < 3; i++) missed.push(await insertNode(editorId, SEED_MAP_ID, `Missad ${i}`));

    const again = await connect(viewerId);
    const last = again.next(
      (m) => m.type === 'change' && (m.change as Change).row_id === missed[2]
    );
    expect(await again.subscribe(SEED_MAP_ID, seen)).toMatchObject({ type: 'subscribed' });
    await last;
    const live = await insertNode(editorId, SEED_MAP_ID, 'Efter återanslutning');
    await again.waitFor((m) => m.type === 'change' && (m.change as Change).row_id === live);

    const changes = again.changes();
    const ids = changes.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect([...ids].sort((x, y) => x - y)).toEqual(ids); // in order
    expect(ids.every((id) => id > seen)).toBe(true);
    expect(changes.filter((c) => c.table === 'nodes').map((c) => c.row_id)).toEqual([
      ...missed,
      live
    ]);
    // Exactly what the audit log holds after `seen` for this map.
    const inLog = await stack.sql<{ id: string }>(
      `select id from changes where map_id = $1 and id > $2 order by id`,
      [SEED_MAP_ID, seen]
    );
    expect(ids).toEqual(inLog.map((r) => Number(r.id)));
  });

  it('drops a connection that stops answering pings, and its presence', async () => {
    const watcher = await connect(editorId);
    await watcher.subscribe(SEED_MAP_ID);
    // A client that never answers pings (a laptop that went to sleep).
    const token = await tokenFor(viewerId);
    const dead = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/live?token=${token}`, {
      autoPong: false
    });
    let deadClient = '';
    dead.on('message', (data) => {
      const m = JSON.parse(String(data)) as Message;
      if (m.type === 'hello' && m.user_id) {
        deadClient = String(m.client_id);
        dead.send(JSON.stringify({ type: 'subscribe', map_id: SEED_MAP_ID }));
      }
    });
    const closed = new Promise<void>((resolve) => dead.once('close', () => resolve()));
    await watcher.next(
      (m) =>
        (m.members as { client_id: string }[] | undefined)?.some(
          (p) => p.client_id === deadClient
        ) ?? false
    );
    // The server pings every 4 s and drops who has not answered the previous ping.
    const gone = watcher.next(
      (m) =>
        m.type === 'presence' &&
        (m.members as { client_id: string }[]).every((p) => p.client_id !== deadClient),
      30_000
    );
    await closed;
    await gone;
  });

  it("relays a presenter's view only from the map's presenters: the admin, or an editor given may_present", async () => {
    const adminId = await stack.user('live-admin', { mapId: SEED_MAP_ID, role: 'admin' });
    const view = (step: number) => ({
      presentation_id: '11111111-1111-4111-8111-111111111111',
      story_id: null,
      step,
      view: { query: 'vy=map', map: [14, 58.5, 16, 60], graph: null },
      sent_at: Date.now()
    });
    const editor = await connect(editorId);
    const admin = await connect(adminId);
    const room = await connect(viewerId);
    for (const client of [editor, admin, room]) await client.subscribe(SEED_MAP_ID);
    const presenters = () =>
      room.messages.filter((m) => m.message.type === 'presenter').map((m) => m.message);

    // An editor without may_present is refused; the admin's view, sent after the
    // refusal, is the first and only one the room receives.
    const refused = editor.next((m) => m.type === 'error');
    editor.send({ type: 'present', state: view(1) });
    expect(await refused).toMatchObject({ type: 'error', code: 'forbidden' });
    const adminView = view(2);
    admin.send({ type: 'present', state: adminView });
    await room.next((m) => m.type === 'presenter' && m.user_id === adminId);
    expect(presenters()).toEqual([
      expect.objectContaining({ map_id: SEED_MAP_ID, user_id: adminId, state: adminView })
    ]);

    // Given may_present by the map, the editor presents (from a new connection).
    await stack.sql(
      `update map_members set may_present = true where map_id = $1 and user_id = $2`,
      [SEED_MAP_ID, editorId]
    );
    const allowed = await connect(editorId);
    await allowed.subscribe(SEED_MAP_ID);
    const editorView = view(3);
    allowed.send({ type: 'present', state: editorView });
    const relayed = await room.next((m) => m.type === 'presenter' && m.user_id === editorId);
    expect(relayed.state).toEqual(editorView);

    // Ending the presentation (null) is relayed too, and nothing is kept for later subscribers.
    admin.send({ type: 'present', state: null });
    await room.next((m) => m.type === 'presenter' && m.state === null);
    await stack.sql(
      `update map_members set may_present = false where map_id = $1 and user_id = $2`,
      [SEED_MAP_ID, editorId]
    );
  });

  it('refuses an invalid token and a malformed subscription', async () => {
    const client = await LiveClient.open(stack.url);
    open.push(client);
    const closed = new Promise<number>((resolve) => client.ws.once('close', resolve));
    client.send({ type: 'auth', token: 'not.a.jwt' });
    expect(await client.next((m) => m.type === 'error')).toMatchObject({ code: 'invalid_token' });
    expect(await closed).toBe(4001);

    const other = await connect();
    expect(await other.subscribe('not-a-uuid')).toMatchObject({
      type: 'error',
      code: 'bad_request'
    });
  });
});
