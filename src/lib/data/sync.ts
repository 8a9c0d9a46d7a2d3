// Keeping a loaded Dataset current, and edits made while offline. Pure: no I/O.
//
// Live changes carry ids only; the caller fetches the rows through supabase-js (so
// RLS applies) and applies them here. The offline queue keeps edits made while the
// connection is down and replays them later with the same version check as a
// direct save: an edit to a row someone else changed meanwhile is refused as a
// conflict, never applied over their change.
import type {
  Dataset,
  IndicatorRow,
  MapRow,
  NodePositionRow,
  NodeRow,
  RelationRow,
  ThemeRow
} from '$lib/domain/model';
import { dropDanglingRelations } from '$lib/domain/integrity';
import { DataError } from './errors';
import type { InsertResult, SaveResult } from './versioned';

/** One committed change as announced by the live channel (ids only). */
export interface LiveChange {
  /** Position in the map's audit log (`changes.id`); null where the backend has none. */
  id: number | null;
  map_id: string;
  table: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
}

/** The dataset tables a live change can touch. */
export type SyncTable = 'maps' | 'nodes' | 'relations' | 'themes' | 'indicators' | 'node_positions';
export const SYNC_TABLES: readonly SyncTable[] = [
  'maps',
  'nodes',
  'relations',
  'themes',
  'indicators',
  'node_positions'
];

export function isSyncTable(table: string): table is SyncTable {
  return (SYNC_TABLES as readonly string[]).includes(table);
}

interface RowByTable {
  maps: MapRow;
  nodes: NodeRow;
  relations: RelationRow;
  themes: ThemeRow;
  indicators: IndicatorRow;
  node_positions: NodePositionRow;
}

/**
 * A row as fetched after a change: the row, or null when it is gone or no longer
 * readable (hard delete, or RLS hides it now).
 */
export type FetchedRow<T extends SyncTable = SyncTable> = {
  table: T;
  id: string;
  row: RowByTable[T] | null;
};

/**
 * Groups changes into the rows to fetch, per table, each id once; changes of other
 * maps and tables that are not part of a dataset (e.g. map_members) are left out.
 */
export function rowsToFetch(
  changes: readonly LiveChange[],
  mapId: string
): Partial<Record<SyncTable, string[]>> {
  const wanted: Partial<Record<SyncTable, Set<string>>> = {};
  for (const change of changes) {
    if (change.map_id !== mapId || !isSyncTable(change.table)) continue;
    (wanted[change.table] ??= new Set()).add(change.row_id);
  }
  const out: Partial<Record<SyncTable, string[]>> = {};
  for (const [table, ids] of Object.entries(wanted) as [SyncTable, Set<string>][]) {
    out[table] = [...ids];
  }
  return out;
}

function upsertById<Row extends { id: string; version: number; deleted_at: string | null }>(
  rows: Row[],
  id: string,
  row: Row | null
): Row[] {
  const index = rows.findIndex((r) => r.id === id);
  const gone = row === null || row.deleted_at !== null;
  if (index === -1) return gone ? rows : [...rows, row];
  const existing = rows[index]!;
  if (gone) return rows.filter((_, i) => i !== index);
  // A late fetch never overwrites a newer version the dataset already has.
  if (row.version < existing.version || row === existing) return rows;
  const next = rows.slice();
  next[index] = row;
  return next;
}

/**
 * Applies one fetched row (or its absence) to the dataset, immutably: returns the
 * same object when nothing changes. Soft-deleted rows leave the dataset, and
 * relations whose ends are gone are dropped with them.
 */
export function applyRow(dataset: Dataset, fetched: FetchedRow): Dataset {
  switch (fetched.table) {
    case 'maps': {
      const row = fetched.row as MapRow | null;
      if (!row || fetched.id !== dataset.map.id || row.version < dataset.map.version) {
        return dataset;
      }
      return row === dataset.map ? dataset : { ...dataset, map: row };
    }
    case 'nodes': {
      const nodes = upsertById(dataset.nodes, fetched.id, fetched.row as NodeRow | null);
      if (nodes === dataset.nodes) return dataset;
      const relations = dropDanglingRelations(nodes, dataset.relations);
      return {
        ...dataset,
        nodes,
        relations: relations.length === dataset.relations.length ? dataset.relations : relations
      };
    }
    case 'relations': {
      const row = fetched.row as RelationRow | null;
      let relations = upsertById(dataset.relations, fetched.id, row);
      if (relations === dataset.relations) return dataset;
      if (row && relations.includes(row))
        relations = dropDanglingRelations(dataset.nodes, relations);
      return { ...dataset, relations };
    }
    case 'themes': {
      const themes = upsertById(dataset.themes, fetched.id, fetched.row as ThemeRow | null);
      return themes === dataset.themes ? dataset : { ...dataset, themes };
    }
    case 'indicators': {
      const indicators = upsertById(
        dataset.indicators,
        fetched.id,
        fetched.row as IndicatorRow | null
      );
      return indicators === dataset.indicators ? dataset : { ...dataset, indicators };
    }
    case 'node_positions': {
      const current = dataset.positions ?? [];
      const positions = withPosition(current, fetched.id, fetched.row as NodePositionRow | null);
      return positions === current ? dataset : { ...dataset, positions };
    }
  }
}

/**
 * A graph position put in place, or removed (null: deleted, or its node is gone).
 * Positions have no version: a late fetch never replaces a newer `updated_at`.
 */
