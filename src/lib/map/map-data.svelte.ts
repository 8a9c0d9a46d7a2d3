// What the map shows, derived from the explorer state and the reference
// geography: node positions, the GeoJSON sources, the footprint of the selected
// network or project, and the feature-states for selection, hover and focus.
import type { Selection } from '$lib/explorer/neighbourhood';
import type { ExplorerState } from '$lib/state/explorer.svelte';
import { zoomBounds, type Bounds } from './bounds';
import {
  desiredFeatureStates,
  municipalityCodes,
  NO_STATES,
  type FeatureStates
} from './feature-state';
import { buildFootprint, type Footprint } from './footprint';
import type { MapGeo } from './geo';
import { placeNodes, type LonLat } from './placement';
import { buildSources, type MapSources } from './sources';

export class MapData {
  #explorer: ExplorerState;
  /** Set once the reference geography has loaded. */
  geo = $state.raw<MapGeo | null>(null);

  constructor(explorer: ExplorerState) {
    this.#explorer = explorer;
  }

  readonly positions: ReadonlyMap<string, LonLat> | null = $derived.by(() => {
    const dataset = this.#explorer.dataset;
    return this.geo && dataset ? placeNodes(dataset.nodes, this.geo.centroids) : null;
  });

  readonly sources: MapSources | null = $derived.by(() => {
    const dataset = this.#explorer.dataset;
    if (!dataset || !this.positions) return null;
    return buildSources(dataset, this.#explorer.visible, this.positions);
  });

  readonly footprint: Footprint | null = $derived.by(() => {
    const selection = this.#explorer.selection;
    return selection?.type === 'node' ? this.#footprintOf(selection.id) : null;
  });

  readonly #municipalityCodes: ReadonlyMap<string, string> = $derived.by(() =>
    municipalityCodes(this.#explorer.dataset?.nodes ?? [])
  );

  readonly featureStates: FeatureStates = $derived.by(() => {
    const sources = this.sources;
    if (!sources) return NO_STATES;
    return desiredFeatureStates({
      selection: this.#explorer.selection,
      hover: this.#explorer.hover,
      focused: this.#explorer.focused,
      nodeIds: sources.nodes.features.map((f) => f.properties.id),
      relationIds: sources.relations.features.map((f) => f.properties.id),
      municipalityCodes: this.#municipalityCodes
    });
  });

  #footprintOf(nodeId: string): Footprint | null {
    const dataset = this.#explorer.dataset;
    return dataset && this.geo ? buildFootprint(dataset, nodeId, this.geo.municipalities) : null;
  }

  /** The municipality node for a kommunkod (a click on its polygon selects it). */
  municipalityNode(code: string): string | null {
    for (const [id, c] of this.#municipalityCodes) if (c === code) return id;
    return null;
  }

  /** Where to look for a zoom request; null when the target is not on the map. */
  boundsFor(target: Selection | 'all'): Bounds | null {
    if (!this.geo || !this.positions) return null;
    return zoomBounds(target, {
      positions: this.positions,
      countyBounds: this.geo.countyBounds,
      relationEnds: (id) => {
        const r = this.#explorer.relationById.get(id);
        return r ? [r.source_id, r.target_id] : null;
      },
      footprintOf: (id) => this.#footprintOf(id)
    });
  }
}
