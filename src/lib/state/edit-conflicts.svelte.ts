// Saves that lost the race, waiting for the conflict view (first come, first
// shown): my patch and their row, field by field. Nothing is overwritten.
import { conflictFields, type ConflictField } from '$lib/collab/conflict';
import type { EditRow, EditTable } from '$lib/data/edit-repo';

export interface Conflict {
  table: EditTable;
  id: string;
  title: string;
  mine: Record<string, unknown>;
  theirs: EditRow;
  fields: ConflictField[];
}

export class ConflictQueue {
  #list = $state.raw<Conflict[]>([]);

  /** The conflict the view shows now. */
  get first(): Conflict | null {
    return this.#list[0] ?? null;
  }

  /** Whether a conflict about this row waits for the view. */
  has(id: string): boolean {
    return this.#list.some((c) => c.id === id);
  }

  add(table: EditTable, title: string, mine: Record<string, unknown>, theirs: EditRow): void {
    const fields = conflictFields(mine, theirs as unknown as Record<string, unknown>);
    this.#list = [...this.#list, { table, id: theirs.id, title, mine, theirs, fields }];
  }

  /** Takes the first conflict off the queue (the view answered it). */
  take(): Conflict | null {
    const first = this.first;
    if (first) this.#list = this.#list.slice(1);
    return first;
  }
}
