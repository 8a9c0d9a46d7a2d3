import { describe, expect, it } from 'vitest';
import { DataError } from '$lib/data/errors';
import {
  applyRow,
  applyRows,
  rowsToFetch,
  WriteQueue,
  type LiveChange,
  type QueuedWrite,
  type WriteOutcome,
  withSavedRows
} from '$lib/data/sync';
import { makeDataset, makeMap, makeNode, makeRelation, makeTheme } from './factories';

const MAP = '00000000-0000-4000-8000-000000000001';

function change(table: string, row_id: string, id = 1, map_id = MAP): LiveChange {
  return { id, map_id, table, row_id, op: 'update' };
}

describe('rowsToFetch', () => {
  it('groups by table, each row once, only this map and dataset tables', () => {
    expect(
      rowsToFetch(
        [
          change('nodes', 'a', 1),
          change('nodes', 'a', 2),
          change('nodes', 'b', 3),
          change('relations', 'r', 4),
          change('map_members', 'u', 5),
          change('nodes', 'x', 6, 'other-map')
        ],
        MAP
      )
    ).toEqual({ nodes: ['a', 'b'], relations: ['r'] });
  });
});

describe('applyRow', () => {
  const a = makeNode({ title: 'A' });
  const b = makeNode({ title: 'B' });
  const ab = makeRelation({ source_id: a.id, target_id: b.id });
  const base = makeDataset({ nodes: [a, b], relations: [ab] });

  it('adds a new node without touching the input', () => {
    const c = makeNode({ title: 'C' });
    const next = applyRow(base, { table: 'nodes', id: c.id, row: c });
    expect(next.nodes.map((n) => n.title)).toEqual(['A', 'B', 'C']);
    expect(base.nodes).toHaveLength(2);
    expect(next.relations).toBe(base.relations);
  });

  it('replaces a node with a newer version, ignores an older one', () => {
    const newer = { ...a, title: 'A2', version: 2 };
    const next = applyRow(base, { table: 'nodes', id: a.id, row: newer });
    expect(next.nodes[0]).toBe(newer);
    const stale = applyRow(next, { table: 'nodes', id: a.id, row: { ...a, title: 'old' } });
    expect(stale).toBe(next);
  });

  it('removes a soft-deleted or vanished node and the relations to it', () => {
    const deleted = { ...a, version: 2, deleted_at: '2026-01-02T00:00:00Z' };
    const next = applyRow(base, { table: 'nodes', id: a.id, row: deleted });
    expect(next.nodes).toEqual([b]);
    expect(next.relations).toEqual([]);
    const gone = applyRow(base, { table: 'nodes', id: b.id, row: null });
    expect(gone.nodes).toEqual([a]);
    expect(gone.relations).toEqual([]);
  });

  it('returns the same dataset when nothing changes', () => {
    expect(applyRow(base, { table: 'nodes', id: 'unknown', row: null })).toBe(base);
    expect(applyRow(base, { table: 'themes', id: 'unknown', row: null })).toBe(base);
  });

  it('adds relations only when both ends are in the dataset', () => {
    const ok = makeRelation({ source_id: b.id, target_id: a.id, kind: 'funds' });
    expect(applyRow(base, { table: 'relations', id: ok.id, row: ok }).relations).toHaveLength(2);
    const dangling = makeRelation({ source_id: a.id, target_id: 'missing' });
    const next = applyRow(base, { table: 'relations', id: dangling.id, row: dangling });
    expect(next.relations).toEqual([ab]);
  });

  it('updates the map itself, themes and a deleted relation', () => {
    const map = makeMap({ title: 'Ny titel', version: 2 });
    expect(applyRow(base, { table: 'maps', id: map.id, row: map }).map.title).toBe('Ny titel');
    const theme = makeTheme({ key: 'nytt' });
    expect(applyRow(base, { table: 'themes', id: theme.id, row: theme }).themes).toContain(theme);
    const next = applyRows(base, [
      { table: 'relations', id: ab.id, row: { ...ab, version: 2, deleted_at: 'now' } }
    ]);
    expect(next.relations).toEqual([]);
  });
});

describe('applyRow: graph positions', () => {
  const a = makeNode({ title: 'A' });
  const base = makeDataset({ nodes: [a] });
  const at = (x: number, updated_at: string) => ({
    id: a.id,
    map_id: base.map.id,
    x,
    y: 0,
    updated_at,
    updated_by: null
  });

  it('adds a moved node, takes a newer move, ignores a late older one, and drops a cleared one', () => {
    const first = at(10, '2026-12-04T10:00:00Z');
    const placed = applyRow(base, { table: 'node_positions', id: a.id, row: first });
    expect(placed.positions).toEqual([first]);
    expect(base.positions).toBeUndefined();
    const later = at(20, '2026-12-04T10:00:05Z');
    const moved = applyRow(placed, { table: 'node_positions', id: a.id, row: later });
    expect(moved.positions).toEqual([later]);
    expect(applyRow(moved, { table: 'node_positions', id: a.id, row: first })).toBe(moved);
    expect(applyRow(moved, { table: 'node_positions', id: a.id, row: null }).positions).toEqual([]);
    expect(applyRow(base, { table: 'node_positions', id: 'other', row: null })).toBe(base);
  });
});

describe('withSavedRows', () => {
  it('replaces saved rows in place (a newer version stays) and keeps everything else', () => {
    const a = makeNode();
    const b = makeNode();
    const r = makeRelation({ source_id: a.id, target_id: b.id });
    const dataset = makeDataset({ nodes: [a, b], relations: [r] });
    const saved = { ...b, title: 'Ny', version: 2 };
    const next = withSavedRows(dataset, [saved]);
    expect(next.nodes).toEqual([a, saved]);
    expect(next.relations).toBe(dataset.relations);
    expect(withSavedRows(dataset)).toBe(dataset);
  });
});

