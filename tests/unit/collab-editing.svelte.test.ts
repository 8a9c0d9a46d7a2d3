import { describe, expect, it, vi } from 'vitest';
import type { EditRow } from '$lib/data/edit-repo';
import {
  memoryQueueStore,
  QueueStoreError,
  storageQueueStore,
  type QueueStore
} from '$lib/data/queue-store';
import type { NodeRow } from '$lib/domain/model';
import { EditingState } from '$lib/state/editing.svelte';
import { editingPage, type PageOptions } from './edit-server';
import { makeDataset, makeNode } from './factories';

/** One page's editing state over `initial` nodes (the dataset as loaded). */
const setup = (initial: NodeRow[] = [makeNode({ title: 'A' })], options: PageOptions = {}) =>
  editingPage(makeDataset({ nodes: initial, relations: [] }), options);

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

  it('a redo pressed while the undo is still being written waits for it, then redoes', async () => {
    const s = setup([]);
    await s.editing.create('nodes', { title: 'Ny', kind: 'organisation' }, 'Ny');
    const undo = s.editing.undo();
    const redo = s.editing.redo(); // not awaiting the undo first, as two quick key presses
    await Promise.all([undo, redo]);
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
    expect(s.editing.notices.map((n) => n.key)).toContain('collab.replay.applied');
    // The stale edit goes to the conflict view with both versions: nothing is lost.
    expect(s.editing.conflict).toMatchObject({ id: b.id, mine: { title: 'B2' } });
    expect(s.dataset.nodes.find((n) => n.id === b.id)!.title).toBe('B annan');
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

describe('EditingState: many rows at once, and how each row went', () => {
  const titled = (titles: string[]) => titles.map((title) => makeNode({ title }));

  it('a bulk change is one undo step; a conflict goes to the conflict view, a refusal stays with its row', async () => {
    const nodes = titled(['A', 'B', 'C', 'D']);
    const [a, b, c, d] = nodes as [NodeRow, NodeRow, NodeRow, NodeRow];
    const s = setup(nodes);
    s.server.rows.set(c.id, { ...c, title: 'C deras', version: 2 }); // someone else, meanwhile
    s.server.refused.add(d.id);
    const progress: [number, number][] = [];
    const outcome = await s.editing.updateMany(
      'nodes',
      nodes.map((base) => ({ base, patch: { status: 'ended' }, title: base.title })),
      (done, total) => progress.push([done, total])
    );
    expect(outcome).toEqual({ saved: 2, queued: 0, failed: 2 });
    expect(progress.at(0)).toEqual([0, 4]);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(s.dataset.nodes.map((n) => [n.title, n.status, n.version])).toEqual([
      ['A', 'ended', 2],
      ['B', 'ended', 2],
      ['C deras', 'active', 2],
      ['D', 'active', 1]
    ]);
    expect(s.editing.outcome(a.id)).toBeNull();
    expect(s.editing.outcome(c.id)).toEqual({ kind: 'conflict' });
    expect(s.editing.conflict).toMatchObject({ id: c.id, mine: { status: 'ended' } });
    expect(s.editing.outcome(d.id)).toEqual({ kind: 'error', messageKey: 'error.permission' });
    expect(s.editing.nextUndo).toMatchObject({
      kind: 'bulk',
      changes: [{ id: a.id }, { id: b.id }]
    });

    await s.editing.undo();
    expect([a, b].map((n) => s.server.rows.get(n.id)!.status)).toEqual(['active', 'active']);
    expect(s.dataset.nodes.slice(0, 2).map((n) => n.status)).toEqual(['active', 'active']);
    expect(s.editing.notices.at(-1)).toMatchObject({
      key: 'edit.undone',
      action: 'edit.action.bulk',
      params: { count: 2 }
    });
    await s.editing.redo();
    expect([a, b].map((n) => s.server.rows.get(n.id)!.status)).toEqual(['ended', 'ended']);

    // Taking theirs ends the conflict; a later save of the refused row clears its reason.
    await s.editing.resolveConflict(null);
    expect(s.editing.outcome(c.id)).toBeNull();
    s.server.refused.delete(d.id);
    await s.editing.update('nodes', s.editing.current('nodes', d.id)!, { title: 'D2' }, 'D2');
    expect(s.editing.outcome(d.id)).toBeNull();
  });

  it('undoing a bulk change leaves the rows someone else changed since, and says so', async () => {
    const nodes = titled(['A', 'B', 'C']);
    const s = setup(nodes);
    const updates = nodes.map((base) => ({ base, patch: { themes: ['ska'] }, title: base.title }));
    await s.editing.updateMany('nodes', updates);
    const b = s.server.rows.get(nodes[1]!.id)!;
    s.server.rows.set(b.id, { ...b, title: 'B deras', version: b.version + 1 });
    await s.editing.undo();
    expect(nodes.map((n) => s.server.rows.get(n.id)!.themes)).toEqual([[], ['ska'], []]);
    expect(s.editing.notices.at(-1)).toMatchObject({
      tone: 'error',
      key: 'edit.stepPartial',
      params: { done: 2, count: 3 }
    });
    // What was undone can be redone.
    expect(s.editing.nextRedo).toMatchObject({ kind: 'bulk', changes: [{}, {}] });
  });

  it('a row is marked while its save is under way', async () => {
    const a = makeNode({ title: 'A' });
    const s = setup([a]);
    const saving = s.editing.update('nodes', a, { title: 'A2' }, 'A2');
    expect(s.editing.outcome(a.id)).toEqual({ kind: 'saving' });
    expect(s.editing.busy).toBe(true);
    await saving;
    expect(s.editing.outcome(a.id)).toBeNull();
    expect(s.editing.busy).toBe(false);
  });

  it('an update the network failed for is shown, waits as queued and can be undone once sent', async () => {
    const a = makeNode({ title: 'A' });
    const s = setup([a]);
    s.server.setDown(true);
    expect(await s.editing.update('nodes', a, { title: 'A2' }, 'A2')).toMatchObject({
      ok: true,
      queued: true
    });
    expect(s.dataset.nodes[0]!.title).toBe('A2');
    expect(s.editing.outcome(a.id)).toEqual({ kind: 'queued' });
    s.server.setDown(false);
    await s.editing.replay();
    expect(s.editing.outcome(a.id)).toBeNull();
    expect(s.dataset.nodes[0]).toMatchObject({ title: 'A2', version: 2 });
    await s.editing.undo();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A', version: 3 });
  });

  it('after a conflict, undoing an earlier edit of that row does not write over their change', async () => {
    const a = makeNode({ title: 'A' });
    const s = setup([a]);
    await s.editing.update('nodes', a, { title: 'A2' }, 'A2');
    const mine = s.server.rows.get(a.id)!;
    s.server.rows.set(a.id, { ...mine, title: 'Deras', version: 3 });
    await s.editing.update('nodes', mine, { title: 'A3' }, 'A3'); // stale: a conflict
    await s.editing.resolveConflict(null);
    await s.editing.undo();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'Deras', version: 3 });
    expect(s.editing.notices.at(-1)).toMatchObject({ key: 'edit.undoConflict' });
  });
});

