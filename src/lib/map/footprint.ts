// The footprint of a group (a network or project): the union of the polygons of
// the municipalities linked to it by the relation kinds with the trait `footprint`
// (lib/domain/kinds: members, participants, hosts, leads, part of). Pure.
import { featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { NODE_KIND_FACTS, RELATION_KIND_FACTS } from '$lib/domain/kinds';
import type { Dataset } from '$lib/domain/model';

export type MunicipalityPolygons = FeatureCollection<
  Polygon | MultiPolygon,
  { kommunkod?: string } | null
>;
export type Footprint = Feature<Polygon | MultiPolygon, { hub: string; codes: string[] }>;

/** The municipality codes linked to a group node (sorted); [] for other kinds. */
export function footprintCodes(
  dataset: Pick<Dataset, 'nodes' | 'relations'>,
  hubId: string
): string[] {
  // Most selections are not hubs: find out before indexing every node.
  const hub = dataset.nodes.find((n) => n.id === hubId);
  if (!hub || !NODE_KIND_FACTS[hub.kind].group) return [];
  const byId = new Map(dataset.nodes.map((n) => [n.id, n]));
  const codes = new Set<string>();
  for (const r of dataset.relations) {
    if (!RELATION_KIND_FACTS[r.kind].footprint) continue;
    const other = r.source_id === hubId ? r.target_id : r.target_id === hubId ? r.source_id : null;
    const node = other ? byId.get(other) : undefined;
    if (node?.kind === 'municipality' && node.municipality_code) codes.add(node.municipality_code);
  }
  return [...codes].sort();
}

/** The union of the linked municipalities' polygons, or null when there are none. */
export function buildFootprint(
  dataset: Pick<Dataset, 'nodes' | 'relations'>,
  hubId: string,
  municipalities: MunicipalityPolygons
): Footprint | null {
  const codes = footprintCodes(dataset, hubId);
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

/** buildFootprint for one dataset and geography, each hub's union computed once. */
export function footprintLookup(
  dataset: Pick<Dataset, 'nodes' | 'relations'>,
  municipalities: MunicipalityPolygons
): (hubId: string) => Footprint | null {
  const built = new Map<string, Footprint | null>();
  return (hubId) => {
    if (!built.has(hubId)) built.set(hubId, buildFootprint(dataset, hubId, municipalities));
    return built.get(hubId) ?? null;
  };
}
