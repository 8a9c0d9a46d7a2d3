// @ts-check
// The join code that makes whoever has it an editor of the seeded map, stored only as
// a hash: locally new at every start (the previous start's code stops working); on a
// server the one all processes derive from the shared secret (secrets.js).
import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: easy to read aloud and to type from a projector. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

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
 * Replaces the map's join code with `joinCode` (locally: through PGlite directly,
 * before the socket starts); null when the map does not exist.
 * @param {import('./database/migrate.js').Database} db
 * @param {string} mapId
 * @param {string} [joinCode]
 * @returns {Promise<string | null>}
 */
export async function issueJoinCode(db, mapId, joinCode = newJoinCode()) {
  const exists = await db.query(`select 1 from public.maps where id = $1`, [mapId]);
  if (exists.rows.length === 0) return null;
  // Idempotent, so that several processes putting the same code in place at once agree.
  await db.transaction(async (tx) => {
    await tx.query(
      `delete from public.map_join_codes
       where map_id = $1 and code_hash <> public.join_code_hash($1, $2)`,
      [mapId, joinCode]
    );
    await tx.query(
      `insert into public.map_join_codes (map_id, code_hash) values ($1, public.join_code_hash($1, $2))
       on conflict do nothing`,
      [mapId, joinCode]
    );
  });
  return joinCode;
}
