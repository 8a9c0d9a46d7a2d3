// Geographic preset positions for the graph: lon/lat → Web Mercator x/y, scaled
// so the graph looks like the map (north up, east right). Pure.
import type { Point } from './hierarchy';

export interface LonLat {
  lon: number;
  lat: number;
}

export interface GeoOptions {
  /** Width in graph units of the projected extent. */
  width?: number;
  /** Distance between nodes that share one place (e.g. a municipality's centroid). */
  spread?: number;
}

/** Web Mercator on the unit circle; y grows southwards like screen coordinates. */
export function mercator({ lon, lat }: LonLat): Point {
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return { x: (lon * Math.PI) / 180, y: -Math.log(Math.tan(Math.PI / 4 + phi / 2)) };
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Projected positions for the placed nodes. Nodes at the same spot are fanned
 * out on a small sunflower spiral (in id order, so it is stable); unplaced
 * nodes get no position here.
 */
export function geoPositions(
  places: ReadonlyMap<string, LonLat>,
  { width = 1600, spread = 36 }: GeoOptions = {}
): Map<string, Point> {
  const projected = [...places]
    .filter(([, p]) => Number.isFinite(p.lon) && Number.isFinite(p.lat))
    .map(([id, p]) => ({ id, ...mercator(p) }));
  if (!projected.length) return new Map();
  const minX = Math.min(...projected.map((p) => p.x));
  const maxX = Math.max(...projected.map((p) => p.x));
  const minY = Math.min(...projected.map((p) => p.y));
  const maxY = Math.max(...projected.map((p) => p.y));
  const extent = Math.max(maxX - minX, maxY - minY);
  const scale = extent > 0 ? width / extent : 1;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;

  const groups = new Map<string, typeof projected>();
  for (const p of projected) {
    const key = `${p.x.toFixed(9)} ${p.y.toFixed(9)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(p);
  }
  const positions = new Map<string, Point>();
  for (const group of groups.values()) {
    group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach((p, i) => {
      const r = i === 0 ? 0 : spread * Math.sqrt(i);
      const angle = i * GOLDEN_ANGLE;
      positions.set(p.id, {
        x: (p.x - cx) * scale + r * Math.cos(angle),
        y: (p.y - cy) * scale + r * Math.sin(angle)
      });
    });
  }
  return positions;
}
