// Editing the map: create, update and delete through the repository with the
// version check; a conflict is kept for the conflict view (nothing is overwritten);
// one's own edits can be undone and redone; while the connection is down, writes
// wait in the offline queue and are replayed with the same version check. The
// queue is kept on the device per map and user (QueueStore), so writes that were
// not sent when the page closed are sent on the next start.
import { conflictFields, type ConflictField } from '$lib/collab/conflict';
import type { EditRepo, EditRow, EditTable } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import {
  memoryQueueStore,
  QueueStoreError,
  type QueueKey,
  type QueueStore
} from '$lib/data/queue-store';
import { applyRow, WriteQueue, type QueuedWrite, type WriteOutcome } from '$lib/data/sync';
import type { Dataset } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import { pluralKey } from '$lib/i18n/translate';
import { UndoStack } from '$lib/collab/undo';

export interface UndoEntry {
  kind: 'create' | 'update' | 'delete';
  table: EditTable;
  id: string;
  title: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The row's version after the last step (the base for undoing or redoing it). */
  version: number;
}

export interface Conflict {
  table: EditTable;
  id: string;
  title: string;
  mine: Record<string, unknown>;
  theirs: EditRow;
  fields: ConflictField[];
}

export interface Notice {
  seq: number;
  tone: 'info' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A message key to translate and pass as {reason}. */
  reason?: MessageKey;
  /** A message key to translate (with {title}) and pass as {action}. */
  action?: MessageKey;
}

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

const transient = (e: DataError) => e.kind === 'network' || e.kind === 'unavailable';
/** A whole row, not a delete's short answer ({ id, version }). */
const fullRow = (row: { id: string; version: number }): row is EditRow =>
  'title' in row || 'kind' in row;

export class EditingState {
  #deps: EditingDeps;
  #stack = new UndoStack<UndoEntry>(50);
  #queue: WriteQueue;
  #store: QueueStore;
  /** Whose queue this is: the user it is kept for (null: kept for this page only). */
  #owner: string | null = null;
  #resumed = false;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
  #titles = new Map<string, string>();
  /** The last version of each row that this user's own writes produced. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
  #known = new Map<string, number>();
  #replaying = false;
  #seq = 0;

  #rev = $state(0);
  /** Conflicts waiting for the conflict view, first shown first. */
  #conflicts = $state.raw<Conflict[]>([]);
  #notices = $state.raw<Notice[]>([]);
  #queued = $state(0);
  #busy = $state(false);

  constructor(deps: EditingDeps) {
    this.#deps = deps;
    this.#queue = new WriteQueue([], deps.now);
    this.#store = deps.store ?? memoryQueueStore();
  }

  get conflict(): Conflict | null {
    return this.#conflicts[0] ?? null;
  }
  get notices(): readonly Notice[] {
    return this.#notices;
  }
  get queued(): number {
    return this.#queued;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get nextUndo(): UndoEntry | undefined {
    void this.#rev;
    return this.#stack.peekUndo();
  }
  get nextRedo(): UndoEntry | undefined {
    void this.#rev;
    return this.#stack.peekRedo();
  }

  dismiss(seq: number): void {
    this.#notices = this.#notices.filter((n) => n.seq !== seq);
  }

