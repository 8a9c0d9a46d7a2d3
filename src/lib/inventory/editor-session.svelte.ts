// Who may edit in the inventory: the identity's session (local: the session
// that /auth/local/join stored; Supabase: Supabase Auth) and a data client that
// sends its token. Without an editor session the tables are read-only.
import { SvelteMap } from 'svelte/reactivity';
import { createDataClient, type DataClient } from '$lib/data/client';
import { loadRuntimeConfig, type RuntimeConfig } from '$lib/data/config';
import { createIdentity, type Identity, type Session } from '$lib/data/identity';

/** True when the session may edit `mapId` (role recorded when it joined that map). */
export function canEditWith(session: Session | null, mapId: string): boolean {
  return (
    !!session && session.mapId === mapId && (session.role === 'editor' || session.role === 'admin')
  );
}

export class EditorSession {
  readonly mapId: string;
  #identity: Identity | null = null;
  #client = $state.raw<DataClient | null>(null);
  #session = $state.raw<Session | null>(null);
  #off: (() => void) | null = null;
  #mode = $state<RuntimeConfig['mode'] | null>(null);

  constructor(mapId: string) {
    this.mapId = mapId;
  }

  /** 'local' (join with a name) or 'supabase' (sign in elsewhere); null before the config. */
  get mode(): RuntimeConfig['mode'] | null {
    return this.#mode;
  }
  get session(): Session | null {
    return this.#session;
  }
  /** The client for writes (null until the config has loaded). */
  get client(): DataClient | null {
    return this.#client;
  }
  get canEdit(): boolean {
    return this.#client !== null && canEditWith(this.#session, this.mapId);
  }
  get userId(): string | null {
    return this.#session?.userId ?? null;
  }

  /** Display names of users (verifiers), as far as the signed-in user may read them. */
  readonly names = new SvelteMap<string, string>();

  /** Looks up the names of these users (profiles are readable by people sharing a map). */
  async loadNames(ids: Iterable<string>): Promise<void> {
    const session = this.#session;
    const client = this.#client;
    if (!session || !client) return;
    if (session.profile.display_name) this.names.set(session.userId, session.profile.display_name);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local de-duplication
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id)).slice(0, 200);
    if (missing.length === 0) return;
    const { data } = await client.from('profiles').select('id, display_name').in('id', missing);
    for (const row of data ?? []) this.names.set(row.id, row.display_name);
  }

  async start(signal?: AbortSignal): Promise<void> {
    const config: RuntimeConfig = await loadRuntimeConfig(fetch, signal);
    if (signal?.aborted) return;
    let client: DataClient;
    if (config.mode === 'supabase') {
      client = createDataClient(config);
      this.#identity = createIdentity(config, client);
    } else {
      const identity = createIdentity(config);
      this.#identity = identity;
      client = createDataClient(config, () =>
        identity.accessToken().then((token) => token ?? config.anonKey)
      );
    }
    this.#session = this.#identity.current();
    this.#off = this.#identity.onChange((session) => (this.#session = session));
    this.#client = client;
    this.#mode = config.mode;
  }

  /** Joins the map as an editor with a display name (local stack on loopback). */
  async join(displayName: string): Promise<void> {
    if (!this.#identity) return;
    this.#session = await this.#identity.join(
      { display_name: displayName },
      { map_id: this.mapId }
    );
  }

  dispose(): void {
    this.#off?.();
    this.#off = null;
  }
}
