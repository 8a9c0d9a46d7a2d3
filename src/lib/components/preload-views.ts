// The map's and the graph's libraries, asked for as soon as a page that shows them
// starts: they download and compile, and MapLibre starts its workers (prewarm), while
// the map's data loads instead of after it (the views mount only once the data is
// there). A failure is left to the view, which asks again and says what went wrong.
import { loadCytoscape } from '$lib/graph/load';
import { loadMaplibre } from '$lib/map/load-maplibre';

export function preloadViews(): void {
  loadMaplibre()
    .then((maplibre) => maplibre.prewarm())
    .catch(() => {});
  loadCytoscape().catch(() => {});
}
