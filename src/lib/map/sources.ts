// The map's GeoJSON for the visible nodes and relations. Pure: dataset + visible
// sets + node positions in, FeatureCollections out. Feature ids are the row ids
// (the sources use `promoteId: 'id'`), so feature-state can address them.
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import type { NodeKind, RelationKind } from '$lib/domain/kinds';
import { NODE_KIND_FACTS, NODE_KINDS, RELATION_KIND_FACTS } from '$lib/domain/kinds';
import type { Dataset, NodeRow, RelationRow } from '$lib/domain/model';
import {
  flowWidth,
  largestFlow,
  NODE_APPEARANCE,
  RELATION_APPEARANCE
} from '$lib/explorer/appearance';
import type { Aggregate } from '$lib/explorer/aggregate';
import type { Visible } from '$lib/explorer/filters';
import type { LonLat } from '$lib/geo/placement';
import { flowFeatures, NO_FLOWS, type FlowCollection } from './flows';
import type { MapSymbol, SymbolNode } from './symbols';

export interface NodeFeatureProps {
  id: string;
  kind: NodeKind;
  title: string;
  color: string;
  /** Draw order: municipalities below everything else. */
  sort: number;
  /** How many more nodes the symbol stands for: a cluster's badge says "+others" (symbols.ts). */
  others: number;
}

export interface RelationFeatureProps {
  id: string;
  kind: RelationKind;
  source: string;
  target: string;
  color: string;
  width: number;
  /** Draw an arrow head (directed kinds stored as directed). */
  arrow: boolean;
  /** A flow whose magnitude is not known. */
  unknown: boolean;
}

export interface ArrowFeatureProps {
  /** The relation's id (feature-state is mirrored from the relation). */
  id: string;
  kind: RelationKind;
  color: string;
  /** Icon rotation in degrees clockwise; the arrow icon points east at 0. */
  rotate: number;
}

export type NodeCollection = FeatureCollection<Point, NodeFeatureProps>;
export type RelationCollection = FeatureCollection<LineString, RelationFeatureProps>;
export type ArrowCollection = FeatureCollection<Point, ArrowFeatureProps>;

export interface MapSources {
  nodes: NodeCollection;
  relations: RelationCollection;
  /** One arrow head per directed relation, halfway along its line. */
  arrows: ArrowCollection;
  /** At overview (flows.ts): the relations summed between municipalities; else none. */
  flows: FlowCollection;
  /** The visible relations with both ends on the map, drawn one by one or in flows. */
  relationCount: number;
}

const NO_RELATIONS: RelationCollection = { type: 'FeatureCollection', features: [] };
const NO_ARROWS: ArrowCollection = { type: 'FeatureCollection', features: [] };

/** The name of a node kind's shape icon on the map (see icons.ts). */
export const nodeIconName = (kind: NodeKind): string => `rk-node-${kind}`;

/** Points sampled along a flow's arc. */
export const ARC_POINTS = 16;
/** How far the arc bends, as a share of the straight distance. */
const ARC_BEND = 0.2;

const position = (p: LonLat): Position => [p.lon, p.lat];

/**
 * A quadratic Bézier from a to b, bent to the right of the direction a → b, so a
 * flow b → a bends the other way and the two never overlap. Computed in a local
 * plane (longitude scaled by cos(latitude)) so the arc is round on the map.
 */
export function arc(a: LonLat, b: LonLat, points = ARC_POINTS): Position[] {
  const k = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180) || 1;
  const dx = (b.lon - a.lon) * k;
  const dy = b.lat - a.lat;
  // Control point: the midpoint moved to the right by 2 · ARC_BEND · length; the curve
  // itself then deviates ARC_BEND · length from the straight line.
  const cx = (a.lon * k + b.lon * k) / 2 + dy * ARC_BEND * 2;
  const cy = (a.lat + b.lat) / 2 - dx * ARC_BEND * 2;
  const result: Position[] = [];
  for (let i = 0; i < points; i++) {
    const t = i / (points - 1);
    const u = 1 - t;
    const x = u * u * a.lon * k + 2 * u * t * cx + t * t * b.lon * k;
    const y = u * u * a.lat + 2 * u * t * cy + t * t * b.lat;
    result.push([x / k, y]);
  }
  return result;
}

/**
 * The point halfway along a line (by length) and the direction of the line there,
 * as an icon rotation: degrees clockwise from east on a north-up map.
 */
export function midpointArrow(line: readonly Position[]): { at: Position; rotate: number } | null {
  if (line.length < 2) return null;
  const k = Math.cos((line[0]![1]! * Math.PI) / 180 || 0) || 1;
  const lengths = line.slice(1).map((p, i) => {
    const q = line[i]!;
    return Math.hypot((p[0]! - q[0]!) * k, p[1]! - q[1]!);
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  let walked = 0;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (walked + len >= total / 2 && len > 0) {
      const [a, b] = [line[i]!, line[i + 1]!];
      const t = (total / 2 - walked) / len;
      const dx = (b[0]! - a[0]!) * k;
      const dy = b[1]! - a[1]!;
      return {
        at: [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)],
        rotate: (-Math.atan2(dy, dx) * 180) / Math.PI
      };
    }
    walked += len;
  }
  return null;
}