describe('WriteQueue', () => {
  const update = (
    id: string,
    baseVersion: number,
    patch: Record<string, unknown>
  ): QueuedWrite => ({
    kind: 'update',
    table: 'nodes',
    id,
    baseVersion,
    patch
  });
  const applied = (id: string, version: number): WriteOutcome => ({
    ok: true,
    row: { id, version }
  });

  it('merges edits of one row, keeping the version the user first saw', () => {
    const queue = new WriteQueue();
    queue.enqueue(update('n1', 3, { title: 'a' }));
    queue.enqueue(update('n1', 4, { description: 'b' }));
    queue.enqueue(update('n2', 1, { title: 'c' }));
    expect(queue.size).toBe(2);
    expect(queue.entries()[0]!.write).toEqual(update('n1', 3, { title: 'a', description: 'b' }));
    expect(queue.has('nodes', 'n2')).toBe(true);
  });

  it('folds edits into an offline insert, and a delete cancels it', () => {
    const queue = new WriteQueue();
    queue.enqueue({ kind: 'insert', table: 'nodes', id: 'new', values: { title: 'x' } });
    queue.enqueue(update('new', 1, { title: 'y' }));
    expect(queue.entries()[0]!.write).toEqual({
      kind: 'insert',
      table: 'nodes',
      id: 'new',
      values: { title: 'y' }
    });
    queue.enqueue({ kind: 'delete', table: 'nodes', id: 'new', baseVersion: 1 });
    expect(queue.size).toBe(0);
  });

  it('a delete after an edit keeps the first base version', () => {
    const queue = new WriteQueue();
    queue.enqueue(update('n1', 2, { title: 'a' }));
    queue.enqueue({ kind: 'delete', table: 'nodes', id: 'n1', baseVersion: 3 });
    expect(queue.entries().map((e) => e.write)).toEqual([
      { kind: 'delete', table: 'nodes', id: 'n1', baseVersion: 2 }
    ]);
  });

  it('replays in order: applied, conflict and refused leave the queue', async () => {
    const queue = new WriteQueue();
    queue.enqueue(update('n1', 1, { title: 'ok' }));
    queue.enqueue(update('n2', 1, { title: 'stale' }));
    queue.enqueue(update('n3', 1, { title: 'viewer' }));
    const seen: string[] = [];
    const report = await queue.replay(async (write) => {
      seen.push(write.id);
      if (write.id === 'n1') return applied('n1', 2);
      if (write.id === 'n2')
        return { ok: false, reason: 'conflict', current: { id: 'n2', version: 5 } };
      return { ok: false, reason: 'error', error: new DataError('permission', 'no') };
    });
    expect(seen).toEqual(['n1', 'n2', 'n3']);
    expect(report.items.map((i) => i.status)).toEqual(['applied', 'conflict', 'refused']);
    expect(report.items[1]).toMatchObject({ current: { version: 5 } });
    expect(report.pending).toBe(0);
    expect(queue.size).toBe(0);
  });

  it('stops at a network failure and keeps the rest for the next replay', async () => {
    const queue = new WriteQueue();
    queue.enqueue(update('n1', 1, { title: 'a' }));
    queue.enqueue(update('n2', 1, { title: 'b' }));
    let online = false;
    const execute = async (write: QueuedWrite): Promise<WriteOutcome> => {
      if (!online) return { ok: false, reason: 'error', error: new DataError('network', 'down') };
      return applied(write.id, 2);
    };
    const first = await queue.replay(execute);
    expect(first).toEqual({ items: [], pending: 2 });
    // A thrown error counts as a network failure too.
    const thrown = await queue.replay(async () => {
      throw new TypeError('fetch failed');
    });
    expect(thrown.pending).toBe(2);
    online = true;
    const second = await queue.replay(execute);
    expect(second.items.map((i) => [i.entry.write.id, i.status])).toEqual([
      ['n1', 'applied'],
      ['n2', 'applied']
    ]);
    expect(queue.size).toBe(0);
  });

  it('tells after each write that left the queue (to keep it), not after a network failure', async () => {
    const queue = new WriteQueue();
    queue.enqueue(update('n1', 1, { title: 'a' }));
    queue.enqueue(update('n2', 1, { title: 'b' }));
    queue.enqueue(update('n3', 1, { title: 'c' }));
    const steps: [string, string, number][] = [];
    await queue.replay(
      async (write) =>
        write.id === 'n3'
          ? { ok: false, reason: 'error', error: new DataError('network', 'down') }
          : write.id === 'n2'
            ? { ok: false, reason: 'conflict', current: { id: 'n2', version: 4 } }
            : applied(write.id, 2),
      (item) => steps.push([item.entry.write.id, item.status, queue.size])
    );
    expect(steps).toEqual([
      ['n1', 'applied', 2],
      ['n2', 'conflict', 1]
    ]);
    expect(queue.entries().map((e) => e.write.id)).toEqual(['n3']);
  });

  it('survives a round trip through JSON (localStorage)', () => {
    const queue = new WriteQueue([], () => new Date('2026-01-01T00:00:00Z'));
    queue.enqueue(update('n1', 1, { title: 'a' }));
    const restored = new WriteQueue(JSON.parse(JSON.stringify(queue.entries())));
    restored.enqueue(update('n2', 1, { title: 'b' }));
    expect(restored.entries().map((e) => e.seq)).toEqual([1, 2]);
    expect(restored.entries()[0]!.queuedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});
