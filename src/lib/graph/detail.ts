// The graph's level of detail on a large map (isLargeGraph): Cytoscape is
// given only the relations someone is looking at — those of the
// selected and the hovered node, a selected or hovered relation, a focused
// neighbourhood and, zoomed in, those of the nodes in view — while all the
// visible relations are drawn summed between municipalities
// (explorer/aggregate.ts) as overlay edges between the municipality nodes, as
// the map does at overview. Tens of thousands of lines cost seconds a frame and
// most of the page's memory, and at overview they are a tangle anyway. Of the
// nodes, while many are visible, only the hubs and those looked at (culledNodeIds).
// Pure: no Cytoscape import.
import type { RelationRow, Selection } from '$lib/domain/model';
import { sumWidth, type Aggregate } from '$lib/explorer/aggregate';
import type { Neighbourhood } from '$lib/explorer/neighbourhood';
import type { GraphElement } from './elements';
import { HUB_KINDS } from './labels';
import { OVERLAP_CLASS, SUM_CLASS, type OverlayEdge } from './overlay';

/** Zoomed in so far that at most this many visible nodes are in view, their relations are drawn. */
export const IN_VIEW_MAX_NODES = 400;

export interface DetailInputs {
  /** The selection and the hover. */
  targets: readonly (Selection | null)[];
  focused: Neighbourhood | null;
  /** The visible nodes in view when zoomed in (at most IN_VIEW_MAX_NODES), else null. */
  inView: readonly string[] | null;
}

/** The relations a large graph draws in full. */
export function detailRelationIds(
  byNode: ReadonlyMap<string, readonly Pick<RelationRow, 'id'>[]>,
  { targets, focused, inView }: DetailInputs
): Set<string> {
  const ids = new Set<string>(focused?.relationIds);
  const ofNode = (id: string) => {
    for (const r of byNode.get(id) ?? []) ids.add(r.id);
  };
  for (const target of targets) {
    if (target?.type === 'node') ofNode(target.id);
    else if (target) ids.add(target.id);
  }
  for (const id of inView ?? []) ofNode(id);
  return ids;
}

/** What a large graph is given: every node (culledNodeIds leaves some out), and the edges drawn in full. */
export function detailElements(
  elements: readonly GraphElement[],
  detail: ReadonlySet<string>
): GraphElement[] {
  return elements.filter((el) => el.group === 'nodes' || detail.has(el.data.id));
}

/**
 * The nodes someone is looking at on a large graph: the selected and hovered
 * nodes, a focused neighbourhood's, the ends of the relations drawn in full and,
 * zoomed in, the visible nodes in view.
 */
export function lookedAtNodeIds(
  drawn: readonly GraphElement[],
  { targets, focused, inView }: DetailInputs
): Set<string> {
  const ids = new Set<string>([...(focused?.nodeIds ?? []), ...(inView ?? [])]);
  for (const target of targets) if (target?.type === 'node') ids.add(target.id);
  for (const el of drawn) {
    if (el.group === 'nodes') continue;
    ids.add(el.data.source);
    ids.add(el.data.target);
  }
  return ids;
}

/** Up to this many visible nodes, a large graph draws them all (a filter leaves few). */
export const CULL_ABOVE_NODES = 2000;

/**
 * The nodes a large graph leaves out (culls) while more than CULL_ABOVE_NODES
 * are visible: all but the hubs (municipalities and networks, which the sums
 * join) and the nodes looked at. Ten thousand nodes cost every frame of the graph
 * ~150–200 ms to draw without a GPU, and at overview they are dots under one
 * another; zoomed in, those in view are drawn.
 */
export function culledNodeIds(
  elements: readonly GraphElement[],
  visibleNodes: number,
  lookedAt: ReadonlySet<string>
): Set<string> {
  const ids = new Set<string>();
  if (visibleNodes <= CULL_ABOVE_NODES) return ids;
  for (const el of elements) {
    if (el.group === 'nodes' && !HUB_KINDS.has(el.data.kind) && !lookedAt.has(el.data.id)) {
      ids.add(el.data.id);
    }
  }
  return ids;
}

/**
 * The sums as overlay edges between the municipalities' nodes, as wide as the
 * map draws them; a pair without both nodes on the map is left out.
 */
export function sumEdges(
  aggregate: Pick<Aggregate, 'flows'>,
  nodeOfCode: ReadonlyMap<string, string>
): OverlayEdge[] {
  const largest = aggregate.flows[0]?.count ?? 1;
  return aggregate.flows.flatMap((flow) => {
    const source = nodeOfCode.get(flow.a);
    const target = nodeOfCode.get(flow.b);
    if (!source || !target) return [];
    return [
      {
        group: 'edges' as const,
        data: {
          id: `sum:${flow.key}`,
          source,
          target,
          weight: flow.count,
          width: sumWidth(flow.count, largest),
          label: ''
        },
        classes: `${OVERLAP_CLASS} ${SUM_CLASS}` as const,
        selectable: false as const
      }
    ];
  });
}
