// The client end of the wire: what the server (or, on hosted Supabase, Realtime and
// other clients) sends that does not fit its schema is dropped and counted, never
// emitted, and the channel keeps working. LocalLiveChannel runs against a real `ws`
// server in this process; Realtime cannot run here, so SupabaseLiveChannel gets a
// stand-in channel that hands it payloads as Realtime would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/domain/database.types';
import {
  LocalLiveChannel,
  SupabaseLiveChannel,
  type PresenceMember,
  type WebSocketLike
} from '$lib/data/live';
import { LIVE_TABLES } from '$lib/data/supabase-live-channel';
import type { LiveChange } from '$lib/data/sync';
import { until } from '../helpers/until';

const MAP = '00000000-0000-4000-8000-000000000001';
const ROW = '00000000-0000-4000-8000-0000000000aa';

function record(live: LocalLiveChannel | SupabaseLiveChannel) {
  const seen = {
    changes: [] as LiveChange[],
    presence: [] as PresenceMember[][],
    errors: [] as string[],
    resyncs: 0
  };
  live.onChange((c) => seen.changes.push(c));
  live.onPresence((m) => seen.presence.push(m));
  live.onError((e) => seen.errors.push(e.code));
  live.onResync(() => seen.resyncs++);
  return seen;
}

describe('LocalLiveChannel: what the server sends', () => {
  let server: WebSocketServer;
  let sockets: WebSocket[];
  let live: LocalLiveChannel | null = null;

  beforeEach(async () => {
    sockets = [];
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === 'subscribe') {
          socket.send(JSON.stringify({ type: 'subscribed', map_id: MAP, role: null, last_id: 10 }));
        }
      });
    });
  });

  afterEach(async () => {
    live?.close();
    live = null;
    for (const c of server.clients) c.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  it('drops and counts what does not fit, emits none of it, and keeps working', async () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    live = new LocalLiveChannel({
      url: `ws://127.0.0.1:${port}/live`,
      createSocket: (u) => new WebSocket(u) as unknown as WebSocketLike
    });
    const seen = record(live);
    live.connect(MAP);
    await until(() => live!.status === 'open');
    expect(live.droppedMessages).toEqual({ invalid_json: 0, unknown_type: 0, malformed: 0 });

    const change = { id: 11, map_id: MAP, table: 'nodes', row_id: ROW, op: 'insert' };
    const junk = [
      '{"type":"change"',
      'null',
      '{"type":"shout","map_id":"x"}',
      '{"change":{}}',
      JSON.stringify({ type: 'change', change: { ...change, id: '11' } }),
      JSON.stringify({ type: 'change', change: { ...change, op: 'truncate' } }),
      JSON.stringify({ type: 'change', change: { ...change, row_id: 5 } }),
      JSON.stringify({ type: 'presence', map_id: MAP, members: 'everyone' }),
      JSON.stringify({ type: 'presence', map_id: MAP, members: [{ client_id: 1 }] }),
      JSON.stringify({ type: 'resync', map_id: MAP }),
      JSON.stringify({ type: 'error', code: 403 }),
      JSON.stringify({ type: 'subscribed', map_id: MAP, last_id: -1, role: null })
    ];
    const socket = sockets[0]!;
    for (const text of junk) socket.send(text);
    // Messages on one socket arrive in order: once this is seen, all of the above were read.
    socket.send(JSON.stringify({ type: 'change', change }));
    await until(() => seen.changes.length > 0);

    expect(seen.changes).toEqual([change]);
    expect(seen).toMatchObject({ presence: [], errors: [], resyncs: 0 });
    expect(live.droppedMessages).toEqual({ invalid_json: 1, unknown_type: 3, malformed: 8 });
    expect(live.lastChangeId).toBe(11);
    expect(live.status).toBe('open');
    expect(sockets).toHaveLength(1); // not reconnected: nothing broke
  });
});

/** Just enough of a Realtime channel to hand the channel the payloads Realtime would. */
function standIn() {
  const handlers: { type: string; cb: (payload: unknown) => void }[] = [];
  let presence: Record<string, unknown[]> = {};
  let subscribed: ((status: string) => void) | null = null;
  const channel = {
    on(type: string, _filter: unknown, cb: (payload: unknown) => void) {
      handlers.push({ type, cb });
      return channel;
    },
    subscribe(cb: (status: string) => void) {
      subscribed = cb;
      return channel;
    },
    presenceState: () => presence,
    track: async () => 'ok'
  };
  const client = {
    channel: () => channel,
    removeChannel: async () => 'ok'
  } as unknown as SupabaseClient<Database>;
  return {
    client,
    open: () => subscribed?.('SUBSCRIBED'),
    row(eventType: string, row: unknown) {
      for (const h of handlers.filter((h) => h.type === 'postgres_changes')) {
        h.cb({ eventType, new: eventType === 'DELETE' ? {} : row, old: row });
      }
    },
    sync(state: Record<string, unknown[]>) {
      presence = state;
      for (const h of handlers.filter((h) => h.type === 'presence')) h.cb({});
    }
  };
}

describe('SupabaseLiveChannel: what Realtime and other clients send', () => {
  it('drops and counts rows without an id and presence that does not fit', () => {
    const realtime = standIn();
    const live = new SupabaseLiveChannel(realtime.client);
    const seen = record(live);
    live.connect(MAP);
    realtime.open();
    expect(live.status).toBe('open');

    realtime.row('INSERT', {});
    realtime.row('UPDATE', { id: 5 });
    realtime.row('DELETE', { id: ROW });
    // Every followed table has its handler, so each row arrives once per table.
    expect(seen.changes.map((c) => [c.table, c.row_id, c.op, c.id])).toEqual(
      LIVE_TABLES.map((t) => [t, ROW, 'delete', null])
    );
    expect(live.droppedMessages.malformed).toBe(2 * LIVE_TABLES.length);

    realtime.sync({
      a: [{ user_id: 5, display_name: 'Fel', presence_ref: 'r1' }],
      b: [
        { user_id: 'u', display_name: 'Bo', role: 'editor', selection: null, presence_ref: 'r2' }
      ],
      c: [{ display_name: 'Stor', selection: 'x'.repeat(5000), presence_ref: 'r3' }],
      d: [{ presence_ref: 'r4' }]
    });
    expect(seen.presence).toEqual([
      [
        {
          client_id: 'b',
          user_id: 'u',
          display_name: 'Bo',
          role: 'editor',
          selection: null,
          following: false
        },
        {
          client_id: 'd',
          user_id: null,
          display_name: 'Anonym',
          role: 'anon',
          selection: null,
          following: false
        }
      ]
    ]);
    expect(live.droppedMessages).toEqual({
      invalid_json: 0,
      unknown_type: 0,
      malformed: 2 * LIVE_TABLES.length + 2
    });
    live.close();
  });
});
