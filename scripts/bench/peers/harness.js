// @ts-check
// What every peer page shares: its data (written by the bench next to the
// page, the same nodes, relations and positions as ours), the page's ready
// flag, and the API the bench drives (window.__peer). Runs in the browser.

/**
 * @typedef {{ id: string, kind: string, color: string, themes: string[], x: number, y: number, lon: number, lat: number }} PeerNode
 * @typedef {{ id: string, source: string, target: string, color: string }} PeerRelation
 * @typedef {{ scale: string, geo: { municipalities: string, county: string }, themes: string[], nodes: PeerNode[], relations: PeerRelation[] }} PeerData
 * @typedef {{ select(id: string | null): void, filter(theme: string | null): void, hover(id: string | null): void, counts(): { nodes: number, relations: number } | null }} PeerApi
 */

/** @returns {Promise<PeerData>} */
export async function loadData() {
  const scale = new URLSearchParams(location.search).get('scale') ?? 'county';
  const response = await fetch(`./data-${scale}.json`);
  if (!response.ok) throw new Error(`data-${scale}.json: HTTP ${response.status}`);
  return response.json();
}

/** Neighbours and incident relations of each node: the neighbourhood a selection highlights. */
/** @param {PeerData} data */
export function adjacency(data) {
  /** @type {Map<string, { nodes: string[], relations: string[] }>} */
  const around = new Map(data.nodes.map((n) => [n.id, { nodes: [], relations: [] }]));
  for (const r of data.relations) {
    around.get(r.source)?.nodes.push(r.target);
    around.get(r.source)?.relations.push(r.id);
    around.get(r.target)?.nodes.push(r.source);
    around.get(r.target)?.relations.push(r.id);
  }
  return around;
}

export const frame = () =>
  new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * Publishes the API once the first picture is on screen (two frames after it
 * was drawn, as every change is timed).
 * @param {PeerApi} api
 */
export async function ready(api) {
  await frame();
  await frame();
  /** @type {any} */ (window).__peer = api;
  document.body.dataset.ready = 'true';
}

/** Shown to the bench when the page fails. */
/** @param {unknown} error */
export function fail(error) {
  document.body.dataset.error = error instanceof Error ? error.message : String(error);
  throw error;
}
