// The map's level of detail at overview: on the national map, zoomed out, the
// visible relations are drawn as one line per pair of municipalities (their
// sum, explorer/aggregate.ts) between the municipalities' points, the largest
// SUM_LIMIT of them, instead of every relation. Pure.
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { sumWidth, type Aggregate } from '$lib/explorer/aggregate';
import type { LonLat } from '$lib/geo/placement';

/** Below this zoom the national map draws flows between municipalities. */
export const OVERVIEW_BELOW_ZOOM = 7;

export interface FlowFeatureProps {
  key: string;
  count: number;
  /** Line width in px, by the square root of the count (the largest flow widest). */
  width: number;
}

export type FlowCollection = FeatureCollection<LineString, FlowFeatureProps>;
export const NO_FLOWS: FlowCollection = { type: 'FeatureCollection', features: [] };

/** Lines for the flows whose two municipalities have a point. */
export function flowFeatures(
  aggregate: Pick<Aggregate, 'flows'>,
  pointOf: (code: string) => LonLat | undefined
): FlowCollection {
  const largest = aggregate.flows[0]?.count ?? 1;
  const features: Feature<LineString, FlowFeatureProps>[] = [];
  for (const flow of aggregate.flows) {
    const a = pointOf(flow.a);
    const b = pointOf(flow.b);
    if (!a || !b) continue;
    features.push({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [a.lon, a.lat],
          [b.lon, b.lat]
        ]
      },
      properties: {
        key: flow.key,
        count: flow.count,
        width: sumWidth(flow.count, largest)
      }
    });
  }
  return { type: 'FeatureCollection', features };
}
