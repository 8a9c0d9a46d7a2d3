// Live changes and presence: one interface, two implementations.
//
// Local stack: a WebSocket to /live (server/live.js), fed by the audit trigger's
// NOTIFY; on reconnect it resubscribes with the last change id it saw and the
// server replays what was missed. Hosted Supabase: a Realtime channel
// (postgres_changes on the map's tables + presence). Either way only ids arrive;
// the caller fetches the rows through supabase-js so RLS applies (see sync.ts).
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { PresenterMessage, PresenterState } from '$lib/domain/workshop';
import type { RuntimeConfig } from './config';
import type { Database } from './database.types';
import type { LiveChange } from './sync';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface PresenceState {
  display_name?: string;
  /** What this person has selected (e.g. { nodes: [id], relations: [] }); small JSON. */
  selection: unknown;
  /** Following a live presentation. */
  following?: boolean;
}

export interface PresenceMember {
  client_id: string;
  user_id: string | null;
  display_name: string;
  role: string;
  selection: unknown;
  following?: boolean;
}

export interface LiveChannel {
  /** Subscribes to a map; `since` = the last change id already applied (catch-up). */
  connect(mapId: string, since?: number | null): void;
  onChange(cb: (change: LiveChange) => void): () => void;
  onPresence(cb: (members: PresenceMember[]) => void): () => void;
  onStatus(cb: (status: LiveStatus) => void): () => void;
  /** Too much was missed (or the backend cannot replay): reload the dataset. */
  onResync(cb: () => void): () => void;
  /** Access lost or another error the server reported. */
  onError(cb: (error: { code: string; message: string }) => void): () => void;
  setPresence(state: PresenceState): void;
  /** A presenter's live view (workshops); null = the presentation ended. */
  onPresenter(cb: (message: PresenterMessage) => void): () => void;
  /** Relays this presenter's view to the others on the map (presenters only). */
  present(state: PresenterState | null): void;
  readonly status: LiveStatus;
  /** The last change id seen (null before the first). */
  readonly lastChangeId: number | null;
  close(): void;
}

class Emitter<T> {
  #callbacks = new Set<(value: T) => void>();
  add(cb: (value: T) => void): () => void {
    this.#callbacks.add(cb);
    return () => this.#callbacks.delete(cb);
  }
  emit(value: T): void {
    for (const cb of this.#callbacks) cb(value);
  }
}

/** The part of the WebSocket API the local channel uses (browser or `ws`). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface LocalLiveOptions {
  /** ws(s)://host/live; defaults to the page's origin. */
  url?: string;
  /** The current token (null = anon). Called on every (re)connect. */
  token?: () => Promise<string | null> | string | null;
  createSocket?: (url: string) => WebSocketLike;
  /** First reconnect delay; doubles up to maxDelayMs, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** No message for this long (the server pings every 4 s) = connection dead. */
  silenceMs?: number;
  random?: () => number;
}

const OPEN = 1;

/** The tables whose changes a map's live channel announces (hosted Supabase subscribes to each). */
export const LIVE_TABLES = [
  'nodes',
  'relations',
  'themes',
  'indicators',
  'stories',
  'story_steps',
  'presentations',
  'rounds',
  'proposals',
  'votes'
] as const;

export class LocalLiveChannel implements LiveChannel {
  #status: LiveStatus = 'closed';
  #socket: WebSocketLike | null = null;
  #mapId: string | null = null;
  #lastChangeId: number | null = null;
  #presence: PresenceState | null = null;
  #attempt = 0;
  #closed = true;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #watchdog: ReturnType<typeof setTimeout> | null = null;
  #changes = new Emitter<LiveChange>();
  #presenceMembers = new Emitter<PresenceMember[]>();
  #statuses = new Emitter<LiveStatus>();
  #resyncs = new Emitter<void>();
  #errors = new Emitter<{ code: string; message: string }>();
  #presenters = new Emitter<PresenterMessage>();
  #presenting: PresenterState | null = null;

  constructor(private readonly options: LocalLiveOptions = {}) {}

  get status(): LiveStatus {
    return this.#status;
  }

  get lastChangeId(): number | null {
    return this.#lastChangeId;
  }

