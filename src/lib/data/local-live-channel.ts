// The local stack's live channel: a WebSocket to /live (server/live.js), fed by the
// audit trigger's NOTIFY. On reconnect it resubscribes with the last change id it
// saw and the server replays what was missed. Every message is decoded with the
// wire schemas (wire/live.js); what does not fit is dropped and counted.
import { LiveChannelBase, type PresenceState, type PresenterState } from './live-channel';
import { decodeMessage } from '$lib/wire/decode.js';
import { serverMessageSchemas, type ClientMessage } from '$lib/wire/live.js';

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

export class LocalLiveChannel extends LiveChannelBase {
  #socket: WebSocketLike | null = null;
  #mapId: string | null = null;
  #lastChangeId: number | null = null;
  #clientId: string | null = null;
  #presence: PresenceState | null = null;
  #presenting: PresenterState | null = null;
  #attempt = 0;
  #closed = true;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #watchdog: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: LocalLiveOptions = {}) {
    super();
  }

  get lastChangeId(): number | null {
    return this.#lastChangeId;
  }

  get clientId(): string | null {
    return this.#clientId;
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

  present(state: PresenterState | null): void {
    this.#presenting = state;
    this.#send({ type: 'present', state });
  }

  close(): void {
    this.#closed = true;
    this.#clearTimers();
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000, 'closed');
    this.setStatus('closed');
  }

  #url(): string {
    if (this.options.url) return this.options.url;
    const origin = globalThis.location?.origin ?? 'http://localhost';
    return `${origin.replace(/^http/, 'ws')}/live`;
  }

  #send(message: ClientMessage): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(message));
  }

  #subscribe(): void {
    if (!this.#mapId) return;
    this.#send({ type: 'subscribe', map_id: this.#mapId, since: this.#lastChangeId });
    if (this.#presence) this.#send({ type: 'presence', state: this.#presence });
    if (this.#presenting) this.#send({ type: 'present', state: this.#presenting });
  }

  async #open(): Promise<void> {
    this.setStatus('connecting');
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
      if (token) this.#send({ type: 'auth', token });
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
      if (this.#closed) this.setStatus('closed');
      else this.#scheduleReconnect();
    };
  }

  #handle(data: string): void {
    const decoded = decodeMessage(serverMessageSchemas, data, this.drops);
    if (!decoded.ok) return;
    const message = decoded.message;
    switch (message.type) {
      case 'subscribed':
        if (this.#lastChangeId === null) this.#lastChangeId = message.last_id;
        this.setStatus('open');
        return;
      case 'change': {
        const change = message.change;
        if (change.map_id !== this.#mapId) return;
        if (this.#lastChangeId !== null && change.id <= this.#lastChangeId) return; // seen
        this.#lastChangeId = change.id;
        this.events.emit('change', change);
        return;
      }
      case 'resync':
        this.#lastChangeId = message.last_id;
        this.events.emit('resync', undefined);
        return;
      case 'presence':
        this.events.emit('presence', message.members);
        return;
      case 'presenter':
        if (message.map_id !== this.#mapId) return;
        this.emitPresenter({
          user_id: message.user_id,
          display_name: message.display_name,
          state: message.state
        });
        return;
      case 'ping':
        this.#send({ type: 'pong' });
        return;
      case 'error':
        this.events.emit('error', { code: message.code, message: message.message });
        return;
      case 'hello':
        this.#clientId = message.client_id;
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
    this.setStatus('closed');
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
