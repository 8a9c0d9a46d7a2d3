// Who is editing: one interface, two implementations.
//
// Local stack: POST /auth/local/join with a display name (and optionally the join
// code or the admin token); the stack signs a JWT and records the membership. The
// session lives in localStorage. Hosted Supabase: Supabase Auth sign-in with an
// e-mail code (OTP) carrying the same profile fields as user metadata, then
// join_map() for the membership. Either way the map's role comes from map_members.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RuntimeConfig } from './config';
import type { Database } from './database.types';

export type MapRole = 'viewer' | 'participant' | 'editor' | 'admin';

export interface Profile {
  display_name: string;
  organisation?: string | null;
  municipality_code?: string | null;
}

/** What else a join may carry: the map and the codes that raise the role. */
export interface JoinCodes {
  map_id?: string;
  /** The code printed by the local stack (or given by a map admin): editor. */
  join_code?: string;
  /** The local stack's admin token (from the admin link): admin. */
  admin_token?: string;
  /** Join to look only (local stack): viewer even where no code is needed. */
  role?: 'viewer';
  /** Supabase only: the e-mail address and the code sent to it. */
  email?: string;
  otp?: string;
}

export interface Session {
  accessToken: string;
  userId: string;
  /** Role on `mapId` when the session was made (the database stays the authority). */
  role: MapRole | null;
  mapId: string | null;
  profile: Profile;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type IdentityErrorCode =
  | 'invalid_display_name'
  | 'invalid_municipality_code'
  | 'wrong_join_code'
  | 'wrong_admin_token'
  | 'map_not_joinable'
  | 'map_not_found'
  | 'rate_limited'
  | 'otp_required'
  | 'network'
  | 'unknown'
  | (string & {});

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    /** Seconds to wait (rate limiting), when the server said so. */
    readonly retryAfter: number | null = null
  ) {
    super(message);
  }
}

export interface Identity {
  current(): Session | null;
  /** Joins (signs in and becomes a member); throws IdentityError with a Swedish message. */
  join(profile: Profile, codes?: JoinCodes): Promise<Session>;
  signOut(): Promise<void>;
  /** Called with the new session (or null) whenever it changes; returns an unsubscribe. */
  onChange(cb: (session: Session | null) => void): () => void;
  /** The token for supabase-js's `accessToken` option and the live channel. */
  accessToken(): Promise<string | null>;
}

/** The part of Storage the local identity uses (localStorage, or a fake in tests). */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const SESSION_KEY = 'regionkartan.session';
/** Tokens are refreshed when less than this remains. */
const REFRESH_MARGIN_MS = 60 * 60 * 1000;

class Listeners {
  #callbacks = new Set<(session: Session | null) => void>();
  add(cb: (session: Session | null) => void): () => void {
    this.#callbacks.add(cb);
    return () => this.#callbacks.delete(cb);
  }
  emit(session: Session | null): void {
    for (const cb of this.#callbacks) cb(session);
  }
}

interface LocalSessionResponse {
  access_token: string;
  expires_at: number;
  user_id: string;
  role: MapRole | null;
  map_id: string;
  profile: Profile | null;
}

function isSession(value: unknown): value is Session {
  const s = value as Session | null;
  return (
    typeof s?.accessToken === 'string' &&
    typeof s.userId === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.profile?.display_name === 'string'
  );
}

export class LocalIdentity implements Identity {
  #session: Session | null = null;
  #listeners = new Listeners();
  #refreshing: Promise<Session | null> | null = null;

  constructor(
    private readonly options: {
      /** The stack's origin ('' for the page's own origin). */
      baseUrl?: string;
      storage?: SessionStorage | null;
      fetch?: typeof fetch;
      now?: () => number;
    } = {}
  ) {
    try {
      const raw = this.#storage?.getItem(SESSION_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      if (isSession(parsed) && parsed.expiresAt > this.#now()) this.#session = parsed;
    } catch {
      this.#session = null;
    }
  }

