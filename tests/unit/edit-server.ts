// A fake server for the editing state: one in-memory table of rows (nodes and
// relations by id) with the server's version check, rows that refuse writes,
// and a switch that makes every call fail as the network does; and one page's
// editing state (and the inventory's saves over it) over a loaded dataset,
// talking to such a server.
import { vi } from 'vitest';
import type { EditRepo, EditRow } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import type { QueueStore } from '$lib/data/queue-store';
import type { Dataset, NodeRow } from '$lib/domain/model';
import { RowSaves } from '$lib/inventory/row-saves.svelte';
import { EditingState } from '$lib/state/editing.svelte';
import { makeNode } from './factories';

/** A server; `Row` is how the tests read its rows (nodes, or nodes and relations). */
export type EditServer<Row extends EditRow = NodeRow> = ReturnType<typeof fakeServer<Row>>;

export function fakeServer<Row extends EditRow>(initial: readonly Row[]) {
  const rows = new Map<string, Row>(initial.map((r) => [r.id, { ...r }]));
  const refused = new Set<string>();
  let down = false;
  const fail = (kind: 'network' | 'permission') => ({
    ok: false as const,
    reason: 'error' as const,
    error: new DataError(kind, kind)
  });
  const blocked = (id: string) =>
    down ? fail('network') : refused.has(id) ? fail('permission') : null;
  const repo: EditRepo = {
    create: vi.fn(async (_t, values) => {
      const failure = blocked(values.id as string);
      if (failure) return failure;
      const row = { ...makeNode(), ...values, version: 1 } as unknown as Row;
      rows.set(row.id, row);
      return { ok: true as const, row };
    }),
    update: vi.fn(async (_t, id, patch, base) => {
      const failure = blocked(id);
      if (failure) return failure;
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: { ...row } };
      const next = { ...row, ...patch, version: row.version + 1 } as Row;
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    softDelete: vi.fn(async (_t, id, base) => {
      const failure = blocked(id);
      if (failure) return failure;
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: row };
      const next = { ...row, deleted_at: 'now', version: row.version + 1 };
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    relationsOf: vi.fn(async () => [])
  };
  return { rows, refused, repo, setDown: (d: boolean) => (down = d) };
}

export interface PageOptions<Row extends EditRow = NodeRow> {
  /** The server the page talks to (a new one over the dataset's rows by default). */
  server?: EditServer<Row>;
  store?: QueueStore;
  userId?: string | null;
  mapId?: string;
  online?: boolean;
}

/** One page's editing state over `initial` (the dataset as loaded). */
export function editingPage<Row extends EditRow = NodeRow>(
  initial: Dataset,
  options: PageOptions<Row> = {}
) {
  const rows = [...initial.nodes, ...initial.relations] as Row[];
  const server = options.server ?? fakeServer<Row>(rows);
  let dataset = initial;
  let online = options.online ?? true;
  let userId = options.userId ?? null;
  let n = 0;
  const editing = new EditingState({
    mapId: options.mapId ?? 'map',
    repo: () => server.repo,
    dataset: () => dataset,
    setDataset: (d) => (dataset = d),
    online: () => online,
    userId: () => userId,
    store: options.store,
    newId: () => `new-${++n}`
  });
  return {
    server,
    editing,
    get dataset() {
      return dataset;
    },
    setDataset: (d: Dataset) => (dataset = d),
    setOnline: (o: boolean) => (online = o),
    setUser: (u: string | null) => (userId = u)
  };
}

/** The same page with the inventory's saves over its editing state. */
export function inventoryPage(initial: Dataset, options: PageOptions<EditRow> = {}) {
  const page = editingPage<EditRow>(initial, options);
  return Object.assign(page, { saves: new RowSaves({ editing: page.editing }) });
}
