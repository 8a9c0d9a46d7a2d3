// The repository through real supabase-js with a fake fetch: checks the requests
// it makes (filters, paging, version checks) and how it reads the answers.
import { describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { createDataClient } from '$lib/data/client';
import { DataError } from '$lib/data/errors';
import { MAX_UUID, NIL_UUID, rangesAfter } from '$lib/data/id-ranges';
import { fetchAllById, loadMap, type IdPage, saveNode, softDelete } from '$lib/data/repository';
import { makeIndicator, makeMap, makeNode, makeRelation, makeTheme } from './factories';

// supabase-js builds its (unused here) realtime client eagerly; Node 20 has no global WebSocket.
globalThis.WebSocket ??= NodeWebSocket as unknown as typeof WebSocket;

const config = { mode: 'local', supabaseUrl: 'http://stack.test', anonKey: 'anon' } as const;
const MAP_ID = makeMap().id;

interface Call {
  method: string;
  table: string;
  query: string;
  headers: Headers;
  body: unknown;
}
type Reply = { status?: number; body: unknown };

function fakeClient(reply: (call: Call) => Reply, accessToken?: string) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? 'GET',
      table: url.pathname.replace('/rest/v1/', ''),
      query: decodeURIComponent(url.search),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    };
    calls.push(call);
    const { status = 200, body } = reply(call);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' }
    });
  }) as typeof fetch;
  return { client: createDataClient(config, accessToken, fetchImpl), calls };
}

describe('createDataClient', () => {
  it('sends the anon key without a user token, and the token when given', async () => {
    const anon = fakeClient(() => ({ body: [] }));
    await anon.client.from('themes').select('*');
    expect(anon.calls[0]?.headers.get('authorization')).toBe('Bearer anon');

    const user = fakeClient(() => ({ body: [] }), 'user.jwt');
    await user.client.from('themes').select('*');
    expect(user.calls[0]?.headers.get('authorization')).toBe('Bearer user.jwt');
    expect(user.calls[0]?.headers.get('apikey')).toBe('anon');
  });
});

