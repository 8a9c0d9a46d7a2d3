// @ts-check
// Ours beside the peers: one row per scale and metric with each figure and the
// ratio ours / peer; the WebGL renderer string of every page; the targets of
// issue 14 checked against the figures. Pure: results in, rows out.

export const PEER_NAMES = /** @type {const} */ (['maplibre', 'cytoscape', 'sigma']);
const OPERATIONS = /** @type {const} */ (['selection', 'filter', 'hover']);

/**
 * @typedef {{ median: number, p95: number }} Stat
 * @typedef {{ scale: string, metric: string, ours: number | null,
 *   peers: Record<string, number | null>, ratios: Record<string, number | null>,
 *   best: string | null, ratioToBest: number | null }} Row
 */

const ratio = (/** @type {number | null} */ a, /** @type {number | null | undefined} */ b) =>
  a !== null && b != null && b > 0 ? Math.round((a / b) * 100) / 100 : null;

/** @param {any} entry @param {string} path */
function pick(entry, path) {
  let value = entry;
  for (const part of path.split('.')) value = value?.[part];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The metrics compared, as [name, path in ours, path in a peer's result].
 * Ours' and the peers' on-screen times follow the same rule (in-page.js).
 */
const METRICS = [
  ['load to interactive', 'loadToInteractiveMs', 'loadToInteractiveMs'],
  ['JS heap MB', 'jsHeapUsedMB', 'jsHeapUsedMB'],
  ...OPERATIONS.flatMap((op) => [
    [`${op} on screen median`, `${op}.onScreen.median`, `${op}.onScreen.median`],
    [`${op} on screen p95`, `${op}.onScreen.p95`, `${op}.onScreen.p95`],
    [`${op} applied median`, `${op}.applied.median`, `${op}.applied.median`],
    [`${op} applied p95`, `${op}.applied.p95`, `${op}.applied.p95`]
  ]),
  // While all the changes above were made: the main thread's longest frame, and
  // the longest drawing in one (long-frames.js).
  ['longest frame', 'longFrames.blocked.max', 'longFrames.blocked.max'],
  ['longest drawing', 'longFrames.drawing.max', 'longFrames.drawing.max']
];

/** @param {Record<string, any>} results keyed 'scale/canvas', 'scale/webgl', 'scale/peers' */
export function compare(results) {
  /** @type {Row[]} */
  const rows = [];
  /** @type {Record<string, string>} */
  const renderers = {};
  for (const [key, entry] of Object.entries(results)) {
    if (key.endsWith('/peers')) {
      for (const [name, peer] of Object.entries(entry ?? {})) {
        if (peer?.webglRenderer)
          renderers[`${key.slice(0, -'s'.length)}/${name}`] = peer.webglRenderer;
      }
    } else if (entry?.webglRenderer) renderers[key] = entry.webglRenderer;
  }
  for (const key of Object.keys(results).filter((k) => k.endsWith('/canvas'))) {
    const scale = key.slice(0, -'/canvas'.length);
    const ours = results[key];
    const peers = results[`${scale}/peers`] ?? {};
    for (const [metric, oursPath, peerPath] of METRICS) {
      const mine = pick(ours, /** @type {string} */ (oursPath));
      /** @type {Record<string, number | null>} */
      const figures = {};
      for (const name of PEER_NAMES)
        figures[name] = pick(peers[name], /** @type {string} */ (peerPath));
      // The map peer stands beside our map, the graph peers beside our graph;
      // "best" is the fastest (smallest) of them.
      const known = PEER_NAMES.filter((n) => figures[n] !== null);
      const best = known.length
        ? known.reduce((a, b) =>
            /** @type {number} */ (figures[b]) < /** @type {number} */ (figures[a]) ? b : a
          )
        : null;
      rows.push({
        scale,
        metric: /** @type {string} */ (metric),
        ours: mine,
        peers: figures,
        ratios: Object.fromEntries(PEER_NAMES.map((n) => [n, ratio(mine, figures[n])])),
        best,
        ratioToBest: best ? ratio(mine, figures[best]) : null
      });
    }
  }
  return { rows, renderers };
}

/** @param {Row[]} rows */
export function formatTable(rows) {
  const cell = (/** @type {number | null} */ n) =>
    n === null ? '—' : String(Math.round(n * 100) / 100);
  const header = [
    'scale',
    'metric',
    'ours',
    ...PEER_NAMES,
    ...PEER_NAMES.map((n) => `÷${n}`),
    'best',
    '÷best'
  ];
  const lines = rows.map((r) => [
    r.scale,
    r.metric,
    cell(r.ours),
    ...PEER_NAMES.map((n) => cell(r.peers[n] ?? null)),
    ...PEER_NAMES.map((n) => cell(r.ratios[n] ?? null)),
    r.best ?? '—',
    cell(r.ratioToBest)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const format = (/** @type {string[]} */ l) =>
    l.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

/**
 * The longest drawing in one frame on any of these pages, or null when one was not measured.
 * @param {Record<string, any>} results
 * @param {string[]} keys
 */
function longestDrawing(results, keys) {
  const figures = keys.map((k) => pick(results[k], 'longFrames.drawing.max'));
  return figures.some((f) => f === null) ? null : Math.max(.../** @type {number[]} */ (figures));
}

/**
 * Issue 14's targets, each true, false or null (not measured). "On screen" is
 * compared with the fastest peer; county operations within 1.5× of it.
 * @param {Record<string, any>} results
 */
export function targets(results) {
  const { rows } = compare(results);
  const row = (/** @type {string} */ scale, /** @type {string} */ metric) =>
    rows.find((r) => r.scale === scale && r.metric === metric);
  const atMost = (/** @type {number | null | undefined} */ v, /** @type {number} */ limit) =>
    v === null || v === undefined ? null : v <= limit;
  const national = results['national/canvas'];
  const mapPeerLoad = row('county', 'load to interactive')?.peers.maplibre ?? null;
  return {
    nationalLoadUnder10s: atMost(national?.loadToInteractiveMs, 10_000),
    nationalHeapUnder250MB: atMost(national?.jsHeapUsedMB, 250),
    nationalSelectionAppliedP95Under100ms: atMost(national?.selection?.applied?.p95, 100),
    nationalFilterAppliedP95Under300ms: atMost(national?.filter?.applied?.p95, 300),
    nationalHoverAppliedP95Under50ms: atMost(national?.hover?.applied?.p95, 50),
    ...Object.fromEntries(
      OPERATIONS.map((op) => {
        const r = row('national', `${op} on screen median`);
        return [
          `national${op[0]?.toUpperCase()}${op.slice(1)}OnScreenFasterThanBestPeer`,
          r?.ratioToBest == null ? null : r.ratioToBest < 1
        ];
      })
    ),
    countyLoadWithin1_5xMapLibre:
      mapPeerLoad === null
        ? null
        : atMost(results['county/canvas']?.loadToInteractiveMs, 1.5 * mapPeerLoad),
    ...Object.fromEntries(
      OPERATIONS.map((op) => {
        const r = row('county', `${op} on screen median`);
        return [
          `county${op[0]?.toUpperCase()}${op.slice(1)}OnScreenWithin1_5xBestPeer`,
          r?.ratioToBest == null ? null : r.ratioToBest <= 1.5
        ];
      })
    ),
    mainThreadNeverBlockedOver200msByDrawing: atMost(
      longestDrawing(results, ['county/canvas', 'national/canvas']),
      200
    )
  };
}
