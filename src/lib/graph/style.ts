// The Cytoscape stylesheet, generated from the shared appearance table so the
// graph, the map and the legend always agree. Pure: only Cytoscape's types.
import type { StylesheetStyle } from 'cytoscape';
import { NODE_KINDS, RELATION_KINDS, type NodeKind } from '$lib/domain/kinds';
import {
  HIGHLIGHT,
  NODE_APPEARANCE,
  OVERLAP_APPEARANCE,
  PROPOSAL_APPEARANCE,
  SUM_APPEARANCE,
  TWIN_APPEARANCE,
  RELATION_APPEARANCE
} from '$lib/explorer/appearance';
import { UNKNOWN_MAGNITUDE } from './elements';
import {
  HUB_KINDS,
  LABEL_FONT,
  LABEL_MARGIN_PX,
  LABEL_OUTLINE_PX,
  labelPx,
  unzoomed,
  WRAP_WIDTH_PX
} from './labels';
import { OVERLAP_CLASS, SUM_CLASS, TWIN_CLASS } from './overlay';
import { PROPOSAL_CLASS } from './proposals';

/** Classes the view toggles from the explorer state ('labelled': see labels.ts). */
export const STATE_CLASSES = [
  'hidden',
  'dimmed',
  'labelled',
  'hovered',
  'selected',
  'remote'
] as const;
/** Someone else has this selected (presence): a halo in their colour. */
export const REMOTE_HALO = '#b35c00';
export type StateClass = (typeof STATE_CLASSES)[number];

const TEXT = '#1a1a1a';
const NODE_SIZE = 26;
/** A node's width and height at zoom 1: municipalities and networks, the hubs, are larger. */
export const nodeSize = (kind: NodeKind): number =>
  HUB_KINDS.has(kind) ? NODE_SIZE * 1.3 : NODE_SIZE;
/** How far a flow arcs sideways (px); A→B and B→A arc to opposite sides. */
const FLOW_ARC = 28;

function nodeKindStyles(): StylesheetStyle[] {
  return NODE_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: {
      'background-color': NODE_APPEARANCE[kind].color,
      shape: NODE_APPEARANCE[kind].shape,
      // Municipalities and networks are the hubs: larger, and so are their labels.
      ...(HUB_KINDS.has(kind)
        ? { width: nodeSize(kind), height: nodeSize(kind), 'font-size': labelPx(kind) }
        : {})
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

export interface StyleOptions {
  /**
   * The screen's device pixel ratio: Cytoscape tests min-zoomed-font-size in
   * device pixels, so the thresholds scale with it to behave alike everywhere.
   */
  pixelRatio?: number;
  /**
   * A large graph (a national map): edges are drawn straight, without arrow
   * heads (Cytoscape's haystack edges, its fastest kind), since
   * every frame draws all of them. The map, list and details still tell the
   * direction.
   */
  large?: boolean;
}

/**
 * What keeps a label the same size on screen at `zoom` (see labels.ts): the
 * graph sets it on the labelled nodes as a style bypass after each zoom.
 */
export function labelStyle(kind: NodeKind, zoom: number): Record<string, number> {
  return {
    'font-size': unzoomed(labelPx(kind), zoom),
    'text-margin-y': unzoomed(LABEL_MARGIN_PX, zoom),
    'text-outline-width': unzoomed(LABEL_OUTLINE_PX, zoom),
    'text-max-width': unzoomed(WRAP_WIDTH_PX, zoom)
  };
}

/** Straight, arrowless edges for large graphs (see StyleOptions.large). */
const LARGE_EDGES: StylesheetStyle = {
  selector: 'edge',
  style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none' }
};

export function graphStyle({
  pixelRatio = 1,
  large = false
}: StyleOptions = {}): StylesheetStyle[] {
  const minFont = (px: number) => px * Math.max(1, pixelRatio);
  return [
    {
      selector: 'node',
      style: {
        width: NODE_SIZE,
        height: NODE_SIZE,
        // Only the labelled nodes (the culled set, see labels.ts) show a label;
        // sizes at zoom 1 here, kept on screen by labelStyle() when zoomed out.
        color: TEXT,
        'font-size': labelPx('organisation'),
        'font-family': LABEL_FONT,
        'text-valign': 'bottom',
        'text-margin-y': LABEL_MARGIN_PX,
        'text-outline-color': '#ffffff',
        'text-outline-width': LABEL_OUTLINE_PX,
        'text-max-width': `${WRAP_WIDTH_PX}px`,
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
    ...(large ? [LARGE_EDGES] : []),
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
        'min-zoomed-font-size': minFont(7)
      }
    },
    {
      // A workshop's proposal: not yet a node, so a dashed outline in its own colour.
      selector: `node.${PROPOSAL_CLASS}`,
      style: {
        shape: 'round-rectangle',
        width: 28,
        height: 28,
        'background-color': PROPOSAL_APPEARANCE.fill,
        'border-width': 3,
        'border-style': 'dashed',
        'border-color': PROPOSAL_APPEARANCE.color,
        label: 'data(label)',
        'font-size': 12,
        'font-weight': 'bold',
        color: PROPOSAL_APPEARANCE.text,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px'
      }
    },
    {
      // Network overlaps: a translucent band under its count, never an arrow.
      selector: `edge.${OVERLAP_CLASS}`,
      style: {
        'line-color': OVERLAP_APPEARANCE.color,
        opacity: OVERLAP_APPEARANCE.opacity,
        'target-arrow-shape': 'none',
        'line-cap': 'butt',
        label: 'data(label)',
        'font-size': 12,
        'font-weight': 'bold',
        color: TEXT,
        'text-background-color': '#ffffff',
        'text-background-opacity': 1,
        'text-background-shape': 'roundrectangle',
        'text-background-padding': '2px',
        'text-border-color': OVERLAP_APPEARANCE.color,
        'text-border-width': 1,
        'text-border-opacity': 1,
        'min-zoomed-font-size': minFont(7)
      }
    },
    {
      // Computed twins: dashed, no arrow, their rank as label; not saved relations.
      selector: `edge.${TWIN_CLASS}`,
      style: {
        'line-color': TWIN_APPEARANCE.color,
        'line-style': 'dashed',
        'line-dash-pattern': [2, 4],
        opacity: 1,
        'text-border-color': TWIN_APPEARANCE.color
      }
    },
    {
      // Relations summed between municipalities (large maps, detail.ts): as on the map, no label.
      selector: `edge.${SUM_CLASS}`,
      style: {
        'line-color': SUM_APPEARANCE.color,
        opacity: SUM_APPEARANCE.opacity,
        'line-cap': 'round',
        label: ''
      }
    },
    {
      // The culled set: one line each, shortened titles.
      selector: 'node.labelled',
      style: { label: 'data(short)' }
    },
    {
      // The whole title, wrapped, on hover (and keyboard focus in the list) and selection.
      selector: 'node.hovered, node.selected',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'z-index': 10
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
      style: {
        'border-width': 5,
        'border-color': HIGHLIGHT.selected,
        'font-weight': 'bold'
      }
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
    {
      selector: 'node.remote, edge.remote',
      style: { 'overlay-color': REMOTE_HALO, 'overlay-padding': 10, 'overlay-opacity': 0.3 }
    },
    { selector: '.dimmed', style: { opacity: HIGHLIGHT.dimmedOpacity } },
    { selector: '.hidden', style: { display: 'none' } }
  ];
}
