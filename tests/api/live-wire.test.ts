// The server end of the wire, through the real stack: what a client sends to /live
// or the identity endpoints that is not JSON, of an unknown type or not fitting its
// schema is refused, counted (stack.wireStats()) and nothing else happens: the
// connection stays usable and the next valid message is served. NOTIFY payloads
// that do not fit are dropped and counted too, and real changes still arrive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SEED_MAP_ID, startTestStack, type TestStack } from '../helpers/stack';
import { until } from '../helpers/until';

interface Message {
  type: string;
  [key: string]: unknown;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** A raw /live connection that keeps every message, in order. */
async function openLive() {
  const ws = new WebSocket(`${stack.url.replace(/^http/, 'ws')}/live`);
  const messages: Message[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Message));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waitFor = async (test: (m: Message) => boolean) => {
    await until(() => messages.some(test));
    return messages.find(test)!;
  };
  return { ws, messages, waitFor };
}

describe('/live refuses what does not fit', () => {
  it('answers bad_request to each dropped message, counts it, and serves the next valid one', async () => {
    const before = stack.wireStats().live;
    const client = await openLive();
    const sent: [unknown, string][] = [
      ['{not json', 'Meddelandet är inte JSON.'],
      [{ type: 'shout' }, 'Okänt meddelande.'],
      [{ no: 'type' }, 'Okänt meddelande.'],
      [{ type: 'subscribe', map_id: 'not-a-uuid' }, 'Ogiltig prenumeration.'],
      [{ type: 'subscribe', map_id: SEED_MAP_ID, since: -1 }, 'Ogiltig prenumeration.'],
      [{ type: 'subscribe', map_id: SEED_MAP_ID, since: '5' }, 'Ogiltig prenumeration.'],
      [{ type: 'presence', state: { selection: 'x'.repeat(5000) } }, 'Ogiltig närvaro'],
      [{ type: 'presence', state: { display_name: 42 } }, 'Ogiltig närvaro'],
      [{ type: 'auth' }, 'Ogiltigt meddelande.']
    ];
    for (const [message] of sent) {
      client.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    }
    // The connection still works: a valid subscribe after them is served.
    client.ws.send(JSON.stringify({ type: 'subscribe', map_id: SEED_MAP_ID }));
    await client.waitFor((m) => m.type === 'subscribed');

    const errors = client.messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(sent.length);
    errors.forEach((error, i) => {
      expect(error.code).toBe('bad_request');
      expect(String(error.message)).toContain(sent[i]![1]);
    });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    const after = stack.wireStats().live;
    expect(after.invalid_json - before.invalid_json).toBe(1);
    expect(after.unknown_type - before.unknown_type).toBe(2);
    expect(after.malformed - before.malformed).toBe(6);
    client.ws.close();
  });

  it('a dropped presence changes nothing others see', async () => {
    const watcher = await openLive();
    const other = await openLive();
    for (const c of [watcher, other]) {
      c.ws.send(JSON.stringify({ type: 'subscribe', map_id: SEED_MAP_ID }));
      await c.waitFor((m) => m.type === 'subscribed');
    }
    other.ws.send(
      JSON.stringify({ type: 'presence', state: { selection: { type: 'node', id: 'n1' } } })
    );
    other.ws.send(JSON.stringify({ type: 'presence', state: { selection: 'x'.repeat(5000) } }));
    await other.waitFor((m) => m.type === 'error');
    // Sentinel: a later valid presence is what the watcher ends with.
    other.ws.send(
      JSON.stringify({ type: 'presence', state: { selection: { type: 'node', id: 'n2' } } })
    );
    const hello = (c: typeof other) => c.messages.find((m) => m.type === 'hello')!;
    const otherId = String(hello(other).client_id);
    const selectionOf = (m: Message) =>
      (m.members as { client_id: string; selection: unknown }[] | undefined)?.find(
        (p) => p.client_id === otherId
      )?.selection;
    await watcher.waitFor(
      (m) => m.type === 'presence' && (selectionOf(m) as { id?: string } | null)?.id === 'n2'
    );
    const selections = watcher.messages
      .filter((m) => m.type === 'presence')
      .map(selectionOf)
      .filter((s) => s !== undefined && s !== null);
    expect(selections.every((s) => typeof s === 'object')).toBe(true);
    watcher.ws.close();
    other.ws.close();
  });

  it('drops and counts NOTIFY payloads that do not fit; real changes still arrive', async () => {
    const before = stack.wireStats().notifications;
    const client = await openLive();
    client.ws.send(JSON.stringify({ type: 'subscribe', map_id: SEED_MAP_ID }));
    await client.waitFor((m) => m.type === 'subscribed');

    await stack.sql(`select pg_notify('changes', 'not json')`);
    await stack.sql(`select pg_notify('changes', $1)`, [
      JSON.stringify({ id: 'x', map_id: SEED_MAP_ID, table: 'nodes', row_id: 'r', op: 'insert' })
    ]);
    await until(() => {
      const now = stack.wireStats().notifications;
      return now.invalid_json > before.invalid_json && now.malformed > before.malformed;
    });
    const [row] = await stack.sql<{ id: string }>(
      `insert into nodes (map_id, kind, title) values ($1, 'resource', 'Efter skräpet') returning id`,
      [SEED_MAP_ID]
    );
    await client.waitFor(
      (m) => m.type === 'change' && (m.change as { row_id: string }).row_id === row!.id
    );
    const after = stack.wireStats().notifications;
    expect(after.invalid_json - before.invalid_json).toBe(1);
    expect(after.malformed - before.malformed).toBe(1);
    expect(client.messages.filter((m) => m.type === 'change')).toHaveLength(1);
    client.ws.close();
  });
});

describe('the identity endpoints refuse what does not fit', () => {
  async function post(path: string, body: string, token?: string) {
    const res = await fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {})
      },
      body
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }

  it('refuses (400) and counts a join that is not JSON or does not fit, then joins', async () => {
    const before = stack.wireStats().identity;
    expect((await post('/auth/local/join', '{nope')).status).toBe(400);
    for (const [body, code] of [
      [[1], 'invalid_body'],
      [{ display_name: 7 }, 'invalid_display_name'],
      [{ display_name: 'Ok', join_code: ['A'] }, 'invalid_join_code'],
      [{ display_name: 'Ok', role: 'admin' }, 'invalid_role']
    ] as const) {
      const res = await post('/auth/local/join', JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe(code);
    }
    const ok = await post('/auth/local/join', JSON.stringify({ display_name: 'Efter felen' }));
    expect(ok.status).toBe(200);
    const after = stack.wireStats().identity;
    expect(after.invalid_json - before.invalid_json).toBe(1);
    expect(after.malformed - before.malformed).toBe(4);
  });

  it('refuses (400) a refresh for a map id that is not one', async () => {
    const joined = await post('/auth/local/join', JSON.stringify({ display_name: 'Förnyare' }));
    const token = (joined.body as unknown as { access_token: string }).access_token;
    const bad = await post('/auth/local/refresh', JSON.stringify({ map_id: 'x' }), token);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('invalid_map_id');
    const good = await post('/auth/local/refresh', JSON.stringify({ map_id: SEED_MAP_ID }), token);
    expect(good.status).toBe(200);
  });
});
