// MapLibre is loaded on demand (it is large), once, with its worker URL set so
// the map also loads in a production build, and with its stylesheet.
type MapLibre = typeof import('maplibre-gl');

let loading: Promise<MapLibre> | null = null;

export function loadMaplibre(): Promise<MapLibre> {
  loading ??= Promise.all([
    import('maplibre-gl'),
    import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
    import('maplibre-gl/dist/maplibre-gl.css')
  ]).then(([lib, worker]) => {
    lib.setWorkerUrl(worker.default);
    return lib;
  });
  loading.catch(() => (loading = null)); // allow a retry after a failed chunk load
  return loading;
}
