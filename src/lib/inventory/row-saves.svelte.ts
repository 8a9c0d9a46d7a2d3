// Saving inventory edits: inline and bulk edits go through the editing state,
// the explorer's one write path (version check, undo/redo, the offline queue
// kept on the device, the conflict view). What is said next to a row is how its
// last write went (being saved, waiting for the connection, in the conflict
// view, refused), or a typed value refused before sending.
import { SvelteMap } from 'svelte/reactivity';
import type { NodePatch, NodeRow, RelationPatch, RelationRow } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';
import type { EditingState } from '$lib/state/editing.svelte';
import type { RowOutcome } from '$lib/state/row-outcomes.svelte';
import type { BulkProgress, BulkWriteOutcome, RowUpdate } from '$lib/state/row-updates';
import { bulkPatch, type BulkAction, type CheckedPatch } from './edits';

export type RowIssue =
  | RowOutcome
  /** A typed value refused before sending; `field` is the column it was typed in. */
  | { kind: 'invalid'; field: string; messageKey: MessageKey };

/** What the inventory's saves use of the editing state. */
export type RowEditing = Pick<EditingState, 'update' | 'updateMany' | 'outcome'>;

export interface RowSaveDeps {
  editing: RowEditing;
  now?: () => Date;
}

export interface BulkOutcome extends BulkWriteOutcome {
  unchanged: number;
}

/** A patch's changed fields (its id says which row). */
function fieldsOf(patch: NodePatch | RelationPatch): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...patch };
  delete fields.id;
  return fields;
}

export class RowSaves {
  #deps: RowSaveDeps;
  /** Typed values refused before sending, per row. */
  #invalid = new SvelteMap<string, { field: string; messageKey: MessageKey }>();

  constructor(deps: RowSaveDeps) {
    this.#deps = deps;
  }

  #now(): Date {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    return this.#deps.now?.() ?? new Date();
  }

  issue(id: string): RowIssue | null {
    const invalid = this.#invalid.get(id);
    return invalid ? { kind: 'invalid', ...invalid } : this.#deps.editing.outcome(id);
  }

  /**
   * Saves one row's patch against the version shown. True when the editor may
   * close: saved, queued for the connection, or in the conflict view (which
   * keeps the user's value); false when refused (the reason is the row's issue).
   */
  async #save(
    table: 'nodes' | 'relations',
    row: NodeRow | RelationRow,
    patch: NodePatch | RelationPatch,
    title: string
  ): Promise<boolean> {
    this.#invalid.delete(row.id);
    const result = await this.#deps.editing.update(table, row, fieldsOf(patch), title);
    return result.ok || result.reason === 'conflict';
  }

  /** Saves one node patch (its title names it in notices and the undo history). */
  saveNode(node: NodeRow, patch: NodePatch): Promise<boolean> {
    return this.#save('nodes', node, patch, patch.title ?? node.title);
  }

  /** Saves one relation patch; `title` names the relation ("A – B"). */
  saveRelation(relation: RelationRow, patch: RelationPatch, title: string): Promise<boolean> {
    return this.#save('relations', relation, patch, title);
  }

  /**
   * An inline edit of a typed relation value: a refused value is not sent and
   * its problem becomes the row's issue (for `field`); an unchanged one is not sent.
   */
  async editRelation(
    relation: RelationRow,
    field: string,
    edit: CheckedPatch<RelationPatch>,
    title: string
  ): Promise<boolean> {
    if (!edit.ok) {
      this.#invalid.set(relation.id, { field, messageKey: edit.problem });
      return false;
    }
    if (edit.patch) return this.saveRelation(relation, edit.patch, title);
    this.#invalid.delete(relation.id);
    return true;
  }

  /** Forgets a refused value's problem (its edit was cancelled); other issues stay. */
  dismiss(id: string, field: string): void {
    if (this.#invalid.get(id)?.field === field) this.#invalid.delete(id);
  }

  /** One action on many nodes, as one undo step; rows that would not change are not sent. */
  bulkNodes(
    nodes: readonly NodeRow[],
    action: BulkAction,
    userId: string | null,
    onProgress?: BulkProgress
  ): Promise<BulkOutcome> {
    const now = this.#now();
    return this.#bulk(
      'nodes',
      nodes,
      (n) => bulkPatch(n, action, now, userId),
      (n) => n.title,
      onProgress
    );
  }

  /** The same for relations (a status action leaves them unchanged: they have none). */
  bulkRelations(
    relations: readonly RelationRow[],
    action: BulkAction,
    userId: string | null,
    titleOf: (relation: RelationRow) => string,
    onProgress?: BulkProgress
  ): Promise<BulkOutcome> {
    const now = this.#now();
    return this.#bulk(
      'relations',
      relations,
      (r) => bulkPatch(r, action, now, userId),
      titleOf,
      onProgress
    );
  }

  async #bulk<Row extends NodeRow | RelationRow>(
    table: 'nodes' | 'relations',
    rows: readonly Row[],
    patchOf: (row: Row) => NodePatch | RelationPatch | null,
    titleOf: (row: Row) => string,
    onProgress: BulkProgress | undefined
  ): Promise<BulkOutcome> {
    const updates: RowUpdate[] = [];
    for (const row of rows) {
      const patch = patchOf(row);
      if (!patch) continue;
      this.#invalid.delete(row.id);
      updates.push({ base: row, patch: fieldsOf(patch), title: titleOf(row) });
    }
    const outcome = await this.#deps.editing.updateMany(table, updates, onProgress);
    return { ...outcome, unchanged: rows.length - updates.length };
  }
}
