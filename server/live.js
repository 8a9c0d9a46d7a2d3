// @ts-check
// The live channel of the local stack: a WebSocket at /live on the stack's HTTP port.
//
// Fed by the audit trigger's pg_notify('changes', {id, map_id, table, row_id, op})
// (see notify-tap.js); only ids are sent, clients fetch rows through PostgREST so
// RLS always applies. Presence per map: who is here and what each has selected.
//
// The messages, both ways, are defined once in src/lib/wire/live.js and decoded
// with its schemas: what is not JSON, has an unknown type or does not fit is dropped,
// counted (`dropped`) and answered with {type:'error', code:'bad_request'}.
// `present` (presenters only: can_present) relays the presenter's live view (step and
// cameras) to the others on the map as `presenter`; the last one is kept and sent on
// subscribe.
// A token may also be given as ?token=… on the URL. Without one the client is anon
// (public and link maps only).
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { WebSocketServer } from 'ws';
import { decodeJson, decodeMessage, dropCounts } from '../src/lib/wire/decode.js';
import { PROFILE_MAX_LENGTH } from '../src/lib/wire/identity.js';
import { clientMessageSchemas, UUID_PATTERN, wireChangeSchema } from '../src/lib/wire/live.js';

/** Beyond this many missed changes a reconnecting client reloads instead. */
export const MAX_CATCH_UP = 2000;
const MAX_BUFFERED = 1 << 20;

/** The answer to a dropped message, by why it was dropped (and its type). */
const REFUSALS = {
  invalid_json: 'Meddelandet är inte JSON.',
  unknown_type: 'Okänt meddelande.',
  malformed: 'Ogiltigt meddelande.',
  subscribe: 'Ogiltig prenumeration.',
  presence: 'Ogiltig närvaro (markeringen får vara högst 4 096 tecken JSON).'
};

/**
 * @typedef {import('../src/lib/wire/live.js').WireChange} Change
 * @typedef {import('../src/lib/wire/live.js').ClientMessage} ClientMessage
 * @typedef {import('../src/lib/wire/live.js').ServerMessage} ServerMessage
 * @typedef {{
 *   id: string,
 *   ws: import('ws').WebSocket,
 *   claims: import('./sql.js').Claims,
 *   alive: boolean,
 *   mapId: string | null,
 *   subscription: number,
 *   role: string | null,
 *   profileName: string | null,
 *   displayName: string | null,
 *   selection: unknown,
 *   following: boolean,
 *   presents: boolean,
 *   lastSent: number,
 *   buffer: Change[] | null
 * }} Client
 */

/**
 * The hub exists before the database socket (so the notification tap can feed it);
 * `attach` wires it to the HTTP server and the server's SQL once those are ready.
 * @param {{ jwtSecret: string, heartbeatMs?: number, log?: (line: string) => void }} options
 */