  #notify(notice: Omit<Notice, 'seq'>): void {
    this.#notices = [...this.#notices.slice(-4), { ...notice, seq: ++this.#seq }];
  }

  #changed(): void {
    this.#rev++;
    this.#queued = this.#queue.size;
  }

  #apply(
    table: EditTable,
    id: string,
    row: EditRow | { id: string; version: number } | null
  ): void {
    if (row) this.#known.set(id, row.version);
    if (row && !fullRow(row)) row = null; // a delete's short answer
    const dataset = this.#deps.dataset();
    if (dataset) this.#deps.setDataset(applyRow(dataset, { table, id, row } as never));
  }

  #row(table: EditTable, id: string): EditRow | undefined {
    const dataset = this.#deps.dataset();
    const rows: EditRow[] = table === 'nodes' ? (dataset?.nodes ?? []) : (dataset?.relations ?? []);
    return rows.find((r) => r.id === id);
  }

  #enqueue(write: QueuedWrite, title: string): EditResult {
    if (this.#queue.size === 0) this.#owner = this.#deps.userId?.() ?? null;
    this.#queue.enqueue(write);
    this.#titles.set(write.id, title);
    this.#keep();
    this.#changed();
    this.#notify({ tone: 'info', key: 'edit.queued' });
    return { ok: true, queued: true, id: write.id };
  }

  #repo(): EditRepo {
    const repo = this.#deps.repo();
    if (!repo) throw new DataError('unavailable', 'No data client yet');
    return repo;
  }

  async #run<T>(work: () => Promise<T>): Promise<T> {
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }

  async create(
    table: EditTable,
    values: Record<string, unknown>,
    title: string
  ): Promise<EditResult> {
    const id = this.#deps.newId?.() ?? crypto.randomUUID();
    const full = { ...values, id, map_id: this.#deps.mapId };
    this.#titles.set(id, title);
    if (!this.#deps.online()) {
      this.#stack.push({ kind: 'create', table, id, title, version: 1 });
      return this.#enqueue({ kind: 'insert', table, id, values: full }, title);
    }
    return this.#run(async () => {
      const result = await this.#repo().create(table, full);
      if (!result.ok) {
        if (transient(result.error))
          return this.#enqueue({ kind: 'insert', table, id, values: full }, title);
        return { ok: false, reason: 'error', messageKey: result.error.messageKey };
      }
      this.#apply(table, id, result.row);
      this.#stack.push({ kind: 'create', table, id, title, version: result.row.version });
      this.#changed();
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
    const source = base as unknown as Record<string, unknown>;
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, source[k] ?? null]));
    const entry: UndoEntry = {
      kind: 'update',
      table,
      id: base.id,
      title,
      before,
      after: patch,
      version: base.version
    };
    if (!this.#deps.online()) {
      this.#apply(table, base.id, { ...base, ...patch } as EditRow);
      this.#stack.push(entry);
      return this.#enqueue(
        { kind: 'update', table, id: base.id, baseVersion: base.version, patch },
        title
      );
    }
    return this.#run(async () => {
      const result = await this.#repo().update(table, base.id, patch, base.version);
      if (result.ok) {
        this.#apply(table, base.id, result.row);
        this.#stack.push({ ...entry, version: result.row.version });
        this.#changed();
        return { ok: true, id: base.id };
      }
      if (result.reason === 'conflict') {
        this.#conflictWith(table, title, patch, result.current);
        return { ok: false, reason: 'conflict' };
      }
      if (transient(result.error)) {
        return this.#enqueue(
          { kind: 'update', table, id: base.id, baseVersion: base.version, patch },
          title
        );
      }
      return { ok: false, reason: 'error', messageKey: result.error.messageKey };
    });
  }

  async remove(table: EditTable, base: EditRow, title: string): Promise<EditResult> {
    if (!this.#deps.online()) {
      this.#apply(table, base.id, null);
      this.#stack.push({ kind: 'delete', table, id: base.id, title, version: base.version });
      return this.#enqueue(
        { kind: 'delete', table, id: base.id, baseVersion: base.version },
        title
      );
    }
    return this.#run(async () => {
      const result = await this.#repo().softDelete(table, base.id, base.version);
      if (result.ok) {
        this.#apply(table, base.id, result.row);
        this.#stack.push({
          kind: 'delete',
          table,
          id: base.id,
          title,
          version: result.row.version
        });
        this.#changed();
        this.#notify({ tone: 'info', key: 'edit.deleted', params: { title } });
        return { ok: true, id: base.id };
      }
      if (result.reason === 'conflict') {
        this.#notify({ tone: 'error', key: 'edit.undoConflict', params: { title } });
        return { ok: false, reason: 'conflict' };
      }
      return { ok: false, reason: 'error', messageKey: result.error.messageKey };
    });
  }

  /** Shows their row and keeps both versions for the conflict view. */
  #conflictWith(
    table: EditTable,
    title: string,
    mine: Record<string, unknown>,
    theirs: EditRow
  ): void {
    this.#apply(table, theirs.id, theirs);
    const fields = conflictFields(mine, theirs as unknown as Record<string, unknown>);
    this.#conflicts = [...this.#conflicts, { table, id: theirs.id, title, mine, theirs, fields }];
  }

  /** The conflict view's answer: the patch to save over their version, or null (take theirs). */
  async resolveConflict(patch: Record<string, unknown> | null): Promise<EditResult> {
    const conflict = this.conflict;
    if (!conflict) return { ok: true };
    this.#conflicts = this.#conflicts.slice(1);
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
      this.#apply(table, id, result.row);
      if (table === 'nodes') await this.#bringBackRelations(repo, id);
      this.#notify({ tone: 'info', key: 'history.restored', params: { title } });
      return { ok: true, id };
    });
  }

  // ---- undo / redo ---------------------------------------------------------

  async undo(): Promise<void> {
    const entry = this.#stack.takeUndo();
    if (!entry) return;
    await this.#step(entry, 'undo');
  }

  async redo(): Promise<void> {
    const entry = this.#stack.takeRedo();
    if (!entry) return;
    await this.#step(entry, 'redo');
  }

  async #step(entry: UndoEntry, direction: 'undo' | 'redo'): Promise<void> {
    const repo = this.#repo();
    // What to do: undo a create = delete; undo a delete = restore; undo an update = the old values.
    const restore = (entry.kind === 'delete') === (direction === 'undo');
    const action = `edit.action.${entry.kind}` as const;
    const version = this.#known.get(entry.id) ?? entry.version;
    await this.#run(async () => {
      let outcome;
      if (entry.kind === 'update') {
        const patch = direction === 'undo' ? entry.before! : entry.after!;
        outcome = await repo.update(entry.table, entry.id, patch, version);
      } else if (restore) {
        outcome = await repo.update(entry.table, entry.id, { deleted_at: null }, version);
      } else {
        outcome = await repo.softDelete(entry.table, entry.id, version);
      }
      if (!outcome.ok) {
        this.#changed();
        if (outcome.reason === 'conflict') {
          this.#notify({ tone: 'error', key: 'edit.undoConflict', params: { title: entry.title } });
        } else {
          this.#notify({ tone: 'error', key: 'edit.undoFailed', reason: outcome.error.messageKey });
        }
        return;
      }
      const row = outcome.row;
      this.#apply(entry.table, entry.id, row);
      if (restore && entry.table === 'nodes') await this.#bringBackRelations(repo, entry.id);
      const next = { ...entry, version: row.version };
      if (direction === 'undo') this.#stack.undone(next);
      else this.#stack.redone(next);
      this.#changed();
      this.#notify({
        tone: 'info',
        key: direction === 'undo' ? 'edit.undone' : 'edit.redone',
        params: { title: entry.title },
        action
      });
    });
  }

  async #bringBackRelations(repo: EditRepo, nodeId: string): Promise<void> {
    try {
      for (const relation of await repo.relationsOf(nodeId))
        this.#apply('relations', relation.id, relation);
    } catch {
      // They come back on the next load; the node itself is restored.
    }
  }

  // ---- offline queue ---------------------------------------------------------

  /**
   * On start (the explorer shows the loaded map): takes up the writes kept on this
   * device for this map and user that were not sent before the page closed, and
   * sends them now, or keeps them queued (and shown) while offline.
   */
  async resume(): Promise<void> {
    const userId = this.#deps.userId?.() ?? null;
    // A queue already in memory is what the store holds (it is kept on every step).
    if (this.#resumed || !userId || this.#queue.size > 0) return;
    this.#resumed = true;
    const stored = this.#guard(() => this.#store.load(this.#key(userId)));
    if (!stored || stored.entries.length === 0) return;
    this.#queue = new WriteQueue(stored.entries, this.#deps.now);
    this.#owner = userId;
    for (const [id, title] of Object.entries(stored.titles)) this.#titles.set(id, title);
    this.#changed();
    if (!this.#deps.online()) {
      this.#showQueued();
      return;
    }
    const count = this.#queue.size;
    this.#notify({ tone: 'info', key: pluralKey('collab.resume', count), params: { count } });
    await this.replay();
  }

  /** Shows the queued edits and deletes in the freshly loaded dataset, as when they were made. */
  #showQueued(): void {
    for (const { write } of this.#queue.entries()) {
      const table = write.table as EditTable;
      const row = this.#row(table, write.id);
      if (write.kind === 'update' && row)
        this.#apply(table, write.id, { ...row, ...write.patch } as EditRow);
      else if (write.kind === 'delete') this.#apply(table, write.id, null);
    }
  }

  /** Sends the queued writes (on reconnect); conflicts and refusals are reported. */
  async replay(): Promise<void> {
    if (this.#replaying || this.#queue.size === 0) return;
    // Never sent as someone else (e.g. after signing out): it stays kept for its owner.
    if (this.#owner !== null && this.#owner !== (this.#deps.userId?.() ?? null)) return;
    this.#replaying = true;
    try {
      const repo = this.#repo();
      const report = await this.#queue.replay(
        (write) => this.#execute(repo, write),
        () => this.#keep()
      );
      let applied = 0;
      for (const item of report.items) {
        const { write } = item.entry;
        const table = write.table as EditTable;
        const title = this.#titles.get(write.id) ?? '';
        if (item.status === 'applied') {
          applied++;
          if (write.kind === 'delete') this.#apply(table, write.id, null);
          else if (fullRow(item.row)) this.#apply(table, write.id, item.row);
        } else if (item.status === 'conflict') {
          const theirs = item.current;
          if (write.kind === 'update' && fullRow(theirs) && theirs.deleted_at === null) {
            this.#conflictWith(table, title, write.patch, theirs);
          } else {
            this.#notify({ tone: 'error', key: 'collab.replay.conflict', params: { title } });
          }
        } else {
          this.#notify({
            tone: 'error',
            key: 'collab.replay.refused',
            params: { title },
            reason: item.error.messageKey
          });
        }
      }
      if (applied > 0)
        this.#notify({ tone: 'info', key: 'collab.replay.applied', params: { count: applied } });
    } finally {
      this.#replaying = false;
      this.#changed();
    }
  }

  #key(userId: string): QueueKey {
    return { mapId: this.#deps.mapId, userId };
  }

  /** Keeps the queue (and the titles its notices use) on the device for its owner. */
  #keep(): void {
    if (!this.#owner) return;
    const key = this.#key(this.#owner);
    if (this.#queue.size === 0) {
      this.#guard(() => this.#store.clear(key));
      return;
    }
    const entries = this.#queue.entries();
    const titles = Object.fromEntries(
      entries.map(({ write }) => [write.id, this.#titles.get(write.id) ?? ''])
    );
    this.#guard(() => this.#store.save(key, { entries, titles }));
  }

  /**
   * Runs a store operation; a failure never stops editing: unreadable data is gone
   * (the store removed it), an unusable storage is replaced by memory. Said once.
   */
  #guard<T>(work: () => T): T | null {
    try {
      return work();
    } catch (error) {
      console.warn('Regionkartan: the offline queue could not be kept on this device', error);
      const unreadable = error instanceof QueueStoreError && error.problem === 'unreadable';
      if (!unreadable) this.#store = memoryQueueStore();
      this.#notify({
        tone: 'error',
        key: unreadable ? 'collab.storage.unreadable' : 'collab.storage.unavailable'
      });
      return null;
    }
  }

  #execute(repo: EditRepo, write: QueuedWrite): Promise<WriteOutcome> {
    const table = write.table as EditTable;
    if (write.kind === 'insert') return repo.create(table, write.values);
    if (write.kind === 'update')
      return repo.update(table, write.id, write.patch, write.baseVersion);
    return repo.softDelete(table, write.id, write.baseVersion);
  }

  /** The row as the dataset has it now (for forms: the version the user starts from). */
  current(table: EditTable, id: string): EditRow | undefined {
    return this.#row(table, id);
  }
}
