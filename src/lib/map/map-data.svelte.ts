// What the map shows, derived from the explorer state and the reference
// geography: node positions, the GeoJSON sources, the node symbols at the
// current zoom (clusters where they would overlap), the highlighted nodes, the
// footprint of the selected network or project, and the feature-states for
// selection, hover and focus.
import type { NodeKind } from '$lib/domain/kinds';
import { importanceRank } from '$lib/explorer/importance';
import type { Selection } from '$lib/domain/model';
import { placeNodes, type LonLat } from '$lib/geo/placement';
import type { ExplorerState } from '$lib/state/explorer.svelte';
import { boundsOfPoints, zoomBounds, type Bounds } from './bounds';
import {
  dimmedFeatures,
  municipalityCodes,
  NO_FEATURES,
  targetFeatures,
  type FeatureStates,
  type FlagSet
} from './feature-state';
import { footprintLookup, type Footprint } from './footprint';
import { OVERVIEW_BELOW_ZOOM } from './flows';
import { flowCircles, NO_FLOW_CIRCLES, type FlowCircleCollection } from './flow-circles';
import type { MapGeo } from './geo';
import { highlightMarks, type HighlightMark, type HighlightMarker } from './highlight';
import {
  buildSources,
  symbolFeatures,
  symbolNodes,
  type MapSources,
  type NodeCollection
} from './sources';
import { clustersByAnchor, othersByKind, placeSymbols, type MapSymbol } from './symbols';

const NO_POSITIONS: ReadonlyMap<string, LonLat> = new Map();

/** A hovered cluster's summary: its anchor's title and how many of each kind are behind it. */
export type ClusterSummary = (title: string, others: ReadonlyMap<NodeKind, number>) => string;

export class MapData {
  #explorer: ExplorerState;
  #summary: ClusterSummary;
  /** Set once the reference geography has loaded. */
  geo = $state.raw<MapGeo | null>(null);
  /** The map's zoom (after each zoom), which the symbols are placed for; null until loaded. */
  zoom = $state<number | null>(null);
  /** The anchor of the cluster under the pointer. */
  hoveredCluster = $state<string | null>(null);

  constructor(explorer: ExplorerState, summary: ClusterSummary) {
    this.#explorer = explorer;
    this.#summary = summary;
  }

  readonly positions: ReadonlyMap<string, LonLat> | null = $derived.by(() => {
    const dataset = this.#explorer.dataset;
    return this.geo && dataset ? placeNodes(dataset.nodes, this.geo.centroids) : null;
  });

  /**
   * The national map zoomed out: relations are drawn summed between
   * municipalities (flows.ts). Changes only when the zoom crosses the limit.
   */
  readonly overview: boolean = $derived.by(
    () =>
      this.zoom !== null &&
      this.zoom < OVERVIEW_BELOW_ZOOM &&
      this.#explorer.geography === 'national'
  );

