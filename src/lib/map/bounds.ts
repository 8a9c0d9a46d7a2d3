// The area to show for a zoom request: a node (or a network/project with its
// footprint), a relation's two ends, or all that is shown (the whole county when
// nothing is). Pure.
import { bbox } from '@turf/bbox';
import type { Feature, FeatureCollection } from 'geojson';
import type { Selection } from '$lib/domain/model';
import type { LonLat } from '$lib/geo/placement';

/** [[west, south], [east, north]], as MapLibre's fitBounds takes it. */
export type Bounds = [[number, number], [number, number]];

/** Örebro län, used until the boundary file has loaded. */
export const FALLBACK_COUNTY_BOUNDS: Bounds = [
  [14.0, 58.7],
  [15.8, 60.15]
];

/** Half the size of the box around a single point, in degrees of latitude. */
const POINT_PAD_DEG = 0.04;

export function boundsOfGeoJson(geojson: FeatureCollection | Feature): Bounds | null {
  const [w, s, e, n] = bbox(geojson);
  return [w, s, e, n].every(Number.isFinite)
    ? [
        [w!, s!],
        [e!, n!]
      ]
    : null;
}

export function boundsOfPoints(points: readonly LonLat[]): Bounds | null {
  if (!points.length) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lon);
    e = Math.max(e, p.lon);
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
  }
  // A single point (or a very short relation) gets a small box around it.
  if (n - s < POINT_PAD_DEG && e - w < POINT_PAD_DEG * 2) {
    const [cx, cy] = [(w + e) / 2, (s + n) / 2];
    return [
      [cx - POINT_PAD_DEG * 2, cy - POINT_PAD_DEG],
      [cx + POINT_PAD_DEG * 2, cy + POINT_PAD_DEG]
    ];
  }
  return [
    [w, s],
    [e, n]
  ];
}

function union(a: Bounds | null, b: Bounds | null): Bounds | null {
  if (!a || !b) return a ?? b;
  return [
    [Math.min(a[0][0], b[0][0]), Math.min(a[0][1], b[0][1])],
    [Math.max(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])]
  ];
}

export interface ZoomContext {
  positions: ReadonlyMap<string, LonLat>;
  /** Where the nodes that pass the filters are ("fit to what is shown"). */
  shown: () => readonly LonLat[];
  relationEnds: (id: string) => [string, string] | null;
  /** The footprint of a network/project node, when it has one. */
  footprintOf: (nodeId: string) => Feature | null;
  countyBounds: Bounds;
}

export function zoomBounds(target: Selection | 'all', ctx: ZoomContext): Bounds | null {
  if (target === 'all') return boundsOfPoints(ctx.shown()) ?? ctx.countyBounds;
  if (target.type === 'relation') {
    const ends = ctx.relationEnds(target.id);
    const points = (ends ?? []).map((id) => ctx.positions.get(id)).filter((p) => !!p);
    return points.length ? boundsOfPoints(points) : null;
  }
  const p = ctx.positions.get(target.id);
  const footprint = ctx.footprintOf(target.id);
  const around = footprint ? boundsOfGeoJson(footprint) : null;
  return union(p ? boundsOfPoints([p]) : null, around);
}
