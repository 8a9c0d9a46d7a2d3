// applyImport: a small plan is one import_items call; a large one is sent in
// parts (real progress) and written by import_staged (progress unknown: phase
// 'writing' with its start time). Failures remove the parts sent and report the
// message; nothing else is written (the database test shows the all-or-nothing).
import { describe, expect, it } from 'vitest';
import type { DataClient } from '$lib/data/client';
import { applyImport, payloadRows, splitPayload, wirePayload, type WirePart } from '$lib/io/apply';
import type { ImportPayload, ImportPlan, PayloadNode } from '$lib/io/plan';
import type { ImportProgress } from '$lib/io/types';

// applyImport only sends the payload: rows with just the fields that tell them apart.
const node = (key: string) => ({ key, kind: 'network', title: `N ${key}` }) as PayloadNode;
const relation = (from: string, to: string) =>
  ({ source_key: from, target_key: to, kind: 'collaborates_with' }) as PayloadRelation;
type PayloadRelation = ImportPayload['relations'][number];

function plan(nodes: number, relations = 0, extra: Partial<ImportPayload> = {}): ImportPlan {
  const keys = Array.from({ length: nodes }, (_, i) => `k${i}`);
  return {
    payload: {
      themes: [],
      nodes: keys.map(node),
      updates: [],
      relations: Array.from({ length: relations }, (_, i) =>
        relation(keys[i % nodes]!, keys[(i + 1) % nodes]!)
      ),
      relation_updates: [],
      indicators: [],
      ...extra
    },
    matches: [],
    problems: [],
    summary: {} as ImportPlan['summary'],
    blocked: false
  };
}

const RESULT = { themes: 0, nodes: 5, updated: 0, relations: 3, indicators: 0, node_ids: {} };

type Call =
  | { op: 'insert'; row: { import_id: string; part: number; map_id: string; payload: WirePart } }
  | { op: 'delete'; importId: string }
  | { op: 'rpc'; fn: string; args: Record<string, unknown> };

/** A stand-in for supabase-js that records what is sent and answers as told. */
function fakeClient(
  answer: {
    insert?: (part: number) => { error: unknown; status: number };
    rpc?: () => { data: unknown; error: unknown; status: number };
  } = {}
) {
  const calls: Call[] = [];
  const client = {
    from(table: string) {
      expect(table).toBe('import_parts');
      return {
        insert: async (row: Extract<Call, { op: 'insert' }>['row']) => {
          calls.push({ op: 'insert', row });
          return answer.insert?.(row.part) ?? { error: null, status: 201 };
        },
        delete: () => ({
          eq: async (column: string, importId: string) => {
            expect(column).toBe('import_id');
            calls.push({ op: 'delete', importId });
            return { error: null, status: 204 };
          }
        })
      };
    },
    rpc: async (fn: string, args: Record<string, unknown>) => {
      calls.push({ op: 'rpc', fn, args });
      return answer.rpc?.() ?? { data: RESULT, error: null, status: 200 };
    }
  };
  return { client: client as unknown as DataClient, calls };
}

const describeProgress = (p: ImportProgress) =>
  p.phase === 'writing' ? `writing ${p.rows} since ${p.since}` : `${p.phase} ${p.done}/${p.total}`;

describe('splitPayload', () => {
  it('cuts the items, tables in write order, into parts of at most n; the map goes first', () => {
    const wire = wirePayload(
      plan(5, 3, { map: { title: 'T', description: '', source: null } }).payload
    );
    const parts = splitPayload(wire, 3);
    expect(parts.map((p) => Object.keys(p))).toEqual([
      ['map', 'nodes'],
      ['nodes', 'relations'],
      ['relations']
    ]);
    expect(parts.map((p) => (p.nodes?.length ?? 0) + (p.relations?.length ?? 0))).toEqual([
      3, 3, 2
    ]);
    // Joined in order, the parts are the payload again.
    expect(parts.flatMap((p) => p.nodes ?? [])).toEqual(wire.nodes);
    expect(parts.flatMap((p) => p.relations ?? [])).toEqual(wire.relations);
  });

  it('a payload of at most n items (or none) is one part', () => {
    expect(splitPayload(wirePayload(plan(2, 1).payload), 3)).toHaveLength(1);
    expect(splitPayload(wirePayload(plan(0).payload), 3)).toEqual([{}]);
  });

  it('payloadRows counts every item of every table', () => {
    expect(payloadRows(plan(5, 3).payload)).toBe(8);
  });
});

