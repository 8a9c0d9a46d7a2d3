// Where to mark other people's selections on the map: a node at its position, a
// relation halfway between its ends. Pure.
import type { Selection } from '$lib/domain/model';
import type { LonLat } from '$lib/geo/placement';

export interface RemoteMarker {
  key: string;
  name: string;
  lon: number;
  lat: number;
  /** The selected element's id (for tests and titles). */
  id: string;
}

export function remoteMarkers(
  remote: readonly { name: string; selection: Selection }[],
  positions: ReadonlyMap<string, LonLat> | null,
  relationEnds: (id: string) => readonly [string, string] | null
): RemoteMarker[] {
  if (!positions) return [];
  const at = (s: Selection): LonLat | null => {
    if (s.type === 'node') return positions.get(s.id) ?? null;
    const ends = relationEnds(s.id);
    const a = ends && positions.get(ends[0]);
    const b = ends && positions.get(ends[1]);
    return a && b ? { lon: (a.lon + b.lon) / 2, lat: (a.lat + b.lat) / 2 } : null;
  };
  return remote.flatMap(({ name, selection }, i) => {
    const p = at(selection);
    return p
      ? [{ key: `${i}:${selection.id}`, name, lon: p.lon, lat: p.lat, id: selection.id }]
      : [];
  });
}
