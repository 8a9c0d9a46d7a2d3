// Which graph elements carry each state class, from the explorer state. Pure;
// the view applies only the difference to the previous sets.
import type { Visible } from '$lib/explorer/filters';
import type { Selection } from '$lib/domain/model';
import type { Neighbourhood } from '$lib/explorer/neighbourhood';

/** The ids the graph currently holds. */
export interface GraphIds {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface SetChange {
  added: string[];
  removed: string[];
}

export function setChange(prev: ReadonlySet<string>, next: ReadonlySet<string>): SetChange {
  const added: string[] = [];
  const removed: string[] = [];
  for (const id of next) if (!prev.has(id)) added.push(id);
  for (const id of prev) if (!next.has(id)) removed.push(id);
  return { added, removed };
}

/** Elements that do not pass the filters: drawn with display: none, kept in place. */
export function hiddenIds(graph: GraphIds, visible: Visible): Set<string> {
  const hidden = new Set<string>();
  for (const id of graph.nodes) if (!visible.nodeIds.has(id)) hidden.add(id);
  for (const id of graph.edges) if (!visible.relationIds.has(id)) hidden.add(id);
  return hidden;
}

/** In focus mode, everything visible outside the neighbourhood is dimmed. */
export function dimmedIds(
  graph: GraphIds,
  visible: Visible,
  focused: Neighbourhood | null
): Set<string> {
  const dimmed = new Set<string>();
  if (!focused) return dimmed;
  for (const id of graph.nodes) {
    if (visible.nodeIds.has(id) && !focused.nodeIds.has(id)) dimmed.add(id);
  }
  for (const id of graph.edges) {
    if (visible.relationIds.has(id) && !focused.relationIds.has(id)) dimmed.add(id);
  }
  return dimmed;
}

/** The selected or hovered element, if the graph holds it. */
export function targetIds(graph: GraphIds, target: Selection | null): Set<string> {
  if (!target) return new Set();
  const ids = target.type === 'node' ? graph.nodes : graph.edges;
  return ids.has(target.id) ? new Set([target.id]) : new Set();
}

/** The elements others have selected (presence), those the graph holds. */
export function remoteIds(
  graph: GraphIds,
  remote: readonly { selection: Selection }[]
): Set<string> {
  const ids = new Set<string>();
  for (const { selection } of remote) {
    for (const id of targetIds(graph, selection)) ids.add(id);
  }
  return ids;
}

/** How many graph nodes and edges are not hidden. */
export function visibleCounts(graph: GraphIds, visible: Visible): { nodes: number; edges: number } {
  let nodes = 0;
  let edges = 0;
  for (const id of graph.nodes) if (visible.nodeIds.has(id)) nodes++;
  for (const id of graph.edges) if (visible.relationIds.has(id)) edges++;
  return { nodes, edges };
}
