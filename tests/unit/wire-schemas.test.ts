// The wire schemas shared by the server and the client (src/lib/data/wire): what
// fits, what is dropped and why, and the join request's refusals (the field and the
// Swedish message the server answers 400 with).
import { describe, expect, it } from 'vitest';
import { accept, decodeJson, decodeMessage, dropCounts } from '$lib/wire/decode.js';
import {
  errorResponseSchema,
  joinRequestSchema,
  refreshRequestSchema,
  sessionResponseSchema
} from '$lib/wire/identity.js';
import {
  broadcastPresenterSchema,
  clientMessageSchemas,
  MAX_PRESENT_CHARS,
  MAX_SELECTION_CHARS,
  serverMessageSchemas,
  trackedPresenceSchema,
  wireChangeSchema
} from '$lib/wire/live.js';

const MAP = '00000000-0000-4000-8000-000000000001';
const ROW = '00000000-0000-4000-8000-0000000000aa';

describe('decodeMessage', () => {
  it('returns the message its type names, without unknown keys', () => {
    const drops = dropCounts();
    const text = JSON.stringify({ type: 'subscribe', map_id: MAP, since: 4, extra: 'x' });
    expect(decodeMessage(clientMessageSchemas, text, drops)).toEqual({
      ok: true,
      message: { type: 'subscribe', map_id: MAP, since: 4 }
    });
    expect(drops).toEqual({ invalid_json: 0, unknown_type: 0, malformed: 0 });
  });

  it('drops and counts what is not JSON, has no known type, or does not fit', () => {
    const drops = dropCounts();
    const cases: [string, string][] = [
      ['{not json', 'invalid_json'],
      ['', 'invalid_json'],
      ['null', 'unknown_type'],
      ['42', 'unknown_type'],
      ['[{"type":"ping"}]', 'unknown_type'],
      ['{"type":"shout"}', 'unknown_type'],
      ['{"type":"toString"}', 'unknown_type'],
      ['{"type":"__proto__"}', 'unknown_type'],
      ['{"type":7}', 'unknown_type'],
      ['{"type":"auth"}', 'malformed'],
      ['{"type":"auth","token":5}', 'malformed'],
      ['{"type":"subscribe","map_id":"not-a-uuid"}', 'malformed'],
      [`{"type":"subscribe","map_id":"${MAP}","since":-1}`, 'malformed'],
      [`{"type":"subscribe","map_id":"${MAP}","since":"5"}`, 'malformed'],
      [`{"type":"subscribe","map_id":"${MAP}","since":1.5}`, 'malformed'],
      ['{"type":"presence"}', 'malformed'],
      ['{"type":"presence","state":{"display_name":5}}', 'malformed']
    ];
    for (const [text, reason] of cases) {
      const decoded = decodeMessage(clientMessageSchemas, text, drops);
      expect(decoded, text).toMatchObject({ ok: false, reason });
    }
    expect(drops).toEqual({ invalid_json: 2, unknown_type: 7, malformed: 8 });
  });

  it('says which known type a malformed message had', () => {
    const decoded = decodeMessage(clientMessageSchemas, '{"type":"subscribe"}', dropCounts());
    expect(decoded).toEqual({ ok: false, reason: 'malformed', type: 'subscribe' });
  });

  it('limits a presence selection to 4 096 characters of JSON', () => {
    const drops = dropCounts();
    const fits = { nodes: ['x'.repeat(MAX_SELECTION_CHARS - 20)] };
    const tooLarge = { nodes: ['x'.repeat(MAX_SELECTION_CHARS)] };
    const message = (selection: unknown) =>
      JSON.stringify({ type: 'presence', state: { selection } });
    expect(decodeMessage(clientMessageSchemas, message(fits), drops).ok).toBe(true);
    expect(decodeMessage(clientMessageSchemas, message(null), drops).ok).toBe(true);
    expect(decodeMessage(clientMessageSchemas, message(tooLarge), drops)).toMatchObject({
      ok: false,
      reason: 'malformed',
      type: 'presence'
    });
    expect(accept(trackedPresenceSchema, { selection: tooLarge }, drops)).toBeNull();
    expect(drops.malformed).toBe(2);
  });

  it('knows every server message, and refuses a change that is not ids only', () => {
    const drops = dropCounts();
    const change = { id: 3, map_id: MAP, table: 'nodes', row_id: ROW, op: 'update' };
    const good = [
      { type: 'hello', client_id: 'c', user_id: null },
      { type: 'subscribed', map_id: MAP, role: 'editor', last_id: 0 },
      { type: 'change', change },
      { type: 'resync', map_id: MAP, last_id: 9 },
      { type: 'presence', map_id: MAP, members: [] },
      { type: 'ping' },
      { type: 'error', code: 'forbidden', message: 'Nej.' }
    ];
    for (const m of good) {
      expect(decodeMessage(serverMessageSchemas, JSON.stringify(m), drops).ok, m.type).toBe(true);
    }
    for (const bad of [
      { ...change, id: '3' },
      { ...change, id: null },
      { ...change, op: 'truncate' },
      { ...change, row_id: 'row-1' },
      { ...change, map_id: undefined }
    ]) {
      const text = JSON.stringify({ type: 'change', change: bad });
      expect(decodeMessage(serverMessageSchemas, text, drops).ok).toBe(false);
    }
    expect(drops).toEqual({ invalid_json: 0, unknown_type: 0, malformed: 5 });
  });

  it('decodeJson checks one schema (NOTIFY payloads, HTTP answers)', () => {
    const drops = dropCounts();
    const change = { id: 1, map_id: MAP, table: 'nodes', row_id: ROW, op: 'insert' };
    expect(decodeJson(wireChangeSchema, JSON.stringify(change), drops)).toEqual(change);
    expect(decodeJson(wireChangeSchema, 'garbage', drops)).toBeNull();
    expect(decodeJson(wireChangeSchema, '{"id":1}', drops)).toBeNull();
    expect(drops).toEqual({ invalid_json: 1, unknown_type: 0, malformed: 1 });
  });
});

