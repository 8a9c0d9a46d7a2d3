// The node symbols the map draws at a zoom, so that no two overlap. Nodes are
// placed in order of importance; a node whose symbol would overlap one already
// placed joins it as a cluster: the first (most important) node's symbol with a
// badge "+n" for the others. A cluster that grows onto a neighbour takes it in
// too, so what is drawn never overlaps. Zoomed in, the nodes move apart and the
// clusters open. Sizes here are the ones the style draws (style.ts). Pure.
import type { NodeKind } from '$lib/domain/kinds';

/**
 * Icon sizes in CSS pixels at full scale (without the white border):
 * municipalities are the largest; kinds not listed are `DEFAULT_ICON_SIZE`.
 */
const ICON_SIZE: Partial<Record<NodeKind, number>> = { municipality: 24, network: 20, event: 20 };
const DEFAULT_ICON_SIZE = 18;
export const iconSize = (kind: NodeKind): number => ICON_SIZE[kind] ?? DEFAULT_ICON_SIZE;
/** The white border around each icon, CSS px. */
export const ICON_BORDER = 2;
/** Icons scale with the zoom: `ICON_SCALE` at or below `from`, 1 at or above `to`. */
export const ICON_SCALE = { from: 7, to: 11, min: 0.7 } as const;
/**
 * The count badge: its centre is this far right of and above the symbol's
 * centre, px, at every zoom — over the icon's corner, clear of its middle (a
 * click there selects the node, on the badge opens the cluster).
 */
export const BADGE_OFFSET_PX = 13;
/** Badge radius, px, without its outline; wider from three digits ("+100"). */
export const BADGE_RADIUS = { small: 11, large: 15 } as const;
export const BADGE_STROKE = 2;
export const BADGE_LARGE_FROM = 100;
/** Room kept free between two symbols, px. */
export const SYMBOL_GAP = 2;
/** MapLibre's world is 512 px wide at zoom 0. */
const TILE_SIZE = 512;

export function iconScale(zoom: number): number {
  const { from, to, min } = ICON_SCALE;
  const t = Math.min(1, Math.max(0, (zoom - from) / (to - from)));
  return min + t * (1 - min);
}

/** Half the drawn size of a node's icon (its square box), px. */
export const iconHalf = (kind: NodeKind, zoom: number): number =>
  ((iconSize(kind) + 2 * ICON_BORDER) / 2) * iconScale(zoom);

/** The badge's radius with its outline, px. */
export const badgeRadius = (others: number): number =>
  (others >= BADGE_LARGE_FROM ? BADGE_RADIUS.large : BADGE_RADIUS.small) + BADGE_STROKE;

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A position in MapLibre's world pixels at `zoom` (web mercator). */
export function worldPixel(lon: number, lat: number, zoom: number): { x: number; y: number } {
  const size = TILE_SIZE * 2 ** zoom;
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return {
    x: ((lon + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size
  };
}

/** The box a symbol covers: the icon, and with `others` > 0 its badge. */
export function symbolBox(
  kind: NodeKind,
  others: number,
  zoom: number,
  at: { x: number; y: number }
): Box {
  const h = iconHalf(kind, zoom);
  const box = { x1: at.x - h, y1: at.y - h, x2: at.x + h, y2: at.y + h };
  if (others === 0) return box;
  const r = badgeRadius(others);
  const [bx, by] = [at.x + BADGE_OFFSET_PX, at.y - BADGE_OFFSET_PX];
  return {
    x1: Math.min(box.x1, bx - r),
    y1: Math.min(box.y1, by - r),
    x2: Math.max(box.x2, bx + r),
    y2: Math.max(box.y2, by + r)
  };
}

export const boxesOverlap = (a: Box, b: Box, gap = 0): boolean =>
  a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

export interface SymbolNode {
  id: string;
  kind: NodeKind;
  lon: number;
  lat: number;
}

export interface MapSymbol {
  /** The node drawn; the others are behind its badge. */
  anchor: SymbolNode;
  /** The anchor first, then the others in order of importance. */
  members: SymbolNode[];
  box: Box;
}

interface Placed extends MapSymbol {
  x: number;
  y: number;
  /** Position in the importance order of the anchor (lower = more important). */
  rank: number;
  cells: string[];
}

const CELL = 64;

/** Symbols at `zoom` for nodes given most important first; no two boxes overlap. */
export function placeSymbols(
  nodes: readonly SymbolNode[],
  zoom: number,
  gap = SYMBOL_GAP
): MapSymbol[] {
  const grid = new Map<string, Set<Placed>>();
  const cellsOf = (b: Box) => {
    const keys: string[] = [];
    for (let i = Math.floor((b.x1 - gap) / CELL); i <= Math.floor((b.x2 + gap) / CELL); i++) {
      for (let j = Math.floor((b.y1 - gap) / CELL); j <= Math.floor((b.y2 + gap) / CELL); j++) {
        keys.push(`${i},${j}`);
      }
    }
    return keys;
  };
  const add = (s: Placed) => {
    s.cells = cellsOf(s.box);
    for (const key of s.cells) {
      const cell = grid.get(key);
      if (cell) cell.add(s);
      else grid.set(key, new Set([s]));
    }
  };
  const remove = (s: Placed) => {
    for (const key of s.cells) grid.get(key)?.delete(s);
  };
  const overlapping = (box: Box, except?: Placed): Placed[] => {
    const found = new Set<Placed>();
    for (const key of cellsOf(box)) {
      for (const s of grid.get(key) ?? []) {
        if (s !== except && boxesOverlap(box, s.box, gap)) found.add(s);
      }
    }
    return [...found].sort((a, b) => a.rank - b.rank);
  };

  const ranks = new Map(nodes.map((n, i) => [n.id, i]));
  const placed: Placed[] = [];
  nodes.forEach((node, rank) => {
    const at = worldPixel(node.lon, node.lat, zoom);
    const box = symbolBox(node.kind, 0, zoom, at);
    const [host] = overlapping(box);
    if (!host) {
      const s: Placed = { anchor: node, members: [node], box, x: at.x, y: at.y, rank, cells: [] };
      placed.push(s);
      add(s);
      return;
    }
    // Join the most important symbol it overlaps; as the cluster's badge grows
    // onto neighbours, they join too (the cluster keeps its most important anchor).
    let cluster = host;
    cluster.members.push(node);
    for (;;) {
      remove(cluster);
      cluster.box = symbolBox(cluster.anchor.kind, cluster.members.length - 1, zoom, cluster);
      const [other] = overlapping(cluster.box, cluster);
      if (!other) break;
      const [keep, drop] = other.rank < cluster.rank ? [other, cluster] : [cluster, other];
      remove(other);
      keep.members.push(...drop.members);
      keep.members.sort((a, b) => ranks.get(a.id)! - ranks.get(b.id)!);
      placed.splice(placed.indexOf(drop), 1);
      cluster = keep;
    }
    add(cluster);
  });
  return placed.map(({ anchor, members, box }) => ({ anchor, members, box }));
}

/** The clusters (symbols standing for more than one node) by their anchor's id. */
export function clustersByAnchor(symbols: readonly MapSymbol[]): Map<string, MapSymbol> {
  return new Map(symbols.filter((s) => s.members.length > 1).map((s) => [s.anchor.id, s]));
}

/** How many nodes of each kind are behind a cluster's anchor. */
export function othersByKind(symbol: MapSymbol): Map<NodeKind, number> {
  const others = new Map<NodeKind, number>();
  for (const m of symbol.members.slice(1)) others.set(m.kind, (others.get(m.kind) ?? 0) + 1);
  return others;
}
