// Cytoscape and its fcose layout load on first use (they are ~140 KB gz), once.
import type cytoscape from 'cytoscape';

let loading: Promise<typeof cytoscape> | null = null;

export function loadCytoscape(): Promise<typeof cytoscape> {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(
    ([{ default: core }, { default: fcose }]) => {
      core.use(fcose);
      return core;
    }
  );
  // A failed download may succeed on the next attempt.
  loading.catch(() => (loading = null));
  return loading;
}
