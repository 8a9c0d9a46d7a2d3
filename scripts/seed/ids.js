// @ts-check
// Deterministic ids: the same key always gives the same UUID, so regenerating
// the seed never changes ids.
import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) from sha1("regionkartan:<map id>:<table>:<key>").
 * @param {string} mapId
 * @param {string} table
 * @param {string} key
 */
export function deterministicUuid(mapId, table, key) {
  const bytes = createHash('sha1').update(`regionkartan:${mapId}:${table}:${key}`, 'utf8').digest();
  const b = bytes.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
