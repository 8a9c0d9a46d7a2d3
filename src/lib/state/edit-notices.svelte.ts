// The outcomes of edits said to the user (saved, queued, undone, refused): the
// last few, each dismissable. Shown by components/collab/Notices.svelte.
import type { MessageKey } from '$lib/i18n/sv';

export interface Notice {
  seq: number;
  tone: 'info' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A message key to translate and pass as {reason}. */
  reason?: MessageKey;
  /** A message key to translate (with the params) and pass as {action}. */
  action?: MessageKey;
}

/** How many notices are kept (the oldest goes first). */
const KEPT = 5;

export class EditNotices {
  #list = $state.raw<Notice[]>([]);
  #seq = 0;

  get list(): readonly Notice[] {
    return this.#list;
  }

  add(notice: Omit<Notice, 'seq'>): void {
    this.#list = [...this.#list.slice(1 - KEPT), { ...notice, seq: ++this.#seq }];
  }

  dismiss(seq: number): void {
    this.#list = this.#list.filter((n) => n.seq !== seq);
  }
}
