// @ts-check
// Runs inside a peer page (page.evaluate): the same changes in the same order
// as in-page.js does on ours, through the page's window.__peer. A peer applies
// a change synchronously ("applied"); it is on screen at the second animation
// frame after that (under SwiftShader WebGL drawing finishes in the GPU
// process after the first).

/** @param {{ rounds: number, nodeIds: string[], themes: string[] }} options */
export async function measurePeer({ rounds, nodeIds, themes }) {
  const peer = /** @type {import('./harness.js').PeerApi} */ (/** @type {any} */ (window).__peer);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
  /** @type {Record<'filter'|'selection'|'hover', { applied: number[], onScreen: number[] }>} */
  const result = {
    filter: { applied: [], onScreen: [] },
    selection: { applied: [], onScreen: [] },
    hover: { applied: [], onScreen: [] }
  };
  /** @type {{ nodes: number, relations: number }[]} */
  const visible = [];
  /**
   * @param {'filter'|'selection'|'hover'} kind
   * @param {() => void} action
   */
  async function time(kind, action) {
    const t0 = performance.now();
    action();
    result[kind].applied.push(performance.now() - t0);
    await frame();
    await frame();
    result[kind].onScreen.push(performance.now() - t0);
  }
  for (let i = 0; i < rounds; i++) {
    for (const theme of [themes[i % themes.length] ?? null, null]) {
      await time('filter', () => peer.filter(theme));
      if (i === 0)
        visible.push(/** @type {{ nodes: number, relations: number }} */ (peer.counts()));
    }
    await time('selection', () => peer.select(nodeIds[(i * 7919) % nodeIds.length] ?? null));
    await time('hover', () => peer.hover(nodeIds[(i * 104729 + 1) % nodeIds.length] ?? null));
    peer.hover(null);
    await frame();
  }
  peer.select(null);
  return { samples: result, visible };
}

/** The WebGL renderer string of the browser the page runs in. */
export function webglRenderer() {
  const gl = document.createElement('canvas').getContext('webgl');
  if (!gl) return 'no WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
