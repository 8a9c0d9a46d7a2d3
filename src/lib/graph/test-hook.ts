// For e2e tests and the benchmark: the Cytoscape core as window.__regionkartanGraph
// and where every node is (culled or hidden ones too, which the core does not hold)
// as window.__regionkartanGraphPositions() while test hooks are enabled (see $lib/test-hooks).
import type { Core } from 'cytoscape';
import { exposeOnWindow } from '$lib/test-hooks';
import type { Point } from './hierarchy';

declare global {
  interface Window {
    __regionkartanGraph?: Core;
    __regionkartanGraphPositions?: () => Record<string, Point>;
  }
}

export function exposeForTests(graph: { cy: Core; positions(): Map<string, Point> }): () => void {
  const offCore = exposeOnWindow('__regionkartanGraph', graph.cy);
  const offPositions = exposeOnWindow('__regionkartanGraphPositions', () =>
    Object.fromEntries(graph.positions())
  );
  return () => {
    offCore();
    offPositions();
  };
}
