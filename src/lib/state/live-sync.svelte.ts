// The explorer's live link: connects the live channel before the dataset loads
// (so no change is missed between load and subscribe), applies others' changes to
// the dataset, tracks the connection for the banner and the write queue, and
// shares this user's selection as presence.
import { people, type Person } from '$lib/collab/presence';
import type { DataClient } from '$lib/data/client';
import type { LiveChannel, LiveStatus, PresenceMember } from '$lib/data/live';
import {
  applyRows,
  rowsToFetch,
  type FetchedRow,
  type LiveChange,
  type SyncTable
} from '$lib/data/sync';
import type { Dataset, Selection } from '$lib/domain/model';

export interface LiveSyncOptions {
  channel: LiveChannel;
  client: () => DataClient | null;
  fetchRows: (
    client: DataClient,
    wanted: Partial<Record<SyncTable, string[]>>
  ) => Promise<FetchedRow[]>;
  dataset: () => Dataset | null;
  setDataset: (dataset: Dataset) => void;
  myUserId: () => string | null;
  /** Wait this long for the channel before loading anyway (no live channel). */
  openTimeoutMs?: number;
  /** Changes arriving within this window are fetched together. */
  batchMs?: number;
  /** Above this many changed rows in one batch (an import), load the map again instead. */
  reloadAbove?: number;
}

/** A burst larger than this (a big import) is cheaper as one reload than row by row. */
const RELOAD_ABOVE = 500;

export class LiveSync {
  #o: LiveSyncOptions;
  #mapId: string | null = null;
  #loaded = false;
  #queue: LiveChange[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #offs: (() => void)[] = [];
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
  #reconnectListeners = new Set<() => void>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not UI state
  #resyncListeners = new Set<() => void>();

  #status = $state<LiveStatus>('closed');
  #everOpen = $state(false);
  #online = $state(globalThis.navigator?.onLine ?? true);
  #members = $state.raw<PresenceMember[]>([]);
  #forbidden = $state(false);

  constructor(options: LiveSyncOptions) {
    this.#o = options;
  }

  get status(): LiveStatus {
    return this.#status;
  }
  /** The connection was up and is not now (or the browser says it is offline). */
  get dropped(): boolean {
    return !this.#online || (this.#everOpen && this.#status !== 'open');
  }
  get connected(): boolean {
    return this.#online && this.#status === 'open';
  }
  get forbidden(): boolean {
    return this.#forbidden;
  }
  get people(): Person[] {
    return people(this.#members, this.#o.myUserId(), this.#o.channel.clientId);
  }

  /** Called when the connection is back after a drop (replay queued writes). */
  onReconnect(cb: () => void): () => void {
    this.#reconnectListeners.add(cb);
    return () => this.#reconnectListeners.delete(cb);
  }
  /** Called when the dataset must be loaded again (too much missed). */
  onResync(cb: () => void): () => void {
    this.#resyncListeners.add(cb);
    return () => this.#resyncListeners.delete(cb);
  }

  /** Connects, then loads once the channel is open (or after the timeout). */
  start(mapId: string, load: () => Promise<void>): void {
    this.stop();
    this.#mapId = mapId;
    this.#loaded = false;
    const channel = this.#o.channel;
    let loading = false;
    const loadOnce = () => {
      if (loading) return;
      loading = true;
      clearTimeout(fallback);
      void load().then(() => this.#markLoaded());
    };
    const fallback = setTimeout(loadOnce, this.#o.openTimeoutMs ?? 3000);
    this.#offs.push(
      () => clearTimeout(fallback),
      channel.onStatus((status) => {
        const wasDropped = this.dropped;
        this.#status = status;
        if (status !== 'open') return;
        loadOnce();
        if (this.#everOpen && wasDropped && this.#online) this.#emit(this.#reconnectListeners);
        this.#everOpen = true;
      }),
      channel.onChange((change) => this.#enqueue(change)),
      channel.onPresence((members) => (this.#members = members)),
      channel.onResync(() => this.#emit(this.#resyncListeners)),
      channel.onError((error) => {
        if (error.code === 'forbidden') this.#forbidden = true;
      })
    );
    channel.connect(mapId);
  }

  /** The browser's own online/offline signal: shown at once, reconnects at once. */
  setOnline(online: boolean): void {
    if (online === this.#online) return;
    const wasDropped = this.dropped;
    this.#online = online;
    if (!online || !this.#mapId) return;
    // Skip the backoff: reconnect now, resubscribing from the last change seen.
    const since = this.#o.channel.lastChangeId;
    this.#o.channel.close();
    this.#o.channel.connect(this.#mapId, since);
    if (wasDropped && this.#status === 'open') this.#emit(this.#reconnectListeners);
  }

  setPresence(displayName: string | null, selection: Selection | null): void {
    this.#presence = { displayName, selection };
    this.#o.channel.setPresence({
      ...(displayName ? { display_name: displayName } : {}),
      selection,
      ...(this.#following ? { following: true } : {})
    });
  }

  /** The live channel itself (workshops listen to the presenter on it). */
  get channel(): LiveChannel {
    return this.#o.channel;
  }

  /** Whether this person follows a live presentation (shared as presence). */
  setFollowing(following: boolean): void {
    if (following === this.#following) return;
    this.#following = following;
    this.setPresence(this.#presence.displayName, this.#presence.selection);
  }
  #following = false;
  #presence: { displayName: string | null; selection: Selection | null } = {
    displayName: null,
    selection: null
  };

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue = [];
    if (this.#mapId) this.#o.channel.close();
    this.#mapId = null;
  }

  #emit(listeners: Set<() => void>): void {
    for (const cb of listeners) cb();
  }

  #markLoaded(): void {
    this.#loaded = true;
    if (this.#queue.length) void this.flush();
  }

  #enqueue(change: LiveChange): void {
    this.#queue.push(change);
    if (!this.#loaded || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#o.batchMs ?? 20);
  }

  /** Fetches and applies the queued changes (exposed for tests). */
  async flush(): Promise<void> {
    const client = this.#o.client();
    const mapId = this.#mapId;
    if (!client || !mapId || !this.#queue.length) return;
    const changes = this.#queue.splice(0);
    const wanted = rowsToFetch(changes, mapId);
    const count = Object.values(wanted).reduce((sum, ids) => sum + ids.length, 0);
    if (count > (this.#o.reloadAbove ?? RELOAD_ABOVE)) {
      this.#emit(this.#resyncListeners);
      return;
    }
    try {
      const fetched = await this.#o.fetchRows(client, wanted);
      const dataset = this.#o.dataset();
      if (dataset && this.#mapId === mapId) this.#o.setDataset(applyRows(dataset, fetched));
    } catch (error) {
      // The rows could not be read now (connection lost): try again with the next change.
      console.warn('Regionkartan: live changes could not be fetched', error);
      this.#queue.unshift(...changes);
    }
  }
}
