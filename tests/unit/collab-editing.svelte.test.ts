import { describe, expect, it, vi } from 'vitest';
import type { EditRepo, EditRow } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import type { Dataset, NodeRow } from '$lib/domain/model';
import { EditingState } from '$lib/state/editing.svelte';
import { makeDataset, makeNode } from './factories';

/** An in-memory table with the server's version check. */
function fakeServer(initial: NodeRow[]) {
  const rows = new Map(initial.map((r) => [r.id, { ...r }]));
  let down = false;
  const net = () => ({
    ok: false as const,
    reason: 'error' as const,
    error: new DataError('network', 'down')
  });
  const repo: EditRepo = {
    create: vi.fn(async (_t, values) => {
      if (down) return net();
      const row = { ...makeNode(), ...values, version: 1 } as NodeRow;
      rows.set(row.id, row);
      return { ok: true as const, row };
    }),
    update: vi.fn(async (_t, id, patch, base) => {
      if (down) return net();
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: { ...row } };
      const next = { ...row, ...patch, version: row.version + 1 } as NodeRow;
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    softDelete: vi.fn(async (_t, id, base) => {
      if (down) return net();
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: row };
      const next = { ...row, deleted_at: 'now', version: row.version + 1 };
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    relationsOf: vi.fn(async () => [])
  };
  return { rows, repo, setDown: (d: boolean) => (down = d) };
}

function setup(initial: NodeRow[] = [makeNode({ title: 'A' })]) {
  const server = fakeServer(initial);
  let dataset: Dataset = makeDataset({ nodes: initial, relations: [] });
  let online = true;
  let n = 0;
  const editing = new EditingState({
    mapId: 'map',
    repo: () => server.repo,
    dataset: () => dataset,
    setDataset: (d) => (dataset = d),
    online: () => online,
    newId: () => `new-${++n}`
  });
  return {
    server,
    editing,
    get dataset() {
      return dataset;
    },
    setOnline: (o: boolean) => (online = o)
  };
}

describe('EditingState', () => {
  it('creates, and undo/redo deletes and restores the created node', async () => {
    const s = setup([]);
    expect(await s.editing.create('nodes', { title: 'Ny', kind: 'organisation' }, 'Ny')).toEqual({
      ok: true,
      id: 'new-1'
    });
    expect(s.dataset.nodes.map((n) => n.title)).toEqual(['Ny']);
    await s.editing.undo();
    expect(s.dataset.nodes).toEqual([]);
    expect(s.server.rows.get('new-1')!.deleted_at).toBe('now');
    await s.editing.redo();
    expect(s.dataset.nodes.map((n) => n.id)).toEqual(['new-1']);
    expect(s.server.rows.get('new-1')!.deleted_at).toBeNull();
  });

  it('undoes an update and a delete (restore), at least 20 steps back', async () => {
    const node = makeNode({ title: 'A' });
    const s = setup([node]);
    for (let i = 1; i <= 21; i++) {
      await s.editing.update(
        'nodes',
        s.editing.current('nodes', node.id)!,
        { title: `T${i}` },
        'x'
      );
    }
    await s.editing.remove('nodes', s.editing.current('nodes', node.id)!, 'T21');
    expect(s.dataset.nodes).toEqual([]);
    await s.editing.undo(); // restore
    expect(s.dataset.nodes[0]!.title).toBe('T21');
    for (let i = 0; i < 21; i++) await s.editing.undo();
    expect(s.dataset.nodes[0]!.title).toBe('A');
    expect(s.server.rows.get(node.id)!.title).toBe('A');
  });

  it('keeps a conflict for the conflict view instead of overwriting', async () => {
    const node = makeNode({ title: 'A' });
    const s = setup([node]);
    const stale = s.editing.current('nodes', node.id)!;
    s.server.rows.set(node.id, { ...node, title: 'Deras', version: 2 });
    expect(await s.editing.update('nodes', stale, { title: 'Min' }, 'A')).toEqual({
      ok: false,
      reason: 'conflict'
    });
    expect(s.server.rows.get(node.id)!.title).toBe('Deras');
    expect(s.editing.conflict!.fields).toEqual([
      { field: 'title', mine: 'Min', theirs: 'Deras', text: true }
    ]);
    expect(s.dataset.nodes[0]!.title).toBe('Deras');
    await s.editing.resolveConflict({ title: 'Min / Deras' });
    expect(s.server.rows.get(node.id)).toMatchObject({ title: 'Min / Deras', version: 3 });
    expect(s.editing.conflict).toBeNull();
  });

  it('queues writes while offline and replays them with the version check', async () => {
    const a = makeNode({ title: 'A' });
    const b = makeNode({ title: 'B' });
    const s = setup([a, b]);
    s.setOnline(false);
    expect(await s.editing.update('nodes', a as EditRow, { title: 'A2' }, 'A')).toMatchObject({
      queued: true
    });
    await s.editing.update('nodes', b as EditRow, { title: 'B2' }, 'B');
    expect(s.editing.queued).toBe(2);
    expect(s.dataset.nodes.find((n) => n.id === a.id)!.title).toBe('A2'); // shown at once
    s.server.rows.set(b.id, { ...b, title: 'B annan', version: 2 }); // someone else meanwhile
    s.setOnline(true);
    await s.editing.replay();
    expect(s.server.rows.get(a.id)!.title).toBe('A2');
    expect(s.server.rows.get(b.id)!.title).toBe('B annan');
    expect(s.editing.queued).toBe(0);
    expect(s.editing.notices.map((n) => n.key)).toEqual(
      expect.arrayContaining(['collab.replay.conflict', 'collab.replay.applied'])
    );
  });

  it('queues a write that fails for the network, and keeps it when replay fails again', async () => {
    const a = makeNode({ title: 'A' });
    const s = setup([a]);
    s.server.setDown(true);
    expect(await s.editing.update('nodes', a as EditRow, { title: 'A2' }, 'A')).toMatchObject({
      queued: true
    });
    await s.editing.replay();
    expect(s.editing.queued).toBe(1);
    s.server.setDown(false);
    await s.editing.replay();
    expect(s.server.rows.get(a.id)!.title).toBe('A2');
  });
});
