// The audit log of one item and the names of those who made the changes, and the
// map's soft-deleted items (for restoring). Through supabase-js: RLS applies.
import type { DataClient } from './client';
import { toDataError } from './errors';

/** One row of the audit log (`changes`), as read. */
export interface ChangeRow {
  id: number;
  op: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: string | null;
  at: string;
}

export async function loadHistory(
  client: DataClient,
  rowId: string
): Promise<{ changes: ChangeRow[]; names: Map<string, string> }> {
  const response = await client
    .from('changes')
    .select('id, op, before, after, actor, at')
    .eq('row_id', rowId)
    .order('id', { ascending: false })
    .limit(200);
  if (response.error) throw toDataError(response.error, response.status);
  const changes = (response.data ?? []) as ChangeRow[];
  const ids = [...new Set(changes.flatMap((c) => (c.actor ? [c.actor] : [])))];
  const names = new Map<string, string>();
  if (ids.length) {
    const profiles = await client.from('profiles').select('id, display_name').in('id', ids);
    for (const p of profiles.data ?? []) names.set(p.id, p.display_name);
  }
  return { changes, names };
}

export interface DeletedItem {
  table: 'nodes' | 'relations';
  id: string;
  title: string;
  version: number;
  deletedBy: string | null;
  deletedAt: string;
}

export async function loadDeleted(client: DataClient, mapId: string): Promise<DeletedItem[]> {
  const [nodes, relations] = await Promise.all([
    client.from('nodes').select('*').eq('map_id', mapId).not('deleted_at', 'is', null).limit(500),
    client
      .from('relations')
      .select('*')
      .eq('map_id', mapId)
      .not('deleted_at', 'is', null)
      .limit(500)
  ]);
  if (nodes.error) throw toDataError(nodes.error, nodes.status);
  if (relations.error) throw toDataError(relations.error, relations.status);
  const by = (row: object) => (row as { deleted_by?: string | null }).deleted_by ?? null;
  return [
    ...(nodes.data ?? []).map((n) => ({
      table: 'nodes' as const,
      id: n.id,
      title: n.title,
      version: n.version,
      deletedBy: by(n),
      deletedAt: n.deleted_at!
    })),
    ...(relations.data ?? []).map((r) => ({
      table: 'relations' as const,
      id: r.id,
      title: r.kind,
      version: r.version,
      deletedBy: by(r),
      deletedAt: r.deleted_at!
    }))
  ].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}