describe('identity bodies', () => {
  function refusal(body: unknown) {
    const result = joinRequestSchema.safeParse(body);
    if (result.success) return null;
    const issue = result.error.issues[0]!;
    return { field: issue.path[0] ?? 'body', message: issue.message };
  }

  it('trims a join request and makes blank fields null', () => {
    expect(
      joinRequestSchema.parse({
        display_name: '  Vera ',
        organisation: ' ',
        municipality_code: '1885',
        join_code: 'k7p-q2m',
        map_id: MAP,
        role: 'viewer',
        unknown: 1
      })
    ).toEqual({
      display_name: 'Vera',
      organisation: null,
      municipality_code: '1885',
      join_code: 'k7p-q2m',
      admin_token: null,
      map_id: MAP,
      role: 'viewer'
    });
  });

  it('refuses a join request field by field, with a Swedish message', () => {
    expect(refusal([1, 2])).toEqual({
      field: 'body',
      message: 'Skicka ett JSON-objekt med minst display_name.'
    });
    expect(refusal(null)?.field).toBe('body');
    for (const body of [{}, { display_name: '  ' }, { display_name: 'x'.repeat(81) }]) {
      expect(refusal(body)).toEqual({
        field: 'display_name',
        message: 'Skriv det namn som de andra ska se (1–80 tecken).'
      });
    }
    expect(refusal({ display_name: 'Ok', organisation: 5 })).toEqual({
      field: 'organisation',
      message: 'Fältet organisation ska vara text.'
    });
    expect(refusal({ display_name: 'Ok', organisation: 'x'.repeat(201) })).toEqual({
      field: 'organisation',
      message: 'Fältet organisation får vara högst 200 tecken.'
    });
    expect(refusal({ display_name: 'Ok', municipality_code: '188' })?.message).toMatch(
      /fyra siffror/
    );
    expect(refusal({ display_name: 'Ok', municipality_code: '18800' })?.message).toBe(
      'Fältet municipality_code får vara högst 4 tecken.'
    );
    expect(refusal({ display_name: 'Ok', map_id: 'inte-ett-id' })).toEqual({
      field: 'map_id',
      message: 'Kartans id är inte giltigt.'
    });
    expect(refusal({ display_name: 'Ok', role: 'admin' })?.field).toBe('role');
  });

  it('takes a refresh with or without a map, and refuses another id', () => {
    for (const body of [null, {}, { map_id: null }, { map_id: MAP }]) {
      expect(refreshRequestSchema.safeParse(body).success).toBe(true);
    }
    expect(refreshRequestSchema.safeParse({ map_id: 'x' }).success).toBe(false);
  });

  it('checks the session answer and the refusal', () => {
    const session = {
      access_token: 'tok',
      token_type: 'bearer',
      expires_at: 1,
      user_id: 'u',
      role: 'editor',
      map_id: MAP,
      profile: { display_name: 'A', organisation: null, municipality_code: null }
    };
    expect(sessionResponseSchema.safeParse(session).success).toBe(true);
    expect(sessionResponseSchema.safeParse({ ...session, role: 'owner' }).success).toBe(false);
    expect(sessionResponseSchema.safeParse({ ...session, access_token: '' }).success).toBe(false);
    expect(errorResponseSchema.safeParse({ error: { code: 'x', message: 'y' } }).success).toBe(
      true
    );
    expect(errorResponseSchema.safeParse({ error: 'x' }).success).toBe(false);
  });
});

