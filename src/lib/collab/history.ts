// The audit log (`changes`) of one item, in words: who did what to which fields,
// and when (relative, in the UI language). Pure.
import type { ChangeRow } from '$lib/data/history';
import type { MessageKey } from '$lib/i18n/sv';

export type HistoryKind = 'insert' | 'update' | 'softDelete' | 'restore' | 'delete';

export interface HistoryEntry {
  id: number;
  kind: HistoryKind;
  fields: string[];
  actor: string | null;
  at: string;
}

/** Columns that change on every write or are not the user's content. */
const BOOKKEEPING = new Set([
  'version',
  'updated_at',
  'updated_by',
  'created_at',
  'created_by',
  'deleted_at',
  'deleted_by',
  'verified_by',
  'directed',
  'map_id',
  'id'
]);

export function changedColumns(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null
): string[] {
  if (!before || !after) return [];
  return Object.keys(after)
    .filter((k) => !BOOKKEEPING.has(k))
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .sort();
}

export function describeChange(row: ChangeRow): HistoryEntry {
  const base = { id: row.id, actor: row.actor, at: row.at, fields: [] as string[] };
  if (row.op === 'insert') return { ...base, kind: 'insert' };
  if (row.op === 'delete') return { ...base, kind: 'delete' };
  const wasDeleted = row.before?.deleted_at != null;
  const isDeleted = row.after?.deleted_at != null;
  if (!wasDeleted && isDeleted) return { ...base, kind: 'softDelete' };
  if (wasDeleted && !isDeleted) return { ...base, kind: 'restore' };
  return { ...base, kind: 'update', fields: changedColumns(row.before, row.after) };
}

export const HISTORY_MESSAGES: Readonly<Record<HistoryKind, MessageKey>> = {
  insert: 'history.insert',
  update: 'history.update',
  softDelete: 'history.softDelete',
  restore: 'history.restore',
  delete: 'history.delete'
};

/** "för 5 minuter sedan" / "5 minutes ago". */
export function relativeTime(at: string, now: number, locale: string): string {
  const seconds = Math.round((new Date(at).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(0, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  if (abs < 86400 * 30) return format.format(Math.round(seconds / 86400), 'day');
  return new Date(at).toLocaleDateString(locale);
}
