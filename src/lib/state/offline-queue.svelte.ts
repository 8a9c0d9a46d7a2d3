// The writes waiting while the connection is down, kept on the device per map
// and user (QueueStore) so that a reload or a closed tab loses nothing, and
// replayed in order with the version check once the connection is back. What
// the replay brought is for the editing state to apply and report.
import {
  memoryQueueStore,
  QueueStoreError,
  type QueueKey,
  type QueueStore
} from '$lib/data/queue-store';
import {
  WriteQueue,
  type QueuedEntry,
  type QueuedWrite,
  type ReplayReport,
  type WriteOutcome
} from '$lib/data/sync';
import type { EditNotices } from './edit-notices.svelte';

export interface OfflineQueueDeps {
  mapId: string;
  /** The signed-in user: the queue is kept per map and user (not kept without one). */
  userId: () => string | null;
  /** Where the queue is kept between visits (default: for this page only). */
  store?: QueueStore;
  now?: () => Date;
  /** Where a storage problem is said. */
  notices: EditNotices;
}

export interface QueuedEdit {
  write: QueuedWrite;
  /** The row's title as the user saw it (for the notices after the replay). */
  title: string;
}

export class OfflineQueue {
  #deps: OfflineQueueDeps;
  #queue: WriteQueue;
  #store: QueueStore;
  /** Whose queue this is: the user it is kept for (null: kept for this page only). */
  #owner: string | null = null;
  #tookUp = false;
  #replaying = false;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
  #titles = new Map<string, string>();
  /** The rows with a write waiting (`#rev` says when it changed). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never changed
  #ids: ReadonlySet<string> = new Set();
  #size = $state(0);
  #rev = $state(0);

  constructor(deps: OfflineQueueDeps) {
    this.#deps = deps;
    this.#queue = new WriteQueue([], deps.now);
    this.#store = deps.store ?? memoryQueueStore();
  }

  /** How many writes wait. */
  get size(): number {
    return this.#size;
  }

  /** Whether a write of this row waits. */
  has(id: string): boolean {
    void this.#rev;
    return this.#ids.has(id);
  }

  title(id: string): string {
    return this.#titles.get(id) ?? '';
  }

  entries(): QueuedEntry[] {
    return this.#queue.entries();
  }

  /** Queues writes (merged per row) and keeps the queue on the device. */
  add(edits: readonly QueuedEdit[]): void {
    if (edits.length === 0) return;
    if (this.#queue.size === 0) this.#owner = this.#deps.userId();
    for (const { write, title } of edits) {
      this.#queue.enqueue(write);
      this.#titles.set(write.id, title);
    }
    this.#keep();
  }

  /**
   * Takes up the writes kept on this device for this map and the signed-in user
   * that were not sent before the page closed (once per page); true when there are any.
   */
  takeUp(): boolean {
    const userId = this.#deps.userId();
    // A queue already in memory is what the store holds (it is kept on every step).
    if (this.#tookUp || !userId || this.#queue.size > 0) return false;
    this.#tookUp = true;
    const stored = this.#guard(() => this.#store.load(this.#key(userId)));
    if (!stored || stored.entries.length === 0) return false;
    this.#queue = new WriteQueue(stored.entries, this.#deps.now);
    this.#owner = userId;
    for (const [id, title] of Object.entries(stored.titles)) this.#titles.set(id, title);
    this.#refresh();
    return true;
  }

  /**
   * Sends the queued writes in order with `execute` (the versioned save); null when
   * nothing was sent: empty, already sending, or the queue is someone else's (e.g.
   * after signing out: it stays kept for its owner). A network failure stops it.
   */
  async replay(
    execute: (write: QueuedWrite) => Promise<WriteOutcome>
  ): Promise<ReplayReport | null> {
    if (this.#replaying || this.#queue.size === 0) return null;
    if (this.#owner !== null && this.#owner !== this.#deps.userId()) return null;
    this.#replaying = true;
    try {
      return await this.#queue.replay(execute, () => this.#keep());
    } finally {
      this.#replaying = false;
      this.#refresh();
    }
  }

  #key(userId: string): QueueKey {
    return { mapId: this.#deps.mapId, userId };
  }

  #refresh(): void {
    const entries = this.#queue.entries();
    this.#size = entries.length;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never changed
    this.#ids = new Set(entries.map((e) => e.write.id));
    this.#rev++;
  }

  /** Keeps the queue (and the titles its notices use) on the device for its owner. */
  #keep(): void {
    this.#refresh();
    if (!this.#owner) return;
    const key = this.#key(this.#owner);
    if (this.#queue.size === 0) {
      this.#guard(() => this.#store.clear(key));
      return;
    }
    const entries = this.#queue.entries();
    const titles = Object.fromEntries(entries.map(({ write }) => [write.id, this.title(write.id)]));
    this.#guard(() => this.#store.save(key, { entries, titles }));
  }

  /**
   * Runs a store operation; a failure never stops editing: unreadable data is gone
   * (the store removed it), an unusable storage is replaced by memory. Said once.
   */
  #guard<T>(work: () => T): T | null {
    try {
      return work();
    } catch (error) {
      console.warn('Regionkartan: the offline queue could not be kept on this device', error);
      const unreadable = error instanceof QueueStoreError && error.problem === 'unreadable';
      if (!unreadable) this.#store = memoryQueueStore();
      this.#deps.notices.add({
        tone: 'error',
        key: unreadable ? 'collab.storage.unreadable' : 'collab.storage.unavailable'
      });
      return null;
    }
  }
}
