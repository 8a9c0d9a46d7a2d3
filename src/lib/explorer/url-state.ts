// The shareable part of the explorer, as URL query parameters and back. Pure.
// Unknown or malformed values are dropped (a shared link never breaks the page).
import { isNodeKind, isRelationKind, isStatus } from '$lib/domain/kinds';
import { EMPTY_FILTERS, type Filters } from './filters';
import type { Selection } from '$lib/domain/model';

export const VIEW_MODES = ['split', 'map', 'graph'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];
export const LAYOUTS = ['fcose', 'geo', 'hierarchy'] as const;
export type Layout = (typeof LAYOUTS)[number];
export type FocusDepth = 0 | 1 | 2;
/** The panels that open beside the views, one at a time (the details follow the selection). */
export const PANELS = [
  'filter',
  'legend',
  'tools',
  'twins',
  'flows',
  'collab',
  'workshop'
] as const;
export type Panel = (typeof PANELS)[number];

export const TWIN_METRICS = ['euclidean', 'cosine'] as const;
export type TwinMetric = (typeof TWIN_METRICS)[number];
/** Whose municipalities twins are sought among: the map's (county) or all with values. */
export const TWIN_SCOPES = ['county', 'sweden'] as const;
export type TwinScope = (typeof TWIN_SCOPES)[number];
export const MAX_TWIN_WEIGHT = 10;
export const MAX_TWIN_TOP = 10;

/** Twin municipalities shown (the similarity on the map, the top twins in the graph). */
export interface TwinView {
  /** Indicator keys and weights (1 … 10); empty = the default set (analysis/twins). */
  indicators: { key: string; weight: number }[];
  metric: TwinMetric;
  scope: TwinScope;
  /** How many twins are drawn as edges in the graph. */
  top: number;
}

export const MAX_FLOW_TOP = 50;
/** A flow's unit as written in the URL (and in the database: relations.unit ≤ 40). */
const FLOW_UNIT_MAX = 40;

/** Flows between municipalities shown as a flow map (analysis/flows). */
export interface FlowView {
  /** The year shown; null = the newest year the flows have. */
  year: number | null;
  /** The unit shown (elever, pendlare …); null = the unit most flows have. */
  unit: string | null;
  /** Only the largest `top` flows are drawn (null = all). */
  top: number | null;
  /** Only flows of at least this many are drawn (0 = all). */
  min: number;
}

export interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}

export interface ViewState {
  mapId: string;
  filters: Filters;
  selection: Selection | null;
  focus: FocusDepth;
  view: ViewMode;
  layout: Layout;
  camera: Camera | null;
  /** The theme whose coverage colours the map's municipalities (null = off). */
  coverageTheme: string | null;
  /** Network overlaps (shared members) drawn as weighted edges in the graph. */
  overlaps: boolean;
  /** The open side panel, if any. */
  panel: Panel | null;
  /** The list drawer is open (wide screens; phones have a list tab). */
  list: boolean;
  /** Twin municipalities of the selected municipality, or null (off). */
  twins: TwinView | null;
  /** Flows between municipalities drawn as a flow map, or null (off). */
  flows: FlowView | null;
}

export const DEFAULT_MAP_ID = '00000000-0000-4000-8000-000000000001';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const THEME_KEY = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const KOMMUNKOD = /^[0-9]{4}$/;

function list<T extends string>(
  params: URLSearchParams,
  name: string,
  valid: (v: string) => v is T
): T[] {
  const raw = params.get(name);
  if (!raw) return [];
  return [...new Set(raw.split(',').filter(valid))].sort();
}

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return (values as readonly string[]).includes(raw ?? '') ? (raw as T) : fallback;
}

function parseCamera(raw: string | null): Camera | null {
  if (!raw) return null;
  const [lon, lat, zoom] = raw.split(',').map(Number);
  if ([lon, lat, zoom].some((n) => n === undefined || !Number.isFinite(n))) return null;
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 85 || zoom! < 0 || zoom! > 22) return null;
  return { lon: lon!, lat: lat!, zoom: zoom! };
}

const INDICATOR_WEIGHT = /^([a-z0-9][a-z0-9_]{0,79}):([0-9]{1,2})$/;

/** ?tvilling=standard | key:weight,key:weight; ?avstand=cosinus; ?omfang=sverige; ?topp=3 */
function parseTwins(params: URLSearchParams): TwinView | null {
  const raw = params.get('tvilling');
  if (raw === null) return null;
  const indicators: TwinView['indicators'] = [];
  for (const part of raw.split(',')) {
    const m = INDICATOR_WEIGHT.exec(part);
    const weight = Number(m?.[2]);
    if (m && weight >= 1 && weight <= MAX_TWIN_WEIGHT && !indicators.some((i) => i.key === m[1]))
      indicators.push({ key: m[1]!, weight });
  }
  const top = Number(params.get('topp'));
  return {
    indicators,
    metric: params.get('avstand') === 'cosinus' ? 'cosine' : 'euclidean',
    scope: params.get('omfang') === 'sverige' ? 'sweden' : 'county',
    top: Number.isInteger(top) && top >= 1 && top <= MAX_TWIN_TOP ? top : 3
  };
}

function serializeTwins(twins: TwinView, params: URLSearchParams): void {
  const list = twins.indicators.map((i) => `${i.key}:${i.weight}`).join(',');
  params.set('tvilling', list || 'standard');
  if (twins.metric === 'cosine') params.set('avstand', 'cosinus');
  if (twins.scope === 'sweden') params.set('omfang', 'sverige');
  if (twins.top !== 3) params.set('topp', String(twins.top));
}

