// Stored graph positions: once a picture is stored, a load draws it and no layout
// runs (not in the page, not in the worker); a node added since goes beside its
// stored neighbours. Without any stored position the layout runs as before.
import { describe, expect, it, vi } from 'vitest';
import type { Dataset, NodePositionRow } from '$lib/domain/model';
import { storedPicture } from '$lib/graph/layouts';
import { FCOSE_WORKER_ABOVE } from '$lib/graph/layout-worker';
import { layoutPositions } from '$lib/graph/positions';
import { datasetFixture, node } from './fixtures/dataset';

const row = (id: string, x: number, y: number): NodePositionRow => ({
  id,
  map_id: 'm',
  x,
  y,
  updated_at: '2026-12-04T00:00:00Z',
  updated_by: null
});

/** More nodes than the worker threshold, each with a stored position. */
function placedDataset(n = FCOSE_WORKER_ABOVE + 50): Dataset {
  const ds = datasetFixture();
  ds.nodes = Array.from({ length: n }, (_, i) =>
    node({ id: `n${i}`, kind: 'organisation', title: `N${i}` })
  );
  ds.relations = [];
  ds.positions = ds.nodes.map((n, i) => row(n.id, i * 10, -i));
  return ds;
}

describe('storedPicture', () => {
  it('is the stored positions when every node has one', () => {
    const nodes = [{ id: 'a' }, { id: 'b' }];
    const picture = storedPicture(nodes, [], [row('b', 3, 4), row('a', 1, 2), row('gone', 9, 9)]);
    expect(picture).toEqual(
      new Map([
        ['a', { x: 1, y: 2 }],
        ['b', { x: 3, y: 4 }]
      ])
    );
  });

  it('puts a node added since beside its stored neighbours, and one without any around the middle', () => {
    const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'new' }, { id: 'alone' }];
    const relations = [{ source_id: 'new', target_id: 'b' }];
    const picture = storedPicture(nodes, relations, [row('a', 0, 0), row('b', 100, 0)])!;
    expect(picture.get('a')).toEqual({ x: 0, y: 0 });
    expect(picture.get('b')).toEqual({ x: 100, y: 0 });
    const near = picture.get('new')!;
    expect(Math.hypot(near.x - 100, near.y)).toBeCloseTo(40); // the first of the spiral, by b
    const alone = picture.get('alone')!;
    expect(Math.hypot(alone.x - 50, alone.y)).toBeCloseTo(40 * Math.sqrt(2)); // the second, by the middle
    expect(storedPicture(nodes, relations, [row('a', 0, 0), row('b', 100, 0)])).toEqual(picture);
  });

  it('is undefined when nothing was stored for these nodes', () => {
    expect(storedPicture([{ id: 'a' }], [], [row('gone', 1, 2)])).toBeUndefined();
    expect(storedPicture([{ id: 'a' }], [], [])).toBeUndefined();
    expect(storedPicture([{ id: 'a' }], [], undefined)).toBeUndefined();
  });
});

describe('layoutPositions with stored positions', () => {
  it('draws the stored picture of a large graph without starting the layout worker', async () => {
    const worker = vi.fn();
    vi.stubGlobal('Worker', worker);
    try {
      const ds = placedDataset();
      const positions = await layoutPositions('fcose', ds, (p) => p);
      expect(worker).not.toHaveBeenCalled();
      expect(positions?.size).toBe(ds.nodes.length);
      expect(positions?.get('n7')).toEqual({ x: 70, y: -7 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps the stored picture when a node was added since, without the layout worker', async () => {
    const worker = vi.fn();
    vi.stubGlobal('Worker', worker);
    try {
      const ds = placedDataset();
      ds.positions = ds.positions!.slice(1);
      const positions = await layoutPositions('fcose', ds, (p) => p);
      expect(worker).not.toHaveBeenCalled();
      expect(positions?.size).toBe(ds.nodes.length);
      expect(positions?.get('n7')).toEqual({ x: 70, y: -7 });
      expect(positions?.has('n0')).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('starts the layout worker when nothing was stored', async () => {
    const posted: unknown[] = [];
    class FakeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: unknown = null;
      postMessage(message: { elements: { group: string; data: { id: string } }[] }) {
        posted.push(message);
        const rows = message.elements
          .filter((e) => e.group === 'nodes')
          .map((e) => [e.data.id, 0, 0]);
        queueMicrotask(() => this.onmessage?.({ data: { ok: true, positions: rows } }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', FakeWorker);
    try {
      const ds = placedDataset();
      ds.positions = [];
      const positions = await layoutPositions('fcose', ds, (p) => p);
      expect(posted).toHaveLength(1);
      expect(positions?.get('n0')).toEqual({ x: 0, y: 0 });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
