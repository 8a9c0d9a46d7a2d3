// Where the offline queue is kept between visits: the writes waiting to be sent
// (and the titles their notices use), one item per map and user, so a reload or
// a closed tab loses nothing and one user's or map's edits never reach another.
// The stored JSON carries a format version: data in any other format (or that
// cannot be read) is removed rather than misread. Failures are QueueStoreErrors.
import type { QueuedEntry, QueuedWrite } from './sync';

/** The format of the stored JSON; data with another version is discarded. */
export const QUEUE_FORMAT_VERSION = 1;

export interface QueueKey {
  mapId: string;
  userId: string;
}

export interface StoredQueue {
  entries: QueuedEntry[];
  /** The title of each queued row as the user saw it (for the notices). */
  titles: Record<string, string>;
}

/** 'unavailable': the storage cannot be used (private mode, quota); 'unreadable': bad data. */
export type QueueStoreProblem = 'unavailable' | 'unreadable';

export class QueueStoreError extends Error {
  readonly problem: QueueStoreProblem;
  constructor(problem: QueueStoreProblem, message: string) {
    super(message);
    this.name = 'QueueStoreError';
    this.problem = problem;
  }
}

export interface QueueStore {
  /** The queue kept for this map and user, or null when there is none. */
  load(key: QueueKey): StoredQueue | null;
  save(key: QueueKey, queue: StoredQueue): void;
  clear(key: QueueKey): void;
}

/** The part of the Web Storage API the store uses. */
export type QueueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function queueStorageKey(key: QueueKey): string {
  return `regionkartan.queue:${encodeURIComponent(key.mapId)}:${encodeURIComponent(key.userId)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTable = (value: unknown) =>
  value === 'nodes' || value === 'relations' || value === 'themes';
const isVersion = (value: unknown) => Number.isInteger(value) && (value as number) >= 1;

function isWrite(value: unknown): value is QueuedWrite {
  if (!isRecord(value) || !isTable(value.table) || typeof value.id !== 'string') return false;
  switch (value.kind) {
    case 'insert':
      return isRecord(value.values);
    case 'update':
      return isVersion(value.baseVersion) && isRecord(value.patch);
    case 'delete':
      return isVersion(value.baseVersion);
    default:
      return false;
  }
}

function isEntry(value: unknown): value is QueuedEntry {
  return (
    isRecord(value) &&
    Number.isInteger(value.seq) &&
    typeof value.queuedAt === 'string' &&
    isWrite(value.write)
  );
}

/** Reads stored JSON; throws when it is not this format, or not for this map and user. */
export function decodeQueue(text: string, key: QueueKey): StoredQueue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new QueueStoreError('unreadable', 'The stored queue is not JSON');
  }
  if (!isRecord(data) || data.version !== QUEUE_FORMAT_VERSION) {
    throw new QueueStoreError('unreadable', 'The stored queue has another format version');
  }
  if (data.mapId !== key.mapId || data.userId !== key.userId) {
    throw new QueueStoreError('unreadable', 'The stored queue belongs to another map or user');
  }
  const { entries, titles } = data;
  if (!Array.isArray(entries) || !entries.every(isEntry) || !isRecord(titles)) {
    throw new QueueStoreError('unreadable', 'The stored queue is malformed');
  }
  const named = Object.entries(titles).filter(
    (e): e is [string, string] => typeof e[1] === 'string'
  );
  return { entries, titles: Object.fromEntries(named) };
}

export function encodeQueue(key: QueueKey, queue: StoredQueue): string {
  return JSON.stringify({ version: QUEUE_FORMAT_VERSION, ...key, ...queue });
}

/**
 * A store over Web Storage (localStorage by default). The storage is looked up
 * on each call: merely reading `localStorage` throws where the browser blocks it.
 */
export function storageQueueStore(
  storage: () => QueueStorage | null | undefined = () => globalThis.localStorage
): QueueStore {
  function use<T>(work: (s: QueueStorage) => T): T {
    try {
      const s = storage();
      if (!s) throw new Error('No storage');
      return work(s);
    } catch (error) {
      throw new QueueStoreError('unavailable', error instanceof Error ? error.message : 'Failed');
    }
  }
  return {
    load(key) {
      const name = queueStorageKey(key);
      const text = use((s) => s.getItem(name));
      if (text === null) return null;
      try {
        return decodeQueue(text, key);
      } catch (error) {
        use((s) => s.removeItem(name)); // never read again, never replayed wrongly
        throw error;
      }
    },
    save(key, queue) {
      const name = queueStorageKey(key);
      const text = encodeQueue(key, queue);
      use((s) => {
        try {
          s.setItem(name, text);
        } catch (error) {
          s.removeItem(name); // no older copy is left to be sent again later
          throw error;
        }
      });
    },
    clear(key) {
      use((s) => s.removeItem(queueStorageKey(key)));
    }
  };
}

/** A store that lasts as long as the page (tests; and the fallback when storage fails). */
export function memoryQueueStore(): QueueStore {
  const items = new Map<string, string>();
  return storageQueueStore(() => ({
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name)
  }));
}
