// The rows chosen for a bulk change in one inventory table. Ids are kept while
// the filters change; only the chosen rows still in the table are acted on.
import { SvelteSet } from 'svelte/reactivity';

export class RowSelection<Row extends { id: string }> {
  #ids = new SvelteSet<string>();
  /** The chosen rows still in the table, in the table's order. */
  readonly chosen: Row[];
  /** True when every row of a non-empty table is chosen. */
  readonly all: boolean;
  #rows: () => readonly Row[];

  /** `rows`: the table's rows as shown now. */
  constructor(rows: () => readonly Row[]) {
    this.#rows = rows;
    this.chosen = $derived(rows().filter((row) => this.#ids.has(row.id)));
    this.all = $derived(rows().length > 0 && this.chosen.length === rows().length);
  }

  /** Rows in the table. */
  get total(): number {
    return this.#rows().length;
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  set(id: string, on: boolean): void {
    if (on) this.#ids.add(id);
    else this.#ids.delete(id);
  }

  /** Chooses every row in the table, or none. */
  setAll(on: boolean): void {
    if (on) for (const row of this.#rows()) this.#ids.add(row.id);
    else this.#ids.clear();
  }

  clear(): void {
    this.#ids.clear();
  }
}