  onChange(cb: (change: LiveChange) => void) {
    return this.#changes.add(cb);
  }
  onPresence(cb: (members: PresenceMember[]) => void) {
    return this.#presenceMembers.add(cb);
  }
  onStatus(cb: (status: LiveStatus) => void) {
    return this.#statuses.add(cb);
  }
  onResync(cb: () => void) {
    return this.#resyncs.add(cb);
  }
  onError(cb: (error: { code: string; message: string }) => void) {
    return this.#errors.add(cb);
  }
  /** A listener added later (a panel mounted after the load) gets the last message at once. */
  onPresenter(cb: (message: PresenterMessage) => void) {
    if (this.#lastPresenter) cb(this.#lastPresenter);
    return this.#presenters.add(cb);
  }
  #lastPresenter: PresenterMessage | null = null;

  present(state: PresenterState | null): void {
    this.#presenting = state;
    this.#send({ type: 'present', state });
  }

  connect(mapId: string, since: number | null = null): void {
    const sameMap = mapId === this.#mapId;
    this.#mapId = mapId;
    this.#lastChangeId = since ?? (sameMap ? this.#lastChangeId : null);
    this.#closed = false;
    if (this.#socket && this.#socket.readyState === OPEN) {
      this.#subscribe();
      return;
    }
    if (!this.#socket) void this.#open();
  }

  setPresence(state: PresenceState): void {
    this.#presence = state;
    this.#send({ type: 'presence', state });
  }

  close(): void {
    this.#closed = true;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'closed');
    this.#setStatus('closed');
  }

  #url(): string {
    if (this.options.url) return this.options.url;
    const origin = globalThis.location?.origin ?? 'http://localhost';
    return `${origin.replace(/^http/, 'ws')}/live`;
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#statuses.emit(status);
  }

  #send(message: unknown): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(message));
  }

  #subscribe(): void {
    if (!this.#mapId) return;
    this.#send({ type: 'subscribe', map_id: this.#mapId, since: this.#lastChangeId });
    if (this.#presence) this.#send({ type: 'presence', state: this.#presence });
    if (this.#presenting) this.#send({ type: 'present', state: this.#presenting });
  }

  async #open(): Promise<void> {
    this.#setStatus('connecting');
    let token: string | null = null;
    try {
      token = (await this.options.token?.()) ?? null;
    } catch {
      token = null;
    }
    if (this.#closed) return;
    const create =
      this.options.createSocket ??
      ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
    let socket: WebSocketLike;
    try {
      socket = create(this.#url());
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (this.#socket !== socket) return;
      this.#attempt = 0;
      if (token) socket.send(JSON.stringify({ type: 'auth', token }));
      this.#subscribe();
      this.#touch();
    };
    socket.onmessage = (event) => {
      if (this.#socket !== socket) return;
      this.#touch();
      this.#handle(String(event.data));
    };
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#clearTimers();
      if (this.#closed) this.#setStatus('closed');
      else this.#scheduleReconnect();
    };
  }

  #handle(data: string): void {
    let message: {
      type?: string;
      change?: LiveChange;
      members?: PresenceMember[];
      last_id?: number;
      code?: string;
      message?: string;
      user_id?: string | null;
      display_name?: string;
      state?: PresenterState | null;
    };
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    switch (message.type) {
      case 'subscribed':
        if (this.#lastChangeId === null && typeof message.last_id === 'number') {
          this.#lastChangeId = message.last_id;
        }
        this.#setStatus('open');
        return;
      case 'change': {
        const change = message.change;
        if (!change || change.map_id !== this.#mapId) return;
        if (change.id !== null && this.#lastChangeId !== null && change.id <= this.#lastChangeId) {
          return; // already seen
        }
        if (change.id !== null) this.#lastChangeId = change.id;
        this.#changes.emit(change);
        return;
      }
      case 'resync':
        if (typeof message.last_id === 'number') this.#lastChangeId = message.last_id;
        this.#resyncs.emit();
        return;
      case 'presence':
        this.#presenceMembers.emit(message.members ?? []);
        return;
      case 'presenter':
        this.#lastPresenter = {
          user_id: message.user_id ?? null,
          display_name: message.display_name ?? '',
          state: message.state ?? null
        };
        this.#presenters.emit(this.#lastPresenter);
        return;
      case 'ping':
        this.#send({ type: 'pong' });
        return;
      case 'error':
        this.#errors.emit({ code: message.code ?? 'unknown', message: message.message ?? '' });
        return;
    }
  }

  /** Any message proves the connection alive; silence means it died unnoticed. */
  #touch(): void {
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => {
      const socket = this.#socket;
      this.#socket = null;
      socket?.close(4000, 'silent');
      if (!this.#closed) this.#scheduleReconnect();
    }, this.options.silenceMs ?? 10_000);
  }

  #clearTimers(): void {
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#reconnectTimer = null;
    this.#watchdog = null;
  }

  #scheduleReconnect(): void {
    this.#clearTimers();
    this.#setStatus('closed');
    if (this.#closed) return;
    const base = this.options.baseDelayMs ?? 250;
    const max = this.options.maxDelayMs ?? 10_000;
    const delay = Math.min(max, base * 2 ** this.#attempt);
    this.#attempt++;
    const jitter = 0.5 + (this.options.random ?? Math.random)() * 0.5;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (!this.#closed && !this.#socket) void this.#open();
    }, delay * jitter);
  }
}

/**
 * Supabase Realtime: postgres_changes on the map's tables (filtered by map_id) and
 * presence on the channel `map:<id>`. Realtime has no replayable change ids, so on
 * reconnect it asks for a resync (reload) instead of a catch-up.
 */
export class SupabaseLiveChannel implements LiveChannel {
  #channel: RealtimeChannel | null = null;
  #status: LiveStatus = 'closed';
  #everOpen = false;
  #changes = new Emitter<LiveChange>();
  #presenceMembers = new Emitter<PresenceMember[]>();
  #statuses = new Emitter<LiveStatus>();
  #resyncs = new Emitter<void>();
  #errors = new Emitter<{ code: string; message: string }>();
  #presence: PresenceState | null = null;
  #presenters = new Emitter<PresenterMessage>();
  readonly #clientId = crypto.randomUUID();

  constructor(
    private readonly client: SupabaseClient<Database>,
    private readonly me: () => { user_id: string | null; role: string } = () => ({
      user_id: null,
      role: 'anon'
    })
  ) {}

  get status(): LiveStatus {
    return this.#status;
  }
  get lastChangeId(): number | null {
    return null;
  }
  onChange(cb: (change: LiveChange) => void) {
    return this.#changes.add(cb);
  }
  onPresence(cb: (members: PresenceMember[]) => void) {
    return this.#presenceMembers.add(cb);
  }
  onStatus(cb: (status: LiveStatus) => void) {
    return this.#statuses.add(cb);
  }
  onResync(cb: () => void) {
    return this.#resyncs.add(cb);
  }
  onError(cb: (error: { code: string; message: string }) => void) {
    return this.#errors.add(cb);
  }
  onPresenter(cb: (message: PresenterMessage) => void) {
    return this.#presenters.add(cb);
  }

  /**
   * Realtime broadcast: not checked by a server (anyone on the channel could send)
   * and not kept for latecomers; the presentations row says who presents.
   */
  present(state: PresenterState | null): void {
    void this.#channel?.send({
      type: 'broadcast',
      event: 'presenter',
      payload: {
        user_id: this.me().user_id,
        display_name: this.#presence?.display_name ?? '',
        state
      } satisfies PresenterMessage
    });
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#statuses.emit(status);
  }

