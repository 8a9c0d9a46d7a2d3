// The map as GeoJSON (RFC 7946): nodes as Points where placeNodes puts them (own
// location, else the home municipality, else the county), relations as
// LineStrings between their ends. Coordinates are [lon, lat] in WGS 84; no "crs"
// member. Every column is a property, themes as an array.
import type { Dataset } from '$lib/domain/model';
import { placeNodes, type Centroids, type LonLat } from '$lib/geo/placement';

export interface Feature<G> {
  type: 'Feature';
  id: string;
  geometry: G;
  properties: Record<string, unknown>;
}
export interface Point {
  type: 'Point';
  coordinates: [number, number];
}
export interface LineString {
  type: 'LineString';
  coordinates: [number, number][];
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature<Point | LineString>[];
}

/** RFC 7946 § 11.2: six decimals (~10 cm) is more than enough. */
const round = (value: number) => Math.round(value * 1e6) / 1e6;
const position = (p: LonLat): [number, number] => [round(p.lon), round(p.lat)];

/**
 * @param centroids municipality centroids (for nodes without their own location)
 * @param positions placements to use instead of placeNodes (e.g. what the map shows)
 */
export function toGeoJson(
  dataset: Dataset,
  centroids: Centroids,
  positions: ReadonlyMap<string, LonLat> = placeNodes(dataset.nodes, centroids)
): FeatureCollection {
  const themeLabels = new Map(dataset.themes.map((t) => [t.key, t.label_sv]));
  const features: Feature<Point | LineString>[] = [];
  for (const node of dataset.nodes) {
    const at = positions.get(node.id);
    if (!at) continue;
    const { id, map_id: _map, lon, lat, ...rest } = node;
    void _map;
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: position(at) },
      properties: {
        feature_type: 'node',
        id,
        ...rest,
        theme_labels: node.themes.map((k) => themeLabels.get(k) ?? k),
        own_location: lon !== null && lat !== null
      }
    });
  }
  for (const relation of dataset.relations) {
    const from = positions.get(relation.source_id);
    const to = positions.get(relation.target_id);
    if (!from || !to) continue;
    const { id, map_id: _map, ...rest } = relation;
    void _map;
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'LineString', coordinates: [position(from), position(to)] },
      properties: { feature_type: 'relation', id, ...rest }
    });
  }
  return { type: 'FeatureCollection', features };
}

export const GEOJSON_MIME = 'application/geo+json';

export function geoJsonText(collection: FeatureCollection): string {
  return `${JSON.stringify(collection)}\n`;
}
