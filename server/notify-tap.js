// @ts-check
// Postgres NOTIFY from statements that arrive through pglite-socket.
//
// Measured with PGlite 0.5 + pglite-socket 0.2: PGlite has a single backend, and a
// NotificationResponse is written into the wire stream of whichever socket
// connection committed (e.g. PostgREST's). Neither PGlite's db.listen() nor a
// `LISTEN` on another socket connection ever sees it. So the stack LISTENs once on
// the backend (before the socket starts) and scans the raw protocol stream that
// PGlite returns for NotificationResponse ('A') messages. Only committed
// notifications are delivered (Postgres sends them after the commit), exactly once.

const NOTIFICATION_RESPONSE = 0x41; // 'A'
const decoder = new TextDecoder();

/**
 * A streaming scanner of backend messages that hands over each 'A' message body.
 * Messages may be split across chunks; everything else is skipped without copying.
 * @param {(body: Uint8Array) => void} onNotification
 */
export function createNotificationScanner(onNotification) {
  const header = new Uint8Array(5);
  let headerLength = 0;
  let skip = 0;
  /** @type {Uint8Array | null} */
  let body = null;
  let bodyOffset = 0;

  /** @param {Uint8Array} chunk */
  return (chunk) => {
    let i = 0;
    while (i < chunk.length) {
      if (body) {
        const take = Math.min(body.length - bodyOffset, chunk.length - i);
        body.set(chunk.subarray(i, i + take), bodyOffset);
        bodyOffset += take;
        i += take;
        if (bodyOffset === body.length) {
          const done = body;
          body = null;
          onNotification(done);
        }
      } else if (skip > 0) {
        const take = Math.min(skip, chunk.length - i);
        skip -= take;
        i += take;
      } else {
        const take = Math.min(5 - headerLength, chunk.length - i);
        header.set(chunk.subarray(i, i + take), headerLength);
        headerLength += take;
        i += take;
        if (headerLength < 5) return;
        headerLength = 0;
        const length =
          ((header[1] ?? 0) << 24) |
          ((header[2] ?? 0) << 16) |
          ((header[3] ?? 0) << 8) |
          (header[4] ?? 0);
        const size = Math.max(0, length - 4);
        if (header[0] === NOTIFICATION_RESPONSE) {
          body = new Uint8Array(size);
          bodyOffset = 0;
          if (size === 0) {
            body = null;
          }
        } else skip = size;
      }
    }
  };
}

/**
 * Parses a NotificationResponse body: int32 pid, channel\0, payload\0.
 * @param {Uint8Array} body
 */
export function parseNotification(body) {
  const channelEnd = body.indexOf(0, 4);
  const payloadEnd = body.indexOf(0, channelEnd + 1);
  return {
    channel: decoder.decode(body.subarray(4, channelEnd)),
    payload: decoder.decode(
      body.subarray(channelEnd + 1, payloadEnd < 0 ? body.length : payloadEnd)
    )
  };
}

/**
 * LISTENs on `channel` and calls onPayload for every notification committed through
 * the socket. Must run BEFORE the socket server starts (it uses db.exec).
 * @param {import('@electric-sql/pglite').PGlite} db
 * @param {string} channel
 * @param {(payload: string) => void} onPayload
 * @returns {Promise<() => void>} removes the tap
 */
export async function tapNotifications(db, channel, onPayload) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  await db.exec(`listen ${channel}`);
  const original = db.execProtocolRawStream;
  /** @type {typeof db.execProtocolRawStream} */
  const tapped = function (message, options) {
    const onRawData = options?.onRawData;
    const scan = createNotificationScanner((body) => {
      const notification = parseNotification(body);
      if (notification.channel !== channel) return;
      try {
        onPayload(notification.payload);
      } catch {
        // a faulty listener must never break the database stream
      }
    });
    return original.call(db, message, {
      ...options,
      onRawData: (data) => {
        scan(data);
        onRawData?.(data);
      }
    });
  };
  db.execProtocolRawStream = tapped;
  return () => {
    if (db.execProtocolRawStream === tapped) db.execProtocolRawStream = original;
  };
}
