// Hosted Supabase's live channel: Realtime postgres_changes on the map's tables
// (filtered by map_id) and presence on the channel `map:<id>`. Realtime has no
// replayable change ids, so on reconnect it asks for a resync (reload) instead of
// a catch-up. What other clients track as presence is checked like /live's
// members (wire/live.js); what does not fit is dropped and counted.
import { z } from 'zod/mini';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/domain/database.types';
import {
  LiveChannelBase,
  type PresenceMember,
  type PresenceState,
  type PresenterMessage,
  type PresenterState
} from './live-channel';
import type { LiveChange } from './sync';
import { accept } from '$lib/wire/decode.js';
import { broadcastPresenterSchema, trackedPresenceSchema } from '$lib/wire/live.js';

/** The tables whose changes a map's channel announces (Realtime subscribes to each). */
export const LIVE_TABLES = [
  'nodes',
  'relations',
  'themes',
  'indicators',
  'node_positions',
  'stories',
  'story_steps',
  'presentations',
  'rounds',
  'proposals',
  'votes'
] as const;

/** A changed row as Realtime sends it: only its id is used. */
const changedRowSchema = z.object({ id: z.string().check(z.minLength(1)) });

export class SupabaseLiveChannel extends LiveChannelBase {
  #channel: RealtimeChannel | null = null;
  #everOpen = false;
  #presence: PresenceState | null = null;
  readonly #clientId = crypto.randomUUID();

  get clientId(): string {
    return this.#clientId;
  }

  constructor(
    private readonly client: SupabaseClient<Database>,
    private readonly me: () => { user_id: string | null; role: string } = () => ({
      user_id: null,
      role: 'anon'
    })
  ) {
    super();
  }

  get lastChangeId(): number | null {
    return null;
  }

  connect(mapId: string): void {
    this.close();
    this.setStatus('connecting');
    const channel = this.client.channel(`map:${mapId}`, {
      config: { presence: { key: this.#clientId } }
    });
    for (const table of LIVE_TABLES) {
      channel.on(
        'postgres_changes',
        { event: '*', schema: 'public', table, filter: `map_id=eq.${mapId}` },
        (payload) => {
          const row = accept(
            changedRowSchema,
            payload.eventType === 'DELETE' ? payload.old : payload.new,
            this.drops
          );
          if (!row) return;
          this.events.emit('change', {
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
      const members: PresenceMember[] = [];
      for (const [clientId, metas] of Object.entries(channel.presenceState())) {
        const meta = metas.at(-1);
        const tracked = meta && accept(trackedPresenceSchema, meta, this.drops);
        if (!tracked) continue;
        members.push({
          client_id: clientId,
          user_id: tracked.user_id ?? null,
          display_name: tracked.display_name ?? 'Anonym',
          role: tracked.role ?? 'anon',
          selection: tracked.selection ?? null,
          following: tracked.following ?? false
        });
      }
      this.events.emit('presence', members);
    });
    channel.on('broadcast', { event: 'presenter' }, ({ payload }) => {
      const message = accept(broadcastPresenterSchema, payload, this.drops);
      if (message) this.emitPresenter(message);
    });
    channel.subscribe((status, error) => {
      if (status === 'SUBSCRIBED') {
        if (this.#everOpen) this.events.emit('resync', undefined); // missed changes cannot be replayed
        this.#everOpen = true;
        this.setStatus('open');
        if (this.#presence) void this.#track();
      } else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
        this.setStatus('connecting');
        if (error) this.events.emit('error', { code: 'realtime', message: error.message });
      } else if (status === 'CLOSED') this.setStatus('closed');
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

  setPresence(state: PresenceState): void {
    this.#presence = state;
    if (this.status === 'open') void this.#track();
  }

  close(): void {
    if (this.#channel) void this.client.removeChannel(this.#channel);
    this.#channel = null;
    this.#everOpen = false;
    this.setStatus('closed');
  }
}
