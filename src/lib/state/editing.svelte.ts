// Editing the map: the one write path of the explorer and the inventory (its
// inline and bulk edits). Creates, updates and deletes go through the
// repository with the version check; a conflict is kept for the conflict view
// (nothing is overwritten); one's own edits can be undone and redone; while the
// connection is down, writes wait in the offline queue, kept on the device, and
// are replayed with the same version check. The parts: EditedDataset,
// RowUpdates, EditHistory (undo/redo), ConflictQueue, OfflineQueue, EditNotices
// and RowOutcomes (how each row's last write went, to say next to the row).
import type { EditRepo, EditRow, EditTable } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import type { QueueStore } from '$lib/data/queue-store';
import type { QueuedWrite, WriteOutcome } from '$lib/data/sync';
import type { Dataset } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import { pluralKey } from '$lib/i18n/translate';
import { ConflictQueue, type Conflict } from './edit-conflicts.svelte';
import { EditHistory, type UndoEntry } from './edit-history.svelte';
import { EditNotices, type Notice } from './edit-notices.svelte';
import { EditedDataset, fullRow } from './edited-dataset';
import { OfflineQueue, type QueuedEdit } from './offline-queue.svelte';
import { RowOutcomes, type RowOutcome } from './row-outcomes.svelte';
import {
  RowUpdates,
  transient,
  type BulkProgress,
  type BulkWriteOutcome,
  type RowUpdate
} from './row-updates';

export type EditResult =
  | { ok: true; queued?: boolean; id?: string }
  | { ok: false; reason: 'conflict' }
  | { ok: false; reason: 'error'; messageKey: MessageKey };

export interface EditingDeps {
  mapId: string;
  repo: () => EditRepo | null;
  dataset: () => Dataset | null;
  setDataset: (dataset: Dataset) => void;
  /** False while the connection is known to be down (writes are queued). */
  online: () => boolean;
  /** The signed-in user: the queue is kept per map and user (not kept without one). */
  userId?: () => string | null;
  /** Where the queue is kept between visits (default: for this page only). */
  store?: QueueStore;
  newId?: () => string;
  now?: () => Date;
}

/** How many rows of a bulk change (or its undo) are written at a time. */
const CONCURRENCY = 4;
const QUEUED: RowOutcome = { kind: 'queued' };
const CONFLICT: RowOutcome = { kind: 'conflict' };

export class EditingState {
  #deps: EditingDeps;
  readonly #dataset: EditedDataset;
  readonly #notices = new EditNotices();
  readonly #conflicts = new ConflictQueue();
  readonly #rows = new RowOutcomes();
  readonly #history: EditHistory;
  readonly #queue: OfflineQueue;
  readonly #updates: RowUpdates;
  #running = $state(0);

