// For e2e tests and the benchmark: the Cytoscape core as window.__regionkartanGraph
// while test hooks are enabled (see $lib/test-hooks).
import type { Core } from 'cytoscape';
import { exposeOnWindow } from '$lib/test-hooks';

declare global {
  interface Window {
    __regionkartanGraph?: Core;
  }
}

export function exposeForTests(cy: Core): () => void {
  return exposeOnWindow('__regionkartanGraph', cy);
}
