// Read-only lookups over a dataset's rows. Pure.

/** Indexes rows by a key; later rows with the same key win. */
export function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): ReadonlyMap<K, T> {
  return new Map(rows.map((row) => [key(row), row]));
}
