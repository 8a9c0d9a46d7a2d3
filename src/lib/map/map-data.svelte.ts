// What the map shows, derived from the explorer state and the reference
// geography: node positions, the GeoJSON sources, the footprint of the selected
// network or project, and the feature-states for selection, hover and focus.
import type { Selection } from '$lib/domain/model';
import { placeNodes, type LonLat } from '$lib/geo/placement';
import type { ExplorerState } from '$lib/state/explorer.svelte';
import { zoomBounds, type Bounds } from './bounds';
import {
  dimmedFeatures,
  municipalityCodes,
  NO_FEATURES,
  targetFeatures,
  type FeatureStates,
  type FlagSet
} from './feature-state';
import { footprintLookup, type Footprint } from './footprint';
import type { MapGeo } from './geo';
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
    const dataset = this.#explorer.dataset;
    return dataset && this.geo ? footprintLookup(dataset, this.geo.municipalities) : () => null;
  });

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
      footprintOf: this.#footprintOf
    });
  }
}
