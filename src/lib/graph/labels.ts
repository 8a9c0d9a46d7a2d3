// Which node labels the graph draws. At overview there is no room for all of
// them: labels are placed greedily in order of importance and one that would
// overlap a label already placed is left out, so the labels drawn never overlap.
// The selection, the hovered (or keyboard-focused) node and a focused
// neighbourhood are always labelled; zoomed in far enough, every node is. Labels
// keep one size on screen (readable on a projector) whatever the zoom. Pure.
import type { NodeKind } from '$lib/domain/kinds';

/** Label size on screen in CSS px; hubs a little larger. */
export const LABEL_PX = 14;
export const HUB_LABEL_PX = 16;
/** The graph's hubs: drawn larger, with larger labels. */
export const HUB_KINDS: ReadonlySet<NodeKind> = new Set(['municipality', 'network']);
/** From this zoom on, every node in view is labelled (overlapping or not). */
export const ALL_LABELS_ZOOM = 1.5;
/**
 * Room kept free between labels, px: Cytoscape's own label bounds reach up to
 * 2 model px (its "margin of error") past each side, 3 px at the zoom where
 * culling stops.
 */
export const LABEL_GAP = 6;
/** The white outline around label text, px on screen (part of what is drawn). */
export const LABEL_OUTLINE_PX = 2;
/** The longest label at overview; longer titles are shortened (whole on hover). */
export const SHORT_TITLE_CHARS = 28;
/** The widest a label of a whole title (hovered, selected) gets before it wraps, px. */
export const WRAP_WIDTH_PX = 240;
/** Gap between a node and its label, px on screen. */
export const LABEL_MARGIN_PX = 4;
/** The labels' font (the graph style draws with it, the culling measures with it). */
export const LABEL_FONT = 'system-ui, sans-serif';
/** Line height as a share of the font size. */
const LINE_HEIGHT = 1.25;

export const labelPx = (kind: NodeKind): number => (HUB_KINDS.has(kind) ? HUB_LABEL_PX : LABEL_PX);

/**
 * Model units that come out as `px` on screen at this zoom. Zoomed in beyond
 * 100 % labels grow with the graph; zoomed out they keep their size.
 */
export const unzoomed = (px: number, zoom: number): number => px / Math.min(zoom, 1);

/** A title cut at a word boundary to at most `max` characters, with "…". */
export function shortTitle(title: string, max = SHORT_TITLE_CHARS): string {
  const text = title.trim().replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

export interface LabelBox {
  id: string;
  /** Top-left corner and size on screen, px. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Always drawn, even over other labels. */
  forced?: boolean;
}

/**
 * Where a node's label sits on screen: centred under the node.
 * `textWidth` is the text's width at `px`; wider than `wrapAt` it wraps.
 */
export function labelBox(
  id: string,
  node: { x: number; y: number; height: number },
  textWidth: number,
  px: number,
  wrapAt = Infinity
): LabelBox {
  const lines = Math.max(1, Math.ceil(textWidth / wrapAt));
  const width = Math.min(textWidth, wrapAt) + 2 * LABEL_OUTLINE_PX;
  return {
    id,
    x: node.x - width / 2,
    y: node.y + node.height / 2 + LABEL_MARGIN_PX - LABEL_OUTLINE_PX,
    width,
    height: lines * px * LINE_HEIGHT + 2 * LABEL_OUTLINE_PX
  };
}

export interface Viewport {
  width: number;
  height: number;
}

/** Wholly in view (a label cut by the edge is not shown). */
const inView = (b: LabelBox, v: Viewport) =>
  b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width && b.y + b.height <= v.height;

/** A uniform grid of placed boxes, for overlap tests in near-constant time. */
class BoxGrid {
  #cells = new Map<string, LabelBox[]>();
  #size: number;
  constructor(size: number) {
    this.#size = size;
  }
  #keys(b: LabelBox, gap: number): string[] {
    const s = this.#size;
    const keys: string[] = [];
    for (let i = Math.floor((b.x - gap) / s); i <= Math.floor((b.x + b.width + gap) / s); i++) {
      for (let j = Math.floor((b.y - gap) / s); j <= Math.floor((b.y + b.height + gap) / s); j++) {
        keys.push(`${i},${j}`);
      }
    }
    return keys;
  }
  hits(b: LabelBox, gap: number): boolean {
    for (const key of this.#keys(b, gap)) {
      for (const o of this.#cells.get(key) ?? []) {
        if (
          b.x < o.x + o.width + gap &&
          o.x < b.x + b.width + gap &&
          b.y < o.y + o.height + gap &&
          o.y < b.y + b.height + gap
        ) {
          return true;
        }
      }
    }
    return false;
  }
  add(b: LabelBox): void {
    for (const key of this.#keys(b, 0)) {
      const cell = this.#cells.get(key);
      if (cell) cell.push(b);
      else this.#cells.set(key, [b]);
    }
  }
}

/**
 * The labels to draw, from boxes in order of priority (forced ones first): every
 * forced box; then each box in view that keeps `gap` px from all placed so far
 * — or, with `all`, every box in view.
 */
export function cullLabels(
  boxes: readonly LabelBox[],
  viewport: Viewport,
  { all = false, gap = LABEL_GAP }: { all?: boolean; gap?: number } = {}
): Set<string> {
  const shown = new Set<string>();
  const grid = new BoxGrid(128);
  for (const box of boxes) {
    if (shown.has(box.id)) continue;
    if (!box.forced) {
      if (!inView(box, viewport)) continue;
      if (!all && grid.hits(box, gap)) continue;
    }
    shown.add(box.id);
    grid.add(box);
  }
  return shown;
}
