// For e2e tests and the benchmark: the Cytoscape core on window, only in dev
// builds or when the page URL has ?test.
import type { Core } from 'cytoscape';

declare global {
  interface Window {
    __regionkartanGraph?: Core;
  }
}

export function exposeForTests(cy: Core): () => void {
  if (!import.meta.env.DEV && !new URL(location.href).searchParams.has('test')) return () => {};
  window.__regionkartanGraph = cy;
  return () => {
    if (window.__regionkartanGraph === cy) delete window.__regionkartanGraph;
  };
}
