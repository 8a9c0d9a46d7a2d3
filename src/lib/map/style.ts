// The map's offline MapLibre style: reference geography from static/geo, then the
// footprint, relations and nodes, all drawn from the shared appearance table.
// Pure: no MapLibre import, no network (no glyphs, sprite or tile URLs — labels are
// drawn by MapLibre with the page's local fonts when the style has no `glyphs`).
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import {
  NODE_KINDS,
  RELATION_KIND_FACTS,
  RELATION_KINDS,
  type RelationKind
} from '$lib/domain/kinds';
import { HIGHLIGHT, RELATION_APPEARANCE, SUM_APPEARANCE } from '$lib/explorer/appearance';
import { GEOGRAPHIES, type GeoPaths } from '$lib/geo/geographies';
import type { Footprint } from './footprint';
import type { FlowCircleCollection } from './flow-circles';
import { GAP_PATTERN } from './choropleth';
import { nodeIconName, type MapSources } from './sources';
import {
  BADGE_LARGE_FROM,
  BADGE_OFFSET_PX,
  BADGE_RADIUS,
  BADGE_STROKE,
  ICON_SCALE
} from './symbols';

export const SOURCE = {
  municipalities: 'rk-municipalities',
  county: 'rk-county',
  lakes: 'rk-lakes',
  labels: 'rk-municipality-labels',
  footprint: 'rk-footprint',
  relations: 'rk-relations',
  flows: 'rk-flows',
  flowCircles: 'rk-flow-circles',
  arrows: 'rk-relation-arrows',
  nodes: 'rk-nodes'
} as const;

export const LAYER = {
  background: 'rk-background',
  municipalityFill: 'rk-municipality-fill',
  choroplethFill: 'rk-choropleth-fill',
  choroplethGap: 'rk-choropleth-gap',
  choroplethGapLine: 'rk-choropleth-gap-line',
  lakes: 'rk-lakes',
  footprintFill: 'rk-footprint-fill',
  countyLine: 'rk-county-line',
  municipalityLine: 'rk-municipality-line',
  footprintLine: 'rk-footprint-line',
  flows: 'rk-flows',
  flowCircles: 'rk-flow-circles',
  relationArrows: 'rk-relation-arrows',
  nodes: 'rk-nodes',
  clusterBadges: 'rk-cluster-badges',
  clusterCounts: 'rk-cluster-counts',
  municipalityLabels: 'rk-municipality-labels',
  nodeLabels: 'rk-node-labels'
} as const;

export const relationLayerId = (kind: RelationKind, unknown = false): string =>
  `rk-relation-${kind}${unknown ? '-unknown' : ''}`;

/** Flows have a second layer for those whose magnitude is unknown (drawn dashed). */
const FLOW_KINDS = RELATION_KINDS.filter((kind) => RELATION_KIND_FACTS[kind].flow);

/** The layers a pointer can pick, topmost first. */
export const INTERACTIVE_LAYERS = {
  clusters: [LAYER.clusterBadges],
  nodes: [LAYER.nodes],
  relations: [
    ...RELATION_KINDS.map((k) => relationLayerId(k)),
    ...FLOW_KINDS.map((k) => relationLayerId(k, true))
  ],
  municipalities: [LAYER.municipalityFill]
} as const;

export type { GeoPaths };

/** Local font names (CSS families) for labels; MapLibre rasterises them in the browser. */
export const LABEL_FONT = ['system-ui', 'Segoe UI', 'Roboto', 'Arial', 'DejaVu Sans', 'sans-serif'];
export const ARROW_ICON = 'rk-arrow';

const COLORS = {
  background: '#eef1f4',
  land: '#fbfbf8',
  landHover: '#e3eef8',
  /** A municipality outside the focused neighbourhood. */
  landDimmed: '#e2e6ea',
  municipalityLine: '#8a96a3',
  countyLine: '#37474f',
  lake: '#b7d7ee',
  label: '#37474f',
  halo: '#ffffff',
  footprint: '#ffb000',
  gapLine: '#b3261e',
  badge: '#1b1f23'
} as const;

