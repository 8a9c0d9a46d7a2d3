// Sweden's 290 municipalities (static/geo/sverige-kommuner.geojson, SCB): their
// codes and names, for indicator imports beyond the county and twins on the map of
// Sweden. The file is loaded once per page.
export const SWEDEN_PATH = '/geo/sverige-kommuner.geojson';

export interface SwedishMunicipality {
  code: string;
  name: string;
}

/** The municipalities of a GeoJSON with properties kommunkod and namn, by code. */
export function parseSweden(geojson: unknown): SwedishMunicipality[] {
  const features = (geojson as { features?: unknown })?.features;
  if (!Array.isArray(features)) return [];
  return features.flatMap((f: { properties?: Record<string, unknown> | null }) => {
    const code = f?.properties?.kommunkod;
    const name = f?.properties?.namn;
    return typeof code === 'string' ? [{ code, name: typeof name === 'string' ? name : code }] : [];
  });
}

let loaded: Promise<SwedishMunicipality[]> | null = null;

/** Loads Sweden's municipalities once; a failed load is tried again next time. */
export function loadSweden(
  resolvePath: (path: string) => string,
  fetchFn: typeof fetch = fetch
): Promise<SwedishMunicipality[]> {
  loaded ??= fetchFn(resolvePath(SWEDEN_PATH))
    .then((response) => {
      if (!response.ok) throw new Error(`Could not load ${SWEDEN_PATH}: HTTP ${response.status}`);
      return response.json();
    })
    .then(parseSweden)
    .catch((error: unknown) => {
      loaded = null;
      throw error;
    });
  return loaded;
}