  connect(mapId: string): void {
    this.close();
    this.#setStatus('connecting');
    const channel = this.client.channel(`map:${mapId}`, {
      config: { presence: { key: this.#clientId } }
    });
    for (const table of LIVE_TABLES) {
      channel.on(
        'postgres_changes',
        { event: '*', schema: 'public', table, filter: `map_id=eq.${mapId}` },
        (payload) => {
          const row = (payload.eventType === 'DELETE' ? payload.old : payload.new) as {
            id?: string;
          };
          if (!row?.id) return;
          this.#changes.emit({
            id: null,
            map_id: mapId,
            table,
            row_id: row.id,
            op: payload.eventType.toLowerCase() as LiveChange['op']
          });
        }
      );
    }
    channel.on('presence', { event: 'sync' }, () => {
      const state = channel.presenceState<Omit<PresenceMember, 'client_id'>>();
      const members = Object.entries(state).flatMap(([clientId, metas]) =>
        metas.slice(-1).map((m) => ({
          client_id: clientId,
          user_id: m.user_id ?? null,
          display_name: m.display_name ?? 'Anonym',
          role: m.role ?? 'anon',
          selection: m.selection ?? null,
          following: m.following ?? false
        }))
      );
      this.#presenceMembers.emit(members);
    });
    channel.on('broadcast', { event: 'presenter' }, ({ payload }) =>
      this.#presenters.emit(payload as PresenterMessage)
    );
    channel.subscribe((status, error) => {
      if (status === 'SUBSCRIBED') {
        if (this.#everOpen) this.#resyncs.emit(); // missed changes cannot be replayed
        this.#everOpen = true;
        this.#setStatus('open');
        if (this.#presence) void this.#track();
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
        this.#setStatus('connecting');
        if (error) this.#errors.emit({ code: 'realtime', message: error.message });
      } else if (status === 'CLOSED') this.#setStatus('closed');
    });
    this.#channel = channel;
  }

  async #track(): Promise<void> {
    if (!this.#channel || !this.#presence) return;
    await this.#channel.track({
      ...this.me(),
      display_name: this.#presence.display_name ?? 'Anonym',
      selection: this.#presence.selection,
      following: this.#presence.following ?? false
    });
  }

  setPresence(state: PresenceState): void {
    this.#presence = state;
    if (this.#status === 'open') void this.#track();
  }

  close(): void {
    if (this.#channel) void this.client.removeChannel(this.#channel);
    this.#channel = null;
    this.#everOpen = false;
    this.#setStatus('closed');
  }
}

/** The live channel for the runtime config's mode. */
export function createLiveChannel(
  config: RuntimeConfig,
  options: {
    token: () => Promise<string | null>;
    supabase?: SupabaseClient<Database>;
    me?: () => { user_id: string | null; role: string };
  }
): LiveChannel {
  if (config.mode === 'supabase') {
    if (!options.supabase) throw new Error('Supabase mode needs the supabase-js client');
    return new SupabaseLiveChannel(options.supabase, options.me);
  }
  const url = new URL('/live', config.supabaseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return new LocalLiveChannel({ url: url.toString(), token: options.token });
}
