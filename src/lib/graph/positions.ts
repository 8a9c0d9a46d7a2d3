// Preset positions for the geographic and hierarchy layouts of a dataset, and
// fcose's for large graphs (from a worker). The geographic one places nodes
// exactly as the map does (placeNodes, on the same geography) and loads the
// municipality centroids once per geography, from the app's own static files.
import type { Dataset } from '$lib/domain/model';
import type { Layout } from '$lib/explorer/url-state';
import { GEOGRAPHIES, geographyFor, type GeographyName } from '$lib/geo/geographies';
import { loadCentroids, placeNodes, type Centroids } from '$lib/geo/placement';
import { buildElements } from './elements';
import { geoPositions } from './geo';
import { hierarchyPositions, type Point } from './hierarchy';
import { storedPicture, withRowsBelow } from './layouts';
import { fcoseInWorker, FCOSE_WORKER_ABOVE } from './layout-worker';

const centroids = new Map<GeographyName, Promise<Centroids>>();

function loadOnce(
  geography: GeographyName,
  resolvePath: (path: string) => string
): Promise<Centroids> {
  let loading = centroids.get(geography);
  if (!loading) {
    loading = loadCentroids(resolvePath, fetch, undefined, GEOGRAPHIES[geography]).catch(
      (error: unknown) => {
        // Without centroids, nodes with their own lon/lat still sit right.
        console.error('Regionkartan: municipality centroids could not be loaded', error);
        centroids.delete(geography);
        return new Map();
      }
    );
    centroids.set(geography, loading);
  }
  return loading;
}

/**
 * Positions for a preset layout; for fcose the stored picture when one was
 * stored (no layout runs; nodes added since go beside their neighbours), else on a large graph fcose's
 * (computed off the main thread); undefined for fcose on a small one (the view
 * lays it out).
 */
export async function layoutPositions(
  layout: Layout,
  dataset: Dataset,
  resolvePath: (path: string) => string
): Promise<Map<string, Point> | undefined> {
  const ids = dataset.nodes.map((n) => n.id);
  if (layout === 'hierarchy') return hierarchyPositions(dataset.nodes, dataset.relations);
  if (layout === 'geo') {
    const places = placeNodes(
      dataset.nodes,
      await loadOnce(geographyFor(dataset.nodes), resolvePath)
    );
    return withRowsBelow(ids, geoPositions(places, { width: 1100, spread: 30 }));
  }
  return storedPicture(dataset.nodes, dataset.relations, dataset.positions) ?? freshFcose(dataset);
}

/** fcose from scratch: on a large graph computed in a worker, else undefined (the view lays it out). */
export async function freshFcose(dataset: Dataset): Promise<Map<string, Point> | undefined> {
  return dataset.nodes.length > FCOSE_WORKER_ABOVE
    ? fcoseInWorker(buildElements(dataset))
    : undefined;
}
