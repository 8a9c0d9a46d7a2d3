// Network overlaps (shared members) as an overlay on the graph: undirected edges
// between networks, as wide as the number of members they share. They are not
// relations — never selected, counted or laid out (see GraphController.setOverlay).
// Pure: no Cytoscape import; the count label is canvas text, never HTML.
import { networkOverlaps, overlapEdges, type OverlapEdge } from '$lib/analysis/overlaps';
import type { Dataset } from '$lib/domain/model';
import { overlapWidth } from '$lib/explorer/appearance';
import type { Visible } from '$lib/explorer/filters';
import type { Neighbourhood } from '$lib/explorer/neighbourhood';

/** The class every overlay edge carries (and nothing else). */
export const OVERLAP_CLASS = 'overlap';
/** Computed twins (not saved relations): overlay edges with this class too, drawn dashed. */
export const TWIN_CLASS = 'twin';
/** Relations summed between municipalities on a large graph (detail.ts): this class too. */
export const SUM_CLASS = 'sum';

export interface OverlayEdgeData {
  id: string;
  source: string;
  target: string;
  /** Shared members. */
  weight: number;
  /** Line width in px, from overlapWidth(). */
  width: number;
  label: string;
}

export interface OverlayEdge {
  group: 'edges';
  data: OverlayEdgeData;
  classes:
    | typeof OVERLAP_CLASS
    | `${typeof OVERLAP_CLASS} ${typeof TWIN_CLASS}`
    | `${typeof OVERLAP_CLASS} ${typeof SUM_CLASS}`;
  selectable: false;
}

/**
 * The overlaps within what passes the filters, most shared first ([] when off).
 * Both networks must be visible, and only visible members count: a municipality
 * filtered away is not "shared" in the picture shown. The relation-kind filter
 * does not apply — the overlay sums up the memberships, so hiding the member
 * lines is a way to see it, not to empty it.
 */
export function visibleOverlaps(
  dataset: Dataset | null,
  visible: Visible,
  enabled: boolean
): OverlapEdge[] {
  if (!enabled || !dataset) return [];
  const nodes = dataset.nodes.filter((n) => visible.nodeIds.has(n.id));
  return overlapEdges(networkOverlaps({ ...dataset, nodes }));
}

/** Cytoscape definitions for the overlaps. */
export function overlayElements(overlaps: readonly OverlapEdge[]): OverlayEdge[] {
  return overlaps.map(({ id, source, target, weight }) => ({
    group: 'edges',
    data: { id, source, target, weight, width: overlapWidth(weight), label: String(weight) },
    classes: OVERLAP_CLASS,
    selectable: false
  }));
}

/** In focus mode, the overlaps with an end outside the neighbourhood are dimmed. */
export function overlayDimmed(
  overlaps: readonly OverlapEdge[],
  focused: Neighbourhood | null
): Set<string> {
  const dimmed = new Set<string>();
  if (!focused) return dimmed;
  for (const o of overlaps) {
    if (!focused.nodeIds.has(o.source) || !focused.nodeIds.has(o.target)) dimmed.add(o.id);
  }
  return dimmed;
}

/**
 * The selected municipality's top twins as overlay edges (rank as weight, "≈ n"
 * as label): computed, never saved, so they look unlike `similar_to` relations.
 * Twins without a node on the map (outside the county) have no edge.
 */
export function twinElements(
  self: string | undefined,
  twins: readonly { nodeId: string | undefined; similarity: number }[],
  top: number
): OverlayEdge[] {
  if (!self) return [];
  return twins.slice(0, top).flatMap((twin, i) =>
    twin.nodeId
      ? [
          {
            group: 'edges' as const,
            data: {
              id: `twin:${self}:${twin.nodeId}`,
              source: self,
              target: twin.nodeId,
              weight: i + 1,
              width: 3,
              label: `≈ ${i + 1}`
            },
            classes: `${OVERLAP_CLASS} ${TWIN_CLASS}` as const,
            selectable: false as const
          }
        ]
      : []
  );
}
