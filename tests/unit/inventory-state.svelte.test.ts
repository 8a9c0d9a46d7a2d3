import { describe, expect, it } from 'vitest';
import { DataError } from '$lib/data/errors';
import type { SaveResult } from '$lib/data/versioned';
import type { Dataset, NodePatch, NodeRow, RelationPatch, RelationRow } from '$lib/domain/model';
import type { applyImport } from '$lib/io/apply';
import { ImportFileError, type ParsedImport } from '$lib/io/types';
import { ImportFlow, planSize } from '$lib/inventory/import-flow.svelte';
import { RowSaves } from '$lib/inventory/row-saves.svelte';
import { relationValuePatch } from '$lib/inventory/edits';
import { RowSelection } from '$lib/inventory/selection.svelte';
import type { DataClient } from '$lib/data/client';
import { makeDataset, makeNode, makeRelation, makeTheme } from './factories';

function store(dataset: Dataset) {
  let current = dataset;
  return { dataset: () => current, setDataset: (d: Dataset) => (current = d) };
}

describe('RowSaves', () => {
  it('a saved row replaces the old one; a conflict shows the current row and says so', async () => {
    const a = makeNode({ title: 'A' });
    const b = makeNode({ title: 'B' });
    const data = store(makeDataset({ nodes: [a, b] }));
    const calls: [NodePatch, number][] = [];
    const saves = new RowSaves({
      ...data,
      saveRelation: () => Promise.reject(new Error('unused')),
      saveNode: async (patch, version): Promise<SaveResult<NodeRow>> => {
        calls.push([patch, version]);
        if (patch.id === a.id) return { ok: true, row: { ...a, ...patch, version: version + 1 } };
        return { ok: false, reason: 'conflict', current: { ...b, title: 'B2', version: 5 } };
      }
    });
    expect(await saves.saveNode(a, { id: a.id, title: 'A!' })).toBe(true);
    expect(saves.issue(a.id)).toBeNull();
    expect(data.dataset().nodes[0]).toMatchObject({ title: 'A!', version: 2 });

    expect(await saves.saveNode(b, { id: b.id, title: 'Mine' })).toBe(false);
    expect(saves.issue(b.id)).toEqual({ kind: 'conflict' });
    expect(data.dataset().nodes[1]).toMatchObject({ title: 'B2', version: 5 });
    expect(calls.map(([, v]) => v)).toEqual([1, 1]);
  });

  it('an error keeps the row and names the reason', async () => {
    const a = makeNode();
    const data = store(makeDataset({ nodes: [a] }));
    const saves = new RowSaves({
      ...data,
      saveRelation: () => Promise.reject(new Error('unused')),
      saveNode: async () => ({
        ok: false,
        reason: 'error',
        error: new DataError('permission', 'no')
      })
    });
    expect(await saves.saveNode(a, { id: a.id, status: 'ended' })).toBe(false);
    expect(saves.issue(a.id)).toEqual({ kind: 'error', messageKey: 'error.permission' });
    expect(data.dataset().nodes[0]).toBe(a);
  });

  it('bulk: sends only rows that change, counts outcomes and applies the saved rows', async () => {
    const nodes = Array.from({ length: 120 }, (_, i) =>
      makeNode({ title: `N${i}`, themes: i % 3 === 0 ? ['ska'] : [] })
    );
    const data = store(makeDataset({ nodes, themes: [makeTheme({ key: 'ska' })] }));
    let sent = 0;
    const saves = new RowSaves({
      ...data,
      saveRelation: () => Promise.reject(new Error('unused')),
      saveNode: async (patch, version) => {
        sent++;
        const node = nodes.find((n) => n.id === patch.id)!;
        if (node.title === 'N1') {
          return { ok: false, reason: 'error', error: new DataError('network', 'x') };
        }
        return { ok: true, row: { ...node, ...patch, version: version + 1 } as NodeRow };
      }
    });
    const progress: number[] = [];
    const outcome = await saves.bulkNodes(nodes, { type: 'addTheme', theme: 'ska' }, null, (done) =>
      progress.push(done)
    );
    expect(outcome).toEqual({ saved: 79, unchanged: 40, failed: 1 });
    expect(sent).toBe(80);
    expect(progress.at(-1)).toBe(80);
    const after = data.dataset().nodes;
    expect(after.filter((n) => n.themes.includes('ska'))).toHaveLength(119);
    expect(saves.issue(nodes[1]!.id)).toEqual({ kind: 'error', messageKey: 'error.network' });
  });

  it('bulk on relations: adds a theme with the version check, a conflict is said next to the row', async () => {
    const relations = [
      makeRelation({ themes: [] }),
      makeRelation({ themes: ['ska'] }),
      makeRelation({ themes: [] })
    ];
    const data = store(makeDataset({ relations, themes: [makeTheme({ key: 'ska' })] }));
    const calls: [RelationPatch, number][] = [];
    const saves = new RowSaves({
      ...data,
      saveNode: () => Promise.reject(new Error('unused')),
      saveRelation: async (patch, version): Promise<SaveResult<RelationRow>> => {
        calls.push([patch, version]);
        const relation = relations.find((r) => r.id === patch.id)!;
        if (relation === relations[2]) {
          return {
            ok: false,
            reason: 'conflict',
            current: { ...relation, note: 'ny', version: 7 }
          };
        }
        return { ok: true, row: { ...relation, ...patch, version: version + 1 } as RelationRow };
      }
    });
    const outcome = await saves.bulkRelations(relations, { type: 'addTheme', theme: 'ska' }, null);
    expect(outcome).toEqual({ saved: 1, unchanged: 1, failed: 1 });
    expect(calls).toEqual([
      [{ id: relations[0]!.id, themes: ['ska'] }, 1],
      [{ id: relations[2]!.id, themes: ['ska'] }, 1]
    ]);
    const after = data.dataset().relations;
    expect(after[0]).toMatchObject({ themes: ['ska'], version: 2 });
    expect(after[2]).toMatchObject({ themes: [], note: 'ny', version: 7 });
    expect(saves.issue(relations[2]!.id)).toEqual({ kind: 'conflict' });

    // A relation has no status: nothing is sent.
    calls.length = 0;
    const none = await saves.bulkRelations(relations, { type: 'status', status: 'ended' }, null);
    expect(none).toEqual({ saved: 0, unchanged: 3, failed: 0 });
    expect(calls).toEqual([]);
  });

  it('an invalid typed value is not sent and is said for its field until saved or cancelled', async () => {
    const relation = makeRelation({ magnitude: 12 });
    const data = store(makeDataset({ relations: [relation] }));
    const calls: RelationPatch[] = [];
    const saves = new RowSaves({
      ...data,
      saveNode: () => Promise.reject(new Error('unused')),
      saveRelation: async (patch, version) => {
        calls.push(patch);
        return { ok: true, row: { ...relation, ...patch, version: version + 1 } as RelationRow };
      }
    });
    const edit = (text: string) =>
      saves.editRelation(relation, 'magnitude', relationValuePatch(relation, 'magnitude', text));

    expect(await edit('-3')).toBe(false);
    expect(await edit('abc')).toBe(false);
    expect(calls).toEqual([]);
    expect(saves.issue(relation.id)).toEqual({
      kind: 'invalid',
      field: 'magnitude',
      messageKey: 'edit.error.magnitude'
    });
    saves.dismiss(relation.id, 'year');
    expect(saves.issue(relation.id)?.kind).toBe('invalid');
    saves.dismiss(relation.id, 'magnitude');
    expect(saves.issue(relation.id)).toBeNull();

    expect(await edit('12')).toBe(true);
    expect(calls).toEqual([]);
    expect(await edit('-1')).toBe(false);
    expect(await edit('7,5')).toBe(true);
    expect(calls).toEqual([{ id: relation.id, magnitude: 7.5 }]);
    expect(saves.issue(relation.id)).toBeNull();
    expect(data.dataset().relations[0]).toMatchObject({ magnitude: 7.5, version: 2 });
  });

  it('dismiss leaves a conflict alone', async () => {
    const relation = makeRelation();
    const saves = new RowSaves({
      ...store(makeDataset({ relations: [relation] })),
      saveNode: () => Promise.reject(new Error('unused')),
      saveRelation: async () => ({ ok: false, reason: 'conflict', current: relation })
    });
    expect(await saves.saveRelation(relation, { id: relation.id, year: 2020 })).toBe(false);
    saves.dismiss(relation.id, 'year');
    expect(saves.issue(relation.id)).toEqual({ kind: 'conflict' });
  });
});

