// LocalLiveChannel against a real `ws` server in this process that speaks the
// /live protocol: auth + subscribe on open, changes deduplicated, pong to ping,
// reconnect with backoff resubscribing with the last change id, silence detection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { LocalLiveChannel, type LiveStatus, type WebSocketLike } from '$lib/data/live';
import type { LiveChange } from '$lib/data/sync';

const MAP = '00000000-0000-4000-8000-000000000001';

interface Received {
  socket: WebSocket;
  messages: Record<string, unknown>[];
}

let server: WebSocketServer;
let url: string;
let connections: Received[];
let channel: LocalLiveChannel | null;

function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

/**
 * The reconnect delays the channel schedules from now on (makeChannel's 20 ms
 * doubling to 100 ms); other timers (the polling in `until`) are left out.
 */
function reconnectDelays(): number[] {
  const delays: number[] = [];
  const real = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    fn: () => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    if (ms !== undefined && ms >= 20 && ms <= 100) delays.push(ms);
    return real(fn, ms, ...args);
  }) as typeof setTimeout);
  return delays;
}

function change(
  id: number,
  row_id = `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`
): LiveChange {
  return { id, map_id: MAP, table: 'nodes', row_id, op: 'insert' };
}

function makeChannel(extra: Partial<ConstructorParameters<typeof LocalLiveChannel>[0]> = {}) {
  channel = new LocalLiveChannel({
    url,
    token: async () => 'the-token',
    createSocket: (u) => new WebSocket(u) as unknown as WebSocketLike,
    baseDelayMs: 20,
    maxDelayMs: 100,
    random: () => 1,
    ...extra
  });
  return channel;
}

