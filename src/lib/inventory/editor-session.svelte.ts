// Who may edit in the inventory: the app's one session (`appSession`: the local
// stack's join or Supabase Auth, and the data client that sends its token) seen
// for one map, plus the names of the people who verified rows. Without an editor
// session the tables are read-only.
import { SvelteMap } from 'svelte/reactivity';
import type { DataClient } from '$lib/data/client';
import type { RuntimeConfig } from '$lib/data/config';
import type { Session } from '$lib/data/identity';
import { appSession, type SessionState } from '$lib/state/session.svelte';

export class EditorSession {
  readonly mapId: string;
  #app: SessionState;

  constructor(mapId: string, app: SessionState = appSession) {
    this.mapId = mapId;
    this.#app = app;
  }

  /** 'local' (join with a name) or 'supabase' (sign in elsewhere); null before the config. */
  get mode(): RuntimeConfig['mode'] | null {
    return this.#app.mode;
  }
  get session(): Session | null {
    return this.#app.session;
  }
  /** The client for writes (null until the config has loaded). */
  get client(): DataClient | null {
    return this.#app.dataClient;
  }
  get canEdit(): boolean {
    return this.client !== null && this.#app.canEdit(this.mapId);
  }
  get userId(): string | null {
    return this.#app.userId;
  }

  /** Display names of users (verifiers), as far as the signed-in user may read them. */
  readonly names = new SvelteMap<string, string>();

  /** Looks up the names of these users (profiles are readable by people sharing a map). */
  async loadNames(ids: Iterable<string>): Promise<void> {
    const session = this.session;
    const client = this.client;
    if (!session || !client) return;
    if (session.profile.display_name) this.names.set(session.userId, session.profile.display_name);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local de-duplication
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id)).slice(0, 200);
    if (missing.length === 0) return;
    const { data } = await client.from('profiles').select('id, display_name').in('id', missing);
    for (const row of data ?? []) this.names.set(row.id, row.display_name);
  }

  /** Joins this map as an editor with a display name (local stack on loopback). */
  async join(displayName: string): Promise<void> {
    await this.#app.join({ display_name: displayName }, { map_id: this.mapId });
  }
}
