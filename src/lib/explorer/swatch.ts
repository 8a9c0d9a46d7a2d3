// Geometry for the legend's small inline SVG swatches (node shapes and line
// styles from appearance.ts), in a 0..size box. Pure.
import type { NodeShape, RelationAppearance } from './appearance';

function polygon(corners: number, size: number, rotation: number, inner?: number): string {
  const c = size / 2;
  const r = size / 2 - 1;
  const count = inner === undefined ? corners : corners * 2;
  const points: string[] = [];
  for (let i = 0; i < count; i++) {
    const radius = inner !== undefined && i % 2 === 1 ? r * inner : r;
    const angle = rotation + (i * 2 * Math.PI) / count;
    points.push(
      `${(c + radius * Math.cos(angle)).toFixed(2)},${(c + radius * Math.sin(angle)).toFixed(2)}`
    );
  }
  return points.join(' ');
}

/** The points of a node shape as an SVG polygon, or null for the ellipse (drawn as a circle). */
export function shapePoints(shape: NodeShape, size: number): string | null {
  const up = -Math.PI / 2;
  switch (shape) {
    case 'hexagon':
      return polygon(6, size, 0);
    case 'rectangle':
      return `1,${size * 0.2} ${size - 1},${size * 0.2} ${size - 1},${size * 0.8} 1,${size * 0.8}`;
    case 'diamond':
      return polygon(4, size, up);
    case 'triangle':
      return polygon(3, size, up);
    case 'star':
      return polygon(5, size, up, 0.45);
    case 'ellipse':
      return null;
  }
}

/** The SVG stroke-dasharray for a relation's line, scaled by its width; undefined = solid. */
export function dashArray(
  appearance: Pick<RelationAppearance, 'dash' | 'width'>
): string | undefined {
  if (!appearance.dash) return undefined;
  const w = Math.max(1, appearance.width);
  return appearance.dash.map((d) => d * w).join(' ');
}