const state = (key: 'selected' | 'hover' | 'dimmed'): ExpressionSpecification => [
  'boolean',
  ['feature-state', key],
  false
];

/** Selected colour, else hover colour, else `base`. */
const highlightColor = (base: string | ExpressionSpecification): ExpressionSpecification => [
  'case',
  state('selected'),
  HIGHLIGHT.selected,
  state('hover'),
  HIGHLIGHT.hover,
  base
];
const dimmed = (normal: number): ExpressionSpecification => [
  'case',
  state('dimmed'),
  HIGHLIGHT.dimmedOpacity,
  normal
];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export interface StyleData {
  /** The relations and arrows that pass the filters, and the node symbols drawn now. */
  sources?: MapSources;
  footprint?: Footprint | null;
  /** The flow map's circles per municipality (flow-circles.ts). */
  flowCircles?: FlowCircleCollection;
}

/** Icons grow with the zoom (the symbol placement in symbols.ts uses the same scale). */
const ICON_SIZE_BY_ZOOM: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  ICON_SCALE.from,
  ICON_SCALE.min,
  ICON_SCALE.to,
  1
];
/** Where a cluster's badge sits: up and to the right of its symbol. */
const BADGE_TRANSLATE: [number, number] = [BADGE_OFFSET_PX, -BADGE_OFFSET_PX];
const NODE_ICON = [
  'match',
  ['get', 'kind'],
  ...NODE_KINDS.flatMap((kind) => [kind, nodeIconName(kind)]),
  nodeIconName('organisation')
] as unknown as ExpressionSpecification;
const isCluster: ExpressionSpecification = ['>', ['get', 'others'], 0];

export function buildSources(
  paths: GeoPaths,
  data: StyleData = {}
): Record<string, SourceSpecification> {
  const footprint = data.footprint;
  return {
    [SOURCE.municipalities]: {
      type: 'geojson',
      data: paths.municipalities,
      promoteId: 'kommunkod'
    },
    [SOURCE.county]: { type: 'geojson', data: paths.county },
    [SOURCE.lakes]: { type: 'geojson', data: paths.lakes ?? EMPTY },
    [SOURCE.labels]: { type: 'geojson', data: paths.centroids, promoteId: 'kommunkod' },
    [SOURCE.footprint]: {
      type: 'geojson',
      data: footprint ? { type: 'FeatureCollection', features: [footprint] } : EMPTY
    },
    [SOURCE.relations]: {
      type: 'geojson',
      data: data.sources?.relations ?? EMPTY,
      promoteId: 'id'
    },
    [SOURCE.flows]: { type: 'geojson', data: data.sources?.flows ?? EMPTY },
    [SOURCE.flowCircles]: { type: 'geojson', data: data.flowCircles ?? EMPTY },
    [SOURCE.arrows]: { type: 'geojson', data: data.sources?.arrows ?? EMPTY, promoteId: 'id' },
    [SOURCE.nodes]: { type: 'geojson', data: data.sources?.nodes ?? EMPTY, promoteId: 'id' }
  };
}

function relationLayer(kind: RelationKind, unknown: boolean): LayerSpecification {
  const look = RELATION_APPEARANCE[kind];
  const dash = unknown ? [2, 1.5] : look.dash;
  const flow = RELATION_KIND_FACTS[kind].flow;
  const width: ExpressionSpecification | number = flow ? ['get', 'width'] : look.width;
  return {
    id: relationLayerId(kind, unknown),
    type: 'line',
    source: SOURCE.relations,
    filter: flow
      ? ['all', ['==', ['get', 'kind'], kind], ['==', ['get', 'unknown'], unknown]]
      : ['==', ['get', 'kind'], kind],
    layout: { 'line-cap': dash ? 'butt' : 'round', 'line-join': 'round' },
    paint: {
      'line-color': highlightColor(look.color),
      'line-width': ['case', ['any', state('selected'), state('hover')], ['+', width, 2], width],
      'line-opacity': dimmed(look.spoke ? 0.75 : 0.9),
      ...(dash ? { 'line-dasharray': ['literal', dash] } : {})
    }
  } as LayerSpecification;
}