describe('applyImport', () => {
  it('writes a small plan with one import_items call: phase writing, then the result', async () => {
    const { client, calls } = fakeClient();
    const wire = wirePayload(plan(2, 1).payload);
    const progress: string[] = [];
    const result = await applyImport(
      client,
      'map-1',
      plan(2, 1),
      (p) => progress.push(describeProgress(p)),
      {
        now: () => 1000
      }
    );
    expect(result).toEqual({ ok: true, result: RESULT });
    expect(progress).toEqual(['writing 3 since 1000']);
    expect(calls).toEqual([
      {
        op: 'rpc',
        fn: 'import_items',
        args: {
          p_map_id: 'map-1',
          // The whole payload; empty tables are left out (import_items reads them as []).
          p_payload: { nodes: wire.nodes, relations: wire.relations }
        }
      }
    ]);
  });

  it('sends a large plan in parts with real progress, then writes them with import_staged', async () => {
    const { client, calls } = fakeClient();
    const progress: string[] = [];
    const big = plan(5, 3);
    const result = await applyImport(
      client,
      'map-1',
      big,
      (p) => progress.push(describeProgress(p)),
      {
        partItems: 3,
        importId: 'imp-1',
        now: () => 42
      }
    );
    expect(result).toEqual({ ok: true, result: RESULT });
    expect(progress).toEqual([
      'sending 0/3',
      'sending 1/3',
      'sending 2/3',
      'sending 3/3',
      'writing 8 since 42'
    ]);
    const parts = splitPayload(wirePayload(big.payload), 3);
    expect(calls).toEqual([
      ...parts.map((payload, part) => ({
        op: 'insert',
        row: { import_id: 'imp-1', part, map_id: 'map-1', payload }
      })),
      {
        op: 'rpc',
        fn: 'import_staged',
        args: { p_map_id: 'map-1', p_import_id: 'imp-1', p_parts: 3 }
      }
    ]);
  });

  it('a part refused by the database: no further parts, the sent ones removed, permission message', async () => {
    const { client, calls } = fakeClient({
      insert: (part) =>
        part === 1
          ? {
              error: { code: '42501', message: 'new row violates row-level security' },
              status: 403
            }
          : { error: null, status: 201 }
    });
    const result = await applyImport(client, 'map-1', plan(5, 3), undefined, {
      partItems: 3,
      importId: 'imp-2'
    });
    expect(result).toMatchObject({ ok: false, messageKey: 'io.apply.permission' });
    expect(calls.map((c) => c.op)).toEqual(['insert', 'insert', 'delete']);
    expect(calls[2]).toEqual({ op: 'delete', importId: 'imp-2' });
  });

  it('a failed write of the staged parts removes them and says why', async () => {
    const { client, calls } = fakeClient({
      rpc: () => ({
        data: null,
        error: { code: '40001', message: 'node x was changed or removed after the preview' },
        status: 409
      })
    });
    const result = await applyImport(client, 'map-1', plan(5, 3), undefined, {
      partItems: 3,
      importId: 'imp-3'
    });
    expect(result).toMatchObject({ ok: false, messageKey: 'io.apply.conflict' });
    expect(calls.at(-1)).toEqual({ op: 'delete', importId: 'imp-3' });
  });

  it('a failed single call has nothing to remove', async () => {
    const { client, calls } = fakeClient({
      rpc: () => ({ data: null, error: { code: '23503', message: 'relation 1' }, status: 409 })
    });
    const result = await applyImport(client, 'map-1', plan(2, 1));
    expect(result).toMatchObject({ ok: false, messageKey: 'io.apply.reference' });
    expect(calls.map((c) => c.op)).toEqual(['rpc']);
  });

  it('an unexpected answer is a failure, not a success', async () => {
    const { client } = fakeClient({
      rpc: () => ({ data: { nodes: 'x' }, error: null, status: 200 })
    });
    expect(await applyImport(client, 'map-1', plan(1))).toMatchObject({
      ok: false,
      messageKey: 'io.apply.failed'
    });
  });

  it('sends nothing for a blocked plan', async () => {
    const { client, calls } = fakeClient();
    const progress: ImportProgress[] = [];
    const result = await applyImport(client, 'map-1', { ...plan(2), blocked: true }, (p) =>
      progress.push(p)
    );
    expect(result).toMatchObject({ ok: false, messageKey: 'io.apply.blocked' });
    expect(calls).toEqual([]);
    expect(progress).toEqual([]);
  });
});
