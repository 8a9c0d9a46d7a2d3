// The client end of the identity endpoints: an answer that does not fit its schema
// is dropped and counted, never cast into a session; a stored session that does not
// fit is ignored.
import { describe, expect, it } from 'vitest';
import {
  IdentityError,
  LocalIdentity,
  SESSION_KEY,
  type Session,
  type SessionStorage
} from '$lib/data/identity';

const NOW = 1_800_000_000_000;

function storage(initial: Record<string, string> = {}): SessionStorage {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k)
  };
}

const session = {
  access_token: 'tok',
  token_type: 'bearer',
  expires_at: NOW / 1000 + 3600 * 12,
  user_id: 'u1',
  role: 'editor',
  map_id: 'm1',
  profile: { display_name: 'Anna', organisation: null, municipality_code: null }
};

function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: (Session | null)[] = [];
  const identity = new LocalIdentity({
    storage: storage(),
    now: () => NOW,
    fetch: async () => new Response(body, { status, headers })
  });
  identity.onChange((s) => seen.push(s));
  return { identity, seen };
}

describe('LocalIdentity: what the server answers', () => {
  it('refuses a 200 that is not a session, counts it, and keeps no session', async () => {
    for (const body of [
      JSON.stringify({ ...session, access_token: undefined }),
      JSON.stringify({ ...session, role: 'owner' }),
      JSON.stringify({ ...session, expires_at: 'tomorrow' }),
      JSON.stringify([session])
    ]) {
      const { identity, seen } = answering(200, body);
      const error = await identity.join({ display_name: 'Anna' }).catch((e: unknown) => e);
      expect(error, body).toBeInstanceOf(IdentityError);
      expect(error).toMatchObject({ code: 'invalid_response' });
      expect(identity.droppedResponses).toEqual({ invalid_json: 0, unknown_type: 0, malformed: 1 });
      expect(identity.current()).toBeNull();
      expect(seen).toEqual([]);
    }
    const { identity } = answering(200, '<html>proxy</html>');
    await expect(identity.join({ display_name: 'Anna' })).rejects.toMatchObject({
      code: 'invalid_response'
    });
    expect(identity.droppedResponses).toEqual({ invalid_json: 1, unknown_type: 0, malformed: 0 });
  });

  it('takes a refusal that does not fit as an unknown error with the status', async () => {
    const html = answering(502, '<html>Bad gateway</html>');
    await expect(html.identity.join({ display_name: 'A' })).rejects.toMatchObject({
      code: 'unknown',
      message: 'Servern svarade 502.'
    });
    expect(html.identity.droppedResponses.invalid_json).toBe(1);

    const odd = answering(429, JSON.stringify({ error: 'slow down' }), { 'retry-after': '7' });
    await expect(odd.identity.join({ display_name: 'A' })).rejects.toMatchObject({
      code: 'unknown',
      retryAfter: 7
    });
    expect(odd.identity.droppedResponses.malformed).toBe(1);
  });

  it('ignores a stored session that does not fit', () => {
    const stored = {
      accessToken: 'tok',
      userId: 'u1',
      role: 'editor',
      mapId: 'm1',
      profile: { display_name: 'Anna' },
      expiresAt: NOW + 3600_000
    };
    const restore = (value: unknown) =>
      new LocalIdentity({
        storage: storage({ [SESSION_KEY]: JSON.stringify(value) }),
        now: () => NOW
      }).current();
    expect(restore(stored)?.userId).toBe('u1');
    expect(restore({ ...stored, role: 'owner' })).toBeNull();
    expect(restore({ ...stored, profile: null })).toBeNull();
    expect(restore({ ...stored, expiresAt: String(NOW + 3600_000) })).toBeNull();
    expect(
      new LocalIdentity({ storage: storage({ [SESSION_KEY]: '{oops' }), now: () => NOW }).current()
    ).toBeNull();
  });
});
