// Updates of existing rows, one or many (the explorer's form, the inventory's
// inline and bulk edits): each is sent with the version check and the row is
// marked as being saved meanwhile; saved rows are shown and recorded in the
// history (a bulk change as one step); a conflict goes to the conflict view;
// while offline, or when the network fails, the updates are shown at once and
// queued. Many rows are sent a few at a time and shown in batches.
import type { EditRepo, EditRow, EditTable } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import type { MessageKey } from '$lib/i18n/sv';
import { eachLimited } from './each-limited';
import type { ConflictQueue } from './edit-conflicts.svelte';
import type { EditHistory, RowChange } from './edit-history.svelte';
import type { EditedDataset } from './edited-dataset';
import type { QueuedEdit } from './offline-queue.svelte';
import type { RowOutcomes } from './row-outcomes.svelte';

/** One row's update: the row as shown (its version is checked), the change, its title. */
export interface RowUpdate {
  base: EditRow;
  patch: Record<string, unknown>;
  title: string;
}

/** How one row's update went when sent. */
export type Sent =
  | { status: 'saved'; row: EditRow }
  | { status: 'conflict'; theirs: EditRow }
  | { status: 'offline' }
  | { status: 'refused'; messageKey: MessageKey };

/** What became of a bulk change's rows (a conflict or a refusal is said next to the row). */
export interface BulkWriteOutcome {
  saved: number;
  queued: number;
  failed: number;
}

export type BulkProgress = (done: number, total: number) => void;

export interface RowUpdatesDeps {
  repo: () => EditRepo;
  online: () => boolean;
  dataset: EditedDataset;
  history: EditHistory;
  conflicts: ConflictQueue;
  rows: RowOutcomes;
  /** Queues writes for the connection and says so. */
  enqueue: (edits: QueuedEdit[]) => void;
  run: <T>(work: () => Promise<T>) => Promise<T>;
  /** How many rows of a bulk change are sent at a time. */
  concurrency: number;
}

/** Many updated rows are shown this many at a time. */
const BATCH = 50;

/** A failure that waits for the connection rather than refuses. */
export const transient = (e: DataError) => e.kind === 'network' || e.kind === 'unavailable';

export class RowUpdates {
  #deps: RowUpdatesDeps;

  constructor(deps: RowUpdatesDeps) {
    this.#deps = deps;
  }

  /** Sends one row's update and shows the outcome; 'offline': it was queued. */
  async one(table: EditTable, update: RowUpdate): Promise<Sent> {
    if (!this.#deps.online()) {
      this.#queue(table, [update]);
      return { status: 'offline' };
    }
    return this.#deps.run(async () => {
      const sent = await this.#send(table, update);
      if (sent.status === 'saved') {
        this.#deps.dataset.saved(table, update.base.id, sent.row);
        this.#deps.history.record([this.#change(table, update, sent.row.version)]);
      } else if (sent.status === 'conflict') {
        this.#conflict(table, update, sent.theirs);
      } else if (sent.status === 'offline') {
        this.#queue(table, [update]);
      }
      return sent;
    });
  }

  /** The same kind of change on many rows (the inventory's bulk bar): one step in the history. */
  async many(
    table: EditTable,
    updates: readonly RowUpdate[],
    onProgress?: BulkProgress
  ): Promise<BulkWriteOutcome> {
    const outcome: BulkWriteOutcome = { saved: 0, queued: 0, failed: 0 };
    const total = updates.length;
    onProgress?.(0, total);
    if (total === 0) return outcome;
    if (!this.#deps.online()) {
      this.#queue(table, updates);
      onProgress?.(total, total);
      return { ...outcome, queued: total };
    }
    return this.#deps.run(async () => {
      const { dataset } = this.#deps;
      const changes: RowChange[] = [];
      const offline: RowUpdate[] = [];
      let saved: EditRow[] = [];
      let done = 0;
      await eachLimited(updates, this.#deps.concurrency, async (update) => {
        const sent = await this.#send(table, update);
        if (sent.status === 'saved') {
          outcome.saved++;
          saved.push(sent.row);
          changes.push(this.#change(table, update, sent.row.version));
        } else if (sent.status === 'conflict') {
          outcome.failed++;
          this.#conflict(table, update, sent.theirs);
        } else if (sent.status === 'offline') {
          outcome.queued++;
          offline.push(update);
        } else {
          outcome.failed++;
        }
        onProgress?.(++done, total);
        if (saved.length >= BATCH) {
          dataset.savedMany(table, saved);
          saved = [];
        }
      });
      dataset.savedMany(table, saved);
      this.#deps.history.record(changes);
      if (offline.length > 0) this.#queue(table, offline);
      return outcome;
    });
  }

  /** Sends one row's update with the version check; the row is marked as being saved meanwhile. */
  async #send(table: EditTable, { base, patch }: RowUpdate): Promise<Sent> {
    const { rows } = this.#deps;
    rows.start(base.id);
    let refusal: MessageKey | null = null;
    try {
      const result = await this.#deps.repo().update(table, base.id, patch, base.version);
      if (result.ok) return { status: 'saved', row: result.row };
      if (result.reason === 'conflict') return { status: 'conflict', theirs: result.current };
      if (transient(result.error)) return { status: 'offline' };
      refusal = result.error.messageKey;
      return { status: 'refused', messageKey: refusal };
    } finally {
      rows.end(base.id, refusal);
    }
  }

  #change(table: EditTable, { base, patch, title }: RowUpdate, version: number): RowChange {
    const source = base as unknown as Record<string, unknown>;
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, source[k] ?? null]));
    return { kind: 'update', table, id: base.id, title, before, after: patch, version };
  }

  /** Shows their row and keeps both versions for the conflict view. */
  #conflict(table: EditTable, { title, patch }: RowUpdate, theirs: EditRow): void {
    this.#deps.dataset.show(table, theirs.id, theirs);
    this.#deps.conflicts.add(table, title, patch, theirs);
  }

  /** Shows the updates at once and queues them, as one step in the history. */
  #queue(table: EditTable, updates: readonly RowUpdate[]): void {
    const shown = updates.map((u) => ({ ...u.base, ...u.patch }) as EditRow);
    this.#deps.dataset.showMany(table, shown);
    this.#deps.history.record(updates.map((u) => this.#change(table, u, u.base.version)));
    this.#deps.enqueue(
      updates.map(({ base, patch, title }) => ({
        write: { kind: 'update', table, id: base.id, baseVersion: base.version, patch },
        title
      }))
    );
  }
}
