// @ts-check
// Local identity for the embedded stack: join with a display name, get a JWT.
//
//   POST /auth/local/join     { display_name, organisation?, municipality_code?,
//                               join_code?, admin_token?, map_id? }
//                             → { access_token, token_type, expires_at, user_id, role, map_id, profile }
//   POST /auth/local/refresh  Authorization: Bearer <token> → the same with a new token
//
// Roles on the map (map_members, as on hosted Supabase): admin with the stack's admin
// token (printed in the terminal), editor with the join code (printed too; not needed
// when the stack listens on loopback only), participant with a workshop code
// (`new_workshop_code`), otherwise viewer. A wrong code or token is refused (403)
// rather than silently downgraded, and wrong guesses are rate limited per client
// address and in total (JOIN_LIMITS): a room on one Wi-Fi joins freely.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { signToken } from './secrets.js';

export const SEED_MAP_ID = '00000000-0000-4000-8000-000000000001';
export const TOKEN_LIFETIME_HOURS = 12;
/** No 0/O, 1/I/L: easy to read aloud and to type from a projector. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BODY = 8 * 1024;

/** @param {string} host */
export function isLoopbackHost(host) {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A 6-character join code, e.g. "K7PQ2M" (shown as "K7P-Q2M"). */
export function newJoinCode() {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** @param {string} code */
export function formatJoinCode(code) {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/**
 * Before the socket starts (uses PGlite directly): loads or creates the admin token
 * (persistent, in <dataDir>/identity.json, mode 0600) and makes a NEW join code for
 * this start (the previous start's code stops working), stored only as a hash.
 * @param {{ db: import('@electric-sql/pglite').PGlite, dataDir: string, mapId?: string }} options
 * @returns {Promise<{ adminToken: string, joinCode: string | null, mapId: string }>}
 */
export async function prepareIdentity({ db, dataDir, mapId = SEED_MAP_ID }) {
  const file = join(dataDir, 'identity.json');
  /** @type {{ adminToken?: unknown }} */
  let stored = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  let adminToken = typeof stored.adminToken === 'string' ? stored.adminToken : '';
  if (adminToken.length < 32) {
    adminToken = randomBytes(24).toString('base64url');
    await writeFile(file, JSON.stringify({ adminToken }, null, 2) + '\n', { mode: 0o600 });
  }

  const exists = await db.query(`select 1 from public.maps where id = $1`, [mapId]);
  if (exists.rows.length === 0) return { adminToken, joinCode: null, mapId };
  const joinCode = newJoinCode();
  await db.transaction(async (tx) => {
    await tx.query(`delete from public.map_join_codes where map_id = $1`, [mapId]);
    await tx.query(
      `insert into public.map_join_codes (map_id, code_hash) values ($1, public.join_code_hash($1, $2))`,
      [mapId, joinCode]
    );
  });
  return { adminToken, joinCode, mapId };
}

/**
 * Rate limits of /auth/local/join. A room of 60–300 people behind one Wi-Fi (one
 * address) joins within a minute, with some typos; guessing a code does not pay:
 * codes are 6 of 31 characters (887 million), so wrong attempts at these rates
 * find one with a chance of about 1 in 3 000 in 12 hours from everywhere together
 * (300/min) and 1 in 100 000 from one address (10/min). Joining itself is only
 * limited against floods. A wrong code blocks further code attempts from that
 * address (also the right code) until the allowance refills.
 */
export const JOIN_LIMITS = Object.freeze({
  /** All joins per address: a flood guard, far above a room. */
  joinBurst: 600,
  joinsPerMinute: 600,
  /** Wrong codes or admin tokens per address. */
  failureBurst: 20,
  failuresPerMinute: 10,
  /** Wrong codes or admin tokens from all addresses together, per minute. */
  globalFailuresPerMinute: 300
});

/**
 * A token bucket per key: `capacity` attempts at once, refilled at `perMinute`.
 * @param {{ capacity: number, perMinute: number, now?: () => number }} options
 */
export function createRateLimiter({ capacity, perMinute, now = Date.now }) {
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();
  const rate = perMinute / 60_000;

  /** @param {string} key */
  function state(key) {
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * rate);
    bucket.at = t;
    if (buckets.size > 10_000 && !buckets.has(key)) {
      for (const [k, b] of buckets) if (b.tokens >= capacity) buckets.delete(k);
    }
    buckets.set(key, bucket);
    return bucket;
  }

  return {
    /** Seconds until one attempt is allowed again (0 = allowed now). */
    /** @param {string} key */
    retryAfter(key) {
      const bucket = state(key);
      return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / rate / 1000);
    },
    /** Takes one attempt; false when none is left. @param {string} key */
    take(key) {
      const bucket = state(key);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    }
  };
}

class HttpError extends Error {
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
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers
  });
  res.end(JSON.stringify(body));
}