describe('EditingState: the offline queue kept on the device', () => {
  const USER = 'user-a';
  const KEY = { mapId: 'map', userId: USER };
  const keys = (s: { editing: EditingState }) => s.editing.notices.map((n) => n.key);

  /** A page that edits offline and is then closed: only the store and the server remain. */
  async function closedOffline(initial: NodeRow[], edit: (e: EditingState) => Promise<unknown>) {
    const store = memoryQueueStore();
    const page = setup(initial, { store, userId: USER, online: false });
    await edit(page.editing);
    expect(page.server.repo.update).not.toHaveBeenCalled();
    return { store, server: page.server };
  }

  it('keeps every queued write (with its title) and clears it once replayed', async () => {
    const a = makeNode({ title: 'A' });
    const store = memoryQueueStore();
    const s = setup([a], { store, userId: USER, online: false });
    await s.editing.update('nodes', a, { title: 'A2' }, 'A2');
    await s.editing.update(
      'nodes',
      s.editing.current('nodes', a.id)!,
      { url: 'https://x.se' },
      'A2'
    );
    expect(store.load(KEY)).toEqual({
      entries: [
        expect.objectContaining({
          write: {
            kind: 'update',
            table: 'nodes',
            id: a.id,
            baseVersion: 1,
            patch: { title: 'A2', url: 'https://x.se' }
          }
        })
      ],
      titles: { [a.id]: 'A2' }
    });
    s.setOnline(true);
    await s.editing.replay();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A2', version: 2 });
    expect(store.load(KEY)).toBeNull();
  });

  it('on start, sends what a closed page left (update, delete, insert) and says so', async () => {
    const [a, b] = [makeNode({ title: 'A' }), makeNode({ title: 'B' })];
    const { store, server } = await closedOffline([a, b], async (e) => {
      await e.update('nodes', a, { title: 'A2' }, 'A2');
      await e.remove('nodes', b, 'B');
      await e.create('nodes', { title: 'Ny', kind: 'organisation' }, 'Ny');
    });
    expect(store.load(KEY)!.entries).toHaveLength(3);

    const s = setup([a, b], { server, store, userId: USER });
    expect(s.editing.queued).toBe(0);
    await s.editing.resume();
    expect(server.rows.get(a.id)!.title).toBe('A2');
    expect(server.rows.get(b.id)!.deleted_at).toBe('now');
    expect(server.rows.get('new-1')!.title).toBe('Ny');
    expect(s.dataset.nodes.map((n) => n.title).sort()).toEqual(['A2', 'Ny']);
    expect(s.editing.notices.map((n) => [n.key, n.params])).toEqual([
      ['collab.resume.other', { count: 3 }],
      ['collab.replay.applied', { count: 3 }]
    ]);
    expect(s.editing.queued).toBe(0);
    expect(store.load(KEY)).toBeNull();
    // Once per page: a second call sends nothing again.
    await s.editing.resume();
    expect(server.repo.update).toHaveBeenCalledTimes(1);
  });

  it('on start, a row changed by someone else meanwhile goes to the conflict view', async () => {
    const [a, b, c] = [
      makeNode({ title: 'A' }),
      makeNode({ title: 'B' }),
      makeNode({ title: 'C' })
    ];
    const { store, server } = await closedOffline([a, b, c], async (e) => {
      await e.update('nodes', a, { title: 'Min A' }, 'Min A');
      await e.update('nodes', b, { title: 'Min B' }, 'Min B');
      await e.remove('nodes', c, 'C');
    });
    for (const [row, title] of [
      [a, 'Deras A'],
      [b, 'Deras B'],
      [c, 'Deras C']
    ] as const)
      server.rows.set(row.id, { ...row, title, version: 2 });

    const loaded = [a, b, c].map((r) => server.rows.get(r.id)!); // as the new page loads them
    const s = setup(loaded, { server, store, userId: USER });
    await s.editing.resume();
    expect(store.load(KEY)).toBeNull();
    expect(s.dataset.nodes.map((n) => n.title)).toEqual(['Deras A', 'Deras B', 'Deras C']);
    expect(s.editing.notices.map((n) => [n.key, n.params])).toEqual([
      ['collab.resume.other', { count: 3 }],
      ['collab.replay.conflict', { title: 'C' }] // a delete has nothing to merge
    ]);
    expect(s.editing.conflict).toMatchObject({
      id: a.id,
      title: 'Min A',
      fields: [{ field: 'title', mine: 'Min A', theirs: 'Deras A', text: true }]
    });
    await s.editing.resolveConflict({ title: 'Min A' });
    expect(server.rows.get(a.id)).toMatchObject({ title: 'Min A', version: 3 });
    // The next one waits its turn; taking theirs saves nothing.
    expect(s.editing.conflict).toMatchObject({ id: b.id, mine: { title: 'Min B' } });
    await s.editing.resolveConflict(null);
    expect(s.editing.conflict).toBeNull();
    expect(server.rows.get(b.id)).toMatchObject({ title: 'Deras B', version: 2 });
  });

  it('on start, a refused insert, update and delete are each reported, none dropped silently', async () => {
    const [a, b] = [makeNode({ title: 'A' }), makeNode({ title: 'B' })];
    const { store, server } = await closedOffline([a, b], async (e) => {
      await e.create('nodes', { title: 'Ny', kind: 'organisation' }, 'Ny');
      await e.update('nodes', a, { title: 'A2' }, 'A2');
      await e.remove('nodes', b, 'B');
    });
    for (const id of ['new-1', a.id, b.id]) server.refused.add(id);

    const s = setup([a, b], { server, store, userId: USER });
    await s.editing.resume();
    expect(
      s.editing.notices.map((n) => [n.key, n.params?.title ?? n.params?.count, n.reason])
    ).toEqual([
      ['collab.resume.other', 3, undefined],
      ['collab.replay.refused', 'Ny', 'error.permission'],
      ['collab.replay.refused', 'A2', 'error.permission'],
      ['collab.replay.refused', 'B', 'error.permission']
    ]);
    expect(s.editing.notices.every((n) => n.key !== 'collab.replay.applied')).toBe(true);
    expect(store.load(KEY)).toBeNull();
  });

  it('offline at start, keeps them queued and shown, and sends them on reconnect', async () => {
    const [a, b] = [makeNode({ title: 'A' }), makeNode({ title: 'B' })];
    const { store, server } = await closedOffline([a, b], async (e) => {
      await e.update('nodes', a, { title: 'A2' }, 'A2');
      await e.remove('nodes', b, 'B');
    });
    const s = setup([a, b], { server, store, userId: USER, online: false });
    await s.editing.resume();
    expect(server.repo.update).not.toHaveBeenCalled();
    expect(server.repo.softDelete).not.toHaveBeenCalled();
    expect(s.editing.queued).toBe(2);
    expect(s.editing.notices).toEqual([]);
    expect(s.dataset.nodes.map((n) => n.title)).toEqual(['A2']); // as when it was made
    expect(store.load(KEY)!.entries).toHaveLength(2);

    s.setOnline(true);
    await s.editing.replay();
    expect(server.rows.get(a.id)!.title).toBe('A2');
    expect(server.rows.get(b.id)!.deleted_at).toBe('now');
    expect(store.load(KEY)).toBeNull();
  });

  it('a bulk change made offline is one step, kept, shown as waiting after a reload and sent', async () => {
    const [a, b] = [makeNode({ title: 'A' }), makeNode({ title: 'B' })];
    const { store, server } = await closedOffline([a, b], async (e) => {
      const outcome = await e.updateMany(
        'nodes',
        [a, b].map((base) => ({ base, patch: { themes: ['ska'] }, title: base.title }))
      );
      expect(outcome).toEqual({ saved: 0, queued: 2, failed: 0 });
      expect(e.nextUndo).toMatchObject({ kind: 'bulk' });
      expect(e.notices.map((n) => n.key)).toEqual(['edit.queued']);
    });
    const s = setup([a, b], { server, store, userId: USER, online: false });
    await s.editing.resume();
    expect(s.dataset.nodes.map((n) => n.themes)).toEqual([['ska'], ['ska']]);
    expect(s.editing.outcome(a.id)).toEqual({ kind: 'queued' });
    expect(s.editing.outcome(b.id)).toEqual({ kind: 'queued' });
    s.setOnline(true);
    await s.editing.replay();
    expect([a, b].map((n) => server.rows.get(n.id)!.themes)).toEqual([['ska'], ['ska']]);
    expect(s.dataset.nodes.map((n) => n.version)).toEqual([2, 2]);
    expect(s.editing.outcome(a.id)).toBeNull();
    expect(store.load(KEY)).toBeNull();
  });

  it('on start, writes the network still fails for stay queued and shown, and go on reconnect', async () => {
    const a = makeNode({ title: 'A' });
    const { store, server } = await closedOffline([a], (e) =>
      e.update('nodes', a, { title: 'A2' }, 'A2')
    );
    server.setDown(true);
    const s = setup([a], { server, store, userId: USER });
    await s.editing.resume();
    expect(s.dataset.nodes[0]!.title).toBe('A2');
    expect(s.editing.outcome(a.id)).toEqual({ kind: 'queued' });
    expect(store.load(KEY)!.entries).toHaveLength(1);
    server.setDown(false);
    await s.editing.replay();
    expect(server.rows.get(a.id)).toMatchObject({ title: 'A2', version: 2 });
    expect(s.editing.outcome(a.id)).toBeNull();
  });

  it('a write refused on replay is said next to its row', async () => {
    const a = makeNode({ title: 'A' });
    const { store, server } = await closedOffline([a], (e) =>
      e.update('nodes', a, { title: 'A2' }, 'A2')
    );
    server.refused.add(a.id);
    const s = setup([a], { server, store, userId: USER });
    await s.editing.resume();
    expect(s.editing.outcome(a.id)).toEqual({ kind: 'error', messageKey: 'error.permission' });
  });

  it('never takes up another user’s or another map’s queue', async () => {
    const a = makeNode({ title: 'A' });
    const { store, server } = await closedOffline([a], (e) =>
      e.update('nodes', a, { title: 'A2' }, 'A2')
    );
    for (const other of [
      { userId: 'user-b' },
      { mapId: 'other-map', userId: USER },
      { userId: null }
    ]) {
      const s = setup([a], { server, store, ...other });
      await s.editing.resume();
      expect(s.editing.queued).toBe(0);
    }
    expect(server.repo.update).not.toHaveBeenCalled();
    const mine = setup([a], { server, store, userId: USER });
    await mine.editing.resume();
    expect(server.rows.get(a.id)!.title).toBe('A2');
  });

  it('does not send a queue as someone else after the user changed', async () => {
    const a = makeNode({ title: 'A' });
    const store = memoryQueueStore();
    const s = setup([a], { store, userId: USER, online: false });
    await s.editing.update('nodes', a, { title: 'A2' }, 'A2');
    s.setUser(null); // signed out
    s.setOnline(true);
    await s.editing.replay();
    expect(s.server.repo.update).not.toHaveBeenCalled();
    expect(store.load(KEY)!.entries).toHaveLength(1);
    s.setUser(USER);
    await s.editing.replay();
    expect(s.server.rows.get(a.id)!.title).toBe('A2');
  });

  it('when the storage is blocked or full, edits still queue in memory, said once', async () => {
    const a = makeNode({ title: 'A' });
    const blocked = storageQueueStore(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const s = setup([a], { store: blocked, userId: USER, online: false });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await s.editing.update('nodes', a, { title: 'A2' }, 'A2')).toMatchObject({
      ok: true,
      queued: true
    });
    await s.editing.update(
      'nodes',
      s.editing.current('nodes', a.id)!,
      { url: 'https://x.se' },
      'A2'
    );
    warn.mockRestore();
    expect(keys(s).filter((k) => k === 'collab.storage.unavailable')).toHaveLength(1);
    expect(s.editing.queued).toBe(1);
    s.setOnline(true);
    await s.editing.replay();
    expect(s.server.rows.get(a.id)).toMatchObject({ title: 'A2', url: 'https://x.se' });
  });

  it('unreadable stored data is said once and editing goes on', async () => {
    const a = makeNode({ title: 'A' });
    const inner = memoryQueueStore();
    let loads = 0;
    const store: QueueStore = {
      ...inner,
      load: () => {
        loads++;
        throw new QueueStoreError('unreadable', 'not JSON');
      }
    };
    const s = setup([a], { store, userId: USER });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await s.editing.resume();
    await s.editing.resume();
    warn.mockRestore();
    expect(loads).toBe(1);
    expect(keys(s)).toEqual(['collab.storage.unreadable']);
    s.setOnline(false);
    await s.editing.update('nodes', a, { title: 'A2' }, 'A2');
    expect(inner.load(KEY)!.entries).toHaveLength(1); // the store is still used
  });
});
