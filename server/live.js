// @ts-check
// The live channel of the local stack: a WebSocket at /live on the stack's HTTP port.
//
// Fed by the audit trigger's pg_notify('changes', {id, map_id, table, row_id, op})
// (see notify-tap.js); only ids are sent, clients fetch rows through PostgREST so
// RLS always applies. Presence per map: who is here and what each has selected.
//
// Client → server                          Server → client
//   {type:'auth', token}                     {type:'hello', client_id, user_id}
//   {type:'subscribe', map_id, since?}       {type:'subscribed', map_id, role, last_id}
//   {type:'unsubscribe'}                     {type:'change', change:{id,map_id,table,row_id,op}}
//   {type:'presence', state:{display_name?,  {type:'resync', map_id, last_id}  (too much missed: reload)
//                    selection, following?}} {type:'presence', map_id, members:[…]}
//   {type:'pong'}                            {type:'ping'} · {type:'error', code, message}
//   {type:'present', state|null}             {type:'presenter', map_id, user_id, display_name, state|null}
// `present` (presenters only: can_present) relays the presenter's live view (step and
// cameras) to the others in the room; the last one is kept and sent on subscribe.
// A token may also be given as ?token=… on the URL. Without one the client is anon
// (public and link maps only).
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { WebSocketServer } from 'ws';

/** Beyond this many missed changes a reconnecting client reloads instead. */
export const MAX_CATCH_UP = 2000;
const MAX_SELECTION_BYTES = 4096;
const MAX_PRESENT_BYTES = 4096;
const MAX_BUFFERED = 1 << 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @typedef {{ id: number, map_id: string, table: string, row_id: string, op: string }} Change
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
  /** The last presenter message per map (sent to whoever subscribes later). @type {Map<string, string>} */
  const presenting = new Map();

  /**
   * @param {Client} client
   * @param {unknown} message
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
    /** @type {Change} */
    let change;
    try {
      change = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof change?.id !== 'number' || typeof change.map_id !== 'string') return;
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
        const message = JSON.stringify({
          type: 'presence',
          map_id: mapId,
          members: presenceOf(mapId)
        });
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
      UUID.test(payload.sub)
    ) {
      return { role: 'authenticated', sub: payload.sub };
    }
    if (payload.role === 'anon') return { role: 'anon' };
    throw new Error('unsupported role');
  }

  /**
   * @param {Client} client
   * @param {any} message
   */
  async function handle(client, message) {
    switch (message?.type) {
      case 'auth': {
        if (client.mapId) {
          send(client, { type: 'error', code: 'bad_request', message: 'Logga in före subscribe.' });
          return;
        }
        try {
          client.claims = await verify(String(message.token ?? ''));
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
      case 'subscribe': {
        const mapId = String(message.map_id ?? '');
        const since =
          message.since === undefined || message.since === null ? null : Number(message.since);
        if (!UUID.test(mapId) || (since !== null && !(Number.isSafeInteger(since) && since >= 0))) {
          send(client, { type: 'error', code: 'bad_request', message: 'Ogiltig prenumeration.' });
          return;
        }
        await subscribe(client, mapId, since);
        return;
      }
      case 'unsubscribe':
        client.subscription++;
        leave(client);
        return;
      case 'presence': {
        const state = message.state ?? {};
        const name =
          typeof state.display_name === 'string' ? state.display_name.trim().slice(0, 80) : '';
        const selection = state.selection ?? null;
        if (JSON.stringify(selection).length > MAX_SELECTION_BYTES) {
          send(client, { type: 'error', code: 'bad_request', message: 'Markeringen är för stor.' });
          return;
        }
        client.displayName = name || null;
        client.selection = selection;
        client.following = state.following === true;
        if (client.mapId) broadcastPresence(client.mapId);
        return;
      }
      case 'present': {
        const mapId = client.mapId;
        const state = message.state ?? null;
        if (!mapId || !client.presents) {
          send(client, {
            type: 'error',
            code: 'forbidden',
            message: 'Bara kartans presentatörer kan presentera.'
          });
          return;
        }
        if (
          (state !== null && (typeof state !== 'object' || Array.isArray(state))) ||
          JSON.stringify(state).length > MAX_PRESENT_BYTES
        ) {
          send(client, { type: 'error', code: 'bad_request', message: 'Ogiltig presentation.' });
          return;
        }
        const relayed = JSON.stringify({
          type: 'presenter',
          map_id: mapId,
          user_id: client.claims.sub ?? null,
          display_name: client.profileName ?? client.displayName ?? 'Anonym',
          state
        });
        if (state === null) presenting.delete(mapId);
        else presenting.set(mapId, relayed);
        for (const other of rooms.get(mapId) ?? []) if (other !== client) send(other, relayed);
        return;
      }
      case 'pong':
        return;
      default:
        send(client, { type: 'error', code: 'bad_request', message: 'Okänt meddelande.' });
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
      let message;
      try {
        message = JSON.parse(String(data));
      } catch {
        send(client, { type: 'error', code: 'bad_request', message: 'Meddelandet är inte JSON.' });
        return;
      }
      queue = queue
        .then(() => handle(client, message))
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