/** Our layers, bottom to top. With a basemap, the background and land fill are left out. */
export function buildLayers(options: { basemap?: boolean } = {}): LayerSpecification[] {
  const basemap = options.basemap ?? false;
  const reference: LayerSpecification[] = [
    { id: LAYER.background, type: 'background', paint: { 'background-color': COLORS.background } },
    {
      id: LAYER.municipalityFill,
      type: 'fill',
      source: SOURCE.municipalities,
      paint: {
        'fill-color': [
          'case',
          state('hover'),
          COLORS.landHover,
          state('dimmed'),
          COLORS.landDimmed,
          COLORS.land
        ],
        'fill-opacity': basemap ? ['case', state('hover'), 0.5, 0.01] : 1
      }
    },
    {
      id: LAYER.lakes,
      type: 'fill',
      source: SOURCE.lakes,
      paint: { 'fill-color': COLORS.lake }
    }
  ];
  // The coverage choropleth: hidden until a theme is chosen (the controller sets
  // colours, the gap filter and visibility).
  const choropleth: LayerSpecification[] = [
    {
      id: LAYER.choroplethFill,
      type: 'fill',
      source: SOURCE.municipalities,
      layout: { visibility: 'none' },
      paint: { 'fill-color': 'rgba(0, 0, 0, 0)', 'fill-opacity': dimmed(basemap ? 0.75 : 1) }
    },
    {
      id: LAYER.choroplethGap,
      type: 'fill',
      source: SOURCE.municipalities,
      layout: { visibility: 'none' },
      filter: ['in', ['get', 'kommunkod'], ['literal', []]],
      paint: { 'fill-pattern': GAP_PATTERN, 'fill-opacity': basemap ? 0.75 : 1 }
    }
  ];
  const gapLine: LayerSpecification = {
    id: LAYER.choroplethGapLine,
    type: 'line',
    source: SOURCE.municipalities,
    layout: { visibility: 'none' },
    filter: ['in', ['get', 'kommunkod'], ['literal', []]],
    paint: { 'line-color': COLORS.gapLine, 'line-width': 3 }
  };
  const layers: LayerSpecification[] = [
    ...(basemap ? reference.filter((l) => l.id === LAYER.municipalityFill) : reference),
    ...choropleth,
    {
      id: LAYER.footprintFill,
      type: 'fill',
      source: SOURCE.footprint,
      paint: { 'fill-color': COLORS.footprint, 'fill-opacity': 0.22 }
    },
    {
      id: LAYER.countyLine,
      type: 'line',
      source: SOURCE.county,
      paint: { 'line-color': COLORS.countyLine, 'line-width': 1.6 }
    },
    {
      id: LAYER.municipalityLine,
      type: 'line',
      source: SOURCE.municipalities,
      paint: {
        'line-color': highlightColor(COLORS.municipalityLine),
        'line-width': ['case', ['any', state('selected'), state('hover')], 2.5, 0.8]
      }
    },
    {
      id: LAYER.footprintLine,
      type: 'line',
      source: SOURCE.footprint,
      paint: { 'line-color': '#a36f00', 'line-width': 2, 'line-dasharray': ['literal', [3, 2]] }
    },
    gapLine,
    {
      id: LAYER.flows,
      type: 'line',
      source: SOURCE.flows,
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': SUM_APPEARANCE.color,
        'line-width': ['get', 'width'],
        'line-opacity': SUM_APPEARANCE.opacity
      }
    },
    // The flow map: a circle per municipality, under the arcs (flow-circles.ts).
    {
      id: LAYER.flowCircles,
      type: 'circle',
      source: SOURCE.flowCircles,
      paint: {
        'circle-radius': ['get', 'radius'],
        'circle-color': ['get', 'color'],
        'circle-opacity': 0.3,
        'circle-stroke-color': ['get', 'color'],
        'circle-stroke-width': 2
      }
    },
    ...RELATION_KINDS.map((kind) => relationLayer(kind, false)),
    ...FLOW_KINDS.map((kind) => relationLayer(kind, true)),
    {
      id: LAYER.relationArrows,
      type: 'symbol',
      source: SOURCE.arrows,
      layout: {
        'icon-image': ARROW_ICON,
        'icon-rotate': ['get', 'rotate'],
        'icon-size': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 11, 1],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true
      },
      paint: { 'icon-color': highlightColor(['get', 'color']), 'icon-opacity': dimmed(1) }
    },
    {
      id: LAYER.nodes,
      type: 'symbol',
      source: SOURCE.nodes,
      layout: {
        'icon-image': NODE_ICON,
        'icon-size': ICON_SIZE_BY_ZOOM,
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['get', 'sort']
      },
      paint: { 'icon-opacity': dimmed(1) }
    },
    // A cluster's badge: "+n" for the nodes behind its symbol (symbols.ts).
    {
      id: LAYER.clusterBadges,
      type: 'circle',
      source: SOURCE.nodes,
      filter: isCluster,
      paint: {
        'circle-radius': [
          'case',
          ['>=', ['get', 'others'], BADGE_LARGE_FROM],
          BADGE_RADIUS.large,
          BADGE_RADIUS.small
        ],
        'circle-color': '#ffffff',
        'circle-stroke-color': COLORS.badge,
        'circle-stroke-width': BADGE_STROKE,
        'circle-translate': BADGE_TRANSLATE,
        'circle-opacity': dimmed(1),
        'circle-stroke-opacity': dimmed(1)
      }
    },
    {
      id: LAYER.clusterCounts,
      type: 'symbol',
      source: SOURCE.nodes,
      filter: isCluster,
      layout: {
        'text-field': ['concat', '+', ['to-string', ['get', 'others']]],
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true
      },
      paint: {
        'text-color': COLORS.badge,
        'text-translate': BADGE_TRANSLATE,
        'text-opacity': dimmed(1)
      }
    },
    {
      id: LAYER.municipalityLabels,
      type: 'symbol',
      source: SOURCE.labels,
      layout: {
        'text-field': ['get', 'namn'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 12, 11, 16],
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-allow-overlap': true
      },
      paint: {
        'text-color': COLORS.label,
        'text-halo-color': COLORS.halo,
        'text-halo-width': 1.5
      }
    },
    {
      id: LAYER.nodeLabels,
      type: 'symbol',
      source: SOURCE.nodes,
      minzoom: 9.5,
      filter: ['!=', ['get', 'kind'], 'municipality'],
      layout: {
        'text-field': ['get', 'title'],
        'text-font': LABEL_FONT,
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-max-width': 12,
        'text-optional': true
      },
      paint: {
        'text-color': COLORS.label,
        'text-halo-color': COLORS.halo,
        'text-halo-width': 1.5,
        // The selected and hovered have their label over the map (highlight.ts).
        'text-opacity': ['case', ['any', state('selected'), state('hover')], 0, dimmed(1)]
      }
    }
  ];
  return layers;
}

/** The complete offline style. */
export function buildStyle(
  paths: GeoPaths = GEOGRAPHIES.county,
  data: StyleData = {}
): StyleSpecification {
  return { version: 8, sources: buildSources(paths, data), layers: buildLayers() };
}

/** A basemap style with our sources and layers on top (for `transformStyle`). */
export function overlayStyle(
  base: StyleSpecification,
  paths: GeoPaths = GEOGRAPHIES.county,
  data: StyleData = {}
): StyleSpecification {
  const ours = new Set<string>(Object.values(SOURCE));
  return {
    ...base,
    sources: {
      ...Object.fromEntries(Object.entries(base.sources).filter(([id]) => !ours.has(id))),
      ...buildSources(paths, data)
    },
    layers: [
      ...base.layers.filter((l) => !('source' in l && ours.has(String(l.source)))),
      ...buildLayers({ basemap: true })
    ]
  };
}
