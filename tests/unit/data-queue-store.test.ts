import { describe, expect, it } from 'vitest';
import {
  memoryQueueStore,
  queueStorageKey,
  QueueStoreError,
  storageQueueStore,
  type QueueKey,
  type QueueStorage,
  type StoredQueue
} from '$lib/data/queue-store';

const A: QueueKey = { mapId: 'map-1', userId: 'user-a' };
const queue: StoredQueue = {
  entries: [
    {
      seq: 1,
      queuedAt: '2026-01-01T00:00:00.000Z',
      write: { kind: 'update', table: 'nodes', id: 'n1', baseVersion: 3, patch: { title: 'Ny' } }
    },
    {
      seq: 2,
      queuedAt: '2026-01-01T00:01:00.000Z',
      write: { kind: 'insert', table: 'relations', id: 'r1', values: { kind: 'member_of' } }
    },
    {
      seq: 3,
      queuedAt: '2026-01-01T00:02:00.000Z',
      write: { kind: 'delete', table: 'nodes', id: 'n2', baseVersion: 1 }
    }
  ],
  titles: { n1: 'Ny', r1: 'A – B', n2: 'Gammal' }
};

/** A Web Storage stand-in that records items and can be told to fail. */
function fakeStorage() {
  const items = new Map<string, string>();
  let quota = Infinity;
  const storage: QueueStorage = {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => {
      if (value.length > quota) throw new DOMException('full', 'QuotaExceededError');
      items.set(name, value);
    },
    removeItem: (name) => void items.delete(name)
  };
  return { items, storage, setQuota: (q: number) => (quota = q) };
}

function problemOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof QueueStoreError ? error.problem : `other: ${String(error)}`;
  }
}

describe('storageQueueStore', () => {
  it('keeps a queue per map and user, with the format version, and clears it', () => {
    const { items, storage } = fakeStorage();
    const store = storageQueueStore(() => storage);
    expect(store.load(A)).toBeNull();
    store.save(A, queue);
    expect([...items.keys()]).toEqual(['regionkartan.queue:map-1:user-a']);
    expect(JSON.parse(items.get(queueStorageKey(A))!)).toMatchObject({
      version: 1,
      mapId: 'map-1',
      userId: 'user-a'
    });
    expect(store.load(A)).toEqual(queue);
    store.clear(A);
    expect(items.size).toBe(0);
    expect(store.load(A)).toBeNull();
  });

  it('never gives one user’s or map’s queue to another', () => {
    const { items, storage } = fakeStorage();
    const store = storageQueueStore(() => storage);
    store.save(A, queue);
    expect(store.load({ mapId: 'map-1', userId: 'user-b' })).toBeNull();
    expect(store.load({ mapId: 'map-2', userId: 'user-a' })).toBeNull();
    // Ids cannot run into each other through the separator.
    expect(queueStorageKey({ mapId: 'a:b', userId: 'c' })).not.toBe(
      queueStorageKey({ mapId: 'a', userId: 'b:c' })
    );
    // Data copied under another user's key is refused (and removed), not replayed.
    const b = { mapId: 'map-1', userId: 'user-b' };
    items.set(queueStorageKey(b), items.get(queueStorageKey(A))!);
    expect(problemOf(() => store.load(b))).toBe('unreadable');
    expect(items.has(queueStorageKey(b))).toBe(false);
    expect(store.load(A)).toEqual(queue);
  });

  it.each([
    ['malformed JSON', '{"version":1,"entries":['],
    ['another format version', JSON.stringify({ version: 2, ...A, entries: [], titles: {} })],
    ['no version', JSON.stringify({ ...A, entries: [], titles: {} })],
    [
      'an entry of unknown kind',
      JSON.stringify({
        version: 1,
        ...A,
        entries: [{ seq: 1, queuedAt: 'x', write: { kind: 'upsert', table: 'nodes', id: 'n' } }],
        titles: {}
      })
    ],
    [
      'an update without a base version',
      JSON.stringify({
        version: 1,
        ...A,
        entries: [
          { seq: 1, queuedAt: 'x', write: { kind: 'update', table: 'nodes', id: 'n', patch: {} } }
        ],
        titles: {}
      })
    ],
    [
      'a table outside the queue',
      JSON.stringify({
        version: 1,
        ...A,
        entries: [{ seq: 1, queuedAt: 'x', write: { kind: 'delete', table: 'maps', id: 'm' } }],
        titles: {}
      })
    ],
    ['entries that are not a list', JSON.stringify({ version: 1, ...A, entries: 'x', titles: {} })]
  ])('removes unreadable data (%s) instead of misreading it', (_, text) => {
    const { items, storage } = fakeStorage();
    const store = storageQueueStore(() => storage);
    items.set(queueStorageKey(A), text);
    expect(problemOf(() => store.load(A))).toBe('unreadable');
    expect(items.size).toBe(0);
    expect(store.load(A)).toBeNull();
  });

  it('drops titles that are not text but keeps the writes', () => {
    const { items, storage } = fakeStorage();
    items.set(
      queueStorageKey(A),
      JSON.stringify({ version: 1, ...A, entries: queue.entries, titles: { n1: 5, n2: 'Gammal' } })
    );
    expect(storageQueueStore(() => storage).load(A)).toEqual({
      entries: queue.entries,
      titles: { n2: 'Gammal' }
    });
  });

  it('reports a blocked or missing storage as unavailable', () => {
    const blocked = storageQueueStore(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(problemOf(() => blocked.load(A))).toBe('unavailable');
    expect(problemOf(() => blocked.save(A, queue))).toBe('unavailable');
    expect(problemOf(() => storageQueueStore(() => undefined).clear(A))).toBe('unavailable');
  });

  it('on a full storage, fails the save and leaves no older copy to send again', () => {
    const { items, storage, setQuota } = fakeStorage();
    const store = storageQueueStore(() => storage);
    store.save(A, { entries: queue.entries.slice(0, 1), titles: {} });
    setQuota(100);
    expect(problemOf(() => store.save(A, queue))).toBe('unavailable');
    expect(items.size).toBe(0);
  });
});

describe('memoryQueueStore', () => {
  it('round-trips like the storage and is separate per instance', () => {
    const one = memoryQueueStore();
    one.save(A, queue);
    expect(one.load(A)).toEqual(queue);
    expect(one.load(A)).not.toBe(queue); // a copy, as from storage
    expect(memoryQueueStore().load(A)).toBeNull();
  });
});
