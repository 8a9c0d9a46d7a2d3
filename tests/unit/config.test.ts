import { describe, expect, it } from 'vitest';
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from '$lib/data/config';

const valid = { mode: 'local', supabaseUrl: 'http://127.0.0.1:5180', anonKey: 'eyJ.anon.key' };

const respond = (body: unknown, init: ResponseInit = { status: 200 }) =>
  (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), init)) as typeof fetch;

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('parseRuntimeConfig', () => {
  it('accepts local and supabase configs', () => {
    expect(parseRuntimeConfig(valid)).toEqual(valid);
    const hosted = { mode: 'supabase', supabaseUrl: 'https://abc.supabase.co', anonKey: 'k' };
    expect(parseRuntimeConfig(hosted)).toEqual(hosted);
  });

  it.each([
    ['a missing key', { mode: 'local', supabaseUrl: 'http://x' }],
    ['an unknown mode', { ...valid, mode: 'cloud' }],
    ['a non-URL', { ...valid, supabaseUrl: 'localhost' }],
    ['a non-http URL', { ...valid, supabaseUrl: 'ftp://example.org' }],
    ['an empty key', { ...valid, anonKey: '' }],
    ['null', null]
  ])('rejects %s with an "invalid" ConfigError', async (_label, value) => {
    const error = await configError(Promise.resolve().then(() => parseRuntimeConfig(value)));
    expect(error.kind).toBe('invalid');
    expect(error.messageKey).toBe('error.config.invalid');
  });
});

describe('loadRuntimeConfig', () => {
  it('fetches /config.json and validates it', async () => {
    let requested = '';
    const fetchImpl = (async (input: RequestInfo | URL) => {
      requested = String(input);
      return new Response(JSON.stringify(valid));
    }) as typeof fetch;
    await expect(loadRuntimeConfig(fetchImpl)).resolves.toEqual(valid);
    expect(requested).toBe('/config.json');
  });

  it('reports an unreachable server', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = await configError(loadRuntimeConfig(failing));
    expect(error.kind).toBe('unreachable');
    expect(error.messageKey).toBe('error.config.unreachable');
  });

  it('reports a server that answers with an error status as unreachable', async () => {
    expect((await configError(loadRuntimeConfig(respond('', { status: 503 })))).kind).toBe(
      'unreachable'
    );
    expect((await configError(loadRuntimeConfig(respond('', { status: 404 })))).kind).toBe(
      'unreachable'
    );
  });

  it('reports HTML or invalid JSON as invalid', async () => {
    expect((await configError(loadRuntimeConfig(respond('<!doctype html>')))).kind).toBe('invalid');
    expect((await configError(loadRuntimeConfig(respond({ mode: 'local' })))).kind).toBe('invalid');
  });

  it('rethrows the abort instead of reporting a broken server', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborting = (async () => {
      throw new DOMException('aborted', 'AbortError');
    }) as typeof fetch;
    await expect(loadRuntimeConfig(aborting, controller.signal)).rejects.toMatchObject({
      name: 'AbortError'
    });
  });
});
