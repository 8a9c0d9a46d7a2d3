// The changes the inventory makes to rows: inline edits, bulk theme and status
// changes and "verified now". Each returns the patch to save, or null when the
// row would not change (then nothing is sent). Typed values (a relation's
// magnitude, unit and year) are checked with the relation form's rules first;
// a refused value names its problem instead. Pure.
import { relationForm, relationValues, validateRelation } from '$lib/collab/forms';
import type { RelationKind, Status } from '$lib/domain/kinds';
import type { NodePatch, NodeRow, RelationPatch, RelationRow } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';

/** What the bulk bar does to every selected row. Status is a node's: a relation has none. */
export type BulkAction =
  | { type: 'addTheme'; theme: string }
  | { type: 'removeTheme'; theme: string }
  | { type: 'status'; status: Status }
  | { type: 'verify' };

/** A typed value checked before sending: the patch (null: unchanged), or why it is refused. */
export type CheckedPatch<P> = { ok: true; patch: P | null } | { ok: false; problem: MessageKey };

/** The relation columns edited as typed text. */
export type RelationValueField = 'magnitude' | 'unit' | 'year';

interface Themed {
  id: string;
  themes: string[];
}

export function titlePatch(node: NodeRow, title: string): NodePatch | null {
  const next = title.replace(/\s+/g, ' ').trim();
  return next === '' || next === node.title ? null : { id: node.id, title: next };
}

export function statusPatch(node: NodeRow, status: Status): NodePatch | null {
  return node.status === status ? null : { id: node.id, status };
}

export function relationKindPatch(relation: RelationRow, kind: RelationKind): RelationPatch | null {
  return relation.kind === kind ? null : { id: relation.id, kind };
}

/**
 * A relation's magnitude, unit or year as typed: Swedish decimal comma and
 * spaces between thousands are accepted; a negative magnitude, a year out of
 * range or a unit too long (lib/domain/limits) is refused. Empty clears the value.
 */
export function relationValuePatch(
  relation: RelationRow,
  field: RelationValueField,
  text: string
): CheckedPatch<RelationPatch> {
  const form = { ...relationForm(relation), [field]: text };
  const problem = validateRelation(form)[field];
  if (problem) return { ok: false, problem };
  const value = relationValues(form)[field];
  return {
    ok: true,
    patch: value === relation[field] ? null : ({ id: relation.id, [field]: value } as RelationPatch)
  };
}

/** A number as the user edits it: no grouping, the locale's decimal sign ("1200,5" in Swedish). */
export function numberDraft(value: number | null, locale: string): string {
  return value === null
    ? ''
    : value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 20 });
}

/** Themes in the map's order; duplicates and unknown keys are dropped. */
export function themesPatch(
  row: Themed,
  themes: readonly string[],
  order: readonly string[]
): { id: string; themes: string[] } | null {
  const wanted = new Set(themes);
  const next = order.filter((key) => wanted.has(key));
  const same = next.length === row.themes.length && next.every((k) => row.themes.includes(k));
  return same ? null : { id: row.id, themes: next };
}

export function verifiedPatch(now: Date, userId: string | null) {
  return { verified_at: now.toISOString(), verified_by: userId };
}

/** The patch for one bulk action (null: the row already is that way, or has no status). */
export function bulkPatch(
  row: NodeRow,
  action: BulkAction,
  now: Date,
  userId: string | null
): NodePatch | null;
export function bulkPatch(
  row: RelationRow,
  action: BulkAction,
  now: Date,
  userId: string | null
): RelationPatch | null;
export function bulkPatch(
  row: NodeRow | RelationRow,
  action: BulkAction,
  now: Date,
  userId: string | null
): NodePatch | RelationPatch | null {
  switch (action.type) {
    case 'addTheme':
      return row.themes.includes(action.theme)
        ? null
        : { id: row.id, themes: [...row.themes, action.theme] };
    case 'removeTheme':
      return row.themes.includes(action.theme)
        ? { id: row.id, themes: row.themes.filter((k) => k !== action.theme) }
        : null;
    case 'status':
      return 'status' in row ? statusPatch(row, action.status) : null;
    case 'verify':
      return { id: row.id, ...verifiedPatch(now, userId) };
  }
}
