// Which nodes matter most when there is room for only some: municipalities and
// networks first (the hubs everything hangs on), then by how many relations a
// node has, then by title. The graph decides which labels to draw in this order
// and the map which symbol stands for a cluster. Pure.
import type { NodeKind } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';

const KIND_RANK: Partial<Record<NodeKind, number>> = { municipality: 0, network: 1 };
const OTHER_KINDS = 2;
const TITLE_ORDER = new Intl.Collator('sv');

/** Relations per node id (both ends count; a relation to itself once). */
export function degrees(relations: readonly Pick<RelationRow, 'source_id' | 'target_id'>[]) {
  const degree = new Map<string, number>();
  for (const r of relations) {
    degree.set(r.source_id, (degree.get(r.source_id) ?? 0) + 1);
    if (r.target_id !== r.source_id) degree.set(r.target_id, (degree.get(r.target_id) ?? 0) + 1);
  }
  return degree;
}

/** Node ids, most important first. */
export function importanceOrder(
  nodes: readonly Pick<NodeRow, 'id' | 'kind' | 'title'>[],
  relations: readonly Pick<RelationRow, 'source_id' | 'target_id'>[]
): string[] {
  const degree = degrees(relations);
  return nodes
    .map((n) => ({
      id: n.id,
      title: n.title,
      kind: KIND_RANK[n.kind] ?? OTHER_KINDS,
      degree: degree.get(n.id) ?? 0
    }))
    .sort(
      (a, b) =>
        a.kind - b.kind ||
        b.degree - a.degree ||
        TITLE_ORDER.compare(a.title, b.title) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
    .map((n) => n.id);
}

/** Node id → its place in the importance order. */
export function importanceRank(
  nodes: readonly Pick<NodeRow, 'id' | 'kind' | 'title'>[],
  relations: readonly Pick<RelationRow, 'source_id' | 'target_id'>[]
): Map<string, number> {
  return new Map(importanceOrder(nodes, relations).map((id, i) => [id, i]));
}
