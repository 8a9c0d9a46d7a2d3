// Read-only lookups over a dataset's rows. Pure.

/** Indexes rows by a key; later rows with the same key win. */
export function indexBy<T, K>(rows: readonly T[], key: (row: T) => K): ReadonlyMap<K, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

/** Each node's relations (either end; a loop once), once per dataset. */
export function relationsByNode<R extends { source_id: string; target_id: string }>(
  relations: readonly R[]
): ReadonlyMap<string, readonly R[]> {
  const byNode = new Map<string, R[]>();
  const add = (node: string, relation: R) => {
    const list = byNode.get(node);
    if (list) list.push(relation);
    else byNode.set(node, [relation]);
  };
  for (const r of relations) {
    add(r.source_id, r);
    if (r.target_id !== r.source_id) add(r.target_id, r);
  }
  return byNode;
}
