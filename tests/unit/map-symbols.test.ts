import { describe, expect, it } from 'vitest';
import {
  badgeRadius,
  boxesOverlap,
  clustersByAnchor,
  othersByKind,
  iconHalf,
  iconScale,
  placeSymbols,
  symbolBox,
  worldPixel,
  type SymbolNode
} from '$lib/map/symbols';

const at = (id: string, lon: number, lat: number, kind: SymbolNode['kind'] = 'organisation') => ({
  id,
  kind,
  lon,
  lat
});

describe('map symbols', () => {
  it('projects like MapLibre: 512 px world at zoom 0, twice as wide per zoom level', () => {
    expect(worldPixel(-180, 0, 0)).toEqual({ x: 0, y: 256 });
    expect(worldPixel(180, 0, 1).x).toBe(1024);
    const a = worldPixel(15, 59.3, 7);
    const b = worldPixel(15, 59.3, 8);
    expect(b.x).toBeCloseTo(a.x * 2, 6);
    expect(worldPixel(0, 60, 0).y).toBeLessThan(256); // north is up
  });

  it('sizes icons as the style scales them with the zoom', () => {
    expect(iconScale(5)).toBe(0.7);
    expect(iconScale(9)).toBeCloseTo(0.85);
    expect(iconScale(12)).toBe(1);
    expect(iconHalf('municipality', 11)).toBe(14);
    expect(iconHalf('organisation', 7)).toBeCloseTo(7.7);
    expect(badgeRadius(5)).toBeLessThan(badgeRadius(150));
  });

  it('a cluster box takes in its badge, up and to the right', () => {
    const single = symbolBox('organisation', 0, 11, { x: 100, y: 100 });
    const cluster = symbolBox('organisation', 3, 11, { x: 100, y: 100 });
    expect(single).toEqual({ x1: 89, y1: 89, x2: 111, y2: 111 });
    expect(cluster.x1).toBe(89);
    expect(cluster.y2).toBe(111);
    expect(cluster.x2).toBeGreaterThan(111);
    expect(cluster.y1).toBeLessThan(89);
  });

  it('keeps apart nodes as single symbols', () => {
    const symbols = placeSymbols([at('a', 14, 59), at('b', 15, 59.5)], 8);
    expect(symbols.map((s) => s.members.map((m) => m.id))).toEqual([['a'], ['b']]);
  });

  it('clusters overlapping nodes under the most important one, in order', () => {
    const nodes = [
      at('kommun', 15.0, 59.3, 'municipality'),
      at('skola', 15.001, 59.3),
      at('nätverk', 15.0, 59.301, 'network'),
      at('fjärran', 16, 59.3)
    ];
    const symbols = placeSymbols(nodes, 7);
    expect(symbols.map((s) => [s.anchor.id, s.members.map((m) => m.id)])).toEqual([
      ['kommun', ['kommun', 'skola', 'nätverk']],
      ['fjärran', ['fjärran']]
    ]);
    const clusters = clustersByAnchor(symbols);
    expect([...clusters.keys()]).toEqual(['kommun']);
    expect(othersByKind(clusters.get('kommun')!)).toEqual(
      new Map([
        ['organisation', 1],
        ['network', 1]
      ])
    );
    // Zoomed in far enough, the cluster opens.
    expect(placeSymbols(nodes, 16)).toHaveLength(4);
  });

  it('a cluster whose badge grows onto a neighbour takes it in, keeping the more important anchor', () => {
    // b is placed left of a, then c lands on b: b's badge (up right) reaches a, so all join a.
    const z = 10;
    const step = 360 / (512 * 2 ** z); // one pixel in degrees of longitude
    const nodes = [at('a', 15 + 25 * step, 59.3), at('b', 15, 59.3), at('c', 15 + step, 59.3)];
    const symbols = placeSymbols(nodes, z);
    expect(symbols).toHaveLength(1);
    expect(symbols[0]!.anchor.id).toBe('a');
    expect(symbols[0]!.members.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('never lets two symbols overlap, for many nodes at many zooms, and loses none', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const kinds = ['municipality', 'organisation', 'network', 'project'] as const;
    const nodes = Array.from({ length: 1500 }, (_, i) =>
      at(`n${i}`, 14 + random() * 1.8, 58.7 + random() * 1.4, kinds[i % 4])
    );
    for (const zoom of [6.5, 7.3, 8, 9.7, 12]) {
      const symbols = placeSymbols(nodes, zoom);
      expect(symbols.reduce((sum, s) => sum + s.members.length, 0)).toBe(nodes.length);
      const overlapping: string[] = [];
      for (const [i, a] of symbols.entries()) {
        for (const b of symbols.slice(i + 1)) {
          if (boxesOverlap(a.box, b.box)) overlapping.push(`${a.anchor.id}/${b.anchor.id}`);
        }
      }
      expect(overlapping, `zoom ${zoom}`).toEqual([]);
    }
  });

  it('gives the same symbols whatever the zoom was before (no state)', () => {
    const nodes = [at('a', 15, 59.3), at('b', 15.01, 59.3), at('c', 15.5, 59.3)];
    expect(placeSymbols(nodes, 8)).toEqual(placeSymbols(nodes, 8));
  });
});
