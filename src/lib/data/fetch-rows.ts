// Fetches the rows named by live changes through supabase-js (so RLS applies),
// in the order a dataset can take them: a relation's ends before the relation.
import type { DataClient } from './client';
import { toDataError } from './errors';
import { toNodeRow, toRelationRow } from './rows';
import type { FetchedRow, SyncTable } from './sync';

const ORDER: readonly SyncTable[] = [
  'maps',
  'themes',
  'nodes',
  'relations',
  'indicators',
  'node_positions'
];

/** Ids per request: a large import's burst of changes must not make an over-long URL (HTTP 431). */
const IDS_PER_REQUEST = 100;

export async function fetchChangedRows(
  client: DataClient,
  wanted: Partial<Record<SyncTable, string[]>>
): Promise<FetchedRow[]> {
  const out: FetchedRow[] = [];
  for (const table of ORDER) {
    const ids = wanted[table];
    if (!ids?.length) continue;
    const byId = new Map<string, unknown>();
    for (let from = 0; from < ids.length; from += IDS_PER_REQUEST) {
      const chunk = ids.slice(from, from + IDS_PER_REQUEST);
      const response = await client.from(table).select('*').in('id', chunk);
      if (response.error) throw toDataError(response.error, response.status);
      for (const row of (response.data ?? []) as { id: string }[]) byId.set(row.id, row);
    }
    for (const id of ids) {
      const raw = byId.get(id) ?? null;
      const row =
        raw && table === 'nodes'
          ? toNodeRow(raw as Parameters<typeof toNodeRow>[0])
          : raw && table === 'relations'
            ? toRelationRow(raw as Parameters<typeof toRelationRow>[0])
            : raw;
      out.push({ table, id, row } as FetchedRow);
    }
  }
  return out;
}
