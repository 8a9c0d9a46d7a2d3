// Whether to expose internals (the explorer state, the MapLibre map, the
// Cytoscape core) on window for e2e tests and the benchmark: in development, or
// when the page was opened with `?test` (remembered for the tab).
const KEY = 'regionkartan.test';

export function testHookEnabled(): boolean {
  if (import.meta.env.DEV) return true;
  try {
    if (new URLSearchParams(location.search).has('test')) {
      sessionStorage.setItem(KEY, '1');
      return true;
    }
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false; // storage blocked
  }
}

/** Options read once from the page address, for the benchmark: `?webgl` uses Cytoscape's WebGL renderer. */
export function requestedGraphRenderer(): { webgl: boolean } {
  try {
    return { webgl: new URLSearchParams(location.search).has('webgl') };
  } catch {
    return { webgl: false };
  }
}

/** Puts `value` on window under `name` while hooks are enabled; returns the removal. */
export function exposeOnWindow(name: string, value: unknown): () => void {
  if (!testHookEnabled()) return () => {};
  const w = window as unknown as Record<string, unknown>;
  w[name] = value;
  return () => {
    if (w[name] === value) delete w[name];
  };
}
