// Who is using the app: the identity (local stack or Supabase Auth), the current
// session and its role on the map, and the one data client that sends the
// session's token. One instance for the app (`appSession`); tests make their own.
import { createDataClient, type DataClient } from '$lib/data/client';
import { loadRuntimeConfig, type RuntimeConfig } from '$lib/data/config';
import {
  createIdentity,
  type Identity,
  type JoinCodes,
  type MapRole,
  type Profile,
  type Session
} from '$lib/data/identity';

export interface SessionDeps {
  loadConfig: () => Promise<RuntimeConfig>;
  createIdentity: (config: RuntimeConfig, client: DataClient) => Identity;
  createClient: (config: RuntimeConfig, token: () => Promise<string | null>) => DataClient;
}

const defaultDeps: SessionDeps = {
  loadConfig: () => loadRuntimeConfig(fetch),
  createIdentity: (config, client) => createIdentity(config, client),
  createClient: (config, token) =>
    config.mode === 'supabase' ? createDataClient(config) : createDataClient(config, token)
};

export class SessionState {
  #deps: SessionDeps;
  #ready: Promise<{ config: RuntimeConfig; identity: Identity; client: DataClient }> | null = null;
  #identity: Identity | null = null;
  #client = $state.raw<DataClient | null>(null);
  #mode = $state<RuntimeConfig['mode'] | null>(null);
  #session = $state.raw<Session | null>(null);
  #loaded = $state(false);

  constructor(deps: SessionDeps = defaultDeps) {
    this.#deps = deps;
  }

  /** Loads the runtime config once and creates the identity and the data client. */
  init(): Promise<{ config: RuntimeConfig; identity: Identity; client: DataClient }> {
    this.#ready ??= this.#deps.loadConfig().then((config) => {
      const client = this.#deps.createClient(config, () => this.accessToken());
      const identity = this.#deps.createIdentity(config, client);
      this.#identity = identity;
      this.#client = client;
      this.#session = identity.current();
      identity.onChange((session) => (this.#session = session));
      this.#mode = config.mode;
      this.#loaded = true;
      return { config, identity, client };
    });
    this.#ready.catch(() => (this.#ready = null)); // a later call retries
    return this.#ready;
  }

  /** The data client (supabase-js) that carries the session's token. */
  async client(): Promise<DataClient> {
    return (await this.init()).client;
  }

  /** The data client once init() has resolved (null before). */
  get dataClient(): DataClient | null {
    return this.#client;
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  /** 'local' (join with a name) or 'supabase' (sign in with e-mail); null before init(). */
  get mode(): RuntimeConfig['mode'] | null {
    return this.#mode;
  }
  get session(): Session | null {
    return this.#session;
  }
  get userId(): string | null {
    return this.#session?.userId ?? null;
  }
  get displayName(): string | null {
    return this.#session?.profile.display_name || null;
  }

  /** The role on a map as given at joining (the database stays the authority). */
  roleFor(mapId: string): MapRole | null {
    const s = this.#session;
    return s && (s.mapId === mapId || s.mapId === null) ? s.role : null;
  }
  canEdit(mapId: string): boolean {
    const role = this.roleFor(mapId);
    return role === 'editor' || role === 'admin';
  }
  isAdmin(mapId: string): boolean {
    return this.roleFor(mapId) === 'admin';
  }

  async accessToken(): Promise<string | null> {
    return this.#identity ? this.#identity.accessToken() : null;
  }

  async join(profile: Profile, codes: JoinCodes = {}): Promise<Session> {
    const { identity } = await this.init();
    const session = await identity.join(profile, codes);
    this.#session = session;
    return session;
  }

  async signOut(): Promise<void> {
    const { identity } = await this.init();
    await identity.signOut();
    this.#session = null;
  }
}

export const appSession = new SessionState();
