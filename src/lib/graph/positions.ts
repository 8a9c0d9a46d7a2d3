// Preset positions for the geographic and hierarchy layouts of a dataset, and
// fcose's for large graphs (from a worker). The geographic one places nodes
// exactly as the map does (placeNodes) and loads the municipality centroids
// once, from the app's own static files.
import type { Dataset } from '$lib/domain/model';
import type { Layout } from '$lib/explorer/url-state';
import { loadCentroids, placeNodes, type Centroids } from '$lib/geo/placement';
import { buildElements } from './elements';
import { geoPositions } from './geo';
import { hierarchyPositions, type Point } from './hierarchy';
import { withRowsBelow } from './layouts';
import { fcoseInWorker, FCOSE_WORKER_ABOVE } from './layout-worker';

let centroids: Promise<Centroids> | null = null;

function loadOnce(resolvePath: (path: string) => string): Promise<Centroids> {
  centroids ??= loadCentroids(resolvePath).catch((error: unknown) => {
    // Without centroids, nodes with their own lon/lat still sit right.
    console.error('Regionkartan: municipality centroids could not be loaded', error);
    centroids = null;
    return new Map();
  });
  return centroids;
}

/**
 * Positions for a preset layout, and for fcose on a large graph (computed off
 * the main thread); undefined for fcose on a small one (the view lays it out).
 */
export async function layoutPositions(
  layout: Layout,
  dataset: Dataset,
  resolvePath: (path: string) => string
): Promise<Map<string, Point> | undefined> {
  const ids = dataset.nodes.map((n) => n.id);
  if (layout === 'hierarchy') return hierarchyPositions(dataset.nodes, dataset.relations);
  if (layout === 'geo') {
    const places = placeNodes(dataset.nodes, await loadOnce(resolvePath));
    return withRowsBelow(ids, geoPositions(places, { width: 1100, spread: 30 }));
  }
  if (dataset.nodes.length > FCOSE_WORKER_ABOVE) return fcoseInWorker(buildElements(dataset));
  return undefined;
}
