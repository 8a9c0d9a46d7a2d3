// Runtime configuration: which backend to talk to. The local stack serves
// /config.json; a hosted deployment ships a static one with mode "supabase".
import { z } from 'zod/mini';
import type { MessageKey } from '$lib/i18n/sv';

export const runtimeConfigSchema = z.object({
  mode: z.enum(['local', 'supabase']),
  supabaseUrl: z.url({ protocol: /^https?$/ }),
  anonKey: z.string().check(z.minLength(1))
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export type ConfigErrorKind = 'unreachable' | 'invalid';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly kind: ConfigErrorKind;

  constructor(kind: ConfigErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }

  get messageKey(): MessageKey {
    return this.kind === 'unreachable' ? 'error.config.unreachable' : 'error.config.invalid';
  }
}

/** Validates an already-parsed config.json. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError('invalid', `Invalid config.json: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export const CONFIG_PATH = '/config.json';

/** Fetches and validates the runtime config; throws ConfigError (or the AbortError on abort). */
export async function loadRuntimeConfig(
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal
): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetchImpl(CONFIG_PATH, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ConfigError('unreachable', `Could not fetch ${CONFIG_PATH}`, { cause: error });
  }
  if (!response.ok) {
    // 404 included: whatever answered is not a Regionkartan server (or not one that is ready).
    throw new ConfigError('unreachable', `${CONFIG_PATH} answered ${response.status}`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ConfigError('invalid', `${CONFIG_PATH} is not JSON`, { cause: error });
  }
  return parseRuntimeConfig(json);
}
