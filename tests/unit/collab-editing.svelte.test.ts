import { describe, expect, it, vi } from 'vitest';
import type { EditRepo, EditRow } from '$lib/data/edit-repo';
import { DataError } from '$lib/data/errors';
import {
  memoryQueueStore,
  QueueStoreError,
  storageQueueStore,
  type QueueStore
} from '$lib/data/queue-store';
import type { Dataset, NodeRow } from '$lib/domain/model';
import { EditingState } from '$lib/state/editing.svelte';
import { makeDataset, makeNode } from './factories';

/** An in-memory table with the server's version check; ids in `refused` are not writable. */
function fakeServer(initial: NodeRow[]) {
  const rows = new Map(initial.map((r) => [r.id, { ...r }]));
  const refused = new Set<string>();
  let down = false;
  const fail = (kind: 'network' | 'permission') => ({
    ok: false as const,
    reason: 'error' as const,
    error: new DataError(kind, kind)
  });
  const net = () => fail('network');
  const repo: EditRepo = {
    create: vi.fn(async (_t, values) => {
      if (down) return net();
      if (refused.has(values.id as string)) return fail('permission');
      const row = { ...makeNode(), ...values, version: 1 } as NodeRow;
      rows.set(row.id, row);
      return { ok: true as const, row };
    }),
    update: vi.fn(async (_t, id, patch, base) => {
      if (down) return net();
      if (refused.has(id)) return fail('permission');
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: { ...row } };
      const next = { ...row, ...patch, version: row.version + 1 } as NodeRow;
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    softDelete: vi.fn(async (_t, id, base) => {
      if (down) return net();
      if (refused.has(id)) return fail('permission');
      const row = rows.get(id)!;
      if (row.version !== base)
        return { ok: false as const, reason: 'conflict' as const, current: row };
      const next = { ...row, deleted_at: 'now', version: row.version + 1 };
      rows.set(id, next);
      return { ok: true as const, row: next };
    }),
    relationsOf: vi.fn(async () => [])
  };
  return { rows, refused, repo, setDown: (d: boolean) => (down = d) };
}

interface PageOptions {
  /** The server the page talks to (a new one by default). */
  server?: ReturnType<typeof fakeServer>;
  store?: QueueStore;
  userId?: string | null;
  mapId?: string;
  online?: boolean;
}

/** One page's editing state over `initial` (the dataset as loaded). */
function setup(initial: NodeRow[] = [makeNode({ title: 'A' })], options: PageOptions = {}) {
  const server = options.server ?? fakeServer(initial);
  let dataset: Dataset = makeDataset({ nodes: initial, relations: [] });
  let online = options.online ?? true;
  let userId = options.userId ?? null;
  let n = 0;
  const editing = new EditingState({
    mapId: options.mapId ?? 'map',
    repo: () => server.repo,
    dataset: () => dataset,
    setDataset: (d) => (dataset = d),
    online: () => online,
    userId: () => userId,
    store: options.store,
    newId: () => `new-${++n}`
  });
  return {
    server,
    editing,
    get dataset() {
      return dataset;
    },
    setOnline: (o: boolean) => (online = o),
    setUser: (u: string | null) => (userId = u)
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
