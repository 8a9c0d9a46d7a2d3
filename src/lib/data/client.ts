// The one data client: supabase-js typed with the generated Database types.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { RuntimeConfig } from './config';
import type { Database } from '$lib/domain/database.types';

export type DataClient = SupabaseClient<Database>;

/** A user token, or a function that returns the current one (called before every request). */
export type AccessToken = string | (() => Promise<string | null>);

/**
 * Creates the client for a runtime config.
 *
 * Local mode: the stack issues its own JWTs, passed with supabase-js's `accessToken`
 * option (third-party auth; `client.auth` is then unavailable). Without a token the
 * anon key is used. Nothing is persisted: the local identity lives elsewhere.
 * Supabase mode: the ordinary client with Supabase Auth.
 */
export function createDataClient(
  config: RuntimeConfig,
  accessToken?: AccessToken,
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetchImpl?: typeof fetch
): DataClient {
  const global = fetchImpl ? { fetch: fetchImpl } : undefined;
  if (config.mode === 'supabase') {
    return createClient<Database>(config.supabaseUrl, config.anonKey, { global });
  }
  const auth = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };
  if (accessToken === undefined) {
    return createClient<Database>(config.supabaseUrl, config.anonKey, { auth, global });
  }
  const token = typeof accessToken === 'string' ? async () => accessToken : accessToken;
  return createClient<Database>(config.supabaseUrl, config.anonKey, {
    auth,
    global,
    accessToken: token
  });
}