/** @param {import('node:http').IncomingMessage} req */
function readJson(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
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
 * @param {unknown} value
 * @param {string} field
 * @param {number} max
 */
function optionalText(value, field, max) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new HttpError(400, `invalid_${field}`, `Fältet ${field} ska vara text.`);
  }
  const text = value.trim();
  if (text.length > max) {
    throw new HttpError(400, `invalid_${field}`, `Fältet ${field} får vara högst ${max} tecken.`);
  }
  return text === '' ? null : text;
}

/**
 * Validates a join request; throws HttpError 400 with a Swedish message.
 * @param {unknown} body
 */
export function parseJoinRequest(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', 'Skicka ett JSON-objekt med minst display_name.');
  }
  const b = /** @type {Record<string, unknown>} */ (body);
  const displayName = typeof b.display_name === 'string' ? b.display_name.trim() : '';
  if (displayName.length < 1 || displayName.length > 80) {
    throw new HttpError(
      400,
      'invalid_display_name',
      'Skriv det namn som de andra ska se (1–80 tecken).'
    );
  }
  const organisation = optionalText(b.organisation, 'organisation', 200);
  const municipalityCode = optionalText(b.municipality_code, 'municipality_code', 4);
  if (municipalityCode !== null && !/^[0-9]{4}$/.test(municipalityCode)) {
    throw new HttpError(
      400,
      'invalid_municipality_code',
      'Kommunkoden ska vara fyra siffror, till exempel 1880 för Örebro.'
    );
  }
  const joinCode = optionalText(b.join_code, 'join_code', 32);
  const adminToken = optionalText(b.admin_token, 'admin_token', 200);
  const mapId = optionalText(b.map_id, 'map_id', 36);
  if (mapId !== null && !UUID.test(mapId)) {
    throw new HttpError(400, 'invalid_map_id', 'Kartans id är inte giltigt.');
  }
  // `role: 'viewer'` joins to look only, also where a join needs no code (loopback).
  if (b.role !== undefined && b.role !== null && b.role !== 'viewer') {
    throw new HttpError(400, 'invalid_role', 'Rollen kan bara väljas som "viewer" (läsare).');
  }
  const viewerOnly = b.role === 'viewer';
  return { displayName, organisation, municipalityCode, joinCode, adminToken, mapId, viewerOnly };
}

/**
 * @param {string} a
 * @param {string} b
 */
