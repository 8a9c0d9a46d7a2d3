// Where a workshop round's proposals sit on the map: in their municipality, as a
// node without a position of its own would (or around the county centre without
// one). Pure.
import type { ProposalMark } from '$lib/domain/workshop';
import { placeNodes, type Centroids } from '$lib/geo/placement';

export interface ProposalMarker {
  id: string;
  title: string;
  lon: number;
  lat: number;
}

export function proposalMarkers(
  marks: readonly ProposalMark[],
  centroids: Centroids | null
): ProposalMarker[] {
  if (!centroids || !marks.length) return [];
  const positions = placeNodes(
    marks.map(({ id, kind, municipality_code }) => ({
      id,
      kind,
      municipality_code,
      lon: null,
      lat: null
    })),
    centroids
  );
  return marks.flatMap(({ id, title }) => {
    const at = positions.get(id);
    return at ? [{ id, title, lon: at.lon, lat: at.lat }] : [];
  });
}
