// How each row's last write went, for saying it next to the row (the
// inventory): being saved, waiting in the offline queue, in the conflict view,
// or refused with a reason. The rows being saved and the refusals are kept here;
// the queue and the conflict view know the rest (see EditingState.outcome).
import { SvelteMap } from 'svelte/reactivity';
import type { MessageKey } from '$lib/i18n/sv';

export type RowOutcome =
  | { kind: 'saving' }
  | { kind: 'queued' }
  | { kind: 'conflict' }
  | { kind: 'error'; messageKey: MessageKey };

const SAVING: RowOutcome = { kind: 'saving' };

export class RowOutcomes {
  /** Rows with a write under way, and how many. */
  #saving = new SvelteMap<string, number>();
  #refused = new SvelteMap<string, MessageKey>();

  saving(id: string): RowOutcome | null {
    return this.#saving.has(id) ? SAVING : null;
  }

  refused(id: string): RowOutcome | null {
    const messageKey = this.#refused.get(id);
    return messageKey ? { kind: 'error', messageKey } : null;
  }

  start(id: string): void {
    this.#saving.set(id, (this.#saving.get(id) ?? 0) + 1);
  }

  /** A write of the row ended: saved (or queued, or a conflict) when `refusal` is null. */
  end(id: string, refusal: MessageKey | null = null): void {
    const count = (this.#saving.get(id) ?? 1) - 1;
    if (count > 0) this.#saving.set(id, count);
    else this.#saving.delete(id);
    this.settle(id, refusal);
  }

  /** The row's last write was sent: saved (null) or refused for this reason. */
  settle(id: string, refusal: MessageKey | null): void {
    if (refusal) this.#refused.set(id, refusal);
    else this.#refused.delete(id);
  }
}
