// Saving inventory edits: every write goes through the repository's versioned
// save (a conflict is reported, never overwritten silently). The outcome of each
// row's last save is kept so the table can say it in words next to the row;
// saved rows replace the old ones in the shared dataset.
import { SvelteMap } from 'svelte/reactivity';
import type { DataError } from '$lib/data/errors';
import type { SaveResult } from '$lib/data/versioned';
import type { Dataset, NodePatch, NodeRow, RelationPatch, RelationRow } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import { bulkNodePatch, withSavedRows, type BulkAction } from './edits';

export type RowIssue =
  { kind: 'saving' } | { kind: 'conflict' } | { kind: 'error'; messageKey: MessageKey };

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

/** Bulk saves update the shared dataset in batches of this many rows. */
const BATCH = 50;

export class RowSaves {
  #deps: RowSaveDeps;
  #issues = new SvelteMap<string, RowIssue>();

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

  #apply(nodes: NodeRow[], relations: RelationRow[] = []): void {
    const dataset = this.#deps.dataset();
    if (dataset && (nodes.length || relations.length)) {
      this.#deps.setDataset(withSavedRows(dataset, nodes, relations));
    }
  }

  /** Saves one node patch against the version shown; true when it was saved. */
  async saveNode(node: NodeRow, patch: NodePatch): Promise<boolean> {
    this.#issues.set(node.id, { kind: 'saving' });
    const result = await this.#deps.saveNode(patch, node.version);
    const row = this.#settle(node.id, result);
    // On a conflict the current row is shown (the editor keeps the user's draft).
    if (row) this.#apply([row]);
    return result.ok;
  }

  async saveRelation(relation: RelationRow, patch: RelationPatch): Promise<boolean> {
    this.#issues.set(relation.id, { kind: 'saving' });
    const result = await this.#deps.saveRelation(patch, relation.version);
    const row = this.#settle(relation.id, result);
    if (row) this.#apply([], [row]);
    return result.ok;
  }

  /** One action on many nodes, a few at a time; rows that would not change are not sent. */
  async bulk(
    nodes: readonly NodeRow[],
    action: BulkAction,
    userId: string | null,
    onProgress?: (done: number, total: number) => void,
    concurrency = 4
  ): Promise<BulkOutcome> {
    const now = this.#now();
    const work = nodes
      .map((node) => ({ node, patch: bulkNodePatch(node, action, now, userId) }))
      .filter((w): w is { node: NodeRow; patch: NodePatch } => w.patch !== null);
    const outcome: BulkOutcome = { saved: 0, unchanged: nodes.length - work.length, failed: 0 };
    let pending: NodeRow[] = [];
    let next = 0;
    let done = 0;
    onProgress?.(0, work.length);
    const worker = async () => {
      while (next < work.length) {
        const { node, patch } = work[next++]!;
        this.#issues.set(node.id, { kind: 'saving' });
        const result = await this.#deps.saveNode(patch, node.version);
        const row = this.#settle(node.id, result);
        if (row) pending.push(row);
        if (result.ok) outcome.saved++;
        else outcome.failed++;
        onProgress?.(++done, work.length);
        if (pending.length >= BATCH) {
          this.#apply(pending);
          pending = [];
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    this.#apply(pending);
    return outcome;
  }

  /** "Verified now" for one relation. */
  verifyRelation(relation: RelationRow, userId: string | null): Promise<boolean> {
    const now = this.#now();
    return this.saveRelation(relation, {
      id: relation.id,
      verified_at: now.toISOString(),
      verified_by: userId
    });
  }
}
