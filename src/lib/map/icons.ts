// The node shapes (the same six as the graph) and the arrow head, drawn on a
// canvas and added to the map as images; the highlight (highlight.ts) draws the
// same outline as SVG. `shapePoints` and `iconOutline` are pure; the drawing
// needs a browser canvas.
import { NODE_KINDS, type NodeKind, type NodeShape } from '$lib/domain/kinds';
import { NODE_APPEARANCE } from '$lib/explorer/appearance';
import { nodeIconName } from './sources';
import { ARROW_ICON } from './style';
import { ICON_BORDER, iconSize } from './symbols';

/** Outline of a shape in a box of `size` × `size` (ellipses as 48-gons), clockwise from the top. */
export function shapePoints(shape: NodeShape, size: number): [number, number][] {
  const c = size / 2;
  const polygon = (n: number, r: number, start = -Math.PI / 2, inner?: number) =>
    Array.from({ length: inner ? n * 2 : n }, (_, i): [number, number] => {
      const radius = inner && i % 2 ? inner : r;
      const angle = start + (i * Math.PI * 2) / (inner ? n * 2 : n);
      return [c + radius * Math.cos(angle), c + radius * Math.sin(angle)];
    });
  switch (shape) {
    case 'hexagon':
      return polygon(6, c, 0);
    case 'rectangle':
      return [
        [0, size * 0.18],
        [size, size * 0.18],
        [size, size * 0.82],
        [0, size * 0.82]
      ];
    case 'ellipse':
      return polygon(48, c);
    case 'diamond':
      return polygon(4, c);
    case 'triangle':
      return [
        [c, 0],
        [size, size * 0.87],
        [0, size * 0.87]
      ];
    case 'star':
      return polygon(5, c, -Math.PI / 2, c * 0.45);
  }
}

const PIXEL_RATIO = 2;

interface MapWithImages {
  hasImage(id: string): boolean;
  addImage(id: string, image: ImageData, options?: { pixelRatio?: number; sdf?: boolean }): unknown;
}

/** A small canvas drawn once and read back: in memory, not on the GPU (whose read-back waits for the map). */
function canvas(size: number): CanvasRenderingContext2D {
  const el = document.createElement('canvas');
  el.width = el.height = size;
  return el.getContext('2d', { willReadFrequently: true })!;
}

/** A node's icon as both the map and its highlight draw it: the box, the shape, its fill and border. */
export interface IconOutline {
  /** The side of the square box, border included. */
  size: number;
  /** The shape's corners inside the box. */
  points: [number, number][];
  fill: string;
  stroke: string;
  border: number;
}

/** A node kind's icon at `scale` device pixels per px (the highlight draws it at 1). */
export function iconOutline(kind: NodeKind, scale = 1): IconOutline {
  const inner = iconSize(kind) * scale;
  const border = ICON_BORDER * scale;
  const points = shapePoints(NODE_APPEARANCE[kind].shape, inner);
  return {
    size: inner + border * 2,
    points: points.map(([x, y]) => [x + border, y + border]),
    fill: NODE_APPEARANCE[kind].color,
    stroke: '#ffffff',
    border
  };
}

function nodeIcon(kind: NodeKind): ImageData {
  const { size, points, fill, stroke, border } = iconOutline(kind, PIXEL_RATIO);
  const ctx = canvas(size);
  ctx.beginPath();
  points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = border;
  ctx.strokeStyle = stroke;
  ctx.lineJoin = 'round';
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/** A white-on-transparent arrow pointing east, added as SDF so layers can colour it. */
function arrowIcon(): ImageData {
  const size = 14 * PIXEL_RATIO;
  const ctx = canvas(size);
  ctx.beginPath();
  ctx.moveTo(size * 0.1, size * 0.12);
  ctx.lineTo(size * 0.95, size * 0.5);
  ctx.lineTo(size * 0.1, size * 0.88);
  ctx.lineTo(size * 0.3, size * 0.5);
  ctx.closePath();
  ctx.fillStyle = '#000000';
  ctx.fill();
  return ctx.getImageData(0, 0, size, size);
}

/** Whether an image id is one of ours (for `styleimagemissing`). */
export function isMapIcon(id: string): boolean {
  return id === ARROW_ICON || NODE_KINDS.some((kind) => nodeIconName(kind) === id);
}

/** Adds every icon the style uses that the map does not have yet (after each style load). */
export function addMapIcons(map: MapWithImages): void {
  for (const kind of NODE_KINDS) {
    const id = nodeIconName(kind);
    if (!map.hasImage(id)) map.addImage(id, nodeIcon(kind), { pixelRatio: PIXEL_RATIO });
  }
  if (!map.hasImage(ARROW_ICON)) {
    map.addImage(ARROW_ICON, arrowIcon(), { pixelRatio: PIXEL_RATIO, sdf: true });
  }
}
