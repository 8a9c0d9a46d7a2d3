// The flow map's circles: one per municipality with a flow in the view, at the
// municipality's point, its area by all that goes in and out (known values), its
// colour by the net (more in, more out, even or only unknown). Pure; the layer is
// in style.ts, the legend in FlowsPanel.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { FlowTotals } from '$lib/analysis/flows';
import type { LonLat } from '$lib/geo/placement';

/** Blue for more in, orange-brown for more out: told apart also with red-green colour blindness. */
export const FLOW_CIRCLE_COLORS = { gain: '#2166ac', loss: '#b35806', even: '#6b7280' } as const;
export type FlowBalance = keyof typeof FLOW_CIRCLE_COLORS;
const MIN_RADIUS = 5;
const MAX_RADIUS = 28;

export interface FlowCircleProps {
  code: string;
  /** in + out of the known values. */
  total: number;
  net: number;
  balance: FlowBalance;
  color: string;
  radius: number;
}

export type FlowCircleCollection = FeatureCollection<Point, FlowCircleProps>;
export const NO_FLOW_CIRCLES: FlowCircleCollection = { type: 'FeatureCollection', features: [] };

export const balanceOf = (t: Pick<FlowTotals, 'net'>): FlowBalance =>
  t.net > 0 ? 'gain' : t.net < 0 ? 'loss' : 'even';

/** Radius in px: the area grows with the total; the largest total MAX_RADIUS. */
export function circleRadius(total: number, largest: number): number {
  if (!(largest > 0) || !(total > 0)) return MIN_RADIUS;
  return (
    Math.round((MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(total / largest)) * 100) / 100
  );
}

/** The circles at the municipality nodes' positions (`codes`: node id → kommunkod). */
export function flowCircles(
  totals: readonly FlowTotals[],
  codes: ReadonlyMap<string, string>,
  positions: ReadonlyMap<string, LonLat>
): FlowCircleCollection {
  const nodeOf = new Map([...codes].map(([id, code]) => [code, id]));
  const pointOf = (code: string) => {
    const id = nodeOf.get(code);
    return id ? positions.get(id) : undefined;
  };
  const largest = Math.max(0, ...totals.map((t) => t.in + t.out));
  const features: Feature<Point, FlowCircleProps>[] = [];
  for (const t of totals) {
    const p = pointOf(t.code);
    if (!p) continue;
    const total = t.in + t.out;
    const balance = balanceOf(t);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: {
        code: t.code,
        total,
        net: t.net,
        balance,
        color: FLOW_CIRCLE_COLORS[balance],
        radius: circleRadius(total, largest)
      }
    });
  }
  // The largest below, so that a small circle inside a large one stays visible.
  features.sort((a, b) => b.properties.total - a.properties.total);
  return { type: 'FeatureCollection', features };
}
