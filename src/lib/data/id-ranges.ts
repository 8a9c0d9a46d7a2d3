// Ranges of the uuid space, for reading a large table in several keyset lanes
// side by side (repository.ts). Uuids compare as their 128-bit numbers, in
// PostgreSQL and as lowercase strings alike. Pure.

/** The smallest and the largest uuid. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const toNumber = (uuid: string): bigint => BigInt(`0x${uuid.replaceAll('-', '')}`);

function toUuid(value: bigint): string {
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A range of ids: those after `after` up to and including `upTo`. */
export interface IdRange {
  after: string;
  upTo: string;
}

/**
 * The ids after `after` in `count` ranges of equal width, in order, the last
 * one up to the largest uuid. Fewer when there are fewer ids left than ranges.
 */
export function rangesAfter(after: string, count: number): IdRange[] {
  const start = toNumber(after);
  const span = toNumber(MAX_UUID) - start;
  const n = BigInt(Math.max(1, count));
  const ranges: IdRange[] = [];
  let lower = start;
  for (let i = 1n; i <= n; i++) {
    const upper = i === n ? toNumber(MAX_UUID) : start + (span * i) / n;
    if (upper > lower) ranges.push({ after: toUuid(lower), upTo: toUuid(upper) });
    lower = upper;
  }
  return ranges;
}
