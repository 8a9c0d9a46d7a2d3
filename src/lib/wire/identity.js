// @ts-check
// The local identity endpoints' bodies (server/identity.js ⇄ LocalIdentity), one
// schema each, used by both ends:
//
//   POST /auth/local/join     joinRequestSchema    → sessionResponseSchema
//   POST /auth/local/refresh  refreshRequestSchema → sessionResponseSchema
//   any refusal               errorResponseSchema (4xx/5xx)
//
// A join request that does not fit is refused with 400 `invalid_<field>` (or
// `invalid_body`) and the Swedish message given here.
import { z } from 'zod/mini';
import { UUID_PATTERN } from './live.js';

export const MAP_ROLES = /** @type {const} */ (['viewer', 'participant', 'editor', 'admin']);

/**
 * The longest profile texts, in characters (the `profiles` columns' limits;
 * lib/domain/limits.js reads them from here, and so does server/live.js).
 */
export const PROFILE_MAX_LENGTH = /** @type {const} */ ({ display_name: 80, organisation: 200 });

const NAME_MESSAGE = `Skriv det namn som de andra ska se (1–${PROFILE_MAX_LENGTH.display_name} tecken).`;

/**
 * Optional text: absent, null or blank is null; otherwise trimmed, at most `max`
 * characters, and passing `checks`.
 * @param {string} field
 * @param {number} max
 * @param {...import('zod/mini').core.$ZodCheck<string>} checks
 */
function optionalText(field, max, ...checks) {
  return z.pipe(
    z.nullish(
      z
        .string({ error: `Fältet ${field} ska vara text.` })
        .check(
          z.trim(),
          z.maxLength(max, `Fältet ${field} får vara högst ${max} tecken.`),
          ...checks
        )
    ),
    z.transform((text) => (text ? text : null))
  );
}

export const joinRequestSchema = z.object(
  {
    display_name: z
      .string({ error: NAME_MESSAGE })
      .check(
        z.trim(),
        z.minLength(1, NAME_MESSAGE),
        z.maxLength(PROFILE_MAX_LENGTH.display_name, NAME_MESSAGE)
      ),
    organisation: optionalText('organisation', PROFILE_MAX_LENGTH.organisation),
    municipality_code: optionalText(
      'municipality_code',
      4,
      z.regex(/^([0-9]{4})?$/, 'Kommunkoden ska vara fyra siffror, till exempel 1880 för Örebro.')
    ),
    /** The code printed by the local stack: editor; a workshop code (new_workshop_code): participant. */
    join_code: optionalText('join_code', 32),
    /** The stack's admin token (from the admin link): admin. */
    admin_token: optionalText('admin_token', 200),
    map_id: optionalText(
      'map_id',
      36,
      z.regex(new RegExp(`${UUID_PATTERN.source}|^$`, 'i'), 'Kartans id är inte giltigt.')
    ),
    /** `viewer` joins to look only, also where a join needs no code (loopback). */
    role: z.nullish(z.literal('viewer', { error: 'Rollen kan bara väljas som "viewer" (läsare).' }))
  },
  { error: 'Skicka ett JSON-objekt med minst display_name.' }
);

/** The body of a refresh: the map to give the role on (the default map when left out). */
export const refreshRequestSchema = z.nullable(
  z.object({
    map_id: z.nullish(z.string().check(z.regex(UUID_PATTERN, 'Kartans id är inte giltigt.')))
  })
);

export const profileSchema = z.object({
  display_name: z.string(),
  organisation: z.optional(z.nullable(z.string())),
  municipality_code: z.optional(z.nullable(z.string()))
});

export const sessionResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.literal('bearer'),
  /** Unix seconds. */
  expires_at: z.number(),
  user_id: z.string(),
  /** The role on `map_id` (map_members); null when not a member. */
  role: z.nullable(z.enum(MAP_ROLES)),
  map_id: z.string(),
  profile: z.nullable(profileSchema)
});

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() })
});

/** @typedef {import('zod/mini').input<typeof joinRequestSchema>} JoinRequest */
/** @typedef {import('zod/mini').output<typeof sessionResponseSchema>} SessionResponse */
/** @typedef {import('zod/mini').output<typeof profileSchema>} Profile */
/** @typedef {(typeof MAP_ROLES)[number]} MapRole */
