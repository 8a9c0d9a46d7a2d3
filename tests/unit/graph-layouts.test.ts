import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RelationKind } from '$lib/domain/kinds';
import { geoPositions, mercator } from '$lib/graph/geo';
import { hierarchyPositions, hierarchyRanks } from '$lib/graph/hierarchy';
import {
  ANIMATE_MAX_NODES,
  fcoseOptions,
  FCOSE_DRAFT_ABOVE,
  presetOptions,
  seededRandom,
  withRowsBelow,
  withSeededRandom
} from '$lib/graph/layouts';

const SEED = fileURLToPath(new URL('../../supabase/seed-data/', import.meta.url));
const NODE_FILES = [
  'municipalities',
  'organisations',
  'networks',
  'projects',
  'resources',
  'events'
];

interface SeedNode {
  key: string;
  title: string;
}
interface SeedRelation {
  from: string;
  to: string;
  kind: RelationKind;
}

function seeded() {
  const nodes = NODE_FILES.flatMap((f) =>
    (parse(readFileSync(`${SEED}nodes/${f}.yaml`, 'utf8')) as SeedNode[]).map((n) => ({
      id: n.key,
      title: n.title
    }))
  );
  const relations = (parse(readFileSync(`${SEED}relations.yaml`, 'utf8')) as SeedRelation[]).map(
    (r, i) => ({ id: `r${i}`, kind: r.kind, source_id: r.from, target_id: r.to })
  );
  return { nodes, relations };
}

const n = (id: string) => ({ id, title: id });
const r = (kind: RelationKind, source_id: string, target_id: string) => ({
  id: `${source_id}-${kind}-${target_id}`,
  kind,
  source_id,
  target_id
});

describe('hierarchyRanks', () => {
  it('puts SSR above Tjänstemannastödet above Sakkunnigstödet in the seeded map', () => {
    const { nodes, relations } = seeded();
    const title = (key: string) => nodes.find((x) => x.id === key)!.title;
    expect(title('ssr')).toMatch(/\(SSR\)$/);
    expect(title('tjanstemannastodet')).toMatch(/^Tjänstemannastödet/);
    expect(title('sakkunnigstodet')).toBe('Sakkunnigstödet');
    const ranks = hierarchyRanks(nodes, relations);
    expect(ranks.get('ssr')!).toBeLessThan(ranks.get('tjanstemannastodet')!);
    expect(ranks.get('tjanstemannastodet')!).toBeLessThan(ranks.get('sakkunnigstodet')!);
  });

  it('ranks by the longest chain; leads puts the leader above; others are left out', () => {
    const ranks = hierarchyRanks(['top', 'mid', 'low', 'leader', 'loose', 'similar'].map(n), [
      r('prepares_for', 'mid', 'top'),
      r('assists', 'low', 'mid'),
      r('part_of', 'low', 'top'), // shorter path: must not lift 'low'
      r('leads', 'leader', 'top'),
      r('similar_to', 'loose', 'similar')
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ leader: 0, top: 1, mid: 2, low: 3 });
  });

  it('moves a top node down to just above its highest child', () => {
    const ranks = hierarchyRanks(['top', 'mid', 'low', 'boss'].map(n), [
      r('part_of', 'mid', 'top'),
      r('part_of', 'low', 'mid'),
      r('leads', 'boss', 'low')
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ top: 0, mid: 1, boss: 1, low: 2 });
  });

  it('breaks cycles the same way whatever the input order', () => {
    const nodes = ['a', 'b', 'c', 'd'].map(n);
    const relations = [
      r('part_of', 'b', 'a'),
      r('part_of', 'c', 'b'),
      r('part_of', 'a', 'c'), // closes a → b → c → a
      r('part_of', 'd', 'c')
    ];
    const first = hierarchyRanks(nodes, relations);
    const again = hierarchyRanks([...nodes].reverse(), [...relations].reverse());
    expect(Object.fromEntries(again)).toEqual(Object.fromEntries(first));
    expect(new Set(first.values()).size).toBeGreaterThan(1);
    expect(first.get('d')!).toBe(Math.max(...first.values()));
  });

  it('handles a 10 000 node chain without recursion', () => {
    const nodes = Array.from({ length: 10_000 }, (_, i) => n(`n${String(i).padStart(5, '0')}`));
    const relations = nodes.slice(1).map((x, i) => r('part_of', x.id, nodes[i]!.id));
    const ranks = hierarchyRanks(nodes, relations);
    expect(ranks.get('n09999')).toBe(9999);
  });
});

describe('hierarchyPositions', () => {
  it('places ranks top-down and unstructured nodes below, rows centred', () => {
    const pos = hierarchyPositions(['top', 'mid', 'a', 'b', 'loose'].map(n), [
      r('prepares_for', 'mid', 'top'),
      r('assists', 'a', 'mid'),
      r('assists', 'b', 'mid')
    ]);
    expect(pos.get('top')!.y).toBeLessThan(pos.get('mid')!.y);
    expect(pos.get('mid')!.y).toBeLessThan(pos.get('a')!.y);
    expect(pos.get('a')!.y).toBe(pos.get('b')!.y);
    expect(pos.get('a')!.x + pos.get('b')!.x).toBe(0);
    expect(pos.get('loose')!.y).toBeGreaterThan(pos.get('a')!.y);
  });

  it('wraps a wide rank into several rows', () => {
    const kids = Array.from({ length: 30 }, (_, i) => n(`k${i}`));
    const pos = hierarchyPositions(
      [n('hub'), ...kids],
      kids.map((k) => r('part_of', k.id, 'hub')),
      { maxPerRow: 10 }
    );
    expect(new Set(kids.map((k) => pos.get(k.id)!.y)).size).toBe(3);
  });
});

