// Cytoscape layout options for the three graph layouts. Pure: positions are
// computed by hierarchy.ts / geo.ts; here they become preset or fcose options.
import type { BaseLayoutOptions, PresetLayoutOptions } from 'cytoscape';
import type { Point } from './hierarchy';

export const LAYOUT_ANIMATION_MS = 400;
/** Above this many nodes, moving every node in an animation costs more than it shows. */
export const ANIMATE_MAX_NODES = 2000;
/** A large graph (above ANIMATE_MAX_NODES) is drawn simplified and at 1 px per CSS px. */
export const isLargeGraph = (nodeCount: number): boolean => nodeCount > ANIMATE_MAX_NODES;
/**
 * Above this many nodes fcose runs its spectral pass only ("draft"). Measured in
 * headless Chromium on random graphs with 5 edges per node: default quality
 * took 4.7 s at 500 nodes and 34 s at 1000; draft 4.3 s at 2000, 23 s at 10 000.
 */
export const FCOSE_DRAFT_ABOVE = 300;
/** The fixed seed that makes fcose give the same picture on every machine. */
export const FCOSE_SEED = 20_240_901;

export interface FcoseOptions extends BaseLayoutOptions {
  name: 'fcose';
  quality: 'draft' | 'default' | 'proof';
  randomize: boolean;
  animate: boolean;
  animationDuration: number;
  animationEasing: 'ease-in-out';
  fit: boolean;
  padding: number;
  nodeDimensionsIncludeLabels: boolean;
  nodeRepulsion: number;
  idealEdgeLength: number;
  edgeElasticity: number;
  nodeSeparation: number;
  numIter: number;
  samplingType: boolean;
}

export interface RunContext {
  /** Animate the move from the current positions (not on the first run). */
  animate: boolean;
  nodeCount: number;
}

const shouldAnimate = ({ animate, nodeCount }: RunContext) =>
  animate && nodeCount <= ANIMATE_MAX_NODES;

/**
 * fcose from scratch (randomize, under a fixed seed) on the first run; later
 * runs start from the current positions so the picture does not jump.
 */
export function fcoseOptions(ctx: RunContext & { firstRun: boolean }): FcoseOptions {
  const large = ctx.nodeCount > FCOSE_DRAFT_ABOVE;
  return {
    name: 'fcose',
    // Draft quality is the spectral pass alone, which only works from scratch.
    quality: large ? 'draft' : 'default',
    randomize: ctx.firstRun || large,
    animate: shouldAnimate(ctx),
    animationDuration: LAYOUT_ANIMATION_MS,
    animationEasing: 'ease-in-out',
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: false,
    nodeRepulsion: 20000,
    idealEdgeLength: 100,
    edgeElasticity: 0.2,
    nodeSeparation: 80,
    numIter: 2500,
    samplingType: true
  };
}

/** A preset layout to given positions; nodes without one stay where they are. */
export function presetOptions(
  positions: ReadonlyMap<string, Point>,
  ctx: RunContext
): PresetLayoutOptions {
  return {
    name: 'preset',
    positions: Object.fromEntries(positions),
    animate: shouldAnimate(ctx),
    animationDuration: LAYOUT_ANIMATION_MS,
    animationEasing: 'ease-in-out',
    fit: true,
    padding: 30
  };
}

/**
 * Positions for every id: the given ones, and the rest in rows under them
 * (e.g. nodes without a place in the geographic layout).
 */
export function withRowsBelow(
  ids: readonly string[],
  positions: ReadonlyMap<string, Point>,
  { spacing = 120, perRow = 12 } = {}
): Map<string, Point> {
  const result = new Map(positions);
  const missing = ids.filter((id) => !positions.has(id)).sort();
  if (!missing.length) return result;
  const placed = [...positions.values()];
  const bottom = placed.length ? Math.max(...placed.map((p) => p.y)) : 0;
  const left = placed.length ? Math.min(...placed.map((p) => p.x)) : 0;
  missing.forEach((id, i) => {
    result.set(id, {
      x: left + (i % perRow) * spacing,
      y: bottom + spacing * (1.5 + Math.floor(i / perRow))
    });
  });
  return result;
}

/** Between the spokes of a spiral: spreads points evenly whatever their number. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** The i-th of several new nodes around a point: a golden-angle spiral, about 40 units apart. */
export function spiralAround(centre: Point, i: number): Point {
  const r = 40 * Math.sqrt(i + 1);
  return {
    x: centre.x + r * Math.cos(i * GOLDEN_ANGLE),
    y: centre.y + r * Math.sin(i * GOLDEN_ANGLE)
  };
}

const mean = (points: readonly Point[]): Point => ({
  x: points.reduce((s, p) => s + p.x, 0) / points.length,
  y: points.reduce((s, p) => s + p.y, 0) / points.length
});

/**
 * The stored positions (migration …_positions) as the graph's picture: a load
 * draws it instead of computing a layout. A node added since the picture was
 * stored goes beside its stored neighbours (or around the picture's middle), so a
 * picture people arranged is kept. Undefined when none of these nodes has one.
 */
export function storedPicture(
  nodes: readonly { id: string }[],
  relations: readonly { source_id: string; target_id: string }[],
  stored: readonly { id: string; x: number; y: number }[] | undefined
): Map<string, Point> | undefined {
  if (!stored?.length || !nodes.length) return undefined;
  const byId = new Map(stored.map((p) => [p.id, { x: p.x, y: p.y }]));
  const picture = new Map<string, Point>();
  const missing: string[] = [];
  for (const n of nodes) {
    const p = byId.get(n.id);
    if (p) picture.set(n.id, p);
    else missing.push(n.id);
  }
  if (!picture.size || !missing.length) return picture.size ? picture : undefined;
  const middle = mean([...picture.values()]);
  const neighbours = new Map<string, string[]>();
  for (const r of relations) {
    (neighbours.get(r.source_id) ?? neighbours.set(r.source_id, []).get(r.source_id)!).push(
      r.target_id
    );
    (neighbours.get(r.target_id) ?? neighbours.set(r.target_id, []).get(r.target_id)!).push(
      r.source_id
    );
  }
  const placed = new Map(picture);
  missing.forEach((id, i) => {
    const anchors = (neighbours.get(id) ?? []).flatMap((n) => placed.get(n) ?? []);
    picture.set(id, spiralAround(anchors.length ? mean(anchors) : middle, i));
  });
  return picture;
}

/**
 * Where a graph's nodes wait for their first layout: apart on a grid, so no
 * edge has overlapping ends (Cytoscape warns). fcose centres its result on
 * these, so the layout worker starts from the same grid.
 */
export function gridPosition(index: number, count: number, spacing = 60): Point {
  const columns = Math.ceil(Math.sqrt(count));
  return { x: (index % columns) * spacing, y: Math.floor(index / columns) * spacing };
}

/** Mulberry32: a tiny seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` with Math.random replaced by a seeded generator. fcose and its
 * cose-base call Math.random and take no seed; their computation is
 * synchronous, so swapping it for the duration makes the result repeatable.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
