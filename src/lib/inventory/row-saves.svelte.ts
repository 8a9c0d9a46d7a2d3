// Saving inventory edits: every write goes through the repository's versioned
// save (a conflict is reported, never overwritten silently). The outcome of each
// row's last save is kept so the table can say it in words next to the row;
// saved rows replace the old ones in the shared dataset. Nodes and relations
// share one implementation: only the save function and where saved rows go differ.
import { SvelteMap } from 'svelte/reactivity';
import type { DataError } from '$lib/data/errors';
import type { SaveResult } from '$lib/data/versioned';
import type { Dataset, NodePatch, NodeRow, RelationPatch, RelationRow } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import { bulkPatch, withSavedRows, type BulkAction, type CheckedPatch } from './edits';

export type RowIssue =
  | { kind: 'saving' }
  | { kind: 'conflict' }
  | { kind: 'error'; messageKey: MessageKey }
  /** A typed value refused before sending; `field` is the column it was typed in. */
  | { kind: 'invalid'; field: string; messageKey: MessageKey };

export interface RowSaveDeps {
  saveNode(patch: NodePatch, baseVersion: number): Promise<SaveResult<NodeRow>>;
  saveRelation(patch: RelationPatch, baseVersion: number): Promise<SaveResult<RelationRow>>;
  dataset(): Dataset | null;
  setDataset(dataset: Dataset): void;
  now?: () => Date;
}

export interface BulkOutcome {
  saved: number;
  unchanged: number;
  failed: number;
}

export type BulkProgress = (done: number, total: number) => void;

/** Bulk saves update the shared dataset in batches of this many rows. */
const BATCH = 50;

interface Versioned {
  id: string;
  version: number;
}

/** How one kind of row is saved and where saved rows go. */
interface Table<Row extends Versioned, Patch> {
  save(patch: Patch, baseVersion: number): Promise<SaveResult<Row>>;
  apply(rows: Row[]): void;
}

export class RowSaves {
  #deps: RowSaveDeps;
  #issues = new SvelteMap<string, RowIssue>();
  readonly #nodes: Table<NodeRow, NodePatch> = {
    save: (patch, version) => this.#deps.saveNode(patch, version),
    apply: (rows) => this.#apply(rows, [])
  };
  readonly #relations: Table<RelationRow, RelationPatch> = {
    save: (patch, version) => this.#deps.saveRelation(patch, version),
    apply: (rows) => this.#apply([], rows)
  };

  constructor(deps: RowSaveDeps) {
    this.#deps = deps;
  }

  #now(): Date {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    return this.#deps.now?.() ?? new Date();
  }

  issue(id: string): RowIssue | null {
    return this.#issues.get(id) ?? null;
  }

  #settle<Row extends { id: string }>(id: string, result: SaveResult<Row>): Row | null {
    if (result.ok) {
      this.#issues.delete(id);
      return result.row;
    }
    if (result.reason === 'conflict') {
      this.#issues.set(id, { kind: 'conflict' });
      return result.current;
    }
    this.#issues.set(id, { kind: 'error', messageKey: (result.error as DataError).messageKey });
    return null;
  }

  #apply(nodes: NodeRow[], relations: RelationRow[]): void {
    const dataset = this.#deps.dataset();
    if (dataset && (nodes.length || relations.length)) {
      this.#deps.setDataset(withSavedRows(dataset, nodes, relations));
    }
  }

  /** Saves one row; the saved row (or, on a conflict, the current one) is returned. */
  async #saveOne<Row extends Versioned, Patch>(
    table: Table<Row, Patch>,
    row: Row,
    patch: Patch
  ): Promise<{ ok: boolean; row: Row | null }> {
    this.#issues.set(row.id, { kind: 'saving' });
    const result = await table.save(patch, row.version);
    return { ok: result.ok, row: this.#settle(row.id, result) };
  }

  async #save<Row extends Versioned, Patch>(
    table: Table<Row, Patch>,
    row: Row,
    patch: Patch
  ): Promise<boolean> {
    const saved = await this.#saveOne(table, row, patch);
    // On a conflict the current row is shown (the editor keeps the user's draft).
    if (saved.row) table.apply([saved.row]);
    return saved.ok;
  }

  /** Saves one node patch against the version shown; true when it was saved. */
  saveNode(node: NodeRow, patch: NodePatch): Promise<boolean> {
    return this.#save(this.#nodes, node, patch);
  }

  saveRelation(relation: RelationRow, patch: RelationPatch): Promise<boolean> {
    return this.#save(this.#relations, relation, patch);
  }

  /**
   * An inline edit of a typed relation value: a refused value is not sent and
   * its problem becomes the row's issue (for `field`); an unchanged one is not sent.
   */
  async editRelation(
    relation: RelationRow,
    field: string,
    edit: CheckedPatch<RelationPatch>
  ): Promise<boolean> {
    if (!edit.ok) {
      this.#issues.set(relation.id, { kind: 'invalid', field, messageKey: edit.problem });
      return false;
    }
    return edit.patch ? this.saveRelation(relation, edit.patch) : true;
  }

  /** Forgets a refused value's problem (its edit was cancelled); other issues stay. */
  dismiss(id: string, field: string): void {
    const issue = this.#issues.get(id);
    if (issue?.kind === 'invalid' && issue.field === field) this.#issues.delete(id);
  }

  /** One action on many nodes, a few at a time; rows that would not change are not sent. */
  bulkNodes(
    nodes: readonly NodeRow[],
    action: BulkAction,
    userId: string | null,
    onProgress?: BulkProgress,
    concurrency = 4
  ): Promise<BulkOutcome> {
    const now = this.#now();
    const patchOf = (node: NodeRow) => bulkPatch(node, action, now, userId);
    return this.#bulk(this.#nodes, nodes, patchOf, onProgress, concurrency);
  }

  /** The same for relations (a status action leaves them unchanged: they have none). */
  bulkRelations(
    relations: readonly RelationRow[],
    action: BulkAction,
    userId: string | null,
    onProgress?: BulkProgress,
    concurrency = 4
  ): Promise<BulkOutcome> {
    const now = this.#now();
    const patchOf = (relation: RelationRow) => bulkPatch(relation, action, now, userId);
    return this.#bulk(this.#relations, relations, patchOf, onProgress, concurrency);
  }

  async #bulk<Row extends Versioned, Patch>(
    table: Table<Row, Patch>,
    rows: readonly Row[],
    patchOf: (row: Row) => Patch | null,
    onProgress: BulkProgress | undefined,
    concurrency: number
  ): Promise<BulkOutcome> {
    const work = rows
      .map((row) => ({ row, patch: patchOf(row) }))
      .filter((w): w is { row: Row; patch: Patch } => w.patch !== null);
    const outcome: BulkOutcome = { saved: 0, unchanged: rows.length - work.length, failed: 0 };
    let pending: Row[] = [];
    let next = 0;
    let done = 0;
    onProgress?.(0, work.length);
    const worker = async () => {
      while (next < work.length) {
        const { row, patch } = work[next++]!;
        const saved = await this.#saveOne(table, row, patch);
        if (saved.row) pending.push(saved.row);
        if (saved.ok) outcome.saved++;
        else outcome.failed++;
        onProgress?.(++done, work.length);
        if (pending.length >= BATCH) {
          table.apply(pending);
          pending = [];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    table.apply(pending);
    return outcome;
  }
}
