// Sorting the inventory tables by any column. Texts compare in Swedish order
// (numbers naturally); empty values always come last; ties fall back to the
// title (or the id) so the order is stable. Pure.
import type { SortDirection } from '$lib/explorer/list-sort';

export type { SortDirection };

export interface ColumnSort<K extends string> {
  key: K;
  direction: SortDirection;
}

export type SortValue = string | number | null;

const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue, b: SortValue): number {
  const emptyA = a === null || a === '';
  const emptyB = b === null || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Rows sorted by `value(row, sort.key)`; empty values last in both directions.
 * `tie` gives the secondary order (ascending).
 */
export function sortBy<T, K extends string>(
  rows: readonly T[],
  sort: ColumnSort<K>,
  value: (row: T, key: K) => SortValue,
  tie: (row: T) => string
): T[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, v: value(row, sort.key), t: tie(row) }));
  keyed.sort((x, y) => {
    const emptyX = x.v === null || x.v === '';
    const emptyY = y.v === null || y.v === '';
    if (emptyX !== emptyY) return emptyX ? 1 : -1;
    return sign * compareValues(x.v, y.v) || collator.compare(x.t, y.t);
  });
  return keyed.map((k) => k.row);
}

/** A header click: the same column flips direction, another starts ascending. */
export function toggleSort<K extends string>(current: ColumnSort<K>, key: K): ColumnSort<K> {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