  constructor(deps: EditingDeps) {
    this.#deps = deps;
    const repo = () => this.#repo();
    const run = <T>(work: () => Promise<T>) => this.#run(work);
    const dataset = (this.#dataset = new EditedDataset(deps.dataset, deps.setDataset));
    const notices = this.#notices;
    this.#history = new EditHistory({ repo, dataset, notices, run, concurrency: CONCURRENCY });
    this.#queue = new OfflineQueue({
      mapId: deps.mapId,
      userId: () => deps.userId?.() ?? null,
      store: deps.store,
      now: deps.now,
      notices
    });
    this.#updates = new RowUpdates({
      repo,
      online: deps.online,
      dataset,
      history: this.#history,
      conflicts: this.#conflicts,
      rows: this.#rows,
      enqueue: (edits) => void this.#enqueue(edits),
      run,
      concurrency: CONCURRENCY
    });
  }

  /** The conflict the conflict view shows now (others wait their turn). */
  get conflict(): Conflict | null {
    return this.#conflicts.first;
  }
  get notices(): readonly Notice[] {
    return this.#notices.list;
  }
  /** How many writes wait for the connection. */
  get queued(): number {
    return this.#queue.size;
  }
  get busy(): boolean {
    return this.#running > 0;
  }
  get nextUndo(): UndoEntry | undefined {
    return this.#history.nextUndo;
  }
  get nextRedo(): UndoEntry | undefined {
    return this.#history.nextRedo;
  }

  dismiss(seq: number): void {
    this.#notices.dismiss(seq);
  }

  /** How the row's last write went, to say next to it; null when there is nothing to say. */
  outcome(id: string): RowOutcome | null {
    return (
      this.#rows.saving(id) ??
      (this.#conflicts.has(id) ? CONFLICT : null) ??
      (this.#queue.has(id) ? QUEUED : null) ??
      this.#rows.refused(id)
    );
  }

  /** The row as the dataset has it now (for forms: the version the user starts from). */
  current(table: EditTable, id: string): EditRow | undefined {
    return this.#dataset.current(table, id);
  }

  #repo(): EditRepo {
    const repo = this.#deps.repo();
    if (!repo) throw new DataError('unavailable', 'No data client yet');
    return repo;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
    }
  }

  /** Queues writes (offline, or the network failed) and says so once. */
  #enqueue(edits: QueuedEdit[]): EditResult {
    this.#queue.add(edits);
    this.#notices.add({ tone: 'info', key: 'edit.queued' });
    return { ok: true, queued: true, id: edits.at(-1)?.write.id };
  }

  // ---- writes --------------------------------------------------------------

  async create(
    table: EditTable,
    values: Record<string, unknown>,
    title: string
  ): Promise<EditResult> {
    const id = this.#deps.newId?.() ?? crypto.randomUUID();
    const full = { ...values, id, map_id: this.#deps.mapId };
    const queued: QueuedEdit = { write: { kind: 'insert', table, id, values: full }, title };
    if (!this.#deps.online()) {
      this.#history.record([{ kind: 'create', table, id, title, version: 1 }]);
      return this.#enqueue([queued]);
    }
    return this.#run(async () => {
      const result = await this.#repo().create(table, full);
      if (!result.ok) {
        if (transient(result.error)) return this.#enqueue([queued]);
        return { ok: false, reason: 'error', messageKey: result.error.messageKey };
      }
      this.#dataset.saved(table, id, result.row);
      this.#history.record([{ kind: 'create', table, id, title, version: result.row.version }]);
      return { ok: true, id };
    });
  }

  async update(
    table: EditTable,
    base: EditRow,
    patch: Record<string, unknown>,
    title: string
  ): Promise<EditResult> {
    if (Object.keys(patch).length === 0) return { ok: true, id: base.id };
    const sent = await this.#updates.one(table, { base, patch, title });
    switch (sent.status) {
      case 'saved':
        return { ok: true, id: base.id };
      case 'offline':
        return { ok: true, queued: true, id: base.id };
      case 'conflict':
        return { ok: false, reason: 'conflict' };
      case 'refused':
        return { ok: false, reason: 'error', messageKey: sent.messageKey };
    }
  }

  /**
   * The same kind of change on many rows of a table (the inventory's bulk bar), a
   * few at a time, each with its own version check, as one step in the undo
   * history. Conflicts go to the conflict view and refusals stay with their rows;
   * rows the network failed for are queued, and all of them are while offline.
   */
  updateMany(
    table: EditTable,
    updates: readonly RowUpdate[],
    onProgress?: BulkProgress
  ): Promise<BulkWriteOutcome> {
    return this.#updates.many(table, updates, onProgress);
  }

  async remove(table: EditTable, base: EditRow, title: string): Promise<EditResult> {
    const change = { kind: 'delete', table, id: base.id, title } as const;
    if (!this.#deps.online()) {
      this.#dataset.show(table, base.id, null);
      this.#history.record([{ ...change, version: base.version }]);
      return this.#enqueue([
        { write: { kind: 'delete', table, id: base.id, baseVersion: base.version }, title }
      ]);
    }
    return this.#run(async () => {
      const result = await this.#repo().softDelete(table, base.id, base.version);
      if (result.ok) {
        this.#dataset.saved(table, base.id, result.row);
        this.#history.record([{ ...change, version: result.row.version }]);
        this.#notices.add({ tone: 'info', key: 'edit.deleted', params: { title } });
        return { ok: true, id: base.id };
      }
      if (result.reason === 'conflict') {
        this.#notices.add({ tone: 'error', key: 'edit.undoConflict', params: { title } });
        return { ok: false, reason: 'conflict' };
      }
      return { ok: false, reason: 'error', messageKey: result.error.messageKey };
    });
  }

  /** The conflict view's answer: the patch to save over their version, or null (take theirs). */
  async resolveConflict(patch: Record<string, unknown> | null): Promise<EditResult> {
    const conflict = this.#conflicts.take();
    if (!conflict) return { ok: true };
    if (!patch || Object.keys(patch).length === 0) return { ok: true, id: conflict.id };
    return this.update(conflict.table, conflict.theirs, patch, conflict.title);
  }

  /** Brings back a soft-deleted item (admins; or the one who deleted it). */
  async restore(table: EditTable, id: string, version: number, title: string): Promise<EditResult> {
    return this.#run(async () => {
      const repo = this.#repo();
      const result = await repo.update(table, id, { deleted_at: null }, version);
      if (!result.ok) {
        if (result.reason === 'conflict') return { ok: false, reason: 'conflict' };
        return { ok: false, reason: 'error', messageKey: result.error.messageKey };
      }
      this.#dataset.saved(table, id, result.row);
      if (table === 'nodes') await this.#dataset.bringBackRelations(repo, id);
      this.#notices.add({ tone: 'info', key: 'history.restored', params: { title } });
      return { ok: true, id };
    });
  }

  undo(): Promise<void> {
    return this.#history.step('undo');
  }

  redo(): Promise<void> {
    return this.#history.step('redo');
  }

  // ---- offline queue ---------------------------------------------------------

  /**
   * On start (the page shows the loaded map): takes up the writes kept on this
   * device for this map and user that were not sent before the page closed, and
   * sends them now; those that cannot be sent yet stay queued and are shown.
   */
  async resume(): Promise<void> {
    if (!this.#queue.takeUp()) return;
    if (this.#deps.online()) {
      const count = this.#queue.size;
      const key = pluralKey('collab.resume', count);
      this.#notices.add({ tone: 'info', key, params: { count } });
      await this.replay();
    }
    this.#showQueued();
  }

  /** Shows the queued edits and deletes in the freshly loaded dataset, as when they were made. */
  #showQueued(): void {
    const updated = { nodes: [] as EditRow[], relations: [] as EditRow[] };
    for (const { write } of this.#queue.entries()) {
      const table = write.table as EditTable;
      const row = this.#dataset.current(table, write.id);
      if (write.kind === 'update' && row)
        updated[table].push({ ...row, ...write.patch } as EditRow);
      else if (write.kind === 'delete') this.#dataset.show(table, write.id, null);
    }
    this.#dataset.showMany('nodes', updated.nodes);
    this.#dataset.showMany('relations', updated.relations);
  }

  /** Sends the queued writes (on reconnect); conflicts and refusals are reported. */
  async replay(): Promise<void> {
    const report = await this.#queue.replay((write) => this.#execute(write));
    if (!report) return;
    const updated = { nodes: [] as EditRow[], relations: [] as EditRow[] };
    let applied = 0;
    for (const item of report.items) {
      const { write } = item.entry;
      const table = write.table as EditTable;
      const title = this.#queue.title(write.id);
      if (item.status === 'applied') {
        applied++;
        this.#rows.settle(write.id, null);
        if (write.kind === 'delete') this.#dataset.show(table, write.id, null);
        else if (!fullRow(item.row)) continue;
        else if (write.kind === 'update') updated[table].push(item.row);
        else this.#dataset.saved(table, write.id, item.row); // an insert: a new row
      } else if (item.status === 'conflict') {
        const theirs = item.current;
        if (write.kind === 'update' && fullRow(theirs) && theirs.deleted_at === null) {
          this.#dataset.show(table, theirs.id, theirs);
          this.#conflicts.add(table, title, write.patch, theirs);
        } else {
          this.#notices.add({ tone: 'error', key: 'collab.replay.conflict', params: { title } });
        }
      } else {
        this.#rows.settle(write.id, item.error.messageKey);
        this.#notices.add({
          tone: 'error',
          key: 'collab.replay.refused',
          params: { title },
          reason: item.error.messageKey
        });
      }
    }
    this.#dataset.savedMany('nodes', updated.nodes);
    this.#dataset.savedMany('relations', updated.relations);
    if (applied > 0)
      this.#notices.add({ tone: 'info', key: 'collab.replay.applied', params: { count: applied } });
  }

  #execute(write: QueuedWrite): Promise<WriteOutcome> {
    const repo = this.#repo();
    const table = write.table as EditTable;
    if (write.kind === 'insert') return repo.create(table, write.values);
    if (write.kind === 'update')
      return repo.update(table, write.id, write.patch, write.baseVersion);
    return repo.softDelete(table, write.id, write.baseVersion);
  }
}
