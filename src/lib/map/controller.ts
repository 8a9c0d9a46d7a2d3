// The imperative side of the map: one MapLibre instance, created once and
// destroyed with the component. Svelte effects call the small methods below with
// derived data; pointer events are turned into selections and hovers.
import type {
  GeoJSONSource,
  Map as MapLibreMap,
  MapGeoJSONFeature,
  MapMouseEvent,
  StyleSpecification
} from 'maplibre-gl';
import type { Camera } from '$lib/explorer/url-state';
import type { Selection } from '$lib/domain/model';
import type { Bounds } from './bounds';
import { GAP_PATTERN, hatchPattern, type ChoroplethPaint } from './choropleth';
import { diffFeatureStates, NO_STATES, type FeatureStates } from './feature-state';
import { NO_FLOWS } from './flows';
import { NO_FLOW_CIRCLES, type FlowCircleCollection } from './flow-circles';
import type { Footprint } from './footprint';
import { loadMapGeo, type MapGeo } from './geo';
import { highlightElement, setHighlightZoom, type HighlightMarker } from './highlight';
import { addMapIcons, isMapIcon } from './icons';
import { loadMaplibre } from './load-maplibre';
import type { ProposalMarker } from './proposals';
import type { RemoteMarker } from './remote';
import type { MapSources, NodeCollection } from './sources';
import {
  buildStyle,
  INTERACTIVE_LAYERS,
  LAYER,
  overlayStyle,
  SOURCE,
  type GeoPaths
} from './style';

type MapLibre = typeof import('maplibre-gl');

export interface MapTexts {
  ariaLabel: string;
  attribution: string;
  zoomIn: string;
  zoomOut: string;
  toggleAttribution: string;
}

export interface MapHandlers {
  hover(target: Selection | null): void;
  select(target: Selection | null): void;
  /** Only for moves the user made (drag, wheel, keys) or asked for (zoom requests). */
  camera(camera: Camera): void;
  /** The municipality node for a kommunkod, for clicks on the polygon. */
  municipalityNode(code: string): string | null;
  /** A click offered to a pending pick (placing a node, connecting); true when taken. */
  pick?(pick: { point: { lon: number; lat: number }; selection: Selection | null }): boolean;
  /** The zoom as the map is made and after each zoom (the symbols depend on it). */
  zoom?(zoom: number): void;
  /** The pointer over a cluster's badge (its anchor node), or off it (null). */
  hoverCluster?(anchor: string | null): void;
  /** A click on a cluster's badge: open it. */
  openCluster?(anchor: string): void;
}

export interface MapControllerOptions {
  container: HTMLElement;
  paths: GeoPaths;
  camera: Camera | null;
  countyBounds: Bounds;
  basemapStyleUrl: string;
  texts: MapTexts;
  handlers: MapHandlers;
  /** Expose the map as window.__regionkartanMap (e2e tests). */
  exposeForTests: boolean;
}

/** Moves we start ourselves carry one of these, so moveend knows who moved. */
type MoveTag = { rkMove?: 'zoom' | 'url' };
const NO_NODES: NodeCollection = { type: 'FeatureCollection', features: [] };
const EMPTY: MapSources = {
  nodes: NO_NODES,
  relations: { type: 'FeatureCollection', features: [] },
  arrows: { type: 'FeatureCollection', features: [] },
  flows: NO_FLOWS,
  relationCount: 0
};
const CAMERA_EPSILON = 1e-5;
const PICK_RADIUS_PX = 4;

type TestWindow = { __regionkartanMap?: MapLibreMap };

