// @ts-check
// Server mode: committed notifications on a channel, through a `LISTEN` on a connection
// of their own (the embedded PGlite needs notify-tap.js instead). When that connection
// drops, it reconnects and first hands over, from public.changes, what was committed
// meanwhile (the live channel delivers each change id once, so a repeat is harmless).
import pg from 'pg';

/**
 * @param {{
 *   databaseUrl: string,
 *   channel: string,
 *   onPayload: (payload: string) => void,
 *   log?: (line: string) => void
 * }} options
 * @returns {Promise<() => Promise<void>>} stops listening
 */
export async function listenForChanges({ databaseUrl, channel, onPayload, log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let stopped = false;
  let lastId = 0;
  /** @type {pg.Client | null} */
  let client = null;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let retry = null;

  /** @param {string} payload */
  const hand = (payload) => {
    const id = Number(/** @type {{ id?: unknown }} */ (safeJson(payload))?.id);
    if (Number.isFinite(id) && id > lastId) lastId = id;
    try {
      onPayload(payload);
    } catch {
      // a faulty listener must never stop the feed
    }
  };

  /**
   * @param {boolean} catchUp
   * @returns {Promise<pg.Client>}
   */
  const connect = async (catchUp) => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) hand(message.payload);
    });
    next.on('error', () => reconnect());
    next.on('end', () => reconnect());
    await next.connect();
    await next.query(`listen ${channel}`);
    client = next;
    if (catchUp) {
      const missed = await next.query(
        `select json_build_object('id', id, 'map_id', map_id, 'table', table_name,
                'row_id', row_id, 'op', op)::text as payload
         from public.changes where id > $1 order by id`,
        [lastId]
      );
      for (const row of missed.rows) hand(row.payload);
    }
    return next;
  };

  let attempts = 0;
  const reconnect = () => {
    if (stopped || retry) return;
    const dead = client;
    client = null;
    dead?.removeAllListeners('end');
    dead?.end().catch(() => {});
    retry = setTimeout(
      async () => {
        retry = null;
        try {
          await connect(true);
          attempts = 0;
          log('live: LISTEN återansluten / reconnected');
        } catch {
          attempts++;
          reconnect();
        }
      },
      Math.min(250 * 2 ** attempts, 5000)
    );
  };

  const first = await connect(false);
  // Listening from here on; what was committed before is the clients' catch-up's to read.
  const head = await first.query(`select coalesce(max(id), 0)::bigint as last from public.changes`);
  lastId = Math.max(lastId, Number(head.rows[0]?.last ?? 0));

  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const last = client;
    client = null;
    last?.removeAllListeners('end');
    await last?.end().catch(() => {});
  };
}

/** @param {string} text */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