describe('the presenter messages (workshops)', () => {
  const state = {
    presentation_id: ROW,
    story_id: null,
    step: 2,
    view: { query: 'vy=karta', map: [14, 58.5, 16, 60], graph: null },
    sent_at: 1_700_000_000_000
  };

  it('carry a step and both cameras, each way; null ends the presentation', () => {
    const drops = dropCounts();
    for (const sent of [state, null]) {
      const text = JSON.stringify({ type: 'present', state: sent });
      expect(decodeMessage(clientMessageSchemas, text, drops)).toEqual({
        ok: true,
        message: { type: 'present', state: sent }
      });
    }
    const relayed = { type: 'presenter', map_id: MAP, user_id: null, display_name: 'Pia', state };
    expect(decodeMessage(serverMessageSchemas, JSON.stringify(relayed), drops)).toEqual({
      ok: true,
      message: relayed
    });
    expect(
      accept(broadcastPresenterSchema, { user_id: 'u', display_name: 'P', state }, drops)
    ).toEqual({ user_id: 'u', display_name: 'P', state });
    expect(drops).toEqual({ invalid_json: 0, unknown_type: 0, malformed: 0 });
  });

  it('drop and count a view that does not fit', () => {
    const drops = dropCounts();
    const bad = [
      { ...state, presentation_id: 'x' },
      { ...state, step: -2 },
      { ...state, step: 1.5 },
      { ...state, view: { ...state.view, map: [1, 2, 3] } },
      { ...state, view: { ...state.view, graph: [1, 2, 3, 'x'] } },
      { ...state, view: { ...state.view, query: 'x'.repeat(MAX_PRESENT_CHARS) } },
      'state'
    ];
    for (const sent of bad) {
      const text = JSON.stringify({ type: 'present', state: sent });
      expect(decodeMessage(clientMessageSchemas, text, drops), text).toMatchObject({
        ok: false,
        reason: 'malformed'
      });
    }
    const relayed = { type: 'presenter', map_id: 'x', user_id: null, display_name: 'P', state };
    expect(decodeMessage(serverMessageSchemas, JSON.stringify(relayed), drops).ok).toBe(false);
    expect(accept(broadcastPresenterSchema, { display_name: 'P', state }, drops)).toBeNull();
    expect(drops.malformed).toBe(bad.length + 2);
  });
});