export class MapController {
  readonly map: MapLibreMap;
  #lib: MapLibre;
  #options: MapControllerOptions;
  #sources: MapSources = EMPTY;
  /** The node symbols drawn (at the current zoom), not all the visible nodes. */
  #symbols: NodeCollection = NO_NODES;
  #highlight: readonly HighlightMarker[] = [];
  #highlightMarkers: InstanceType<MapLibre['Marker']>[] = [];
  #footprint: Footprint | null = null;
  #clusterHovered: string | null = null;
  #states: FeatureStates = NO_STATES;
  #basemap: string;
  #attribution: InstanceType<MapLibre['AttributionControl']> | null = null;
  #remoteMarkers: InstanceType<MapLibre['Marker']>[] = [];
  #proposalMarkers: InstanceType<MapLibre['Marker']>[] = [];
  #choropleth: ChoroplethPaint | null = null;
  #flowCircles: FlowCircleCollection = NO_FLOW_CIRCLES;

  constructor(lib: MapLibre, options: MapControllerOptions) {
    this.#lib = lib;
    this.#options = options;
    this.#basemap = options.basemapStyleUrl;
    const { camera, texts } = options;
    this.map = new lib.Map({
      container: options.container,
      style: this.#basemap || buildStyle(options.paths),
      transformStyle: (_previous, next) => this.#withOurLayers(next),
      ...(camera
        ? { center: [camera.lon, camera.lat], zoom: camera.zoom }
        : { bounds: options.countyBounds, fitBoundsOptions: { padding: 24 } }),
      attributionControl: false,
      // Labels and symbols appear at once: a fade draws every frame for 300 ms after
      // each selection or filter, which without a GPU (old laptops, projectors' PCs,
      // software rendering) made every selection ~40 % slower (measured: 690 → 430 ms).
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      locale: {
        'Map.Title': texts.ariaLabel,
        'NavigationControl.ZoomIn': texts.zoomIn,
        'NavigationControl.ZoomOut': texts.zoomOut,
        'AttributionControl.ToggleAttribution': texts.toggleAttribution
      }
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
    this.setTexts(texts);

    this.map.on('styleimagemissing', (e) => {
      if (isMapIcon(e.id)) addMapIcons(this.map);
      if (e.id === GAP_PATTERN) this.#addGapPattern();
    });
    this.map.on('style.load', () => {
      addMapIcons(this.map);
      this.#addGapPattern();
      this.#reapplyStates();
      this.#applyChoropleth();
    });
    this.map.on('mousemove', this.#onMove);
    this.map.on('click', this.#onClick);
    this.map.getCanvas().addEventListener('mouseleave', this.#onLeave);
    this.map.on('moveend', this.#onMoveEnd);
    this.map.on('zoomend', () => options.handlers.zoom?.(this.map.getZoom()));
    // The highlight's halo and icon grow with the zoom, as the nodes' icons do.
    setHighlightZoom(this.map.getContainer(), this.map.getZoom());
    this.map.on('zoom', () => setHighlightZoom(this.map.getContainer(), this.map.getZoom()));
    if (options.exposeForTests) (window as unknown as TestWindow).__regionkartanMap = this.map;
    // The camera is set already: the symbols for this zoom go into the style as it loads.
    options.handlers.zoom?.(this.map.getZoom());
    this.map.once('load', () => (this.#hasLoaded = true));
  }

  /** Other people's selections: a name tag each (set as text, never as HTML). */
  setRemoteMarkers(markers: readonly RemoteMarker[]): void {
    for (const marker of this.#remoteMarkers) marker.remove();
    this.#remoteMarkers = markers.map(({ name, lon, lat, id }) => {
      const element = document.createElement('div');
      element.className = 'rk-remote-marker';
      element.textContent = name;
      element.dataset.id = id;
      element.setAttribute('aria-hidden', 'true'); // the presence list says it in words
      return new this.#lib.Marker({ element, anchor: 'bottom', offset: [0, -12] })
        .setLngLat([lon, lat])
        .addTo(this.map);
    });
  }

  /** A workshop round's proposals: a dashed tag each (set as text, never as HTML). */
  setProposalMarkers(markers: readonly ProposalMarker[]): void {
    for (const marker of this.#proposalMarkers) marker.remove();
    this.#proposalMarkers = markers.map(({ id, title, lon, lat }) => {
      const element = document.createElement('div');
      element.className = 'rk-proposal-marker';
      element.textContent = title;
      element.dataset.id = id;
      element.setAttribute('aria-hidden', 'true'); // the round's list says it in words
      return new this.#lib.Marker({ element, anchor: 'center' })
        .setLngLat([lon, lat])
        .addTo(this.map);
    });
  }

  destroy(): void {
    this.map.getCanvas().removeEventListener('mouseleave', this.#onLeave);
    const w = window as unknown as TestWindow;
    if (w.__regionkartanMap === this.map) delete w.__regionkartanMap;
    this.map.remove(); // also releases the WebGL context
  }

  /** Our sources and layers on top of a (basemap) style, with the current data. */
  #withOurLayers(next: StyleSpecification): StyleSpecification {
    const data = {
      sources: { ...this.#sources, nodes: this.#symbols },
      footprint: this.#footprint,
      flowCircles: this.#flowCircles
    };
    if (!this.#basemap) return buildStyle(this.#options.paths, data);
    return overlayStyle(next, this.#options.paths, data);
  }

  setTexts(texts: MapTexts): void {
    this.map.getCanvas().setAttribute('aria-label', texts.ariaLabel);
    if (this.#attribution) this.map.removeControl(this.#attribution);
    this.#attribution = new this.#lib.AttributionControl({
      compact: false,
      customAttribution: texts.attribution
    });
    this.map.addControl(this.#attribution, 'bottom-right');
  }

  setBasemap(url: string): void {
    if (url === this.#basemap) return;
    this.#basemap = url;
    this.map.setStyle(url || buildStyle(this.#options.paths), {
      transformStyle: (_previous, next) => this.#withOurLayers(next)
    });
  }

  #geojson(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  /** The relations and arrows that pass the filters (the nodes are drawn as symbols). */
  setSources(sources: MapSources): void {
    const before = this.#sources;
    this.#sources = sources;
    // A collection that did not change (the empty ones at overview) is not sent again.
    if (sources.relations !== before.relations) {
      void this.#geojson(SOURCE.relations)?.setData(sources.relations);
    }
    if (sources.arrows !== before.arrows)
      void this.#geojson(SOURCE.arrows)?.setData(sources.arrows);
    if (sources.flows !== before.flows) void this.#geojson(SOURCE.flows)?.setData(sources.flows);
  }

  /** The node symbols to draw: one feature per symbol (see symbols.ts). */
  setSymbols(symbols: NodeCollection): void {
    if (symbols === this.#symbols) return;
    this.#symbols = symbols;
    void this.#geojson(SOURCE.nodes)?.setData(symbols);
  }

  /** The selected and hovered nodes on top, labelled (see highlight.ts). */
  setHighlight(highlight: readonly HighlightMarker[]): void {
    if (highlight === this.#highlight) return;
    this.#highlight = highlight;
    for (const marker of this.#highlightMarkers) marker.remove();
    this.#highlightMarkers = highlight.map((marker) =>
      new this.#lib.Marker({ element: highlightElement(marker), anchor: 'center' })
        .setLngLat([marker.lon, marker.lat])
        .addTo(this.map)
    );
  }

  setFootprint(footprint: Footprint | null): void {
    if (footprint === this.#footprint) return;
    this.#footprint = footprint;
    void this.#geojson(SOURCE.footprint)?.setData({
      type: 'FeatureCollection',
      features: footprint ? [footprint] : []
    });
  }

  /** The flow map's circles per municipality (none when the flow map is off). */
  setFlowCircles(circles: FlowCircleCollection): void {
    if (circles === this.#flowCircles) return;
    this.#flowCircles = circles;
    void this.#geojson(SOURCE.flowCircles)?.setData(circles);
  }

  /** Applies only what changed since the last call. */
  setFeatureStates(next: FeatureStates): void {
    for (const { source, id, state } of diffFeatureStates(this.#states, next)) {
      if (this.map.getSource(source)) this.map.setFeatureState({ source, id }, state);
    }
    this.#states = next;
  }

  /** Colours the municipalities by coverage (null hides the choropleth); no style rebuild. */
  setChoropleth(paint: ChoroplethPaint | null): void {
    if (paint === this.#choropleth) return;
    this.#choropleth = paint;
    this.#applyChoropleth();
  }

  #applyChoropleth(): void {
    const paint = this.#choropleth;
    const layers = [LAYER.choroplethFill, LAYER.choroplethGap, LAYER.choroplethGapLine];
    if (layers.some((id) => !this.map.getLayer(id))) return;
    for (const id of layers) {
      this.map.setLayoutProperty(id, 'visibility', paint ? 'visible' : 'none');
    }
    if (!paint) return;
    this.map.setPaintProperty(LAYER.choroplethFill, 'fill-color', paint.fillColor);
    this.map.setFilter(LAYER.choroplethGap, paint.gapFilter);
    this.map.setFilter(LAYER.choroplethGapLine, paint.gapFilter);
  }

  #addGapPattern(): void {
    if (!this.map.hasImage(GAP_PATTERN)) this.map.addImage(GAP_PATTERN, hatchPattern());
  }

  /** After a style swap all feature-state is gone: set the current states again. */
  #reapplyStates(): void {
    const current = this.#states;
    this.#states = NO_STATES;
    this.setFeatureStates(current);
  }

  /** `maxZoom`: how far in at most (a cluster may need more than an item). */
  fitBounds(bounds: Bounds, maxZoom = 11.5): void {
    const tag: MoveTag = { rkMove: 'zoom' };
    this.map.fitBounds(bounds, { padding: 48, maxZoom, duration: 600 }, tag);
  }

  /** Moves to a camera from the URL (back/forward, a pasted link) unless already there. */
  applyCamera(camera: Camera | null): void {
    if (!camera) return;
    const c = this.map.getCenter();
    const same =
      Math.abs(c.lng - camera.lon) < CAMERA_EPSILON &&
      Math.abs(c.lat - camera.lat) < CAMERA_EPSILON &&
      Math.abs(this.map.getZoom() - camera.zoom) < 0.01;
    if (same) return;
    const tag: MoveTag = { rkMove: 'url' };
    this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom }, tag);
  }

  /** The map as a PNG, read right after a fresh frame is drawn. */
  exportPng(): Promise<Blob> {
    return new Promise((resolve, reject) => {
      this.map.once('render', () => {
        this.map
          .getCanvas()
          .toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))));
      });
      this.map.triggerRepaint();
    });
  }

  // ---- pointer ----------------------------------------------------------------

  /** The anchor of the cluster whose badge is under the pointer, if any. */
  #pickCluster(e: MapMouseEvent): string | null {
    const layers = INTERACTIVE_LAYERS.clusters.filter((l) => this.map.getLayer(l));
    if (!layers.length) return null;
    const [badge] = this.map.queryRenderedFeatures(e.point, { layers });
    return badge ? String(badge.properties.id) : null;
  }

  #pick(e: MapMouseEvent): Selection | null | undefined {
    const { x, y } = e.point;
    const box: [[number, number], [number, number]] = [
      [x - PICK_RADIUS_PX, y - PICK_RADIUS_PX],
      [x + PICK_RADIUS_PX, y + PICK_RADIUS_PX]
    ];
    const first = (layers: readonly string[], at: typeof box | typeof e.point) => {
      const present = layers.filter((l) => this.map.getLayer(l));
      return present.length
        ? (this.map.queryRenderedFeatures(at, { layers: present })[0] as
            MapGeoJSONFeature | undefined)
        : undefined;
    };
    const node = first(INTERACTIVE_LAYERS.nodes, box);
    if (node) return { type: 'node', id: String(node.properties.id) };
    const relation = first(INTERACTIVE_LAYERS.relations, box);
    if (relation) return { type: 'relation', id: String(relation.properties.id) };
    const municipality = first(INTERACTIVE_LAYERS.municipalities, e.point);
    const code = municipality?.properties.kommunkod;
    if (typeof code === 'string') {
      const id = this.#options.handlers.municipalityNode(code);
      return id ? { type: 'node', id } : undefined;
    }
    return null;
  }

  #setClusterHover(anchor: string | null): void {
    if (anchor === this.#clusterHovered) return;
    this.#clusterHovered = anchor;
    this.#options.handlers.hoverCluster?.(anchor);
  }

  #onMove = (e: MapMouseEvent): void => {
    const cluster = this.#pickCluster(e);
    this.#setClusterHover(cluster);
    const target = cluster ? null : (this.#pick(e) ?? null);
    this.map.getCanvas().style.cursor = cluster || target ? 'pointer' : '';
    this.#options.handlers.hover(target);
  };

  #onLeave = (): void => {
    this.map.getCanvas().style.cursor = '';
    this.#setClusterHover(null);
    this.#options.handlers.hover(null);
  };

  #onClick = (e: MapMouseEvent): void => {
    const point = { lon: e.lngLat.lng, lat: e.lngLat.lat };
    const cluster = this.#pickCluster(e);
    // A badge opens its cluster, unless a pending pick (placing a node) takes the click.
    if (cluster) {
      if (!this.#options.handlers.pick?.({ point, selection: null })) {
        this.#options.handlers.openCluster?.(cluster);
      }
      return;
    }
    const target = this.#pick(e);
    if (this.#options.handlers.pick?.({ point, selection: target ?? null })) return;
    // A municipality polygon without a node on this map selects nothing new.
    if (target !== undefined) this.#options.handlers.select(target);
  };

  /**
   * Every camera move ends up in the URL (drag, wheel, keyboard, zoom buttons,
   * "zoom to") except the moves that came from the URL itself, and the set-up
   * before the map has loaded.
   */
  #hasLoaded = false;

  #onMoveEnd = (e: { originalEvent?: unknown } & MoveTag): void => {
    if (e.rkMove === 'url' || !this.#hasLoaded) return;
    const c = this.map.getCenter();
    this.#options.handlers.camera({ lon: c.lng, lat: c.lat, zoom: this.map.getZoom() });
  };
}

export type OpenMapOptions = Omit<MapControllerOptions, 'paths' | 'countyBounds'> & {
  /** The reference geography drawn (GEOGRAPHIES in lib/geo), as static paths. */
  geography: GeoPaths;
  /** Maps a static path to its URL (SvelteKit's `asset`). */
  resolvePath: (path: string) => string;
  signal: AbortSignal;
};

/**
 * Loads MapLibre and the reference geography and creates the map, without waiting
 * for its style: data given before the style loads is drawn in its first frames
 * instead of being sent again after them. Resolves null when
 * aborted first (then nothing is left behind).
 */
export async function openMap(
  options: OpenMapOptions
): Promise<{ controller: MapController; geo: MapGeo } | null> {
  const { resolvePath, signal, geography, ...rest } = options;
  const [lib, geo] = await Promise.all([
    loadMaplibre(),
    loadMapGeo(resolvePath, geography, fetch, signal)
  ]);
  if (signal.aborted) return null;
  const paths: GeoPaths = {
    municipalities: resolvePath(geography.municipalities),
    county: resolvePath(geography.county),
    lakes: geography.lakes && resolvePath(geography.lakes),
    centroids: resolvePath(geography.centroids)
  };
  return {
    controller: new MapController(lib, { ...rest, paths, countyBounds: geo.countyBounds }),
    geo
  };
}
