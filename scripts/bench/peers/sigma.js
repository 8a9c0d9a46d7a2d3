// @ts-check
// Peer: sigma.js (the engine of Gephi Lite) on a graphology graph with our
// elements at our graph's positions. State lives in the page; sigma's reducers
// turn it into what is drawn, and a selection or hover refreshes only the
// nodes and edges it touches (refresh's partialGraph). No labels, like the
// Cytoscape peer.
import { MultiGraph } from 'graphology';
import Sigma from 'sigma';
import { adjacency, fail, loadData, ready } from './harness.js';
import { sizeLikeOurs } from './size.js';

const HIGHLIGHT = '#ffb000';

async function main() {
  const container = /** @type {HTMLElement} */ (document.getElementById('graph'));
  sizeLikeOurs(container);
  const data = await loadData();
  const around = adjacency(data);
  const graph = new MultiGraph();
  // Our graph's y grows downwards; sigma's upwards.
  for (const n of data.nodes) graph.addNode(n.id, { x: n.x, y: -n.y, size: 3, color: n.color });
  for (const r of data.relations) {
    graph.addEdgeWithKey(r.id, r.source, r.target, { size: 0.5, color: r.color });
  }
  const themesOf = new Map(data.nodes.map((n) => [n.id, new Set(n.themes)]));

  /** @type {string | null} */ let theme = null;
  /** @type {Set<string>} */ let lit = new Set();
  /** @type {string | null} */ let hovered = null;
  const passes = (/** @type {string} */ id) => !theme || !!themesOf.get(id)?.has(theme);

  const sigma = new Sigma(graph, container, {
    settings: { renderLabels: false, hideEdgesOnMove: true },
    nodeReducer: (key) => {
      if (!passes(key)) return { visibility: 'hidden' };
      if (key === hovered) return { color: '#1b1f23', size: 5 };
      return lit.has(key) ? { color: HIGHLIGHT, size: 4 } : {};
    },
    edgeReducer: (key) => {
      if (!passes(graph.source(key)) || !passes(graph.target(key))) return { visibility: 'hidden' };
      return lit.has(key) ? { color: HIGHLIGHT, size: 1 } : {};
    }
  });

  /** @param {Iterable<string>} ids */
  const split = (ids) => {
    /** @type {string[]} */ const nodes = [];
    /** @type {string[]} */ const edges = [];
    for (const id of ids) (graph.hasNode(id) ? nodes : edges).push(id);
    return { nodes, edges };
  };

  await ready({
    select(id) {
      const before = lit;
      const a = id ? around.get(id) : undefined;
      lit = id && a ? new Set([id, ...a.nodes, ...a.relations]) : new Set();
      sigma.refresh({ partialGraph: split(new Set([...before, ...lit])), skipIndexation: true });
    },
    filter(next) {
      theme = next;
      sigma.refresh({ skipIndexation: true });
    },
    hover(id) {
      const touched = [hovered, id].filter((x) => x !== null);
      hovered = id;
      sigma.refresh({ partialGraph: { nodes: touched }, skipIndexation: true });
    },
    counts() {
      let nodes = 0;
      let relations = 0;
      graph.forEachNode((n) => void (passes(n) && nodes++));
      graph.forEachEdge((e, _a, s, t) => void (passes(s) && passes(t) && relations++));
      return { nodes, relations };
    }
  });
}

main().catch(fail);
