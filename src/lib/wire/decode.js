// @ts-check
// Reading what the other end sent: JSON first, then the schema of its message.
// What does not fit is dropped and counted here, never cast. Plain JavaScript
// (with JSDoc types) so that the server (Node, no TypeScript) and the client
// share it with the schemas beside it.

/** @typedef {'invalid_json' | 'unknown_type' | 'malformed'} DropReason */
/** @typedef {Record<DropReason, number>} DropCounts */

/**
 * The messages a set of schemas by `type` describes: one union of their outputs.
 * @template {Record<string, import('zod/mini').ZodMiniType>} S
 * @typedef {{ [K in keyof S]: import('zod/mini').output<S[K]> }[keyof S]} MessageOf
 */

/** @returns {DropCounts} all zero */
export function dropCounts() {
  return { invalid_json: 0, unknown_type: 0, malformed: 0 };
}

/**
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A value checked against a schema; null (counted as malformed) when it does not fit.
 * @template {import('zod/mini').ZodMiniType} S
 * @param {S} schema
 * @param {unknown} value
 * @param {DropCounts} drops
 * @returns {import('zod/mini').output<S> | null}
 */
export function accept(schema, value, drops) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  drops.malformed++;
  return null;
}

/**
 * JSON text checked against one schema; null (counted) when it is not JSON or does not fit.
 * @template {import('zod/mini').ZodMiniType} S
 * @param {S} schema
 * @param {string} text
 * @param {DropCounts} drops
 * @returns {import('zod/mini').output<S> | null}
 */
export function decodeJson(schema, text, drops) {
  const json = parseJson(text);
  if (json.ok) return accept(schema, json.value, drops);
  drops.invalid_json++;
  return null;
}

/**
 * JSON text → the message its `type` names, checked against that type's schema.
 * A refusal says why (and the type, when there was a known one) so the caller can
 * answer; it has been counted already.
 * @template {Record<string, import('zod/mini').ZodMiniType>} S
 * @param {S} schemas by message type
 * @param {string} text
 * @param {DropCounts} drops
 * @returns {{ ok: true, message: MessageOf<S> } | { ok: false, reason: DropReason, type: keyof S | null }}
 */
export function decodeMessage(schemas, text, drops) {
  const json = parseJson(text);
  if (!json.ok) {
    drops.invalid_json++;
    return { ok: false, reason: 'invalid_json', type: null };
  }
  const type = /** @type {{ type?: unknown } | null} */ (json.value)?.type;
  const schema =
    typeof type === 'string' && Object.hasOwn(schemas, type) ? schemas[type] : undefined;
  if (typeof type !== 'string' || !schema) {
    drops.unknown_type++;
    return { ok: false, reason: 'unknown_type', type: null };
  }
  const result = schema.safeParse(json.value);
  if (!result.success) {
    drops.malformed++;
    return { ok: false, reason: 'malformed', type: /** @type {keyof S} */ (type) };
  }
  return { ok: true, message: /** @type {MessageOf<S>} */ (result.data) };
}
