// The 1- or 2-step neighbourhood of a selection over the visible relations,
// for focus mode and hover highlighting. Pure.
import type { Dataset, Selection } from '$lib/domain/model';
import type { Visible } from './filters';

export interface Neighbourhood {
  nodeIds: Set<string>;
  relationIds: Set<string>;
}

export function neighbourhood(
  dataset: Dataset,
  visible: Visible,
  selection: Selection,
  depth: number
): Neighbourhood {
  const nodeIds = new Set<string>();
  const relationIds = new Set<string>();
  let frontier: string[] = [];
  if (selection.type === 'node') {
    frontier = [selection.id];
  } else {
    const relation = dataset.relations.find((r) => r.id === selection.id);
    if (relation) {
      relationIds.add(relation.id);
      frontier = [relation.source_id, relation.target_id];
    }
  }
  for (const id of frontier) nodeIds.add(id);

  const relations = dataset.relations.filter((r) => visible.relationIds.has(r.id));
  for (let step = 0; step < depth && frontier.length; step++) {
    const current = new Set(frontier);
    frontier = [];
    for (const r of relations) {
      const fromSource = current.has(r.source_id);
      const fromTarget = current.has(r.target_id);
      if (!fromSource && !fromTarget) continue;
      relationIds.add(r.id);
      for (const id of [r.source_id, r.target_id]) {
        if (!nodeIds.has(id)) {
          nodeIds.add(id);
          frontier.push(id);
        }
      }
    }
  }
  return { nodeIds, relationIds };
}
