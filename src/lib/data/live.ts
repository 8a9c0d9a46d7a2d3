// Live changes and presence: the channel for the runtime config's mode.
//
// Local stack: LocalLiveChannel, a WebSocket to /live (local-live-channel.ts).
// Hosted Supabase: SupabaseLiveChannel, a Realtime channel (supabase-live-channel.ts).
// The interface they share is in live-channel.ts; the /live messages are defined
// once, for the server too, in wire/live.js.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { RuntimeConfig } from './config';
import type { Database } from '$lib/domain/database.types';
import type { LiveChannel } from './live-channel';
import { LocalLiveChannel } from './local-live-channel';
import { SupabaseLiveChannel } from './supabase-live-channel';

export type {
  DropCounts,
  LiveChannel,
  LiveError,
  LiveStatus,
  PresenceMember,
  PresenceState
} from './live-channel';
export { LocalLiveChannel, type LocalLiveOptions, type WebSocketLike } from './local-live-channel';
export { SupabaseLiveChannel } from './supabase-live-channel';

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
