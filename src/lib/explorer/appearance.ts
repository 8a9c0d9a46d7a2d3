// How each kind of node and relation looks — one table that the map, the graph
// and the legend all read, so the two views always match their legend.
import type { NodeKind, RelationKind } from '$lib/domain/kinds';

/** Shapes both views can draw (Cytoscape names; the map draws them as icons). */
export type NodeShape = 'hexagon' | 'rectangle' | 'ellipse' | 'diamond' | 'triangle' | 'star';

export interface NodeAppearance {
  color: string;
  shape: NodeShape;
}

/** Colours have at least 4.5:1 contrast against white. */
export const NODE_APPEARANCE: Record<NodeKind, NodeAppearance> = {
  municipality: { color: '#1f4e79', shape: 'hexagon' },
  organisation: { color: '#6b4c9a', shape: 'rectangle' },
  network: { color: '#2e6b30', shape: 'ellipse' },
  project: { color: '#a04f00', shape: 'diamond' },
  resource: { color: '#00695c', shape: 'triangle' },
  event: { color: '#ad1457', shape: 'star' }
};

export interface RelationAppearance {
  color: string;
  /** Dash pattern in line widths; null = solid. */
  dash: [number, number] | null;
  /** Base line width in px. */
  width: number;
  arrow: boolean;
  /** Drawn as a curved arc (flows) rather than a straight line. */
  curved: boolean;
  /** Drawn as a thin spoke to the network/project hub. */
  spoke: boolean;
}

export const RELATION_APPEARANCE: Record<RelationKind, RelationAppearance> = {
  flows_to: { color: '#c0392b', dash: null, width: 2, arrow: true, curved: true, spoke: false },
  similar_to: {
    color: '#7b1fa2',
    dash: [4, 3],
    width: 2,
    arrow: false,
    curved: false,
    spoke: false
  },
  member_of: { color: '#546e7a', dash: null, width: 1, arrow: false, curved: false, spoke: true },
  participates_in: {
    color: '#546e7a',
    dash: [1, 2],
    width: 1,
    arrow: false,
    curved: false,
    spoke: true
  },
  leads: { color: '#2e6b30', dash: null, width: 2, arrow: true, curved: false, spoke: false },
  hosts: { color: '#00695c', dash: null, width: 1.5, arrow: true, curved: false, spoke: false },
  assists: { color: '#5d4037', dash: null, width: 1.5, arrow: true, curved: false, spoke: false },
  prepares_for: {
    color: '#1565c0',
    dash: null,
    width: 2,
    arrow: true,
    curved: false,
    spoke: false
  },
  part_of: { color: '#37474f', dash: null, width: 1.5, arrow: true, curved: false, spoke: false },
  partner_of: {
    color: '#ad1457',
    dash: [6, 2],
    width: 1.5,
    arrow: false,
    curved: false,
    spoke: false
  },
  collaborates_with: {
    color: '#6d5d00',
    dash: [6, 2],
    width: 1.5,
    arrow: false,
    curved: false,
    spoke: false
  },
  funds: { color: '#33691e', dash: [2, 2], width: 1.5, arrow: true, curved: false, spoke: false }
};

/**
 * Network overlaps (shared members) drawn over the graph: not a relation kind, so
 * a colour no relation or node kind uses, translucent so the member lines under a
 * thick band still show; blended over the graph's background it keeps 3:1.
 */
export const OVERLAP_APPEARANCE = { color: '#3949ab', opacity: 0.75, maxWidth: 12 } as const;

/** Line width of an overlap: 2 + 2·√shared px (4 px for one shared member), capped. */
export function overlapWidth(shared: number): number {
  return Math.min(OVERLAP_APPEARANCE.maxWidth, 2 + 2 * Math.sqrt(Math.max(0, shared)));
}

/** Colours for selection, hover, dimming and gaps, shared by both views. */
export const HIGHLIGHT = {
  selected: '#ffb000',
  hover: '#0b7fd1',
  dimmedOpacity: 0.15
} as const;

/**
 * Line width for a flow: thin when the magnitude is unknown, growing with the
 * square root of the magnitude relative to the largest flow shown.
 */
export function flowWidth(magnitude: number | null, maxMagnitude: number): number {
  if (magnitude === null || !(maxMagnitude > 0)) return 1.5;
  return 2 + 10 * Math.sqrt(Math.max(0, magnitude) / maxMagnitude);
}
