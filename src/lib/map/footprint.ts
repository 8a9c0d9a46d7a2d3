// The footprint of a group (a network or project): the union of the polygons of
// the municipalities linked to it by the relation kinds with the trait `footprint`
// (lib/domain/kinds: members, participants, hosts, leads, part of). Pure.
import { featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { NODE_KIND_FACTS, RELATION_KIND_FACTS } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';

export type MunicipalityPolygons = FeatureCollection<
  Polygon | MultiPolygon,
  { kommunkod?: string } | null
>;
export type Footprint = Feature<Polygon | MultiPolygon, { hub: string; codes: string[] }>;

/** Where a group's municipalities are looked up: its node and relations by id. */
export interface FootprintLookups {
  nodeById: ReadonlyMap<string, Pick<NodeRow, 'id' | 'kind' | 'municipality_code'>>;
  /** A node's relations (any superset works: the hub's end is checked). */
  relationsOf: (nodeId: string) => readonly Pick<RelationRow, 'kind' | 'source_id' | 'target_id'>[];
}

/** The municipality codes linked to a group node (sorted); [] for other kinds. */
function linkedCodes(hubId: string, { nodeById, relationsOf }: FootprintLookups): string[] {
  const hub = nodeById.get(hubId);
  if (!hub || !NODE_KIND_FACTS[hub.kind].group) return [];
  const codes = new Set<string>();
  for (const r of relationsOf(hubId)) {
    if (!RELATION_KIND_FACTS[r.kind].footprint) continue;
    const other = r.source_id === hubId ? r.target_id : r.target_id === hubId ? r.source_id : null;
    const node = other ? nodeById.get(other) : undefined;
    if (node?.kind === 'municipality' && node.municipality_code) codes.add(node.municipality_code);
  }
  return [...codes].sort();
}

/** The union of the linked municipalities' polygons, or null when there are none. */
function unionOf(
  hubId: string,
  codes: string[],
  municipalities: MunicipalityPolygons
): Footprint | null {
  if (!codes.length) return null;
  const wanted = new Set(codes);
  const polygons = municipalities.features.filter((f) => wanted.has(f.properties?.kommunkod ?? ''));
  if (!polygons.length) return null;
  const merged =
    polygons.length === 1
      ? polygons[0]!
      : union(featureCollection(polygons as Feature<Polygon | MultiPolygon>[]));
  if (!merged) return null;
  return {
    type: 'Feature',
    id: hubId,
    geometry: merged.geometry,
    properties: { hub: hubId, codes }
  };
}

/**
 * A hub's footprint from a dataset's lookups (a selection reads the hub's own
 * relations, not all of them) and one geography, each hub's union computed once.
 */
export function footprintLookup(
  lookups: FootprintLookups,
  municipalities: MunicipalityPolygons
): (hubId: string) => Footprint | null {
  const built = new Map<string, Footprint | null>();
  return (hubId) => {
    if (!built.has(hubId)) {
      built.set(hubId, unionOf(hubId, linkedCodes(hubId, lookups), municipalities));
    }
    return built.get(hubId) ?? null;
  };
}