function withPosition(
  rows: NodePositionRow[],
  id: string,
  row: NodePositionRow | null
): NodePositionRow[] {
  const index = rows.findIndex((r) => r.id === id);
  if (row === null) return index === -1 ? rows : rows.filter((_, i) => i !== index);
  if (index === -1) return [...rows, row];
  const existing = rows[index]!;
  if (row === existing || Date.parse(row.updated_at) < Date.parse(existing.updated_at)) return rows;
  const next = rows.slice();
  next[index] = row;
  return next;
}

/** Applies several fetched rows in order. */
export function applyRows(dataset: Dataset, fetched: readonly FetchedRow[]): Dataset {
  return fetched.reduce(applyRow, dataset);
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

// ---------------------------------------------------------------------------
// Offline write queue
// ---------------------------------------------------------------------------

export type QueueTable = 'nodes' | 'relations' | 'themes';

export type QueuedWrite =
  | {
      kind: 'insert';
      table: QueueTable;
      /** Client-chosen id (crypto.randomUUID()), so later edits can refer to it. */
      id: string;
      values: Record<string, unknown>;
    }
  | {
      kind: 'update';
      table: QueueTable;
      id: string;
      /** The version the user saw when editing: the replay checks it. */
      baseVersion: number;
      patch: Record<string, unknown>;
    }
  | { kind: 'delete'; table: QueueTable; id: string; baseVersion: number };

export interface QueuedEntry {
  /** Sequence number within the queue. */
  seq: number;
  write: QueuedWrite;
  queuedAt: string;
}

/** What executing one write returned (the repository's results). */
export type WriteOutcome =
  SaveResult<{ id: string; version: number }> | InsertResult<{ id: string; version: number }>;

export type ReplayItem =
  | { entry: QueuedEntry; status: 'applied'; row: { id: string; version: number } }
  | { entry: QueuedEntry; status: 'conflict'; current: { id: string; version: number } }
  | { entry: QueuedEntry; status: 'refused'; error: DataError };

export interface ReplayReport {
  items: ReplayItem[];
  /** Entries still queued because the connection failed again during replay. */
  pending: number;
}

function isTransient(error: DataError): boolean {
  return error.kind === 'network' || error.kind === 'unavailable' || error.kind === 'aborted';
}

/**
 * Edits made while the connection is down, replayed in order once it is back.
 * Several edits of the same row are merged into one (keeping the version the user
 * first saw, so the merged edit is still checked against what they started from);
 * an edit of a row inserted offline is merged into that insert; deleting a row
 * inserted offline cancels both.
 */
export class WriteQueue {
  #entries: QueuedEntry[] = [];
  #seq = 0;
  #now: () => Date;

  constructor(entries: readonly QueuedEntry[] = [], now: () => Date = () => new Date()) {
    this.#entries = entries.map((e) => ({ ...e, write: { ...e.write } }));
    this.#seq = entries.reduce((max, e) => Math.max(max, e.seq), 0);
    this.#now = now;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** A copy of the queued entries (e.g. to persist them in localStorage). */
  entries(): QueuedEntry[] {
    return this.#entries.map((e) => ({ ...e, write: { ...e.write } }));
  }

  /** Whether a row has an edit waiting (for marking it in the UI). */
  has(table: QueueTable, id: string): boolean {
    return this.#entries.some((e) => e.write.table === table && e.write.id === id);
  }

  enqueue(write: QueuedWrite): void {
    const index = this.#entries.findIndex(
      (e) => e.write.table === write.table && e.write.id === write.id
    );
    const existing = index === -1 ? undefined : this.#entries[index]!.write;
    if (existing && write.kind === 'update') {
      if (existing.kind === 'insert') {
        this.#replace(index, { ...existing, values: { ...existing.values, ...write.patch } });
        return;
      }
      if (existing.kind === 'update') {
        this.#replace(index, { ...existing, patch: { ...existing.patch, ...write.patch } });
        return;
      }
    }
    if (existing && write.kind === 'delete') {
      if (existing.kind === 'insert') {
        this.#entries.splice(index, 1); // never reached the server: nothing to delete
        return;
      }
      if (existing.kind === 'update') {
        this.#replace(index, { ...write, baseVersion: existing.baseVersion });
        return;
      }
    }
    this.#entries.push({ seq: ++this.#seq, write, queuedAt: this.#now().toISOString() });
  }

  #replace(index: number, write: QueuedWrite): void {
    this.#entries[index] = { ...this.#entries[index]!, write };
  }

  /**
   * Runs the queued writes in order with `execute` (which must do the versioned
   * save, e.g. repository.saveNode). Applied, conflicting and refused writes leave
   * the queue; on a network failure the replay stops and the rest stays queued.
   * `onStep` is told after each write that left the queue (e.g. to persist it).
   */
  async replay(
    execute: (write: QueuedWrite) => Promise<WriteOutcome>,
    onStep?: (item: ReplayItem) => void
  ): Promise<ReplayReport> {
    const items: ReplayItem[] = [];
    while (this.#entries.length > 0) {
      const entry = this.#entries[0]!;
      let outcome: WriteOutcome;
      try {
        outcome = await execute(entry.write);
      } catch (error) {
        outcome = {
          ok: false,
          reason: 'error',
          error:
            error instanceof DataError
              ? error
              : new DataError('network', error instanceof Error ? error.message : String(error))
        };
      }
      if (!outcome.ok && outcome.reason === 'error' && isTransient(outcome.error)) break;
      this.#entries.shift();
      const item: ReplayItem = outcome.ok
        ? { entry, status: 'applied', row: outcome.row }
        : outcome.reason === 'conflict'
          ? { entry, status: 'conflict', current: outcome.current }
          : { entry, status: 'refused', error: outcome.error };
      items.push(item);
      onStep?.(item);
    }
    return { items, pending: this.#entries.length };
  }
}
