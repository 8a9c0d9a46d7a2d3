// Local identity through the real stack: POST /auth/local/join gives a JWT and a
// role on the map (admin with the admin token, editor with the join code — or
// without it when the stack listens on loopback only — otherwise viewer), and that
// token is what supabase-js writes with, so RLS decides per role.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack } from '../../server/stack.js';
import type { Database } from '../../src/lib/domain/database.types';
import { SEED_MAP_ID, stackOptions, startedDir } from '../helpers/stack';

interface JoinResponse {
  access_token: string;
  token_type: string;
  expires_at: number;
  user_id: string;
  role: string | null;
  map_id: string;
  profile: { display_name: string; organisation: string | null; municipality_code: string | null };
}
type ErrorBody = { error: { code: string; message: string } };

async function join(url: string, body: unknown) {
  const res = await fetch(`${url}/auth/local/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as unknown };
}

async function joined(url: string, body: unknown): Promise<JoinResponse> {
  const res = await join(url, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as JoinResponse;
}

function clientWith(url: string, anonKey: string, token: string): SupabaseClient<Database> {
  return createClient<Database>(url, anonKey, {
    accessToken: async () => token,
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
  });
}

describe('stack listening beyond loopback (0.0.0.0)', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let dir: string;

  beforeAll(async () => {
    dir = await startedDir();
    stack = await startStack({
      ...(await stackOptions(dir)),
      port: 0,
      host: '0.0.0.0',
      buildDir: null
    });
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a 6-character join code and a long admin token', () => {
    expect(stack.joinCode).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(stack.adminToken.length).toBeGreaterThanOrEqual(32);
  });

  it('joins as viewer without a code, with the profile and a 12 h token', async () => {
    const before = Date.now() / 1000;
    const res = await joined(stack.url, {
      display_name: '  Vera Visare ',
      organisation: 'Lindesbergs kommun',
      municipality_code: '1885'
    });
    expect(res.role).toBe('viewer');
    expect(res.map_id).toBe(SEED_MAP_ID);
    expect(res.token_type).toBe('bearer');
    expect(res.profile).toEqual({
      display_name: 'Vera Visare',
      organisation: 'Lindesbergs kommun',
      municipality_code: '1885'
    });
    expect(res.expires_at - before).toBeGreaterThan(11.9 * 3600);
    expect(res.expires_at - before).toBeLessThan(12.1 * 3600);
    const payload = JSON.parse(
      Buffer.from(res.access_token.split('.')[1]!, 'base64url').toString()
    );
    expect(payload).toMatchObject({ role: 'authenticated', sub: res.user_id });
  });

  it('joins as editor with the join code (any case, without the dash)', async () => {
    const code = stack.joinCode!.replace('-', '').toLowerCase();
    const res = await joined(stack.url, { display_name: 'Erik Redaktör', join_code: code });
    expect(res.role).toBe('editor');
  });

  it('joins as admin with the admin token', async () => {
    const res = await joined(stack.url, {
      display_name: 'Ada Admin',
      admin_token: stack.adminToken
    });
    expect(res.role).toBe('admin');
  });

  it('the token writes through supabase-js exactly as the role allows (RLS)', async () => {
    const viewer = await joined(stack.url, { display_name: 'V' });
    const editor = await joined(stack.url, { display_name: 'E', join_code: stack.joinCode });
    const admin = await joined(stack.url, { display_name: 'A', admin_token: stack.adminToken });
    const insert = (token: string, title: string) =>
      clientWith(stack.url, stack.anonKey, token)
        .from('nodes')
        .insert({ map_id: SEED_MAP_ID, kind: 'resource', title })
        .select('id, created_by')
        .single();

    const denied = await insert(viewer.access_token, 'Från visaren');
    expect(denied.error?.code).toBe('42501');

    const made = await insert(editor.access_token, 'Från redaktören');
    expect(made.error).toBeNull();
    expect(made.data?.created_by).toBe(editor.user_id);

    const editorDelete = await clientWith(stack.url, stack.anonKey, editor.access_token)
      .from('nodes')
      .delete()
      .eq('id', made.data!.id)
      .select('id');
    expect(editorDelete.data).toEqual([]);
    const adminDelete = await clientWith(stack.url, stack.anonKey, admin.access_token)
      .from('nodes')
      .delete()
      .eq('id', made.data!.id)
      .select('id');
    expect(adminDelete.data).toEqual([{ id: made.data!.id }]);
  });

  it('members see each other’s profiles, and their own', async () => {
    const a = await joined(stack.url, { display_name: 'Profil A' });
    const b = await joined(stack.url, { display_name: 'Profil B' });
    const { data } = await clientWith(stack.url, stack.anonKey, a.access_token)
      .from('profiles')
      .select('id, display_name')
      .in('id', [a.user_id, b.user_id]);
    expect(data).toHaveLength(2);
  });

  it('refuses invalid input with a Swedish message (400)', async () => {
    for (const [body, code] of [
      [{}, 'invalid_display_name'],
      [{ display_name: '   ' }, 'invalid_display_name'],
      [{ display_name: 'x'.repeat(81) }, 'invalid_display_name'],
      [{ display_name: 'Ok', municipality_code: '188' }, 'invalid_municipality_code'],
      [{ display_name: 'Ok', organisation: 5 }, 'invalid_organisation'],
      [{ display_name: 'Ok', map_id: 'inte-ett-id' }, 'invalid_map_id'],
      [[1, 2], 'invalid_body']
    ] as const) {
      const res = await join(stack.url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as ErrorBody).error.code).toBe(code);
      expect((res.body as ErrorBody).error.message.length).toBeGreaterThan(10);
    }
    const bad = await fetch(`${stack.url}/auth/local/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json'
    });
    expect(bad.status).toBe(400);
    const get = await fetch(`${stack.url}/auth/local/join`);
    expect(get.status).toBe(405);
  });

  it('refuses a private map (403) and an unknown one (404)', async () => {
    const { serviceKey, url } = stack;
    const service = createClient<Database>(url, stack.anonKey, {
      accessToken: async () => serviceKey,
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
    });
    const { data } = await service
      .from('maps')
      .insert({ title: 'Privat', visibility: 'private' })
      .select('id')
      .single();
    const priv = await join(url, { display_name: 'P', map_id: data!.id });
    expect(priv.status).toBe(403);
    expect((priv.body as ErrorBody).error.code).toBe('map_not_joinable');
    const unknown = await join(url, {
      display_name: 'P',
      map_id: '00000000-0000-4000-8000-00000000dead'
    });
    expect(unknown.status).toBe(404);
  });

  it('refreshes a valid token and refuses a forged one', async () => {
    const a = await joined(stack.url, { display_name: 'Förnyare', join_code: stack.joinCode });
    const res = await fetch(`${stack.url}/auth/local/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.access_token}`, 'content-type': 'application/json' },
      body: '{}'
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as JoinResponse;
    expect(body.user_id).toBe(a.user_id);
    expect(body.role).toBe('editor');
    const forged = await fetch(`${stack.url}/auth/local/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.anonKey}x` },
      body: '{}'
    });
    expect(forged.status).toBe(401);
  });

  // Last in this block: it uses up this address's allowance for wrong codes.
  it('refuses a wrong code or admin token (403), then rate-limits guessing (429)', async () => {
    const wrongCode = await join(stack.url, { display_name: 'Gissare', join_code: 'AAA-AAA' });
    expect(wrongCode.status).toBe(403);
    expect((wrongCode.body as ErrorBody).error.code).toBe('wrong_join_code');
    expect((wrongCode.body as ErrorBody).error.message).toMatch(/Koden stämmer inte/);
    const wrongAdmin = await join(stack.url, {
      display_name: 'Gissare',
      admin_token: 'x'.repeat(32)
    });
    expect(wrongAdmin.status).toBe(403);
    expect((wrongAdmin.body as ErrorBody).error.code).toBe('wrong_admin_token');

    // A room's typos do not stop the room: the right code still works after some.
    const typos = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        join(stack.url, { display_name: 'G', join_code: `TYP${i}XX` })
      )
    );
    expect(typos.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    const room = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        join(stack.url, { display_name: `Deltagare ${i}`, join_code: stack.joinCode })
      )
    );
    expect(room.map((r) => r.status)).toEqual(Array(60).fill(200));

    // Guessing on is refused: within the burst's 20 wrong attempts (7 made above), or a
    // few more if the allowance refilled (10 a minute) while a slow machine ran this test.
    // Until refused, each guess is a plain "wrong code".
    const statuses: number[] = [];
    for (let i = 0; i < 100 && statuses.at(-1) !== 429; i++) {
      statuses.push((await join(stack.url, { display_name: 'G', join_code: `BAD${i}XX` })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeGreaterThanOrEqual(13); // no sooner than the burst allows
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([403]));
    // Even the right code waits now: the code cannot be found by guessing.
    const right = await join(stack.url, { display_name: 'G', join_code: stack.joinCode });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((right.body as ErrorBody).error.message).toMatch(/För många försök/);
    // No failed attempt created a user.
    const users = await fetch(`${stack.url}/rest/v1/profiles?display_name=eq.G&select=id`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.serviceKey}` }
    });
    expect(await users.json()).toEqual([]);
  });
});
