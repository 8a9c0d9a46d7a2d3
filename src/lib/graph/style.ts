// The Cytoscape stylesheet, generated from the shared appearance table so the
// graph, the map and the legend always agree. Pure: only Cytoscape's types.
import type { StylesheetStyle } from 'cytoscape';
import { NODE_KINDS, RELATION_KINDS } from '$lib/domain/kinds';
import { HIGHLIGHT, NODE_APPEARANCE, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { UNKNOWN_MAGNITUDE } from './elements';

/** Classes the view toggles from the explorer state. */
export const STATE_CLASSES = ['hidden', 'dimmed', 'hovered', 'selected'] as const;
export type StateClass = (typeof STATE_CLASSES)[number];

const TEXT = '#1a1a1a';
const NODE_SIZE = 26;
/** How far a flow arcs sideways (px); A→B and B→A arc to opposite sides. */
const FLOW_ARC = 28;

function nodeKindStyles(): StylesheetStyle[] {
  return NODE_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: {
      'background-color': NODE_APPEARANCE[kind].color,
      shape: NODE_APPEARANCE[kind].shape,
      ...(kind === 'municipality' ? { width: NODE_SIZE * 1.3, height: NODE_SIZE * 1.3 } : {})
    }
  }));
}

function relationKindStyles(): StylesheetStyle[] {
  return RELATION_KINDS.map((kind) => {
    const look = RELATION_APPEARANCE[kind];
    return {
      selector: `edge[kind = "${kind}"]`,
      style: {
        'line-color': look.color,
        'target-arrow-color': look.color,
        'target-arrow-shape': look.arrow ? 'triangle' : 'none',
        'line-style': look.dash ? 'dashed' : 'solid',
        ...(look.dash ? { 'line-dash-pattern': look.dash } : {}),
        ...(look.curved
          ? {
              'curve-style': 'unbundled-bezier',
              'control-point-distances': [FLOW_ARC],
              'control-point-weights': [0.5]
            }
          : {}),
        ...(look.spoke ? { opacity: 0.7 } : {})
      }
    };
  });
}

export function graphStyle(): StylesheetStyle[] {
  return [
    {
      selector: 'node',
      style: {
        width: NODE_SIZE,
        height: NODE_SIZE,
        label: 'data(label)',
        color: TEXT,
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': '#ffffff'
      }
    },
    ...nodeKindStyles(),
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'curve-style': 'bezier',
        'arrow-scale': 0.9,
        'line-cap': 'round'
      }
    },
    ...relationKindStyles(),
    {
      selector: `edge.${UNKNOWN_MAGNITUDE}`,
      style: {
        width: 1,
        label: '?',
        'font-size': 11,
        'font-weight': 'bold',
        color: TEXT,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 7
      }
    },
    {
      selector: 'node.hovered',
      style: { 'border-width': 4, 'border-color': HIGHLIGHT.hover }
    },
    {
      selector: 'edge.hovered',
      style: { 'line-color': HIGHLIGHT.hover, 'target-arrow-color': HIGHLIGHT.hover, opacity: 1 }
    },
    {
      selector: 'node.selected',
      style: { 'border-width': 5, 'border-color': HIGHLIGHT.selected, 'font-weight': 'bold' }
    },
    {
      selector: 'edge.selected',
      style: {
        'line-color': HIGHLIGHT.selected,
        'target-arrow-color': HIGHLIGHT.selected,
        opacity: 1,
        'z-index': 10
      }
    },
    { selector: '.dimmed', style: { opacity: HIGHLIGHT.dimmedOpacity } },
    { selector: '.hidden', style: { display: 'none' } }
  ];
}
