// @ts-check
// What the schema accepts in a column, stated once: the forms, the import, the
// backup reader, the seed generator and the messages read these, and
// tests/db/domain-facts compares them with the live schema's check constraints.
// By table and column, as in supabase/migrations. Plain JavaScript with JSDoc
// types, so that Node scripts can import it too.
import { PROFILE_MAX_LENGTH } from '../wire/identity.js';

/**
 * The longest text a column takes, in characters. Titles, labels and display
 * names must also hold more than whitespace; their length is counted without
 * the whitespace around them.
 */
export const MAX_LENGTH = /** @type {const} */ ({
  maps: { title: 200, description: 20000 },
  themes: { label_sv: 120, label_en: 120 },
  nodes: { title: 200, description: 20000, contact: 500 },
  relations: { unit: 40, note: 20000 },
  indicators: { label_sv: 200, label_en: 200, unit: 40, source: 2000 },
  profiles: PROFILE_MAX_LENGTH,
  stories: { title: 200 },
  story_steps: { title: 200, narrative: 10000 },
  rounds: { question: 300 },
  proposals: { title: 200, description: 1000 }
});

/** The bounds of numeric columns, inclusive; a bound left out is open. */
export const RANGE = /** @type {const} */ ({
  nodes: { lon: { min: -180, max: 180 }, lat: { min: -90, max: 90 } },
  relations: {
    magnitude: { min: 0 },
    year: { min: 1900, max: 2100 },
    score: { min: 0, max: 1 }
  },
  presentations: { step_index: { min: 0 } },
  rounds: { vote_budget: { min: 0, max: 50 } },
  proposals: { votes: { min: 0 } },
  node_positions: { x: { min: -1e7, max: 1e7 }, y: { min: -1e7, max: 1e7 } }
});

const MUNICIPALITY_CODE = /^[0-9]{4}$/;

/** Patterns a column's text must match (the schema's `~`; the flag i for `~*`). */
export const PATTERN = {
  themes: { key: /^[a-z0-9][a-z0-9_-]{0,47}$/, color: /^#[0-9a-fA-F]{6}$/ },
  nodes: { url: /^https?:\/\/[^\s]+$/i, municipality_code: MUNICIPALITY_CODE },
  indicators: {
    municipality_code: MUNICIPALITY_CODE,
    key: /^[a-z0-9][a-z0-9_]{0,79}$/,
    year: /^[0-9]{4}(\/[0-9]{2})?$/
  },
  profiles: { municipality_code: MUNICIPALITY_CODE },
  proposals: { municipality_code: MUNICIPALITY_CODE, url: /^https:\/\/[^\s]+$/i }
};

/**
 * Whether a number lies within a column's bounds (NaN does not).
 * @param {number} value
 * @param {{ readonly min?: number, readonly max?: number }} range  from RANGE
 */
export function isWithin(value, range) {
  return value >= (range.min ?? -Infinity) && value <= (range.max ?? Infinity);
}
