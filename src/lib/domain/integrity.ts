// Consistency rules for a loaded dataset. Pure.
import type { NodeRow, RelationRow } from './model';

/**
 * Keeps only relations whose two ends are among the given nodes. A relation to a
 * soft-deleted node stays in the database (restoring the node brings it back) but
 * is not part of what the map shows.
 */
export function dropDanglingRelations(
  nodes: readonly Pick<NodeRow, 'id'>[],
  relations: readonly RelationRow[]
): RelationRow[] {
  const ids = new Set(nodes.map((node) => node.id));
  return relations.filter((r) => ids.has(r.source_id) && ids.has(r.target_id));
}
