// The reference geography the map's logic needs in memory (the style loads its
// own copies by path): centroids with polygons for placement, the municipality
// polygons for footprints, and the bounds of them all (the county, or Sweden).
import { parseCentroids, parsePolygons, withPolygons, type Centroid } from '$lib/geo/placement';
import { boundsOfGeoJson, FALLBACK_COUNTY_BOUNDS, type Bounds } from './bounds';
import type { MunicipalityPolygons } from './footprint';
import type { GeoPaths } from '$lib/geo/geographies';

export interface MapGeo {
  centroids: ReadonlyMap<string, Centroid>;
  municipalities: MunicipalityPolygons;
  countyBounds: Bounds;
}

async function getJson(url: string, fetchFn: typeof fetch, signal?: AbortSignal): Promise<unknown> {
  const response = await fetchFn(url, { signal });
  if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
  return response.json();
}

export function toMapGeo(centroidsJson: unknown, municipalitiesJson: unknown): MapGeo {
  const municipalities = municipalitiesJson as MunicipalityPolygons;
  const ok = Array.isArray(municipalities?.features);
  const safe: MunicipalityPolygons = ok
    ? municipalities
    : { type: 'FeatureCollection', features: [] };
  return {
    centroids: withPolygons(parseCentroids(centroidsJson), parsePolygons(safe)),
    municipalities: safe,
    countyBounds: (safe.features.length && boundsOfGeoJson(safe)) || FALLBACK_COUNTY_BOUNDS
  };
}

export async function loadMapGeo(
  resolvePath: (path: string) => string,
  paths: GeoPaths,
  fetchFn: typeof fetch = fetch,
  signal?: AbortSignal
): Promise<MapGeo> {
  const [centroids, municipalities] = await Promise.all([
    getJson(resolvePath(paths.centroids), fetchFn, signal),
    getJson(resolvePath(paths.municipalities), fetchFn, signal)
  ]);
  return toMapGeo(centroids, municipalities);
}
