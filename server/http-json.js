// @ts-check
// JSON over HTTP for the stack's own endpoints: the headers every answer carries,
// reading a bounded JSON body (and checking it against its schema), errors as
// `{ error: { code, message } }`, and a POST-only router for small JSON APIs
// (/auth/local/*).

export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'SAMEORIGIN'
};

/** The largest JSON body `readJson` accepts. */
export const MAX_JSON_BODY = 8 * 1024;

/** A refusal with an HTTP status, a stable code and a Swedish message. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {Record<string, string>} [headers]
   */
  constructor(status, code, message, headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...securityHeaders,
    ...headers
  });
  res.end(JSON.stringify(body));
}

/**
 * The request's JSON body (null when empty); HttpError 413 beyond MAX_JSON_BODY,
 * 400 when it is not JSON.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<unknown>}
 */
export function readJson(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_JSON_BODY) {
        reject(new HttpError(413, 'too_large', 'Förfrågan är för stor.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        reject(new HttpError(400, 'invalid_json', 'Förfrågan är inte giltig JSON.'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * The request's JSON body checked against a schema: what does not fit is refused
 * with 400 `invalid_<field>` (`invalid_body` for the body as a whole) and the
 * schema's message, and counted in `drops` (as is a body that is not JSON).
 * @template {import('zod/mini').ZodMiniType} S
 * @param {import('node:http').IncomingMessage} req
 * @param {S} schema
 * @param {import('../src/lib/wire/decode.js').DropCounts} drops
 * @returns {Promise<import('zod/mini').output<S>>}
 */
export async function readBody(req, schema, drops) {
  /** @type {unknown} */
  let body;
  try {
    body = await readJson(req);
  } catch (error) {
    if (error instanceof HttpError && error.code === 'invalid_json') drops.invalid_json++;
    throw error;
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  drops.malformed++;
  const issue = result.error.issues[0];
  const field = typeof issue?.path[0] === 'string' ? issue.path[0] : 'body';
  throw new HttpError(400, `invalid_${field}`, issue?.message ?? 'Förfrågan är inte giltig.');
}

/**
 * Routes POST requests by path to handlers that resolve to the JSON answer (200)
 * or reject with an HttpError (anything else is a 500 with a generic message).
 * @param {Record<string, (req: import('node:http').IncomingMessage) => Promise<unknown>>} handlers
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => boolean}
 *   whether the request was handled
 */
export function postRoutes(handlers) {
  return function routes(req, res) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = Object.hasOwn(handlers, path) ? handlers[path] : undefined;
    if (!handler) return false;
    if (req.method !== 'POST') {
      sendJson(
        res,
        405,
        { error: { code: 'method_not_allowed', message: 'Använd POST.' } },
        { Allow: 'POST' }
      );
      return true;
    }
    handler(req).then(
      (body) => sendJson(res, 200, body),
      (error) => {
        if (error instanceof HttpError) {
          sendJson(
            res,
            error.status,
            { error: { code: error.code, message: error.message } },
            error.headers
          );
        } else {
          sendJson(res, 500, {
            error: { code: 'internal', message: 'Något gick fel på servern. Försök igen.' }
          });
        }
      }
    );
    return true;
  };
}
