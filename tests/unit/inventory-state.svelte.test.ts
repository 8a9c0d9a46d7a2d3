import { describe, expect, it, vi } from 'vitest';
import { DataError } from '$lib/data/errors';
import { memoryQueueStore } from '$lib/data/queue-store';
import type { Dataset, RelationRow } from '$lib/domain/model';
import type { applyImport } from '$lib/io/apply';
import { ImportFileError, type ParsedImport } from '$lib/io/types';
import { ImportFlow, planSize } from '$lib/inventory/import-flow.svelte';
import { relationValuePatch } from '$lib/inventory/edits';
import { RowSelection } from '$lib/inventory/selection.svelte';
import type { DataClient } from '$lib/data/client';
import { inventoryPage as inventory } from './edit-server';
import { makeDataset, makeNode, makeRelation, makeTheme } from './factories';

const label = (r: RelationRow) => `R ${r.id}`;
/** A dataset with these relations and their ends (a relation without its ends is dropped). */
const withEnds = (relations: RelationRow[], rest: Partial<Dataset> = {}) =>
  makeDataset({
    ...rest,
    nodes: relations.flatMap((r) => [makeNode({ id: r.source_id }), makeNode({ id: r.target_id })]),
    relations
  });

describe('RowSaves', () => {
  it('a saved row replaces the old one; a conflict shows their row, says so and opens the conflict view', async () => {
    const a = makeNode({ title: 'A' });
    const b = makeNode({ title: 'B' });
    const s = inventory(makeDataset({ nodes: [a, b] }));
    s.server.rows.set(b.id, { ...b, title: 'B2', version: 5 });
    expect(await s.saves.saveNode(a, { id: a.id, title: 'A!' })).toBe(true);
    expect(s.saves.issue(a.id)).toBeNull();
    expect(s.dataset.nodes[0]).toMatchObject({ title: 'A!', version: 2 });
    expect(s.server.repo.update).toHaveBeenLastCalledWith('nodes', a.id, { title: 'A!' }, 1);

    // The editor may close: the conflict view keeps the user's value.
    expect(await s.saves.saveNode(b, { id: b.id, title: 'Mine' })).toBe(true);
    expect(s.saves.issue(b.id)).toEqual({ kind: 'conflict' });
    expect(s.dataset.nodes[1]).toMatchObject({ title: 'B2', version: 5 });
    expect(s.editing.conflict).toMatchObject({ id: b.id, title: 'Mine', mine: { title: 'Mine' } });
    await s.editing.resolveConflict({ title: 'Mine' });
    expect(s.saves.issue(b.id)).toBeNull();
    expect(s.server.rows.get(b.id)).toMatchObject({ title: 'Mine', version: 6 });
  });

  it('a refusal keeps the row and names the reason; the editor stays open', async () => {
    const a = makeNode();
    const s = inventory(makeDataset({ nodes: [a] }));
    s.server.refused.add(a.id);
    expect(await s.saves.saveNode(a, { id: a.id, status: 'ended' })).toBe(false);
    expect(s.saves.issue(a.id)).toEqual({ kind: 'error', messageKey: 'error.permission' });
    expect(s.dataset.nodes[0]).toBe(a);
  });

  it('an inline edit is undone and redone like the explorer’s', async () => {
    const a = makeNode({ title: 'A' });
    const s = inventory(makeDataset({ nodes: [a] }));
    await s.saves.saveNode(a, { id: a.id, title: 'A2' });
    expect(s.editing.nextUndo).toMatchObject({ kind: 'update', id: a.id, title: 'A2' });
    await s.editing.undo();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A', version: 3 });
    expect(s.dataset.nodes[0]).toMatchObject({ title: 'A', version: 3 });
    await s.editing.redo();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A2', version: 4 });
  });

  it('offline: an inline edit is shown, waits next to its row, is kept on the device and sent later', async () => {
    const a = makeNode({ title: 'A' });
    const store = memoryQueueStore();
    const s = inventory(makeDataset({ nodes: [a] }), { store, userId: 'u', online: false });
    expect(await s.saves.saveNode(a, { id: a.id, title: 'A2' })).toBe(true);
    expect(s.dataset.nodes[0]!.title).toBe('A2');
    expect(s.saves.issue(a.id)).toEqual({ kind: 'queued' });
    expect(s.server.repo.update).not.toHaveBeenCalled();
    expect(store.load({ mapId: 'map', userId: 'u' })!.entries).toHaveLength(1);

    // A reload while still offline: the new page shows it waiting, and sends it once online.
    const next = inventory(makeDataset({ nodes: [a] }), {
      server: s.server,
      store,
      userId: 'u',
      online: false
    });
    await next.editing.resume();
    expect(next.dataset.nodes[0]!.title).toBe('A2');
    expect(next.saves.issue(a.id)).toEqual({ kind: 'queued' });
    next.setOnline(true);
    await next.editing.replay();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A2', version: 2 });
    expect(next.saves.issue(a.id)).toBeNull();
  });

  it('bulk: sends only rows that change, counts outcomes, applies the saved rows, one undo step', async () => {
    const nodes = Array.from({ length: 120 }, (_, i) =>
      makeNode({ title: `N${i}`, themes: i % 3 === 0 ? ['ska'] : [] })
    );
    const s = inventory(makeDataset({ nodes, themes: [makeTheme({ key: 'ska' })] }));
    s.server.refused.add(nodes[1]!.id);
    const progress: number[] = [];
    const outcome = await s.saves.bulkNodes(
      nodes,
      { type: 'addTheme', theme: 'ska' },
      null,
      (done) => progress.push(done)
    );
    expect(outcome).toEqual({ saved: 79, queued: 0, unchanged: 40, failed: 1 });
    expect(s.server.repo.update).toHaveBeenCalledTimes(80);
    expect(progress.at(-1)).toBe(80);
    expect(s.dataset.nodes.filter((n) => n.themes.includes('ska'))).toHaveLength(119);
    expect(s.saves.issue(nodes[1]!.id)).toEqual({ kind: 'error', messageKey: 'error.permission' });

    await s.editing.undo(); // the whole bulk change at once
    expect(s.dataset.nodes.filter((n) => n.themes.includes('ska'))).toHaveLength(40);
    expect([...s.server.rows.values()].filter((n) => n.themes.includes('ska'))).toHaveLength(40);
  });

  it('bulk offline: every changed row waits, as one undo step', async () => {
    const nodes = [makeNode({ status: 'active' }), makeNode({ status: 'ended' })];
    const s = inventory(makeDataset({ nodes }), { online: false });
    const outcome = await s.saves.bulkNodes(nodes, { type: 'status', status: 'ended' }, null);
    expect(outcome).toEqual({ saved: 0, queued: 1, unchanged: 1, failed: 0 });
    expect(s.saves.issue(nodes[0]!.id)).toEqual({ kind: 'queued' });
    expect(s.saves.issue(nodes[1]!.id)).toBeNull();
    expect(s.editing.queued).toBe(1);
  });

  it('bulk on relations: adds a theme with the version check, a conflict is said next to the row', async () => {
    const relations = [
      makeRelation({ themes: [] }),
      makeRelation({ themes: ['ska'] }),
      makeRelation({ themes: [] })
    ];
    const s = inventory(withEnds(relations, { themes: [makeTheme({ key: 'ska' })] }));
    s.server.rows.set(relations[2]!.id, { ...relations[2]!, note: 'ny', version: 7 });
    const outcome = await s.saves.bulkRelations(
      relations,
      { type: 'addTheme', theme: 'ska' },
      null,
      label
    );
    expect(outcome).toEqual({ saved: 1, queued: 0, unchanged: 1, failed: 1 });
    expect(vi.mocked(s.server.repo.update).mock.calls).toEqual([
      ['relations', relations[0]!.id, { themes: ['ska'] }, 1],
      ['relations', relations[2]!.id, { themes: ['ska'] }, 1]
    ]);
    const after = s.dataset.relations;
    expect(after[0]).toMatchObject({ themes: ['ska'], version: 2 });
    expect(after[2]).toMatchObject({ themes: [], note: 'ny', version: 7 });
    expect(s.saves.issue(relations[2]!.id)).toEqual({ kind: 'conflict' });
    expect(s.editing.conflict).toMatchObject({ title: label(relations[2]!) });

    // A relation has no status: nothing is sent.
    vi.mocked(s.server.repo.update).mockClear();
    const none = await s.saves.bulkRelations(
      relations,
      { type: 'status', status: 'ended' },
      null,
      label
    );
    expect(none).toEqual({ saved: 0, queued: 0, unchanged: 3, failed: 0 });
    expect(s.server.repo.update).not.toHaveBeenCalled();
  });

  it('an invalid typed value is not sent and is said for its field until saved or cancelled', async () => {
    const relation = makeRelation({ magnitude: 12 });
    const s = inventory(withEnds([relation]));
    const edit = (text: string) =>
      s.saves.editRelation(
        relation,
        'magnitude',
        relationValuePatch(relation, 'magnitude', text),
        label(relation)
      );

    expect(await edit('-3')).toBe(false);
    expect(await edit('abc')).toBe(false);
    expect(s.server.repo.update).not.toHaveBeenCalled();
    expect(s.saves.issue(relation.id)).toEqual({
      kind: 'invalid',
      field: 'magnitude',
      messageKey: 'edit.error.magnitude'
    });
    s.saves.dismiss(relation.id, 'year');
    expect(s.saves.issue(relation.id)?.kind).toBe('invalid');
    s.saves.dismiss(relation.id, 'magnitude');
    expect(s.saves.issue(relation.id)).toBeNull();

    expect(await edit('12')).toBe(true);
    expect(s.server.repo.update).not.toHaveBeenCalled();
    expect(await edit('-1')).toBe(false);
    expect(await edit('7,5')).toBe(true);
    expect(s.server.repo.update).toHaveBeenCalledWith(
      'relations',
      relation.id,
      { magnitude: 7.5 },
      1
    );
    expect(s.saves.issue(relation.id)).toBeNull();
    expect(s.dataset.relations[0]).toMatchObject({ magnitude: 7.5, version: 2 });
  });

  it('dismiss leaves a conflict alone', async () => {
    const relation = makeRelation();
    const s = inventory(withEnds([relation]));
    s.server.rows.set(relation.id, { ...relation, version: 2 });
    expect(await s.saves.saveRelation(relation, { id: relation.id, year: 2020 }, 'R')).toBe(true);
    s.saves.dismiss(relation.id, 'year');
    expect(s.saves.issue(relation.id)).toEqual({ kind: 'conflict' });
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
        payload: {
          themes: [],
          nodes: [],
          updates: [],
          relations: [],
          relation_updates: [],
          indicators: []
        },
        matches: [],
        problems: [],
        summary: {} as never,
        blocked: false
      })
    ).toBe(0);
  });
});
