// How each kind of node and relation looks — one table that the map, the graph
// and the legend all read, so the two views always match their legend. The
// colours, shapes and dashes are part of each kind's facts (lib/domain/kinds);
// the arrow, the arc and the spoke follow from the kind's traits.
import {
  NODE_KIND_FACTS,
  NODE_KINDS,
  RELATION_KIND_FACTS,
  RELATION_KINDS,
  type NodeKind,
  type NodeShape,
  type RelationKind
} from '$lib/domain/kinds';
import type { RelationRow } from '$lib/domain/model';

export type { NodeShape };

export interface NodeAppearance {
  color: string;
  shape: NodeShape;
}

/** Colours have at least 4.5:1 contrast against white. */
export const NODE_APPEARANCE = Object.fromEntries(
  NODE_KINDS.map((kind) => [kind, NODE_KIND_FACTS[kind].look])
) as Record<NodeKind, NodeAppearance>;

export interface RelationAppearance {
  color: string;
  /** Dash pattern in line widths; null = solid. */
  dash: [number, number] | null;
  /** Base line width in px. */
  width: number;
  /** Directed kinds have an arrow head, except memberships (spokes). */
  arrow: boolean;
  /** Drawn as a curved arc (flows) rather than a straight line. */
  curved: boolean;
  /** Drawn as a thin spoke to the network/project hub (memberships). */
  spoke: boolean;
}

export const RELATION_APPEARANCE = Object.fromEntries(
  RELATION_KINDS.map((kind): [RelationKind, RelationAppearance] => {
    const facts = RELATION_KIND_FACTS[kind];
    return [
      kind,
      {
        ...facts.look,
        arrow: !facts.symmetric && !facts.membership,
        curved: facts.flow,
        spoke: facts.membership
      }
    ];
  })
) as Record<RelationKind, RelationAppearance>;

/**
 * Network overlaps (shared members) drawn over the graph: not a relation kind, so
 * a colour no relation or node kind uses, translucent so the member lines under a
 * thick band still show; blended over the graph's background it keeps 3:1.
 */
/** A workshop proposal (not yet a node): a dashed outline in violet, on the map and in the graph. */
export const PROPOSAL_APPEARANCE = { color: '#7a3e9d', fill: '#f6eefa', text: '#3d1f4f' } as const;

export const OVERLAP_APPEARANCE = { color: '#3949ab', opacity: 0.75, maxWidth: 12 } as const;
/** Computed twin edges (dashed, in the twins' own colour; not a relation kind's look). */
export const TWIN_APPEARANCE = { color: '#b35900' } as const;
/** Relations summed between municipalities at overview (aggregate.ts), on the map and in the graph. */
export const SUM_APPEARANCE = { color: '#455a64', opacity: 0.6 } as const;

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

/** The largest magnitude of the flows among the relations (0 when none is known). */
export function largestFlow(relations: readonly Pick<RelationRow, 'kind' | 'magnitude'>[]): number {
  let largest = 0;
  for (const r of relations) {
    if (RELATION_KIND_FACTS[r.kind].flow && r.magnitude !== null) {
      largest = Math.max(largest, r.magnitude);
    }
  }
  return largest;
}

/**
 * Line width for a flow: thin when the magnitude is unknown, growing with the
 * square root of the magnitude relative to the largest flow shown.
 */
export function flowWidth(magnitude: number | null, maxMagnitude: number): number {
  if (magnitude === null || !(maxMagnitude > 0)) return 1.5;
  return 2 + 10 * Math.sqrt(Math.max(0, magnitude) / maxMagnitude);
}