  get #storage(): SessionStorage | null {
    if (this.options.storage !== undefined) return this.options.storage;
    return typeof localStorage === 'undefined' ? null : localStorage;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  current(): Session | null {
    if (this.#session && this.#session.expiresAt <= this.#now()) this.#set(null);
    return this.#session;
  }

  onChange(cb: (session: Session | null) => void): () => void {
    return this.#listeners.add(cb);
  }

  async join(profile: Profile, codes: JoinCodes = {}): Promise<Session> {
    const body = {
      display_name: profile.display_name,
      organisation: profile.organisation ?? null,
      municipality_code: profile.municipality_code ?? null,
      join_code: codes.join_code || null,
      admin_token: codes.admin_token || null,
      map_id: codes.map_id ?? null,
      ...(codes.role ? { role: codes.role } : {})
    };
    const session = await this.#post('/auth/local/join', body);
    this.#set(session);
    return session;
  }

  async signOut(): Promise<void> {
    this.#set(null);
  }

  async accessToken(): Promise<string | null> {
    const session = this.current();
    if (!session) return null;
    if (session.expiresAt - this.#now() > REFRESH_MARGIN_MS) return session.accessToken;
    this.#refreshing ??= this.#refresh(session).finally(() => (this.#refreshing = null));
    return (await this.#refreshing)?.accessToken ?? session.accessToken;
  }

  async #refresh(session: Session): Promise<Session | null> {
    try {
      const next = await this.#post(
        '/auth/local/refresh',
        { map_id: session.mapId },
        session.accessToken
      );
      this.#set(next);
      return next;
    } catch (error) {
      if (error instanceof IdentityError && error.code !== 'network') this.#set(null);
      return null;
    }
  }

  async #post(path: string, body: unknown, token?: string): Promise<Session> {
    const fetchImpl = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetchImpl(`${this.options.baseUrl ?? ''}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {})
        },
        body: JSON.stringify(body)
      });
    } catch {
      throw new IdentityError('network', 'Kunde inte nå Regionkartan. Kontrollera anslutningen.');
    }
    const json = (await response.json().catch(() => null)) as
      (LocalSessionResponse & { error?: { code: string; message: string } }) | null;
    if (!response.ok || !json || json.error) {
      const retry = Number(response.headers.get('retry-after'));
      throw new IdentityError(
        json?.error?.code ?? 'unknown',
        json?.error?.message ?? `Servern svarade ${response.status}.`,
        Number.isFinite(retry) && retry > 0 ? retry : null
      );
    }
    return {
      accessToken: json.access_token,
      userId: json.user_id,
      role: json.role,
      mapId: json.map_id,
      profile: json.profile ?? { display_name: '' },
      expiresAt: json.expires_at * 1000
    };
  }

  #set(session: Session | null): void {
    this.#session = session;
    try {
      if (session) this.#storage?.setItem(SESSION_KEY, JSON.stringify(session));
      else this.#storage?.removeItem(SESSION_KEY);
    } catch {
      // storage full or disabled: the session still lives for this page
    }
    this.#listeners.emit(session);
  }
}

/**
 * Supabase Auth: `join(profile, { email })` sends a one-time code to the address
 * (signInWithOtp, profile as user metadata) and throws IdentityError('otp_required');
 * `join(profile, { email, otp, map_id, join_code })` verifies it, saves the profile
 * and joins the map with join_map().
 */
export class SupabaseIdentity implements Identity {
  #session: Session | null = null;
  #listeners = new Listeners();
  #role: MapRole | null = null;
  #mapId: string | null = null;

  constructor(
    private readonly client: SupabaseClient<Database>,
    private readonly options: { emailRedirectTo?: string } = {}
  ) {
    client.auth.onAuthStateChange((_event, auth) => {
      this.#session = auth ? this.#toSession(auth) : null;
      this.#listeners.emit(this.#session);
    });
  }

  #toSession(auth: {
    access_token: string;
    expires_at?: number;
    user: { id: string; user_metadata: Record<string, unknown> };
  }): Session {
    const meta = auth.user.user_metadata;
    return {
      accessToken: auth.access_token,
      userId: auth.user.id,
      role: this.#role,
      mapId: this.#mapId,
      profile: {
        display_name: typeof meta.display_name === 'string' ? meta.display_name : '',
        organisation: typeof meta.organisation === 'string' ? meta.organisation : null,
        municipality_code:
          typeof meta.municipality_code === 'string' ? meta.municipality_code : null
      },
      expiresAt: (auth.expires_at ?? 0) * 1000
    };
  }

  current(): Session | null {
    return this.#session;
  }

  onChange(cb: (session: Session | null) => void): () => void {
    return this.#listeners.add(cb);
  }

  async join(profile: Profile, codes: JoinCodes = {}): Promise<Session> {
    const email = codes.email?.trim();
    if (!email) throw new IdentityError('invalid_email', 'Ange din e-postadress.');
    const data = {
      display_name: profile.display_name.trim(),
      organisation: profile.organisation ?? null,
      municipality_code: profile.municipality_code ?? null
    };
    if (!codes.otp) {
      const { error } = await this.client.auth.signInWithOtp({
        email,
        options: { data, emailRedirectTo: this.options.emailRedirectTo, shouldCreateUser: true }
      });
      if (error) throw new IdentityError(error.code ?? 'unknown', error.message);
      throw new IdentityError('otp_required', 'Vi har skickat en kod till din e-post.');
    }
    const { data: verified, error } = await this.client.auth.verifyOtp({
      email,
      token: codes.otp,
      type: 'email'
    });
    if (error || !verified.session) {
      throw new IdentityError(error?.code ?? 'wrong_otp', 'Koden stämmer inte eller har gått ut.');
    }
    // An existing user keeps their row; bring profile and metadata up to date.
    await this.client.auth.updateUser({ data });
    await this.client.from('profiles').upsert({ id: verified.session.user.id, ...data });
    if (codes.map_id) {
      const joined = await this.client.rpc('join_map', {
        p_map_id: codes.map_id,
        p_code: codes.join_code
      });
      if (joined.error) {
        throw new IdentityError('map_not_joinable', 'Det gick inte att gå med i kartan.');
      }
      this.#role = joined.data as MapRole;
      this.#mapId = codes.map_id;
    }
    this.#session = this.#toSession(verified.session);
    this.#listeners.emit(this.#session);
    return this.#session;
  }

  async signOut(): Promise<void> {
    await this.client.auth.signOut();
  }

  async accessToken(): Promise<string | null> {
    const { data } = await this.client.auth.getSession();
    return data.session?.access_token ?? null;
  }
}

/** The identity for the runtime config's mode. */
export function createIdentity(
  config: RuntimeConfig,
  supabase?: SupabaseClient<Database>
): Identity {
  if (config.mode === 'supabase') {
    if (!supabase) throw new Error('Supabase mode needs the supabase-js client');
    return new SupabaseIdentity(supabase);
  }
  return new LocalIdentity({ baseUrl: '' });
}
