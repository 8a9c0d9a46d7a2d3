// Live changes and presence: the interface both channels implement (one per file:
// local-live-channel.ts, supabase-live-channel.ts) and what they share.
//
// Either way only ids arrive; the caller fetches the rows through supabase-js so
// RLS applies (see sync.ts).
import { Emitter } from './emitter';
import type { LiveChange } from './sync';
import { dropCounts, type DropCounts } from '$lib/wire/decode.js';
import type {
  PresenceMember,
  PresenceState,
  PresenterMessage,
  PresenterState
} from '$lib/wire/live.js';

export type { DropCounts, PresenceMember, PresenceState, PresenterMessage, PresenterState };

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveError {
  code: string;
  message: string;
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
  onError(cb: (error: LiveError) => void): () => void;
  setPresence(state: PresenceState): void;
  /** A presenter's live view (workshops); state null = the presentation ended. */
  onPresenter(cb: (message: PresenterMessage) => void): () => void;
  /** Relays this presenter's view to the others on the map (presenters only). */
  present(state: PresenterState | null): void;
  readonly status: LiveStatus;
  /** The last change id seen (null before the first). */
  readonly lastChangeId: number | null;
  /** This connection's id among the presence members (null until the server said it). */
  readonly clientId: string | null;
  close(): void;
}

type LiveEvents = {
  change: LiveChange;
  presence: PresenceMember[];
  status: LiveStatus;
  resync: undefined;
  error: LiveError;
  presenter: PresenterMessage;
};

/** The listeners, the status and the count of dropped messages, for both channels. */
export abstract class LiveChannelBase implements LiveChannel {
  protected readonly events = new Emitter<LiveEvents>();
  /** Messages from the other end that were dropped, by reason (never cast, never applied). */
  protected readonly drops: DropCounts = dropCounts();
  #status: LiveStatus = 'closed';
  #lastPresenter: PresenterMessage | null = null;

  abstract connect(mapId: string, since?: number | null): void;
  abstract setPresence(state: PresenceState): void;
  abstract present(state: PresenterState | null): void;
  abstract close(): void;
  abstract get lastChangeId(): number | null;
  abstract get clientId(): string | null;

  get status(): LiveStatus {
    return this.#status;
  }

  /** How many messages were dropped so far: not JSON, of an unknown type, or not fitting. */
  get droppedMessages(): Readonly<DropCounts> {
    return { ...this.drops };
  }

  onChange(cb: (change: LiveChange) => void): () => void {
    return this.events.on('change', cb);
  }
  onPresence(cb: (members: PresenceMember[]) => void): () => void {
    return this.events.on('presence', cb);
  }
  onStatus(cb: (status: LiveStatus) => void): () => void {
    return this.events.on('status', cb);
  }
  onResync(cb: () => void): () => void {
    return this.events.on('resync', cb);
  }
  onError(cb: (error: LiveError) => void): () => void {
    return this.events.on('error', cb);
  }
  /** A listener added later (a panel mounted after the load) gets the last message at once. */
  onPresenter(cb: (message: PresenterMessage) => void): () => void {
    if (this.#lastPresenter) cb(this.#lastPresenter);
    return this.events.on('presenter', cb);
  }

  protected emitPresenter(message: PresenterMessage): void {
    this.#lastPresenter = message;
    this.events.emit('presenter', message);
  }

  protected setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.events.emit('status', status);
  }
}
