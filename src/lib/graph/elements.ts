// Dataset → Cytoscape element definitions, and the diff between two element
// lists so the graph applies changes in one cy.batch() instead of rebuilding.
// Pure: no Cytoscape import. Titles travel as plain data; Cytoscape draws them
// as canvas text, never as HTML.
import { RELATION_KIND_FACTS, type NodeKind, type RelationKind } from '$lib/domain/kinds';
import type { Dataset } from '$lib/domain/model';
import { flowWidth, largestFlow, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { shortTitle } from './labels';

export interface GraphNodeData {
  id: string;
  label: string;
  /** The title shortened for the overview (labels.ts); the whole one shows on hover. */
  short: string;
  kind: NodeKind;
}

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  kind: RelationKind;
  /** Line width in px: flowWidth() for flows, the kind's base width otherwise. */
  width: number;
  /** A flow whose magnitude is not known (drawn thin, labelled "?"). */
  unknown: boolean;
}

export type GraphNode = { group: 'nodes'; data: GraphNodeData; classes?: string };
export type GraphEdge = { group: 'edges'; data: GraphEdgeData; classes?: string };
export type GraphElement = GraphNode | GraphEdge;

/** Class for flows without a known magnitude; set from data, never toggled by state. */
export const UNKNOWN_MAGNITUDE = 'unknown-magnitude';

/**
 * All nodes, then all relations whose two ends are in the dataset. Flow widths
 * are relative to the largest flow in the whole dataset (not just the visible
 * part), so filtering never changes a line's width.
 */
export function buildElements(dataset: Dataset): GraphElement[] {
  const nodeIds = new Set<string>();
  const elements: GraphElement[] = [];
  for (const n of dataset.nodes) {
    nodeIds.add(n.id);
    elements.push({
      group: 'nodes',
      data: { id: n.id, label: n.title, short: shortTitle(n.title), kind: n.kind }
    });
  }
  const maxFlow = largestFlow(dataset.relations);
  for (const r of dataset.relations) {
    if (!nodeIds.has(r.source_id) || !nodeIds.has(r.target_id)) continue;
    const flow = RELATION_KIND_FACTS[r.kind].flow;
    const unknown = flow && r.magnitude === null;
    const edge: GraphEdge = {
      group: 'edges',
      data: {
        id: r.id,
        source: r.source_id,
        target: r.target_id,
        kind: r.kind,
        width: flow ? flowWidth(r.magnitude, maxFlow) : RELATION_APPEARANCE[r.kind].width,
        unknown
      }
    };
    if (unknown) edge.classes = UNKNOWN_MAGNITUDE;
    elements.push(edge);
  }
  return elements;
}

/** The ids of one group of elements. */
export function idsOfGroup(
  elements: readonly GraphElement[],
  group: GraphElement['group']
): Set<string> {
  return new Set(elements.filter((el) => el.group === group).map((el) => el.data.id));
}

export interface ElementDiff {
  /** New elements, nodes before edges (an edge needs its ends). */
  add: GraphElement[];
  /** Ids to remove (removing a node also removes its edges in Cytoscape). */
  remove: string[];
  /** Same id and ends, changed data: apply with ele.data(next.data). */
  update: GraphElement[];
}

function sameData(a: GraphElement, b: GraphElement): boolean {
  const da = a.data as unknown as Record<string, unknown>;
  const db = b.data as unknown as Record<string, unknown>;
  const keys = Object.keys(da);
  return keys.length === Object.keys(db).length && keys.every((k) => da[k] === db[k]);
}

/** Cytoscape cannot change an edge's ends or an element's group in place. */
function sameIdentity(a: GraphElement, b: GraphElement): boolean {
  if (a.group !== b.group) return false;
  if (a.group === 'nodes') return true;
  const e = b as GraphEdge;
  return a.data.source === e.data.source && a.data.target === e.data.target;
}

/** What changes from the elements shown (by id) to the next element list. */
export function diffElements(
  prev: ReadonlyMap<string, GraphElement>,
  next: readonly GraphElement[]
): ElementDiff {
  const addNodes: GraphElement[] = [];
  const addEdges: GraphElement[] = [];
  const remove: string[] = [];
  const update: GraphElement[] = [];
  const seen = new Set<string>();
  for (const el of next) {
    const id = el.data.id;
    seen.add(id);
    const old = prev.get(id);
    if (old && sameIdentity(old, el)) {
      if (!sameData(old, el)) update.push(el);
      continue;
    }
    if (old) remove.push(id);
    (el.group === 'nodes' ? addNodes : addEdges).push(el);
  }
  for (const id of prev.keys()) if (!seen.has(id)) remove.push(id);
  return { add: [...addNodes, ...addEdges], remove, update };
}
