import { describe, expect, it } from 'vitest';
import { IdentityError, LocalIdentity, SESSION_KEY, type SessionStorage } from '$lib/data/identity';

function memoryStorage(): SessionStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k)
  };
}

const NOW = 1_800_000_000_000;

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers });
}

const okBody = (token = 'tok', expiresInS = 12 * 3600) => ({
  access_token: token,
  token_type: 'bearer',
  expires_at: NOW / 1000 + expiresInS,
  user_id: 'u1',
  role: 'editor',
  map_id: 'm1',
  profile: { display_name: 'Anna', organisation: null, municipality_code: '1880' }
});

describe('LocalIdentity', () => {
  it('joins, stores the session and notifies', async () => {
    const storage = memoryStorage();
    const calls: { url: string; body: unknown }[] = [];
    const identity = new LocalIdentity({
      storage,
      now: () => NOW,
      fetch: async (url, init) => {
        calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
        return response(200, okBody());
      }
    });
    const seen: unknown[] = [];
    identity.onChange((s) => seen.push(s?.userId ?? null));
    const session = await identity.join(
      { display_name: 'Anna', municipality_code: '1880' },
      { join_code: 'K7P-Q2M' }
    );
    expect(calls[0]).toEqual({
      url: '/auth/local/join',
      body: {
        display_name: 'Anna',
        organisation: null,
        municipality_code: '1880',
        join_code: 'K7P-Q2M',
        admin_token: null,
        map_id: null
      }
    });
    expect(session).toMatchObject({ userId: 'u1', role: 'editor', accessToken: 'tok' });
    expect(seen).toEqual(['u1']);
    expect(JSON.parse(storage.data.get(SESSION_KEY)!)).toMatchObject({ userId: 'u1' });
    // A new page restores it.
    const again = new LocalIdentity({ storage, now: () => NOW });
    expect(again.current()?.userId).toBe('u1');
    expect(await again.accessToken()).toBe('tok');
    await again.signOut();
    expect(storage.data.has(SESSION_KEY)).toBe(false);
  });

  it('turns the server’s error into an IdentityError with its Swedish message', async () => {
    const identity = new LocalIdentity({
      storage: memoryStorage(),
      fetch: async () =>
        response(
          429,
          { error: { code: 'rate_limited', message: 'För många försök.' } },
          { 'retry-after': '42' }
        )
    });
    const error = await identity.join({ display_name: 'X' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdentityError);
    expect(error).toMatchObject({
      code: 'rate_limited',
      message: 'För många försök.',
      retryAfter: 42
    });
    const offline = new LocalIdentity({
      storage: memoryStorage(),
      fetch: async () => {
        throw new TypeError('fetch failed');
      }
    });
    await expect(offline.join({ display_name: 'X' })).rejects.toMatchObject({ code: 'network' });
  });

  it('drops an expired session and refreshes one close to expiry', async () => {
    const storage = memoryStorage();
    let now = NOW;
    let calls = 0;
    const identity = new LocalIdentity({
      storage,
      now: () => now,
      fetch: async (url) => {
        calls++;
        return String(url).endsWith('/refresh')
          ? response(200, okBody('fresh'))
          : response(200, okBody('old', 1800));
      }
    });
    await identity.join({ display_name: 'Anna' });
    expect(await identity.accessToken()).toBe('fresh'); // 30 min left: refreshed
    expect(calls).toBe(2);
    now += 13 * 3600 * 1000;
    expect(identity.current()).toBeNull();
    expect(await identity.accessToken()).toBeNull();
  });
});