  readonly sources: MapSources | null = $derived.by(() => {
    const dataset = this.#explorer.dataset;
    const centroids = this.geo?.centroids;
    if (!dataset || !this.positions || !centroids) return null;
    const overview = this.overview
      ? { pointOf: (code: string) => centroids.get(code), sums: this.#explorer.sums }
      : undefined;
    return buildSources(dataset, this.#explorer.visible, this.positions, overview);
  });

  /** The flow map's circles, at the municipalities' points (none when it is off). */
  readonly flowCircles: FlowCircleCollection = $derived.by(() => {
    const flows = this.#explorer.flows;
    const positions = this.positions;
    if (!flows || !positions) return NO_FLOW_CIRCLES;
    return flowCircles(flows.totals, this.#municipalityCodes, positions);
  });

  /** Node id → place in the importance order (once per dataset). */
  readonly #rank: ReadonlyMap<string, number> = $derived.by(() => {
    const dataset = this.#explorer.dataset;
    return importanceRank(dataset?.nodes ?? [], dataset?.relations ?? []);
  });

  /** The symbols at the current zoom: no two overlap (see symbols.ts). */
  readonly symbols: readonly MapSymbol[] = $derived.by(() => {
    const nodes = this.sources?.nodes;
    if (!nodes || this.zoom === null) return [];
    return placeSymbols(symbolNodes(nodes, this.#rank), this.zoom);
  });

  /** The node features drawn: one per symbol. */
  readonly symbolFeatures: NodeCollection = $derived(
    symbolFeatures(this.sources?.nodes ?? { type: 'FeatureCollection', features: [] }, this.symbols)
  );

  readonly #clusterByAnchor: ReadonlyMap<string, MapSymbol> = $derived(
    clustersByAnchor(this.symbols)
  );

  /** The selected and hovered nodes (a relation's two ends), and a hovered cluster's summary. */
  readonly highlight: readonly HighlightMarker[] = $derived.by(() => {
    const explorer = this.#explorer;
    const marks: HighlightMark[] = [];
    const mark = (target: Selection | null, state: 'selected' | 'hover') => {
      if (target?.type === 'node') marks.push({ id: target.id, state });
      const r = target?.type === 'relation' ? explorer.relationById.get(target.id) : undefined;
      if (r) marks.push({ id: r.source_id, state }, { id: r.target_id, state });
    };
    mark(explorer.selection, 'selected');
    mark(explorer.hover, 'hover');
    const cluster = this.hoveredCluster ? this.#clusterByAnchor.get(this.hoveredCluster) : null;
    const anchor = cluster ? explorer.nodeById.get(cluster.anchor.id) : undefined;
    if (cluster && anchor) {
      const label = this.#summary(anchor.title, othersByKind(cluster));
      marks.push({ id: anchor.id, state: 'cluster', label });
    }
    return highlightMarks(
      marks,
      explorer.nodeById,
      this.positions ?? NO_POSITIONS,
      explorer.visible.nodeIds
    );
  });

  readonly footprint: Footprint | null = $derived.by(() => {
    const selection = this.#explorer.selection;
    return selection?.type === 'node' ? this.#footprintOf(selection.id) : null;
  });

  readonly #municipalityCodes: ReadonlyMap<string, string> = $derived.by(() =>
    municipalityCodes(this.#explorer.dataset?.nodes ?? [])
  );

  // One derived per flag: a hover recomputes (and the map diffs) only its own
  // one or two features, and the dimmed set only follows focus and filters.
  readonly #selected: FlagSet = $derived.by(() =>
    targetFeatures(this.#explorer.selection, this.#municipalityCodes)
  );
  readonly #hover: FlagSet = $derived.by(() =>
    targetFeatures(this.#explorer.hover, this.#municipalityCodes)
  );
  readonly #dimmed: FlagSet = $derived.by(() => {
    const sources = this.sources;
    const focused = this.#explorer.focused;
    if (!sources || !focused) return NO_FEATURES;
    return dimmedFeatures({
      focused,
      nodeIds: sources.nodes.features.map((f) => f.properties.id),
      relationIds: sources.relations.features.map((f) => f.properties.id),
      municipalityCodes: this.#municipalityCodes
    });
  });

  readonly featureStates: FeatureStates = $derived({
    selected: this.#selected,
    hover: this.#hover,
    dimmed: this.#dimmed
  });

  /** The footprint of a hub (a polygon union, built once per dataset and geography). */
  readonly #footprintOf: (nodeId: string) => Footprint | null = $derived.by(() => {
    const explorer = this.#explorer;
    if (!explorer.dataset || !this.geo) return () => null;
    const { nodeById, relationsByNode } = explorer;
    const relationsOf = (id: string) => relationsByNode.get(id) ?? [];
    return footprintLookup({ nodeById, relationsOf }, this.geo.municipalities);
  });

  /** The municipality node for a kommunkod (a click on its polygon selects it). */
  municipalityNode(code: string): string | null {
    for (const [id, c] of this.#municipalityCodes) if (c === code) return id;
    return null;
  }

  /** What a cluster's badge opens to: its nodes' extent; null when it is not a cluster. */
  clusterBounds(anchor: string): Bounds | null {
    const cluster = this.#clusterByAnchor.get(anchor);
    return cluster ? boundsOfPoints(cluster.members) : null;
  }

  /** Where to look for a zoom request ('all': what passes the filters); null when not on the map. */
  boundsFor(target: Selection | 'all'): Bounds | null {
    if (!this.geo || !this.positions) return null;
    const positions = this.positions;
    return zoomBounds(target, {
      positions,
      shown: () => [...this.#explorer.visible.nodeIds].flatMap((id) => positions.get(id) ?? []),
      countyBounds: this.geo.countyBounds,
      relationEnds: (id) => {
        const r = this.#explorer.relationById.get(id);
        return r ? [r.source_id, r.target_id] : null;
      },
      footprintOf: this.#footprintOf
    });
  }
}