describe('RowSelection', () => {
  it('keeps the chosen ids; acts on the chosen rows still in the table, in its order', () => {
    const a = makeNode();
    const b = makeNode();
    const c = makeNode();
    let rows = $state([a, b, c]);
    const selection = new RowSelection(() => rows);
    expect(selection.all).toBe(false);
    expect(selection.total).toBe(3);
    selection.set(c.id, true);
    selection.set(a.id, true);
    expect(selection.chosen).toEqual([a, c]);
    expect(selection.size).toBe(2);
    rows = [a, b];
    expect(selection.chosen).toEqual([a]);
    expect(selection.has(c.id)).toBe(true);
    selection.set(b.id, true);
    expect(selection.all).toBe(true);
    selection.set(a.id, false);
    expect(selection.all).toBe(false);
    selection.setAll(true);
    expect(selection.chosen).toEqual([a, b]);
    selection.setAll(false);
    expect(selection.size).toBe(0);
    expect(selection.chosen).toEqual([]);
    rows = [];
    expect(selection.all).toBe(false);
  });
});

function parsed(overrides: Partial<ParsedImport> = {}): ParsedImport {
  return {
    format: 'csv',
    encoding: 'utf-8',
    themes: [],
    nodes: [],
    relations: [],
    indicators: [],
    map: null,
    problems: [],
    ...overrides
  };
}

