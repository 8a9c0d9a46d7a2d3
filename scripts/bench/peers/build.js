// @ts-check
// Builds the peer pages (bare MapLibre, bare Cytoscape, sigma.js + graphology)
// from node_modules with Vite into a directory of their own: no network.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const PEERS = /** @type {const} */ (['maplibre', 'cytoscape', 'sigma']);

/** @param {string} outDir */
export async function buildPeers(outDir) {
  const root = fileURLToPath(new URL('.', import.meta.url));
  await build({
    root,
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      rollupOptions: {
        input: Object.fromEntries(PEERS.map((p) => [p, `${root}/${p}.html`]))
      }
    }
  });
}