beforeEach(async () => {
  connections = [];
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/live`;
  server.on('connection', (socket) => {
    const received: Received = { socket, messages: [] };
    connections.push(received);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      received.messages.push(message);
      if (message.type === 'subscribe') {
        socket.send(
          JSON.stringify({
            type: 'subscribed',
            map_id: message.map_id,
            role: 'editor',
            last_id: 10
          })
        );
      }
    });
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  channel?.close();
  channel = null;
  for (const c of server.clients) c.terminate();
  await new Promise((resolve) => server.close(resolve));
});

describe('LocalLiveChannel', () => {
  it('authenticates, subscribes and reports status', async () => {
    const live = makeChannel();
    const statuses: LiveStatus[] = [];
    live.onStatus((s) => statuses.push(s));
    expect(live.status).toBe('closed');
    live.connect(MAP);
    await until(() => live.status === 'open');
    expect(statuses).toEqual(['connecting', 'open']);
    expect(connections[0]!.messages.slice(0, 2)).toEqual([
      { type: 'auth', token: 'the-token' },
      { type: 'subscribe', map_id: MAP, since: null }
    ]);
    expect(live.lastChangeId).toBe(10);
  });

  it("keeps the server's id for this connection (to know itself among the present)", async () => {
    const live = makeChannel();
    live.connect(MAP);
    await until(() => live.status === 'open');
    expect(live.clientId).toBeNull();
    connections[0]!.socket.send(JSON.stringify({ type: 'hello', client_id: 'c-7', user_id: null }));
    await until(() => live.clientId === 'c-7');
  });

  it('emits each change once, in order, and answers pings', async () => {
    const live = makeChannel();
    const seen: LiveChange[] = [];
    live.onChange((c) => seen.push(c));
    live.connect(MAP);
    await until(() => live.status === 'open');
    const socket = connections[0]!.socket;
    for (const c of [change(11), change(12), change(12), change(11), change(13)]) {
      socket.send(JSON.stringify({ type: 'change', change: c }));
    }
    const otherMap = '00000000-0000-4000-8000-000000000002';
    socket.send(JSON.stringify({ type: 'change', change: { ...change(14), map_id: otherMap } }));
    socket.send(JSON.stringify({ type: 'ping' }));
    await until(() => connections[0]!.messages.some((m) => m.type === 'pong'));
    expect(seen.map((c) => c.id)).toEqual([11, 12, 13]);
    expect(live.lastChangeId).toBe(13);
  });

  it('forwards presence and resends its own presence after reconnecting', async () => {
    const live = makeChannel();
    const lists: unknown[] = [];
    live.onPresence((m) => lists.push(m));
    live.connect(MAP);
    await until(() => live.status === 'open');
    live.setPresence({ selection: { nodes: ['a'] } });
    const members = [
      { client_id: 'c', user_id: 'u', display_name: 'Anna', role: 'editor', selection: null }
    ];
    connections[0]!.socket.send(JSON.stringify({ type: 'presence', map_id: MAP, members }));
    await until(() => lists.length === 1);
    expect(lists[0]).toEqual(members);

    connections[0]!.socket.terminate();
    await until(() => connections.length === 2 && connections[1]!.messages.length >= 3);
    expect(connections[1]!.messages[2]).toEqual({
      type: 'presence',
      state: { selection: { nodes: ['a'] } }
    });
  });

  it('reconnects after a drop, says so at once, and resubscribes with the last change id', async () => {
    const live = makeChannel();
    const statuses: LiveStatus[] = [];
    live.onStatus((s) => statuses.push(s));
    live.connect(MAP);
    await until(() => live.status === 'open');
    connections[0]!.socket.send(JSON.stringify({ type: 'change', change: change(15) }));
    await until(() => live.lastChangeId === 15);

    connections[0]!.socket.terminate();
    await until(() => live.status === 'closed');
    await until(() => live.status === 'open' && connections.length === 2);
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
    expect(connections[1]!.messages[1]).toEqual({ type: 'subscribe', map_id: MAP, since: 15 });
  });

  it('keeps retrying with growing delays while the server is down', async () => {
    // The delays the channel asks for (random = 1: no jitter), not how long they took.
    const delays = reconnectDelays();
    let attempts = 0;
    const live = makeChannel({
      createSocket: (u) => {
        attempts++;
        return new WebSocket(u.replace(/:\d+\//, ':1/')) as unknown as WebSocketLike;
      }
    });
    live.connect(MAP);
    await until(() => attempts >= 5);
    expect(delays.slice(0, 4)).toEqual([20, 40, 80, 100]); // doubling up to maxDelayMs
    expect(live.status).not.toBe('open');
  });

  it('treats silence as a dead connection', async () => {
    const live = makeChannel({ silenceMs: 150 });
    live.connect(MAP);
    await until(() => live.status === 'open');
    // The second connection's subscribe arrives a moment after the socket opens.
    await until(() => !!connections[1]?.messages.some((m) => m.type === 'subscribe'), 2000);
    expect(connections[1]!.messages.find((m) => m.type === 'subscribe')).toMatchObject({
      since: 10
    });
  });

  it('asks for a reload on resync and reports errors', async () => {
    const live = makeChannel();
    let resyncs = 0;
    const errors: string[] = [];
    live.onResync(() => resyncs++);
    live.onError((e) => errors.push(e.code));
    live.connect(MAP, 3);
    await until(() => live.status === 'open');
    expect(connections[0]!.messages[1]).toEqual({ type: 'subscribe', map_id: MAP, since: 3 });
    connections[0]!.socket.send(JSON.stringify({ type: 'resync', map_id: MAP, last_id: 5000 }));
    connections[0]!.socket.send(JSON.stringify({ type: 'error', code: 'forbidden', message: 'x' }));
    await until(() => resyncs === 1 && errors.length === 1);
    expect(live.lastChangeId).toBe(5000);
    expect(errors).toEqual(['forbidden']);
  });

  it('close() stops reconnecting', async () => {
    let socket: WebSocket | null = null;
    const live = makeChannel({
      createSocket: (u) => (socket = new WebSocket(u)) as unknown as WebSocketLike
    });
    live.connect(MAP);
    await until(() => live.status === 'open');
    const delays = reconnectDelays();
    const closed = new Promise((resolve) => socket!.once('close', resolve));
    live.close();
    expect(live.status).toBe('closed');
    // Once the socket's close has been handled, a reconnect could only come from a timer.
    await closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(delays).toEqual([]);
    expect(connections).toHaveLength(1);
  });
});