describe('geoPositions', () => {
  // Real municipality centroids (static/geo): Hällefors (NW), Askersund (S), Örebro, Lindesberg (NE).
  const places = new Map([
    ['hallefors', { lon: 14.52, lat: 59.78 }],
    ['askersund', { lon: 14.9, lat: 58.88 }],
    ['orebro', { lon: 15.21, lat: 59.27 }],
    ['lindesberg', { lon: 15.22, lat: 59.6 }]
  ]);

  it('keeps west-east order in x and north-south order in y (north up)', () => {
    const pos = geoPositions(places);
    const x = (id: string) => pos.get(id)!.x;
    const y = (id: string) => pos.get(id)!.y;
    expect(x('hallefors')).toBeLessThan(x('askersund'));
    expect(x('askersund')).toBeLessThan(x('orebro'));
    expect(x('orebro')).toBeLessThan(x('lindesberg'));
    expect(y('hallefors')).toBeLessThan(y('lindesberg'));
    expect(y('lindesberg')).toBeLessThan(y('orebro'));
    expect(y('orebro')).toBeLessThan(y('askersund'));
  });

  it('scales the extent to the given width, centred on 0, with Mercator latitude stretch', () => {
    const pos = geoPositions(places, { width: 1000 });
    const ys = [...pos.values()].map((p) => p.y);
    const xs = [...pos.values()].map((p) => p.x);
    expect(
      Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
    ).toBeCloseTo(1000);
    expect(Math.min(...ys) + Math.max(...ys)).toBeCloseTo(0);
    // At ~59°N a degree of latitude is ~1.96× a degree of longitude in Mercator.
    const a = mercator({ lon: 15, lat: 59 });
    const b = mercator({ lon: 16, lat: 60 });
    expect((a.y - b.y) / (b.x - a.x)).toBeCloseTo(1 / Math.cos((59.5 * Math.PI) / 180), 1);
  });

  it('fans out nodes that share a place, stably', () => {
    const shared = new Map([
      ['b', { lon: 15, lat: 59 }],
      ['a', { lon: 15, lat: 59 }],
      ['c', { lon: 15, lat: 59 }],
      ['far', { lon: 16, lat: 60 }]
    ]);
    const pos = geoPositions(shared, { spread: 30 });
    const keys = new Set(['a', 'b', 'c'].map((id) => `${pos.get(id)!.x},${pos.get(id)!.y}`));
    expect(keys.size).toBe(3);
    const dist = Math.hypot(pos.get('b')!.x - pos.get('a')!.x, pos.get('b')!.y - pos.get('a')!.y);
    expect(dist).toBeCloseTo(30);
    expect(geoPositions(new Map([...shared].reverse()), { spread: 30 })).toEqual(pos);
  });
});

describe('layout options', () => {
  it('puts nodes without a position in rows below the others', () => {
    const pos = withRowsBelow(['a', 'x', 'y'], new Map([['a', { x: 5, y: 100 }]]), { spacing: 10 });
    expect(pos.get('a')).toEqual({ x: 5, y: 100 });
    expect(pos.get('x')!.y).toBeGreaterThan(100);
    expect(pos.get('y')!.x).toBe(15);
  });

  it('randomizes fcose only on the first run, animates later runs, drafts large graphs', () => {
    const first = fcoseOptions({ firstRun: true, animate: false, nodeCount: 80 });
    const later = fcoseOptions({ firstRun: false, animate: true, nodeCount: 80 });
    expect([first.randomize, first.animate, first.quality]).toEqual([true, false, 'default']);
    expect([later.randomize, later.animate, later.animationDuration]).toEqual([false, true, 400]);
    const medium = fcoseOptions({
      firstRun: false,
      animate: true,
      nodeCount: FCOSE_DRAFT_ABOVE + 1
    });
    expect([medium.quality, medium.randomize, medium.animate]).toEqual(['draft', true, true]);
    const big = fcoseOptions({ firstRun: false, animate: true, nodeCount: ANIMATE_MAX_NODES + 1 });
    expect(big.animate).toBe(false);
  });

  it('presets the known positions (the others stay where they are)', () => {
    const opts = presetOptions(new Map([['a', { x: 1, y: 2 }]]), { animate: true, nodeCount: 2 });
    expect(opts.positions).toEqual({ a: { x: 1, y: 2 } });
    expect([opts.animate, opts.fit]).toEqual([true, true]);
    expect(presetOptions(new Map(), { animate: true, nodeCount: 5000 }).animate).toBe(false);
  });

  it('makes Math.random repeatable inside withSeededRandom and restores it', () => {
    const original = Math.random;
    const a = withSeededRandom(7, () => [Math.random(), Math.random()]);
    const b = withSeededRandom(7, () => [Math.random(), Math.random()]);
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(a[1]);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededRandom(1, () => {
        throw new Error('x');
      })
    ).toThrow('x');
    expect(Math.random).toBe(original);
    const rnd = seededRandom(3);
    const values = Array.from({ length: 1000 }, rnd);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
