// The changes the inventory makes to rows: inline edits, bulk theme and status
// changes and "verified now". Each returns the patch to save, or null when the
// row would not change (then nothing is sent). Pure.
import type { Status } from '$lib/domain/kinds';
import type { Dataset, NodePatch, NodeRow, RelationRow } from '$lib/domain/model';

export type BulkAction =
  | { type: 'addTheme'; theme: string }
  | { type: 'removeTheme'; theme: string }
  | { type: 'status'; status: Status }
  | { type: 'verify' };

export function titlePatch(node: NodeRow, title: string): NodePatch | null {
  const next = title.replace(/\s+/g, ' ').trim();
  return next === '' || next === node.title ? null : { id: node.id, title: next };
}

export function statusPatch(node: NodeRow, status: Status): NodePatch | null {
  return node.status === status ? null : { id: node.id, status };
}

/** Themes in the map's order; duplicates and unknown keys are dropped. */
export function themesPatch(
  node: NodeRow,
  themes: readonly string[],
  order: readonly string[]
): NodePatch | null {
  const wanted = new Set(themes);
  const next = order.filter((key) => wanted.has(key));
  const same = next.length === node.themes.length && next.every((k) => node.themes.includes(k));
  return same ? null : { id: node.id, themes: next };
}

export function verifiedPatch(now: Date, userId: string | null) {
  return { verified_at: now.toISOString(), verified_by: userId };
}

/** The node patch for one bulk action (null: the row already is that way). */
export function bulkNodePatch(
  node: NodeRow,
  action: BulkAction,
  now: Date,
  userId: string | null
): NodePatch | null {
  switch (action.type) {
    case 'addTheme':
      return node.themes.includes(action.theme)
        ? null
        : { id: node.id, themes: [...node.themes, action.theme] };
    case 'removeTheme':
      return node.themes.includes(action.theme)
        ? { id: node.id, themes: node.themes.filter((k) => k !== action.theme) }
        : null;
    case 'status':
      return statusPatch(node, action.status);
    case 'verify':
      return { id: node.id, ...verifiedPatch(now, userId) };
  }
}

/**
 * The dataset with saved rows put in place of the old ones (same order). A row
 * the live channel has meanwhile brought in a newer version of keeps that version.
 */
export function withSavedRows(
  dataset: Dataset,
  nodes: readonly NodeRow[] = [],
  relations: readonly RelationRow[] = []
): Dataset {
  if (nodes.length === 0 && relations.length === 0) return dataset;
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const relationById = new Map(relations.map((r) => [r.id, r]));
  const newer = <Row extends { version: number }>(row: Row, saved: Row | undefined) =>
    saved && saved.version >= row.version ? saved : row;
  return {
    ...dataset,
    nodes: nodeById.size ? dataset.nodes.map((n) => newer(n, nodeById.get(n.id))) : dataset.nodes,
    relations: relationById.size
      ? dataset.relations.map((r) => newer(r, relationById.get(r.id)))
      : dataset.relations
  };
}