const importNode = (title: string, municipality_code: string | null = null) => ({
  row: 2,
  ref: null,
  kind: 'network' as const,
  title,
  description: 'Ny beskrivning',
  url: null,
  municipality_code,
  lon: null,
  lat: null,
  themes: [],
  status: 'active' as const,
  statusGiven: true,
  start_date: null,
  end_date: null,
  contact: '',
  source: null
});

describe('ImportFlow', () => {
  const client = {} as DataClient;

  it('reads, previews, lets the user choose merge or skip, then applies once', async () => {
    const existing = makeNode({ kind: 'network', title: 'Nätverket', municipality_code: '1814' });
    const dataset = makeDataset({ nodes: [existing] });
    let applied = 0;
    const flow = new ImportFlow({
      dataset: () => dataset,
      read: async () =>
        parsed({ nodes: [importNode('Nätverket', '1814'), importNode('Nytt nätverk')] }),
      apply: (async (_client, _map, plan) => {
        applied++;
        expect(plan.payload.nodes).toHaveLength(1);
        expect(plan.payload.updates).toHaveLength(0); // the user chose skip
        return {
          ok: true,
          result: { themes: 0, nodes: 1, updated: 0, relations: 0, indicators: 0, node_ids: {} }
        };
      }) as typeof applyImport
    });
    await flow.read([{ name: 'a.csv', bytes: new Uint8Array() }], 'auto', 'sv');
    expect(flow.stage).toBe('preview');
    expect(flow.plan?.summary).toMatchObject({ nodesNew: 1, nodesMerged: 1 });
    expect(flow.canConfirm).toBe(true);
    flow.decide(0, 'skip');
    expect(flow.plan?.summary).toMatchObject({ nodesNew: 1, nodesMerged: 0, nodesSkipped: 1 });
    expect(await flow.confirm(client, dataset.map.id)).toBe(true);
    expect(applied).toBe(1);
    expect(flow.stage).toBe('done');
    expect(flow.result?.nodes).toBe(1);
  });

  it('a file with errors can be previewed but not confirmed, and nothing is applied', async () => {
    let applied = 0;
    const flow = new ImportFlow({
      dataset: () => makeDataset(),
      read: async () =>
        parsed({
          nodes: [importNode('X')],
          problems: [
            {
              table: 'nodes',
              row: 3,
              column: 'Typ',
              severity: 'error',
              messageKey: 'io.problem.required',
              params: { row: 3, column: 'Typ' }
            }
          ]
        }),
      apply: (async () => {
        applied++;
        throw new Error('must not be called');
      }) as typeof applyImport
    });
    await flow.read([{ name: 'a.csv', bytes: new Uint8Array() }], 'auto', 'sv');
    expect(flow.plan?.blocked).toBe(true);
    expect(flow.canConfirm).toBe(false);
    expect(await flow.confirm(client, 'm')).toBe(false);
    expect(applied).toBe(0);
  });

  it('an unreadable file gives its message and no preview', async () => {
    const flow = new ImportFlow({
      dataset: () => makeDataset(),
      read: async () => {
        throw new ImportFileError('io.error.notUtf8');
      },
      apply: (async () => ({
        ok: false,
        error: new DataError('network', 'x'),
        messageKey: 'io.apply.network'
      })) as typeof applyImport
    });
    await flow.read([{ name: 'a.csv', bytes: new Uint8Array() }], 'utf-8', 'sv');
    expect(flow.stage).toBe('idle');
    expect(flow.error?.messageKey).toBe('io.error.notUtf8');
    expect(flow.plan).toBeNull();
  });

  it('planSize counts everything a plan would write', () => {
    expect(
      planSize({
        payload: { themes: [], nodes: [], updates: [], relations: [], indicators: [] },
        matches: [],
        problems: [],
        summary: {} as never,
        blocked: false
      })
    ).toBe(0);
  });
});