export function buildArrowFeatures(relations: RelationCollection): ArrowCollection {
  const features: Feature<Point, ArrowFeatureProps>[] = [];
  for (const f of relations.features) {
    if (!f.properties.arrow) continue;
    const mid = midpointArrow(f.geometry.coordinates);
    if (!mid) continue;
    const { id, kind, color } = f.properties;
    features.push({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: mid.at },
      properties: { id, kind, color, rotate: mid.rotate }
    });
  }
  return { type: 'FeatureCollection', features };
}

export function buildNodeFeatures(
  nodes: readonly NodeRow[],
  positions: ReadonlyMap<string, LonLat>
): NodeCollection {
  const features: Feature<Point, NodeFeatureProps>[] = [];
  for (const node of nodes) {
    const p = positions.get(node.id);
    if (!p) continue;
    features.push({
      type: 'Feature',
      id: node.id,
      geometry: { type: 'Point', coordinates: position(p) },
      properties: {
        id: node.id,
        kind: node.kind,
        title: node.title,
        color: NODE_APPEARANCE[node.kind].color,
        sort: NODE_KINDS.indexOf(node.kind),
        others: 0
      }
    });
  }
  return { type: 'FeatureCollection', features };
}

/** A node others join (a network or project): where a membership's spoke ends. */
const isGroup = (node: NodeRow | undefined) => !!node && NODE_KIND_FACTS[node.kind].group;

function lineFor(
  relation: RelationRow,
  a: LonLat,
  b: LonLat,
  nodeById: ReadonlyMap<string, NodeRow>
): Position[] {
  const look = RELATION_APPEARANCE[relation.kind];
  if (look.curved) return arc(a, b);
  if (look.spoke) {
    // Drawn from the member to the hub (network or project), whichever end that is.
    const sourceIsHub = isGroup(nodeById.get(relation.source_id));
    const targetIsHub = isGroup(nodeById.get(relation.target_id));
    if (sourceIsHub && !targetIsHub) return [position(b), position(a)];
  }
  return [position(a), position(b)];
}

export function buildRelationFeatures(
  relations: readonly RelationRow[],
  nodeById: ReadonlyMap<string, NodeRow>,
  positions: ReadonlyMap<string, LonLat>
): RelationCollection {
  const maxFlow = largestFlow(relations);
  const features: Feature<LineString, RelationFeatureProps>[] = [];
  for (const r of relations) {
    const a = positions.get(r.source_id);
    const b = positions.get(r.target_id);
    if (!a || !b || r.source_id === r.target_id) continue;
    const look = RELATION_APPEARANCE[r.kind];
    const isFlow = RELATION_KIND_FACTS[r.kind].flow;
    features.push({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'LineString', coordinates: lineFor(r, a, b, nodeById) },
      properties: {
        id: r.id,
        kind: r.kind,
        source: r.source_id,
        target: r.target_id,
        color: look.color,
        width: isFlow ? flowWidth(r.magnitude, maxFlow) : look.width,
        arrow: look.arrow && r.directed !== false && !look.spoke,
        unknown: isFlow && r.magnitude === null
      }
    });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The map's node and relation sources for what passes the filters. With
 * `overview` (the national map zoomed out) the relations are drawn as their
 * sums (ExplorerState.sums) between the municipalities' points instead of one
 * line each.
 */
export function buildSources(
  dataset: Pick<Dataset, 'nodes' | 'relations'>,
  visible: Visible,
  positions: ReadonlyMap<string, LonLat>,
  overview?: { pointOf: (code: string) => LonLat | undefined; sums: Pick<Aggregate, 'flows'> }
): MapSources {
  const nodeById = new Map(dataset.nodes.map((n) => [n.id, n]));
  const nodes = dataset.nodes.filter((n) => visible.nodeIds.has(n.id));
  const shown = new Set(nodes.filter((n) => positions.has(n.id)).map((n) => n.id));
  const relations = dataset.relations.filter(
    (r) => visible.relationIds.has(r.id) && shown.has(r.source_id) && shown.has(r.target_id)
  );
  const nodeFeatures = buildNodeFeatures(nodes, positions);
  if (overview) {
    return {
      nodes: nodeFeatures,
      relations: NO_RELATIONS,
      arrows: NO_ARROWS,
      flows: flowFeatures(overview.sums, overview.pointOf),
      relationCount: relations.length
    };
  }
  const relationFeatures = buildRelationFeatures(relations, nodeById, positions);
  return {
    nodes: nodeFeatures,
    relations: relationFeatures,
    arrows: buildArrowFeatures(relationFeatures),
    flows: NO_FLOWS,
    relationCount: relations.length
  };
}

/** The visible nodes as symbol inputs, most important first (`rank`: id → place in that order). */
export function symbolNodes(
  nodes: NodeCollection,
  rank: ReadonlyMap<string, number>
): SymbolNode[] {
  return nodes.features
    .map((f) => ({
      id: f.properties.id,
      kind: f.properties.kind,
      lon: f.geometry.coordinates[0]!,
      lat: f.geometry.coordinates[1]!
    }))
    .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}

/** The node features to draw: one per symbol, its anchor's, with the cluster's size. */
export function symbolFeatures(
  nodes: NodeCollection,
  symbols: readonly MapSymbol[]
): NodeCollection {
  const byId = new Map(nodes.features.map((f) => [f.properties.id, f]));
  const features: Feature<Point, NodeFeatureProps>[] = [];
  for (const { anchor, members } of symbols) {
    const f = byId.get(anchor.id);
    if (f) features.push({ ...f, properties: { ...f.properties, others: members.length - 1 } });
  }
  return { type: 'FeatureCollection', features };
}
