// The shared dataset as one's own writes change it: rows are shown at once (a
// newer version the live channel brought stays), and the version each row had
// after one's own last write is remembered (the base for undoing it).
import type { EditRepo, EditRow, EditTable } from '$lib/data/edit-repo';
import { applyRow, withSavedRows } from '$lib/data/sync';
import type { Dataset, NodeRow, RelationRow } from '$lib/domain/model';

/** A whole row, not a delete's short answer ({ id, version }). */
export const fullRow = (row: { id: string; version: number }): row is EditRow =>
  'title' in row || 'kind' in row;

export class EditedDataset {
  #get: () => Dataset | null;
  #set: (dataset: Dataset) => void;
  /** The last version of each row that this user's own writes produced. */
  #known = new Map<string, number>();

  constructor(get: () => Dataset | null, set: (dataset: Dataset) => void) {
    this.#get = get;
    this.#set = set;
  }

  /** The row as the dataset has it now. */
  current(table: EditTable, id: string): EditRow | undefined {
    const dataset = this.#get();
    const rows: EditRow[] = table === 'nodes' ? (dataset?.nodes ?? []) : (dataset?.relations ?? []);
    return rows.find((r) => r.id === id);
  }

  /** Shows a row (or its absence) in the dataset. */
  show(table: EditTable, id: string, row: EditRow | null): void {
    const dataset = this.#get();
    if (dataset) this.#set(applyRow(dataset, { table, id, row } as never));
  }

  /** Shows updated rows, many at once (the same rows, only newer). */
  showMany(table: EditTable, rows: readonly EditRow[]): void {
    const dataset = this.#get();
    if (!dataset || rows.length === 0) return;
    this.#set(
      table === 'nodes'
        ? withSavedRows(dataset, rows as NodeRow[])
        : withSavedRows(dataset, [], rows as RelationRow[])
    );
  }

  /** Shows what one's own write returned and remembers its version. */
  saved(table: EditTable, id: string, row: EditRow | { id: string; version: number }): void {
    this.#known.set(id, row.version);
    this.show(table, id, fullRow(row) ? row : null); // a delete's short answer: gone
  }

  /** The same for updated rows, many at once. */
  savedMany(table: EditTable, rows: readonly EditRow[]): void {
    for (const row of rows) this.#known.set(row.id, row.version);
    this.showMany(table, rows);
  }

  /** The version one's own last write gave the row (undefined: none yet). */
  versionOf(id: string): number | undefined {
    return this.#known.get(id);
  }

  /** A restored node's relations come back with it (or with the next load). */
  async bringBackRelations(repo: EditRepo, nodeId: string): Promise<void> {
    try {
      for (const relation of await repo.relationsOf(nodeId))
        this.saved('relations', relation.id, relation);
    } catch {
      // They come back on the next load; the node itself is restored.
    }
  }
}
