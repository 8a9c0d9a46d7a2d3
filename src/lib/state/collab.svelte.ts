// Editing together on a map page (explorer, inventory): the live link, the
// editing state and which of the explorer's editing dialogs is open, created
// once per map and shared through context.
import { getContext, setContext } from 'svelte';
import { remoteSelections } from '$lib/collab/presence';
import { editRepo, type EditTable } from '$lib/data/edit-repo';
import { fetchChangedRows } from '$lib/data/fetch-rows';
import { createLiveChannel } from '$lib/data/live';
import { toDataError } from '$lib/data/errors';
import { canPresent } from '$lib/data/members';
import { savePositions, type Placement } from '$lib/data/positions';
import type { MessageKey } from '$lib/i18n/sv';
import { storageQueueStore } from '$lib/data/queue-store';
import { EditingState } from './editing.svelte';
import type { ExplorerState } from './explorer.svelte';
import { LiveSync } from './live-sync.svelte';
import type { SessionState } from './session.svelte';

export type EditDialog =
  | { type: 'node'; id: string | null; point: { lon: number; lat: number } | null }
  | { type: 'relation'; id: string | null; sourceId: string | null }
  | { type: 'history'; table: EditTable; id: string; title: string }
  | { type: 'deleted' };

export class CollabState {
  readonly mapId: string;
  readonly explorer: ExplorerState;
  readonly session: SessionState;
  live = $state.raw<LiveSync | null>(null);
  readonly editing: EditingState;
  dialog = $state.raw<EditDialog | null>(null);
  /** Whether this person may present the map (can_present); null until read. */
  presentRight = $state<boolean | null>(null);
  /** Why the right could not be read (an i18n key), if it could not. */
  presentRightError = $state<MessageKey | null>(null);

  constructor(mapId: string, explorer: ExplorerState, session: SessionState) {
    this.mapId = mapId;
    this.explorer = explorer;
    this.session = session;
    this.editing = new EditingState({
      mapId,
      repo: () => (session.dataClient ? editRepo(session.dataClient) : null),
      dataset: () => explorer.dataset,
      setDataset: (d) => explorer.setDataset(d),
      online: () => !(this.live?.dropped ?? false),
      userId: () => session.userId,
      store: storageQueueStore() // offline edits survive a reload or a closed tab
    });
  }

  get canEdit(): boolean {
    return this.session.canEdit(this.mapId);
  }
  get isAdmin(): boolean {
    return this.session.isAdmin(this.mapId);
  }
  /** Admins, and editors an admin has given the right (read when the page starts). */
  get canPresent(): boolean {
    return this.isAdmin || this.presentRight === true;
  }

  async #readPresentRight(): Promise<void> {
    const client = this.session.dataClient;
    if (!client || !this.session.userId) {
      this.presentRight = false;
      return;
    }
    try {
      this.presentRight = await canPresent(client, this.mapId);
      this.presentRightError = null;
    } catch (error) {
      this.presentRight = null; // not known: say why, do not claim there is no right
      this.presentRightError = toDataError(error).messageKey;
    }
  }

  /** Why the last move of nodes in the graph was not stored (an i18n key), if it was not. */
  positionsError = $state<MessageKey | null>(null);

  /**
   * Stores where nodes were moved in the graph (editors); others see them move when
   * the change arrives. Not queued offline: a failed move is said, and the node stays
   * where it was put on this screen until the page is loaded again.
   */
  async savePositions(placements: readonly Placement[]): Promise<void> {
    const client = this.session.dataClient;
    if (!client || !this.canEdit) return;
    try {
      await savePositions(client, this.mapId, placements);
      this.positionsError = null;
    } catch (error) {
      this.positionsError = toDataError(error).messageKey;
    }
  }

  /** Connects the live channel, then loads (see LiveSync); returns the cleanup. */
  start(load: () => Promise<void>): () => void {
    let cancelled = false;
    let sync: LiveSync | null = null;
    const offs: (() => void)[] = [];
    this.session
      .init()
      .then(({ config, client }) => {
        if (cancelled) return;
        void this.#readPresentRight();
        const channel = createLiveChannel(config, {
          token: () => this.session.accessToken(),
          supabase: client,
          me: () => ({
            user_id: this.session.userId,
            role: this.session.roleFor(this.mapId) ?? 'anon'
          })
        });
        sync = new LiveSync({
          channel,
          client: () => client,
          fetchRows: fetchChangedRows,
          dataset: () => this.explorer.dataset,
          setDataset: (d) => this.explorer.setDataset(d),
          myUserId: () => this.session.userId
        });
        offs.push(
          sync.onReconnect(() => void this.editing.replay()),
          sync.onResync(() => void load())
        );
        this.live = sync;
        sync.start(this.mapId, load);
      })
      .catch(() => void load()); // no config: the loader reports it
    return () => {
      cancelled = true;
      for (const off of offs) off();
      sync?.stop();
      this.live = null;
    };
  }

  /** Shares this user's selection and passes the others' to the views. */
  syncPresence(): void {
    const live = this.live;
    if (!live) return;
    live.setPresence(this.session.displayName, this.explorer.selection);
  }

  remote() {
    return remoteSelections(this.live?.people ?? []);
  }
}

const KEY = Symbol('collab-state');

export function setCollabContext(state: CollabState): CollabState {
  return setContext(KEY, state);
}

export function getCollabContext(): CollabState {
  const state = getContext<CollabState | undefined>(KEY);
  if (!state) throw new Error('getCollabContext() called outside the explorer');
  return state;
}
