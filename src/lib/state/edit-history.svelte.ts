// The undo/redo history of one's own edits and how a step is taken back or
// done again: each step is one row's change, or one bulk change of many rows
// (undone and redone at once). A step is written with the version check from
// the version one's own last write gave the row: if someone else changed it
// since, it is not done, and that is said.
import { UndoStack } from '$lib/collab/undo';
import type { EditRepo, EditRow, EditTable } from '$lib/data/edit-repo';
import type { MessageKey } from '$lib/i18n/sv';
import { eachLimited } from './each-limited';
import type { EditedDataset } from './edited-dataset';
import type { EditNotices } from './edit-notices.svelte';

/** One row's change as the history keeps it. */
export interface RowChange {
  kind: 'create' | 'update' | 'delete';
  table: EditTable;
  id: string;
  title: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** The row's version after the last step (the base for undoing or redoing it). */
  version: number;
}

/** A bulk change: updates of many rows of one table, one step in the history. */
export interface BulkChange {
  kind: 'bulk';
  changes: RowChange[];
}

export type UndoEntry = RowChange | BulkChange;

export type StepDirection = 'undo' | 'redo';

/** The write that undoes or redoes a change: a patch (a restore sets deleted_at to null), or a delete. */
export interface StepWrite {
  /** null: soft-delete the row. */
  patch: Record<string, unknown> | null;
  /** The row comes back (a node's relations come back with it). */
  restores: boolean;
}

export function stepWrite(change: RowChange, direction: StepDirection): StepWrite {
  if (change.kind === 'update') {
    return { patch: direction === 'undo' ? change.before! : change.after!, restores: false };
  }
  // Undo a create = delete; undo a delete = restore; redo the opposite.
  const restores = (change.kind === 'delete') === (direction === 'undo');
  return { patch: restores ? { deleted_at: null } : null, restores };
}

/** The message naming an entry's action ("ändra ”X”", "ändra 12 rader") and its params. */
export function entryAction(entry: UndoEntry): {
  key: MessageKey;
  params: Record<string, string | number>;
} {
  if (entry.kind === 'bulk') {
    return { key: 'edit.action.bulk', params: { count: entry.changes.length } };
  }
  return { key: `edit.action.${entry.kind}`, params: { title: entry.title } };
}

/** One step for these changes: the change itself, or a bulk change when there are several. */
export function entryOf(changes: RowChange[]): UndoEntry | null {
  if (changes.length === 0) return null;
  return changes.length === 1 ? changes[0]! : { kind: 'bulk', changes };
}

export interface EditHistoryDeps {
  repo: () => EditRepo;
  dataset: EditedDataset;
  notices: EditNotices;
  /** Runs a write while the editing state says it is busy. */
  run: <T>(work: () => Promise<T>) => Promise<T>;
  /** How many rows of a bulk change are written at a time. */
  concurrency: number;
}

export class EditHistory {
  #deps: EditHistoryDeps;
  #stack = new UndoStack<UndoEntry>(50);
  #rev = $state(0);
  /** The steps asked for, one after another (see step). */
  #steps: Promise<void> = Promise.resolve();

  constructor(deps: EditHistoryDeps) {
    this.#deps = deps;
  }

  get nextUndo(): UndoEntry | undefined {
    void this.#rev;
    return this.#stack.peekUndo();
  }
  get nextRedo(): UndoEntry | undefined {
    void this.#rev;
    return this.#stack.peekRedo();
  }

  /** Records one's own new changes as one step (clears what could be redone). */
  record(changes: RowChange[]): void {
    const entry = entryOf(changes);
    if (!entry) return;
    this.#stack.push(entry);
    this.#rev++;
  }

  /**
   * Undoes or redoes the next step; what could not be done is said and leaves the
   * history. Steps run one after another: a redo pressed while an undo is still being
   * written waits for it, and then finds what it undid (before, it found nothing).
   */
  step(direction: StepDirection): Promise<void> {
    const next = this.#steps.then(() => this.#step(direction));
    this.#steps = next.catch(() => {});
    return next;
  }

  async #step(direction: StepDirection): Promise<void> {
    const entry = direction === 'undo' ? this.#stack.takeUndo() : this.#stack.takeRedo();
    this.#rev++;
    if (!entry) return;
    const repo = this.#deps.repo();
    await this.#deps.run(async () => {
      const done =
        entry.kind === 'bulk'
          ? await this.#stepMany(repo, entry.changes, direction)
          : await this.#stepOne(repo, entry, direction);
      const next = entryOf(done);
      if (next) {
        if (direction === 'undo') this.#stack.undone(next);
        else this.#stack.redone(next);
        this.#rev++;
      }
      const { notices } = this.#deps;
      if (entry.kind === 'bulk' && done.length < entry.changes.length) {
        // The others were changed by someone else since, or refused.
        const params = { done: done.length, count: entry.changes.length };
        notices.add({ tone: 'error', key: 'edit.stepPartial', params });
      } else if (next) {
        const action = entryAction(entry);
        notices.add({
          tone: 'info',
          key: direction === 'undo' ? 'edit.undone' : 'edit.redone',
          params: action.params,
          action: action.key
        });
      }
    });
  }

  #base(change: RowChange): number {
    return this.#deps.dataset.versionOf(change.id) ?? change.version;
  }

  /** One row's change; returns it with its new version, or nothing (and says why). */
  async #stepOne(repo: EditRepo, change: RowChange, direction: StepDirection) {
    const { patch, restores } = stepWrite(change, direction);
    const version = this.#base(change);
    const outcome = patch
      ? await repo.update(change.table, change.id, patch, version)
      : await repo.softDelete(change.table, change.id, version);
    if (!outcome.ok) {
      this.#deps.notices.add(
        outcome.reason === 'conflict'
          ? { tone: 'error', key: 'edit.undoConflict', params: { title: change.title } }
          : { tone: 'error', key: 'edit.undoFailed', reason: outcome.error.messageKey }
      );
      return [];
    }
    const { dataset } = this.#deps;
    dataset.saved(change.table, change.id, outcome.row);
    if (restores && change.table === 'nodes') await dataset.bringBackRelations(repo, change.id);
    return [{ ...change, version: outcome.row.version }];
  }

  /** A bulk change's updates, a few rows at a time; returns the rows' changes that were done. */
  async #stepMany(repo: EditRepo, changes: readonly RowChange[], direction: StepDirection) {
    const done: RowChange[] = [];
    const rows: EditRow[] = [];
    await eachLimited(changes, this.#deps.concurrency, async (change) => {
      const { patch } = stepWrite(change, direction);
      const outcome = await repo.update(change.table, change.id, patch!, this.#base(change));
      if (!outcome.ok) return; // counted by the caller
      rows.push(outcome.row);
      done.push({ ...change, version: outcome.row.version });
    });
    if (changes[0]) this.#deps.dataset.savedMany(changes[0].table, rows);
    return done;
  }
}
