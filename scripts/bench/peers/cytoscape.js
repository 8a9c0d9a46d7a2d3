// @ts-check
// Peer: bare Cytoscape on our elements at our graph's positions (preset),
// tuned as its performance guide says: haystack edges, no labels, no arrows,
// pixel ratio 1, edges hidden and a texture used while the viewport moves,
// every change in one cy.batch().
import cytoscape from 'cytoscape';
import { adjacency, fail, loadData, ready } from './harness.js';
import { sizeLikeOurs } from './size.js';

async function main() {
  const container = /** @type {HTMLElement} */ (document.getElementById('graph'));
  sizeLikeOurs(container);
  const data = await loadData();
  const around = adjacency(data);
  const themesOf = new Map(data.nodes.map((n) => [n.id, new Set(n.themes)]));
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((n) => ({
        group: /** @type {const} */ ('nodes'),
        data: { id: n.id, color: n.color },
        position: { x: n.x, y: n.y }
      })),
      ...data.relations.map((r) => ({
        group: /** @type {const} */ ('edges'),
        data: { id: r.id, source: r.source, target: r.target, color: r.color }
      }))
    ],
    layout: { name: 'preset', fit: true, padding: 30 },
    style: [
      { selector: 'node', style: { width: 10, height: 10, 'background-color': 'data(color)' } },
      {
        selector: 'edge',
        style: {
          'curve-style': 'haystack',
          'haystack-radius': 0,
          width: 1,
          'line-color': 'data(color)'
        }
      },
      {
        selector: '.hl',
        style: { 'background-color': '#ffb000', 'line-color': '#ffb000', 'z-index': 10 }
      },
      { selector: '.hover', style: { 'border-width': 3, 'border-color': '#1b1f23' } },
      { selector: '.hidden', style: { display: 'none' } }
    ],
    pixelRatio: 1,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    motionBlur: false,
    boxSelectionEnabled: false,
    autounselectify: true,
    minZoom: 0.02,
    maxZoom: 4
  });

  /** @type {import('cytoscape').CollectionReturnValue} */
  let highlighted = cy.collection();
  /** @type {import('cytoscape').CollectionReturnValue} */
  let hovered = cy.collection();
  await ready({
    select(id) {
      cy.batch(() => {
        highlighted.removeClass('hl');
        highlighted = cy.collection();
        const a = id ? around.get(id) : undefined;
        if (!id || !a) return;
        for (const other of [id, ...a.nodes, ...a.relations])
          highlighted.merge(cy.getElementById(other));
        highlighted.addClass('hl');
      });
    },
    filter(theme) {
      // A node passes when it has the theme; an edge is hidden with either end.
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          n.toggleClass('hidden', !!theme && !themesOf.get(n.id())?.has(theme));
        });
      });
    },
    hover(id) {
      cy.batch(() => {
        hovered.removeClass('hover');
        hovered = id ? cy.getElementById(id) : cy.collection();
        hovered.addClass('hover');
      });
    },
    counts() {
      const nodes = cy.nodes().filter((n) => !n.hasClass('hidden'));
      const edges = cy
        .edges()
        .filter((e) => !e.source().hasClass('hidden') && !e.target().hasClass('hidden'));
      return { nodes: nodes.length, relations: edges.length };
    }
  });
}

main().catch(fail);