/** ?floden=1&flodesar=2024&flodesenhet=elever&flodestopp=10&flodesmin=50 */
function parseFlows(params: URLSearchParams): FlowView | null {
  if (params.get('floden') !== '1') return null;
  const year = Number(params.get('flodesar'));
  const unit = (params.get('flodesenhet') ?? '').trim();
  const top = Number(params.get('flodestopp'));
  const min = Number(params.get('flodesmin'));
  return {
    year:
      params.has('flodesar') && Number.isInteger(year) && year >= 1900 && year <= 2100
        ? year
        : null,
    unit: unit && unit.length <= FLOW_UNIT_MAX ? unit : null,
    top: Number.isInteger(top) && top >= 1 && top <= MAX_FLOW_TOP ? top : null,
    min: Number.isFinite(min) && min > 0 ? min : 0
  };
}

function serializeFlows(flows: FlowView, params: URLSearchParams): void {
  params.set('floden', '1');
  if (flows.year !== null) params.set('flodesar', String(flows.year));
  if (flows.unit !== null) params.set('flodesenhet', flows.unit);
  if (flows.top !== null) params.set('flodestopp', String(flows.top));
  if (flows.min > 0) params.set('flodesmin', String(flows.min));
}

function parseSelection(raw: string | null): Selection | null {
  const match = raw?.match(/^(n|r):(.+)$/);
  if (!match || !UUID.test(match[2]!)) return null;
  return { type: match[1] === 'n' ? 'node' : 'relation', id: match[2]!.toLowerCase() };
}

/** The map an address names (?karta=<id>); the seeded map when it names none. */
export function mapIdOf(params: URLSearchParams): string {
  const mapId = params.get('karta') ?? '';
  return UUID.test(mapId) ? mapId.toLowerCase() : DEFAULT_MAP_ID;
}

/** The query that keeps a map across pages ('' for the seeded map, as its pages need none). */
export function mapQuery(mapId: string): string {
  return mapId === DEFAULT_MAP_ID ? '' : `?karta=${mapId}`;
}

export function parseViewState(params: URLSearchParams): ViewState {
  const focus = Number(params.get('fokus'));
  const selection = parseSelection(params.get('val'));
  return {
    mapId: mapIdOf(params),
    filters: {
      themes: list(params, 'tema', (v): v is string => THEME_KEY.test(v)),
      nodeKinds: list(params, 'typ', isNodeKind),
      relationKinds: list(params, 'relation', isRelationKind),
      municipalities: list(params, 'kommun', (v): v is string => KOMMUNKOD.test(v)),
      statuses: list(params, 'status', isStatus),
      text: (params.get('q') ?? '').slice(0, 200)
    },
    selection,
    focus: selection && (focus === 1 || focus === 2) ? focus : 0,
    view: oneOf(VIEW_MODES, params.get('vy'), 'split'),
    layout: oneOf(LAYOUTS, params.get('layout'), 'fcose'),
    camera: parseCamera(params.get('kamera')),
    coverageTheme: THEME_KEY.test(params.get('tacking') ?? '') ? params.get('tacking') : null,
    overlaps: params.get('overlapp') === '1',
    panel: (PANELS as readonly string[]).includes(params.get('panel') ?? '')
      ? (params.get('panel') as Panel)
      : null,
    list: params.get('lista') === '1',
    twins: parseTwins(params),
    flows: parseFlows(params)
  };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The canonical query string for a view: equal views give equal strings. */
export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.mapId !== DEFAULT_MAP_ID) params.set('karta', state.mapId);
  if (state.view !== 'split') params.set('vy', state.view);
  if (state.layout !== 'fcose') params.set('layout', state.layout);
  const f = state.filters;
  const lists: [string, readonly string[]][] = [
    ['tema', f.themes],
    ['typ', f.nodeKinds],
    ['relation', f.relationKinds],
    ['kommun', f.municipalities],
    ['status', f.statuses]
  ];
  for (const [name, values] of lists) {
    if (values.length) params.set(name, [...new Set(values)].sort().join(','));
  }
  if (f.text.trim()) params.set('q', f.text.trim());
  if (state.selection) {
    params.set('val', `${state.selection.type === 'node' ? 'n' : 'r'}:${state.selection.id}`);
    if (state.focus) params.set('fokus', String(state.focus));
  }
  if (state.camera) {
    const { lon, lat, zoom } = state.camera;
    params.set('kamera', `${round(lon, 5)},${round(lat, 5)},${round(zoom, 2)}`);
  }
  if (state.coverageTheme) params.set('tacking', state.coverageTheme);
  if (state.overlaps) params.set('overlapp', '1');
  if (state.panel) params.set('panel', state.panel);
  if (state.list) params.set('lista', '1');
  if (state.twins) serializeTwins(state.twins, params);
  if (state.flows) serializeFlows(state.flows, params);
  return params;
}

/** The query parameters that belong to the view state (everything else is kept as is). */
const VIEW_PARAMS = new Set([
  'karta',
  'vy',
  'layout',
  'tema',
  'typ',
  'relation',
  'kommun',
  'status',
  'q',
  'val',
  'fokus',
  'kamera',
  'tacking',
  'overlapp',
  'panel',
  'lista',
  'tvilling',
  'avstand',
  'omfang',
  'topp',
  'floden',
  'flodesar',
  'flodesenhet',
  'flodestopp',
  'flodesmin'
]);

/** `url` with its view parameters replaced by the canonical form of `state`; other parameters stay. */
export function urlForViewState(url: URL, state: ViewState): URL {
  const params = serializeViewState(state);
  for (const [name, value] of new URL(url).searchParams) {
    if (!VIEW_PARAMS.has(name)) params.append(name, value);
  }
  const next = new URL(url);
  next.search = params.toString();
  return next;
}

export function defaultViewState(): ViewState {
  return parseViewState(new URLSearchParams());
}

export { EMPTY_FILTERS };
