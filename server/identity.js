// @ts-check
// Local identity for the embedded stack: join with a display name, get a JWT.
//
//   POST /auth/local/join     { display_name, organisation?, municipality_code?,
//                               join_code?, admin_token?, map_id?, role? }
//                             → { access_token, token_type, expires_at, user_id, role, map_id, profile }
//   POST /auth/local/refresh  Authorization: Bearer <token>, { map_id? } → the same with a new token
//
// The bodies are defined once, for both ends, in src/lib/data/wire/identity.js; a
// request body that does not fit is refused (400) and counted in `drops`.
//
// Roles on the map (map_members, as on hosted Supabase): admin with the stack's admin
// token (printed in the terminal), editor with the join code (printed too; not needed
// when the stack listens on loopback only), participant with a workshop code
// (`new_workshop_code`, granted by join_map), otherwise viewer. A wrong code or token
// is refused (403) rather than silently downgraded, and wrong guesses are rate limited
// per client address and in total (JOIN_LIMITS, join-limits.js): a room on one Wi-Fi
// joins freely.
import { jwtVerify } from 'jose';
import { dropCounts } from '../src/lib/wire/decode.js';
import { joinRequestSchema, refreshRequestSchema } from '../src/lib/wire/identity.js';
import { HttpError, postRoutes, readBody } from './http-json.js';
import { issueJoinCode } from './join-code.js';
import { createJoinLimits } from './join-limits.js';
import { sameSecret, signToken } from './secrets.js';

export const SEED_MAP_ID = '00000000-0000-4000-8000-000000000001';
export const TOKEN_LIFETIME_HOURS = 12;

/**
 * Puts this start's join code for the seeded map in place (locally before the socket
 * starts, through PGlite directly): a NEW one unless `joinCode` is given (server mode:
 * the one every process derives from the shared secret). Stored only as a hash.
 * @param {{ db: import('./database/migrate.js').Database, joinCode?: string, mapId?: string }} options
 * @returns {Promise<{ joinCode: string | null, mapId: string }>}
 */
export async function prepareJoinCode({ db, joinCode, mapId = SEED_MAP_ID }) {
  return { joinCode: await issueJoinCode(db, mapId, joinCode), mapId };
}

/**
 * The HTTP routes under /auth/local (mounted through http.js's `routes` hook).
 * @param {{
 *   sql: import('./sql.js').Sql,
 *   jwtSecret: string,
 *   adminToken: string,
 *   loopbackOnly: boolean,
 *   defaultMapId?: string,
 *   limits?: import('./join-limits.js').JoinLimitOptions,
 *   drops?: import('../src/lib/wire/decode.js').DropCounts
 * }} options
 */
export function createIdentityRoutes({
  sql,
  jwtSecret,
  adminToken,
  loopbackOnly,
  defaultMapId = SEED_MAP_ID,
  limits = {},
  drops = dropCounts()
}) {
  const guard = createJoinLimits(limits);
  const key = new TextEncoder().encode(jwtSecret);

  /**
   * @param {string} userId
   * @param {string} mapId
   * @param {import('../src/lib/wire/identity.js').MapRole | null} role
   * @returns {Promise<import('../src/lib/wire/identity.js').SessionResponse>}
   */
  async function session(userId, mapId, role) {
    const [profile] = /** @type {import('../src/lib/wire/identity.js').Profile[]} */ (
      await sql.query(
        `select display_name, organisation, municipality_code from public.profiles where id = $1`,
        [userId]
      )
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
    guard.takeJoin(ip);
    const input = await readBody(req, joinRequestSchema, drops);
    const viewerOnly = input.role === 'viewer';
    const mapId = input.map_id ?? defaultMapId;
    const wantsAdmin = input.admin_token !== null && !viewerOnly;
    const wantsEditor = input.join_code !== null && !viewerOnly;
    if (wantsAdmin || wantsEditor) guard.checkGuess(ip);
    if (wantsAdmin && !sameSecret(input.admin_token ?? '', adminToken)) {
      guard.recordFailure(ip);
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
          [mapId, input.join_code]
        );
        if (valid.rows.length === 0) {
          guard.recordFailure(ip);
          throw new HttpError(
            403,
            'wrong_join_code',
            'Koden stämmer inte. Kontrollera koden som visas där Regionkartan startades, eller gå med utan kod för att bara titta.'
          );
        }
      }
      const meta = {
        display_name: input.display_name,
        organisation: input.organisation,
        municipality_code: input.municipality_code
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
        viewerOnly ? null : input.join_code
      ]);
      if (loopbackOnly && !wantsEditor && !viewerOnly) {
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
    const body = await readBody(req, refreshRequestSchema, drops);
    const mapId = body?.map_id ?? defaultMapId;
    const [member] = await sql.query(
      `select role from public.map_members where map_id = $1 and user_id = $2`,
      [mapId, claims.sub]
    );
    return session(claims.sub, mapId, member?.role ?? null);
  }

  return postRoutes({ '/auth/local/join': join, '/auth/local/refresh': refresh });
}