function sameSecret(a, b) {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * The HTTP routes under /auth/local (mounted through http.js's `routes` hook).
 * @param {{
 *   sql: import('./sql.js').Sql,
 *   jwtSecret: string,
 *   adminToken: string,
 *   loopbackOnly: boolean,
 *   defaultMapId?: string,
 *   limits?: { joinsPerMinute?: number, joinBurst?: number, failuresPerMinute?: number, failureBurst?: number, globalFailuresPerMinute?: number }
 * }} options
 */
export function createIdentityRoutes({
  sql,
  jwtSecret,
  adminToken,
  loopbackOnly,
  defaultMapId = SEED_MAP_ID,
  limits = {}
}) {
  const l = { ...JOIN_LIMITS, ...limits };
  const joins = createRateLimiter({ capacity: l.joinBurst, perMinute: l.joinsPerMinute });
  const failures = createRateLimiter({
    capacity: l.failureBurst,
    perMinute: l.failuresPerMinute
  });
  const globalFailures = createRateLimiter({
    capacity: l.globalFailuresPerMinute,
    perMinute: l.globalFailuresPerMinute
  });
  const key = new TextEncoder().encode(jwtSecret);

  /** @param {string} ip */
  function limited(ip) {
    const wait = Math.max(failures.retryAfter(ip), globalFailures.retryAfter('*'));
    return new HttpError(
      429,
      'rate_limited',
      `För många försök. Vänta ${wait} sekunder och försök igen.`,
      { 'Retry-After': String(Math.max(1, wait)) }
    );
  }

  /** @param {string} ip */
  function recordFailure(ip) {
    failures.take(ip);
    globalFailures.take('*');
  }

  /**
   * @param {string} userId
   * @param {string} mapId
   * @param {string | null} role
   */
  async function session(userId, mapId, role) {
    const [profile] = await sql.query(
      `select display_name, organisation, municipality_code from public.profiles where id = $1`,
      [userId]
    );
    const expiresAt = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_HOURS * 3600;
    const accessToken = await signToken(
      jwtSecret,
      { role: 'authenticated', sub: userId },
      `${TOKEN_LIFETIME_HOURS}h`
    );
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_at: expiresAt,
      user_id: userId,
      role,
      map_id: mapId,
      profile: profile ?? null
    };
  }

  /** @param {import('node:http').IncomingMessage} req */
  async function join(req) {
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (!joins.take(ip)) {
      throw new HttpError(
        429,
        'rate_limited',
        `För många försök. Vänta ${joins.retryAfter(ip)} sekunder och försök igen.`,
        { 'Retry-After': String(Math.max(1, joins.retryAfter(ip))) }
      );
    }
    const input = parseJoinRequest(await readJson(req));
    const mapId = input.mapId ?? defaultMapId;
    const wantsAdmin = input.adminToken !== null && !input.viewerOnly;
    const wantsEditor = input.joinCode !== null && !input.viewerOnly;
    if (
      (wantsAdmin || wantsEditor) &&
      (failures.retryAfter(ip) > 0 || globalFailures.retryAfter('*') > 0)
    ) {
      throw limited(ip);
    }
    if (wantsAdmin && !sameSecret(input.adminToken ?? '', adminToken)) {
      recordFailure(ip);
      throw new HttpError(
        403,
        'wrong_admin_token',
        'Administratörslänken stämmer inte. Kopiera den på nytt från terminalen där Regionkartan startades.'
      );
    }

    const userId = await sql.transaction(async (client) => {
      const map = await client.query(
        `select visibility from public.maps where id = $1 and deleted_at is null`,
        [mapId]
      );
      if (map.rows.length === 0) {
        throw new HttpError(404, 'map_not_found', 'Kartan finns inte.');
      }
      if (wantsEditor && !wantsAdmin) {
        const valid = await client.query(
          `select 1 from public.map_join_codes where map_id = $1 and code_hash = public.join_code_hash($1, $2)`,
          [mapId, input.joinCode]
        );
        if (valid.rows.length === 0) {
          recordFailure(ip);
          throw new HttpError(
            403,
            'wrong_join_code',
            'Koden stämmer inte. Kontrollera koden som visas där Regionkartan startades, eller gå med utan kod för att bara titta.'
          );
        }
      }
      const meta = {
        display_name: input.displayName,
        organisation: input.organisation,
        municipality_code: input.municipalityCode
      };
      const inserted = await client.query(
        `insert into auth.users (raw_user_meta_data) values ($1) returning id`,
        [JSON.stringify(meta)]
      );
      const id = /** @type {string} */ (inserted.rows[0].id);
      // The membership is written as the new user, so the audit log names them.
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ role: 'authenticated', sub: id })
      ]);
      if (wantsAdmin) {
        await client.query(
          `insert into public.map_members (map_id, user_id, role) values ($1, $2, 'admin')
           on conflict (map_id, user_id) do update set role = 'admin'`,
          [mapId, id]
        );
        return id;
      }
      if (map.rows[0].visibility === 'private') {
        throw new HttpError(
          403,
          'map_not_joinable',
          'Den här kartan är privat. Be kartans administratör om en inbjudan.'
        );
      }
      await client.query(`select public.join_map($1, $2)`, [
        mapId,
        input.viewerOnly ? null : input.joinCode
      ]);
      if (loopbackOnly && !wantsEditor && !input.viewerOnly) {
        await client.query(
          `update public.map_members set role = 'editor'
           where map_id = $1 and user_id = $2 and role = 'viewer'`,
          [mapId, id]
        );
      }
      return id;
    });

    const [member] = await sql.query(
      `select role from public.map_members where map_id = $1 and user_id = $2`,
      [mapId, userId]
    );
    return session(userId, mapId, member?.role ?? null);
  }

  /** @param {import('node:http').IncomingMessage} req */
  async function refresh(req) {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    /** @type {import('jose').JWTPayload} */
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, key, { issuer: 'regionkartan-local' }));
    } catch {
      throw new HttpError(401, 'invalid_token', 'Inloggningen har gått ut. Gå med igen.');
    }
    if (claims.role !== 'authenticated' || typeof claims.sub !== 'string') {
      throw new HttpError(401, 'invalid_token', 'Inloggningen har gått ut. Gå med igen.');
    }
    const [user] = await sql.query(`select id from auth.users where id = $1`, [claims.sub]);
    if (!user) throw new HttpError(401, 'unknown_user', 'Användaren finns inte längre.');
    const body = /** @type {Record<string, unknown> | null} */ (await readJson(req));
    const mapId =
      typeof body?.map_id === 'string' && UUID.test(body.map_id) ? body.map_id : defaultMapId;
    const [member] = await sql.query(
      `select role from public.map_members where map_id = $1 and user_id = $2`,
      [mapId, claims.sub]
    );
    return session(claims.sub, mapId, member?.role ?? null);
  }

  /** @type {Record<string, (req: import('node:http').IncomingMessage) => Promise<unknown>>} */
  const handlers = { '/auth/local/join': join, '/auth/local/refresh': refresh };

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {boolean} whether the request was handled
   */
  return function routes(req, res) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = handlers[path];
    if (!handler) return false;
    if (req.method !== 'POST') {
      sendJson(
        res,
        405,
        { error: { code: 'method_not_allowed', message: 'Använd POST.' } },
        {
          Allow: 'POST'
        }
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