export function createLive({ jwtSecret, heartbeatMs = 4000, log = () => {} }) {
  const key = new TextEncoder().encode(jwtSecret);
  /** @type {Map<string, Set<Client>>} */
  const rooms = new Map();
  /** @type {Set<Client>} */
  const clients = new Set();
  /** @type {import('./sql.js').Sql | null} */
  let sql = null;
  /** @type {WebSocketServer | null} */
  let wss = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  let heartbeat = null;
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const presenceTimers = new Map();
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const recheckTimers = new Map();
  /** Client messages dropped (not JSON, unknown type, not fitting their schema). */
  const droppedMessages = dropCounts();
  /** NOTIFY payloads dropped (never expected: the audit trigger writes them). */
  const droppedNotifications = dropCounts();
  /** The last presenter message per map, as JSON (sent to whoever subscribes later). @type {Map<string, string>} */
  const presenting = new Map();

  /**
   * @param {Client} client
   * @param {ServerMessage | string} message a message, or one already as JSON
   */
  function send(client, message) {
    if (client.ws.readyState !== client.ws.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED) {
      client.ws.terminate(); // too slow to keep up: it reconnects and catches up
      return;
    }
    client.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /**
   * @param {Client} client
   * @param {Change} change
   */
  function deliver(client, change) {
    if (change.id <= client.lastSent) return; // exactly once, in order
    client.lastSent = change.id;
    send(client, { type: 'change', change });
  }

  /** Called with every committed 'changes' notification. @param {string} payload */
  function publish(payload) {
    const change = decodeJson(wireChangeSchema, payload, droppedNotifications);
    if (!change) return;
    const room = rooms.get(change.map_id);
    if (room) {
      for (const client of room) {
        if (client.buffer) client.buffer.push(change);
        else deliver(client, change);
      }
    }
    if (change.table === 'maps' || change.table === 'map_members') scheduleRecheck(change.map_id);
  }

  /**
   * @param {import('./sql.js').Claims} claims
   * @param {string} mapId
   */
  async function access(claims, mapId) {
    if (!sql) throw new Error('live channel not attached');
    const [row] = await sql.asClaims(claims, async (client) => {
      const res = await client.query(
        `select public.can_read_map($1) as readable, public.map_role($1) as role,
                public.can_present($1) as presents`,
        [mapId]
      );
      return res.rows;
    });
    let profileName = null;
    if (claims.sub) {
      const [profile] = await sql.query(`select display_name from public.profiles where id = $1`, [
        claims.sub
      ]);
      profileName = /** @type {string | null} */ (profile?.display_name ?? null);
    }
    return {
      readable: Boolean(row?.readable),
      role: /** @type {string | null} */ (row?.role ?? null),
      presents: Boolean(row?.presents),
      profileName
    };
  }

  /** @param {string} mapId */
  function presenceOf(mapId) {
    return [...(rooms.get(mapId) ?? [])].map((c) => ({
      client_id: c.id,
      user_id: c.claims.sub ?? null,
      display_name: c.profileName ?? c.displayName ?? 'Anonym',
      role: c.role ?? (c.claims.sub ? 'viewer' : 'anon'),
      selection: c.selection ?? null,
      following: c.following
    }));
  }

  /** Coalesces presence broadcasts (selection changes can be frequent). @param {string} mapId */
  function broadcastPresence(mapId) {
    if (presenceTimers.has(mapId)) return;
    presenceTimers.set(
      mapId,
      setTimeout(() => {
        presenceTimers.delete(mapId);
        const room = rooms.get(mapId);
        if (!room) return;
        /** @type {ServerMessage} */
        const presence = { type: 'presence', map_id: mapId, members: presenceOf(mapId) };
        const message = JSON.stringify(presence);
        for (const client of room) send(client, message);
      }, 30)
    );
  }

  /** @param {Client} client */
  function leave(client) {
    const mapId = client.mapId;
    if (!mapId) return;
    client.mapId = null;
    client.buffer = null;
    const room = rooms.get(mapId);
    room?.delete(client);
    if (room && room.size === 0) rooms.delete(mapId);
    else broadcastPresence(mapId);
  }

  /**
   * Membership or visibility changed: check again who may still listen.
   * @param {string} mapId
   */
  function scheduleRecheck(mapId) {
    if (recheckTimers.has(mapId)) return;
    recheckTimers.set(
      mapId,
      setTimeout(async () => {
        recheckTimers.delete(mapId);
        for (const client of [...(rooms.get(mapId) ?? [])]) {
          try {
            const now = await access(client.claims, mapId);
            if (client.mapId !== mapId) continue;
            if (!now.readable) {
              leave(client);
              send(client, {
                type: 'error',
                code: 'forbidden',
                message: 'Du har inte längre tillgång till kartan.'
              });
            } else if (now.role !== client.role || now.presents !== client.presents) {
              client.role = now.role;
              client.presents = now.presents;
              broadcastPresence(mapId);
            }
          } catch (error) {
            log(`live: recheck failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }, 50)
    );
  }

  /**
   * @param {Client} client
   * @param {string} mapId
   * @param {number | null} since
   */
  async function subscribe(client, mapId, since) {
    if (!sql) return;
    leave(client);
    const subscription = ++client.subscription;
    const { readable, role, presents, profileName } = await access(client.claims, mapId);
    if (subscription !== client.subscription) return; // superseded meanwhile
    if (!readable) {
      send(client, {
        type: 'error',
        code: 'forbidden',
        message: 'Kartan finns inte eller så saknar du behörighet att se den.'
      });
      return;
    }
    client.role = role;
    client.presents = presents;
    client.profileName = profileName;
    client.mapId = mapId;
    client.buffer = [];
    const room = rooms.get(mapId) ?? new Set();
    rooms.set(mapId, room);
    room.add(client);

    // Join first and buffer, then read what was missed: nothing falls in between.
    const [head] = await sql.query(
      `select coalesce(max(id), 0)::bigint as last_id from public.changes where map_id = $1`,
      [mapId]
    );
    const last = Number(head?.last_id ?? 0);
    /** @type {Change[]} */
    let missed = [];
    let resync = false;
    if (since !== null && since < last) {
      const rows = await sql.query(
        `select id, map_id, table_name as "table", row_id, op from public.changes
         where map_id = $1 and id > $2 order by id limit $3`,
        [mapId, since, MAX_CATCH_UP + 1]
      );
      resync = rows.length > MAX_CATCH_UP;
      missed = rows.map((r) => /** @type {Change} */ ({ ...r, id: Number(r.id) }));
    }
    if (subscription !== client.subscription || client.mapId !== mapId) return;
    client.lastSent = since ?? last;
    send(client, { type: 'subscribed', map_id: mapId, role, last_id: last });
    if (resync) {
      client.lastSent = last;
      send(client, { type: 'resync', map_id: mapId, last_id: last });
    } else {
      for (const change of missed) deliver(client, change);
    }
    const buffered = client.buffer ?? [];
    client.buffer = null;
    for (const change of buffered) deliver(client, change);
    const presenter = presenting.get(mapId);
    if (presenter) send(client, presenter);
    broadcastPresence(mapId);
  }

  /**
   * @param {string} token
   * @returns {Promise<import('./sql.js').Claims>}
   */
  async function verify(token) {
    const { payload } = await jwtVerify(token, key);
    if (
      payload.role === 'authenticated' &&
      typeof payload.sub === 'string' &&
      UUID_PATTERN.test(payload.sub)
    ) {
      return { role: 'authenticated', sub: payload.sub };
    }
    if (payload.role === 'anon') return { role: 'anon' };
    throw new Error('unsupported role');
  }

  /**
   * @param {Client} client
   * @param {ClientMessage} message
   */
  async function handle(client, message) {
    switch (message.type) {
      case 'auth': {
        if (client.mapId) {
          send(client, { type: 'error', code: 'bad_request', message: 'Logga in före subscribe.' });
          return;
        }
        try {
          client.claims = await verify(message.token);
          send(client, { type: 'hello', client_id: client.id, user_id: client.claims.sub ?? null });
        } catch {
          send(client, {
            type: 'error',
            code: 'invalid_token',
            message: 'Inloggningen är ogiltig eller har gått ut.'
          });
          client.ws.close(4001, 'invalid token');
        }
        return;
      }
      case 'subscribe':
        await subscribe(client, message.map_id, message.since ?? null);
        return;
      case 'unsubscribe':
        client.subscription++;
        leave(client);
        return;
      case 'presence': {
        const name =
          message.state.display_name?.trim().slice(0, PROFILE_MAX_LENGTH.display_name) ?? '';
        client.displayName = name || null;
        client.selection = message.state.selection ?? null;
        client.following = message.state.following === true;
        if (client.mapId) broadcastPresence(client.mapId);
        return;
      }
      case 'present': {
        const mapId = client.mapId;
        const state = message.state;
        if (!mapId || !client.presents) {
          send(client, {
            type: 'error',
            code: 'forbidden',
            message: 'Bara kartans presentatörer kan presentera.'
          });
          return;
        }
        /** @type {ServerMessage} */
        const presenter = {
          type: 'presenter',
          map_id: mapId,
          user_id: client.claims.sub ?? null,
          display_name: client.profileName ?? client.displayName ?? 'Anonym',
          state
        };
        const relayed = JSON.stringify(presenter);
        if (state === null) presenting.delete(mapId);
        else presenting.set(mapId, relayed);
        for (const other of rooms.get(mapId) ?? []) if (other !== client) send(other, relayed);
        return;
      }
      case 'pong':
        return;
    }
  }

  /**
   * @param {import('ws').WebSocket} ws
   * @param {import('node:http').IncomingMessage} req
   */
  async function onConnection(ws, req) {
    /** @type {Client} */
    const client = {
      id: randomUUID(),
      ws,
      claims: { role: 'anon' },
      alive: true,
      mapId: null,
      subscription: 0,
      role: null,
      profileName: null,
      displayName: null,
      selection: null,
      following: false,
      presents: false,
      lastSent: 0,
      buffer: null
    };
    clients.add(client);
    // Messages are handled one at a time, in order.
    let queue = Promise.resolve();
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data) => {
      client.alive = true;
      const decoded = decodeMessage(clientMessageSchemas, String(data), droppedMessages);
      queue = queue
        .then(() => {
          if (decoded.ok) return handle(client, decoded.message);
          const refusal =
            decoded.type === 'subscribe' || decoded.type === 'presence'
              ? REFUSALS[decoded.type]
              : REFUSALS[decoded.reason];
          send(client, { type: 'error', code: 'bad_request', message: refusal });
        })
        .catch((error) => {
          log(`live: ${error instanceof Error ? error.message : String(error)}`);
          send(client, { type: 'error', code: 'internal', message: 'Något gick fel på servern.' });
        });
    });
    ws.on('close', () => {
      clients.delete(client);
      client.subscription++;
      leave(client);
    });
    ws.on('error', () => ws.terminate());

    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    if (token) {
      queue = queue.then(() => handle(client, { type: 'auth', token }));
    } else {
      send(client, { type: 'hello', client_id: client.id, user_id: null });
    }
  }

  return {
    publish,
    /** Number of open connections (for health and tests). */
    get connections() {
      return clients.size;
    },
    /** What was dropped so far: client messages and NOTIFY payloads, by reason. */
    get dropped() {
      return { messages: { ...droppedMessages }, notifications: { ...droppedNotifications } };
    },
    /**
     * @param {import('node:http').Server} server
     * @param {import('./sql.js').Sql} theSql
     */
    attach(server, theSql) {
      sql = theSql;
      wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
      const ws = wss;
      wss.on('connection', (socket, req) => void onConnection(socket, req));
      server.on('upgrade', (req, socket, head) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === '/live') {
          ws.handleUpgrade(req, socket, head, (conn) => ws.emit('connection', conn, req));
        } else if (server.listenerCount('upgrade') === 1) {
          socket.destroy();
        }
      });
      // Dead connections (no pong for one interval) are dropped within 2 intervals.
      heartbeat = setInterval(() => {
        for (const client of clients) {
          if (!client.alive) {
            client.ws.terminate();
            continue;
          }
          client.alive = false;
          client.ws.ping();
          send(client, { type: 'ping' });
        }
      }, heartbeatMs);
    },
    async close() {
      if (heartbeat) clearInterval(heartbeat);
      for (const timer of [...presenceTimers.values(), ...recheckTimers.values()])
        clearTimeout(timer);
      for (const client of clients) client.ws.terminate();
      clients.clear();
      rooms.clear();
      presenting.clear();
      await new Promise((resolve) =>
        wss ? wss.close(() => resolve(undefined)) : resolve(undefined)
      );
    }
  };
}