describe('loadMap', () => {
  const a = makeNode({ kind: 'municipality', municipality_code: '1880' });
  const b = makeNode({ kind: 'network' });
  const rows: Record<string, unknown> = {
    maps: makeMap({ description: 'Beskrivning' }),
    nodes: [a, b],
    relations: [
      makeRelation({ source_id: a.id, target_id: b.id, kind: 'member_of' }),
      makeRelation({ source_id: a.id, target_id: 'deleted-node' })
    ],
    themes: [
      makeTheme({ key: 'fritids', sort_order: 1 }),
      makeTheme({ key: 'juridik', sort_order: 1 }),
      makeTheme({ key: 'kvalitet', sort_order: 0 })
    ],
    indicators: [makeIndicator()],
    node_positions: [{ id: a.id, map_id: MAP_ID, x: 1, y: 2, updated_at: '', updated_by: null }]
  };

  it('loads the six tables in parallel, excluding soft-deleted rows', async () => {
    const { client, calls } = fakeClient((call) => ({ body: rows[call.table] }));
    const dataset = await loadMap(client, MAP_ID);

    expect(calls.map((c) => c.table).sort()).toEqual([
      'indicators',
      'maps',
      'node_positions',
      'nodes',
      'relations',
      'themes'
    ]);
    for (const call of calls.filter((c) => c.table !== 'maps')) {
      expect(call.query).toContain(`map_id=eq.${MAP_ID}`);
      // Positions are removed with their node, never soft-deleted.
      if (call.table !== 'node_positions') expect(call.query).toContain('deleted_at=is.null');
      // The first page: in id order, from the smallest id on.
      expect(call.query).toContain('id=gt.00000000-0000-0000-0000-000000000000');
      expect(call.query).toContain('id=lte.ffffffff-ffff-ffff-ffff-ffffffffffff');
      expect(call.query).toContain('order=id.asc');
      expect(call.query).toContain('limit=1000');
    }
    expect(dataset.map.description).toBe('Beskrivning');
    expect(dataset.nodes.map((n) => n.kind)).toEqual(['municipality', 'network']);
    expect(dataset.relations).toHaveLength(1); // the one to a deleted node is dropped
    // Read in id order, handed on in their configured order, then by key.
    expect(dataset.themes.map((t) => t.key)).toEqual(['kvalitet', 'fritids', 'juridik']);
    expect(dataset.indicators).toHaveLength(1);
    expect(dataset.positions).toMatchObject([{ id: a.id, x: 1, y: 2 }]);
  });

  it('throws not_found when the map is missing or hidden by RLS', async () => {
    const { client } = fakeClient((call) => ({ body: call.table === 'maps' ? [] : [] }));
    await expect(loadMap(client, MAP_ID)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('throws invalid_data for a kind the app does not know', async () => {
    const { client } = fakeClient((call) => ({
      body: call.table === 'nodes' ? [{ ...a, kind: 'spaceship' }] : rows[call.table]
    }));
    await expect(loadMap(client, MAP_ID)).rejects.toMatchObject({ kind: 'invalid_data' });
  });

  it('maps a PostgREST error to a typed DataError', async () => {
    const { client } = fakeClient((call) =>
      call.table === 'relations'
        ? { status: 401, body: { code: 'PGRST301', message: 'JWT expired' } }
        : { body: rows[call.table] }
    );
    const error = await loadMap(client, MAP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ kind: 'auth', messageKey: 'error.auth' });
  });

  it('reports an abort as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = fakeClient((call) => ({ body: rows[call.table] }));
    await expect(loadMap(client, MAP_ID, controller.signal)).rejects.toMatchObject({
      kind: 'aborted'
    });
  });
});

describe('fetchAllById', () => {
  /** Random ids, sorted as PostgreSQL sorts uuids. */
  const ids = (n: number) =>
    Array.from({ length: n }, () => ({ id: crypto.randomUUID() })).sort((a, b) =>
      a.id < b.id ? -1 : 1
    );
  const serve = (all: { id: string }[], asked: [string, string][] = []) =>
    (async (after: string, upTo: string, size: number) => {
      asked.push([after, upTo]);
      return { data: all.filter((r) => r.id > after && r.id <= upTo).slice(0, size), error: null };
    }) as IdPage<{ id: string }>;

  it('reads a small table in one page', async () => {
    const all = ids(3);
    const asked: [string, string][] = [];
    expect(await fetchAllById(serve(all, asked), 5)).toEqual(all);
    expect(asked).toEqual([[NIL_UUID, MAX_UUID]]);
  });

  it('reads the rest of a large one in lanes of ids side by side: every row once, in id order', async () => {
    const all = ids(1234);
    const asked: [string, string][] = [];
    expect(await fetchAllById(serve(all, asked), 100, 4)).toEqual(all);
    // The first page, then each lane's pages until a short one.
    const lanes = new Set(asked.slice(1).map(([, upTo]) => upTo));
    expect(lanes.size).toBe(4);
    expect(asked.length).toBeGreaterThanOrEqual(1 + 12);
  });

  it('throws the mapped error of a failed page', async () => {
    await expect(
      fetchAllById(async () => ({ data: null, error: { code: '42501', message: 'no' } }))
    ).rejects.toMatchObject({ kind: 'permission' });
  });
});

describe('rangesAfter', () => {
  it('splits the ids after one into ranges of equal width that meet, up to the largest', () => {
    const ranges = rangesAfter('80000000-0000-0000-0000-000000000000', 4);
    expect(ranges).toEqual([
      {
        after: '80000000-0000-0000-0000-000000000000',
        upTo: '9fffffff-ffff-ffff-ffff-ffffffffffff'
      },
      {
        after: '9fffffff-ffff-ffff-ffff-ffffffffffff',
        upTo: 'bfffffff-ffff-ffff-ffff-ffffffffffff'
      },
      {
        after: 'bfffffff-ffff-ffff-ffff-ffffffffffff',
        upTo: 'dfffffff-ffff-ffff-ffff-ffffffffffff'
      },
      { after: 'dfffffff-ffff-ffff-ffff-ffffffffffff', upTo: MAX_UUID }
    ]);
  });

  it('gives fewer ranges when fewer ids are left', () => {
    expect(rangesAfter('ffffffff-ffff-ffff-ffff-fffffffffffe', 4)).toEqual([
      { after: 'ffffffff-ffff-ffff-ffff-fffffffffffe', upTo: MAX_UUID }
    ]);
    expect(rangesAfter(MAX_UUID, 4)).toEqual([]);
  });
});

describe('saveNode', () => {
  const node = makeNode({ version: 3, title: 'TABB' });

  it('updates where id and version match and returns the new row', async () => {
    const { client, calls } = fakeClient(() => ({ body: [{ ...node, title: 'Ny', version: 4 }] }));
    const result = await saveNode(client, { id: node.id, title: 'Ny' }, 3);

    expect(result).toMatchObject({ ok: true, row: { title: 'Ny', version: 4 } });
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.query).toContain(`id=eq.${node.id}`);
    expect(calls[0]?.query).toContain('version=eq.3');
    expect(calls[0]?.body).toEqual({ title: 'Ny' }); // the id is a filter, not a change
  });

  it('returns a conflict with the current row when 0 rows changed', async () => {
    const theirs = { ...node, title: 'Deras', version: 5 };
    const { client } = fakeClient((call) => ({ body: call.method === 'PATCH' ? [] : theirs }));
    const result = await saveNode(client, { id: node.id, title: 'Min' }, 3);
    expect(result).toEqual({ ok: false, reason: 'conflict', current: theirs });
  });

  it('maps a check violation', async () => {
    const { client } = fakeClient(() => ({
      status: 400,
      body: { code: '23514', message: 'new row violates check constraint' }
    }));
    const result = await saveNode(client, { id: node.id, title: ' ' }, 3);
    expect(result).toMatchObject({ ok: false, reason: 'error', error: { kind: 'check' } });
  });
});

describe('softDelete', () => {
  it('sets deleted_at with the version check', async () => {
    const { client, calls } = fakeClient(() => ({
      body: [{ id: 'r1', version: 2, deleted_at: '2026-01-02T03:04:05.000Z' }]
    }));
    const result = await softDelete(
      client,
      'relations',
      'r1',
      1,
      () => new Date('2026-01-02T03:04:05Z')
    );
    expect(result.ok).toBe(true);
    expect(calls[0]?.table).toBe('relations');
    expect(calls[0]?.query).toContain('version=eq.1');
    expect(calls[0]?.body).toEqual({ deleted_at: '2026-01-02T03:04:05.000Z' });
  });
});
