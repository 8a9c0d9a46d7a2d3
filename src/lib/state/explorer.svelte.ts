// The explorer's one state: the dataset, the shareable view (held in the URL, so
// links, reload and back/forward reproduce it) and the transient hover and zoom
// requests. Map, graph, lists and panels all read from here; none of them talks
// to another directly.
import { getContext, setContext, untrack } from 'svelte';
import type { Dataset, NodeRow, RelationRow, Selection, ThemeRow } from '$lib/domain/model';
import type { ProposalMark } from '$lib/domain/workshop';
import { aggregateByMunicipality, SUM_LIMIT, type Aggregate } from '$lib/explorer/aggregate';
import { EMPTY_FILTERS, filterDataset, type Filters, type Visible } from '$lib/explorer/filters';
import { neighbourhood, type Neighbourhood } from '$lib/explorer/neighbourhood';
import { indexBy, relationsByNode } from '$lib/explorer/lookup';
import { geographyFor, type GeographyName } from '$lib/geo/geographies';
import { choropleth, computeCoverage, type ChoroplethValue } from '$lib/analysis/coverage';
import { keepShownFlows, showFlows, type FlowsShown } from '$lib/analysis/flows';
import {
  municipalityNodeIds,
  rankTwins,
  standardise,
  twinScope,
  twinSettings,
  type Twin,
  type TwinSettings,
  type TwinTable
} from '$lib/analysis/twins';
import {
  parseViewState,
  urlForViewState,
  type Camera,
  type FlowView,
  type FocusDepth,
  type Layout,
  type Panel,
  type TwinView,
  type ViewMode,
  type ViewState
} from '$lib/explorer/url-state';

/** The twins shown: the standardised table and the selected municipality's ranked twins. */
export interface TwinsShown {
  settings: TwinSettings;
  table: TwinTable;
  /** The selected municipality's code (null: none selected, no list). */
  code: string | null;
  twins: Twin[];
  /** The map's municipality node id by code (for graph edges and saving). */
  nodeIdByCode: ReadonlyMap<string, string>;
}

/** Where the view state lives: the page URL and the history API (or a fake in tests). */
export interface UrlPort {
  url(): URL;
  push(url: URL): void;
  replace(url: URL): void;
}

export interface ZoomRequest {
  target: Selection | 'all';
  seq: number;
}

/** Swedish title order; one collator (localeCompare with a locale builds one per call). */
const TITLE_ORDER = new Intl.Collator('sv');
const EMPTY_VISIBLE: Visible = { nodeIds: new Set(), relationIds: new Set() };

/** Someone else's selection (presence), marked in both views. */
export interface RemoteSelection {
  name: string;
  selection: Selection;
}

/** A click in a view: where (map: lon/lat) and on what (null = background). */
export interface Pick {
  view: 'map' | 'graph';
  point: { lon: number; lat: number } | null;
  selection: Selection | null;
}

/** While set, the next matching click is handed to `resolve` instead of selecting. */
export interface PickRequest {
  /** 'map-point': any map click; 'graph-point': the graph's background; 'node': a node. */
  kind: 'map-point' | 'graph-point' | 'node';
  resolve(pick: Pick): void;
}

export class ExplorerState {
  #port: UrlPort;
  #dataset = $state.raw<Dataset | null>(null);
  #hover = $state.raw<Selection | null>(null);
  #zoom = $state.raw<ZoomRequest | null>(null);
  #relayout = $state(0);
  #remote = $state.raw<readonly RemoteSelection[]>([]);
  #proposals = $state.raw<readonly ProposalMark[]>([]);
  #pickRequest = $state.raw<PickRequest | null>(null);

  constructor(port: UrlPort) {
    this.#port = port;
  }

  // ---- reads -------------------------------------------------------------

  readonly view: ViewState = $derived.by(() => parseViewState(this.#port.url().searchParams));

  // Every view change (a selection, a camera move) parses a new view object. The
  // parts that expensive derivations depend on are keyed by their canonical form,
  // so the visible sets and the focus are computed again only when those parts
  // really change (a derived that yields an equal string stops the update).
  #filtersKey = $derived(JSON.stringify(this.view.filters));
  #selectionKey = $derived.by(() => {
    const selection = this.view.selection;
    return selection ? `${selection.type}:${selection.id}` : '';
  });
  #focusKey = $derived(
    this.#selectionKey && this.view.focus ? `${this.#selectionKey}:${this.view.focus}` : ''
  );
  #selection: Selection | null = $derived.by(() => {
    void this.#selectionKey;
    return untrack(() => this.view.selection);
  });
  #filters: Filters = $derived.by(() => {
    void this.#filtersKey;
    return untrack(() => this.view.filters);
  });

  get dataset(): Dataset | null {
    return this.#dataset;
  }
  get filters(): Filters {
    return this.#filters;
  }
  get selection(): Selection | null {
    return this.#selection;
  }
  get hover(): Selection | null {
    return this.#hover;
  }
  get zoomRequest(): ZoomRequest | null {
    return this.#zoom;
  }
  /** Counts requests to lay the graph out afresh (the graph view answers each once). */
  get relayoutRequest(): number {
    return this.#relayout;
  }
  get remote(): readonly RemoteSelection[] {
    return this.#remote;
  }
  get pickRequest(): PickRequest | null {
    return this.#pickRequest;
  }

  readonly nodeById: ReadonlyMap<string, NodeRow> = $derived(
    indexBy(this.#dataset?.nodes ?? [], (n) => n.id)
  );
  readonly relationById: ReadonlyMap<string, RelationRow> = $derived(
    indexBy(this.#dataset?.relations ?? [], (r) => r.id)
  );
  /** Each node's relations (either end), for its details and a large graph's detail. */
  readonly relationsByNode: ReadonlyMap<string, readonly RelationRow[]> = $derived(
    relationsByNode(this.#dataset?.relations ?? [])
  );
  readonly themeByKey: ReadonlyMap<string, ThemeRow> = $derived(
    indexBy(this.#dataset?.themes ?? [], (t) => t.key)
  );

  /** The chosen coverage theme's counts per municipality (null when off or unknown). */
  readonly coverageValues: ChoroplethValue[] | null = $derived.by(() => {
    const theme = this.view.coverageTheme;
    if (!theme || !this.#dataset || !this.themeByKey.has(theme)) return null;
    return choropleth(computeCoverage(this.#dataset), theme);
  });

  /** Kommunkod → the municipality's node (once per dataset; twins and the graph's sums). */
  readonly nodeIdByCode: ReadonlyMap<string, string> = $derived(
    municipalityNodeIds(this.#dataset?.nodes ?? [])
  );

  #twinsKey = $derived(JSON.stringify(this.view.twins));

  /** Twin municipalities (null when off): see analysis/twins. */
  readonly twins: TwinsShown | null = $derived.by(() => {
    void this.#twinsKey;
    const view = untrack(() => this.view.twins);
    const dataset = this.#dataset;
    if (!view || !dataset) return null;
    const nodeIdByCode = this.nodeIdByCode;
    const settings = twinSettings(view);
    const values = dataset.indicators.filter((i) => !i.deleted_at);
    const table = standardise(
      values,
      twinScope(values, [...nodeIdByCode.keys()], view.scope),
      settings
    );
    const picked = this.#selection;
    const selected = picked?.type === 'node' ? this.nodeById.get(picked.id) : null;
    const code =
      selected?.kind === 'municipality' &&
      selected.municipality_code &&
      table.z.has(selected.municipality_code)
        ? selected.municipality_code
        : null;
    return {
      settings,
      table,
      code,
      twins: code ? rankTwins(table, code, settings.metric) : [],
      nodeIdByCode
    };
  });

  /**
   * The map's geography: Sweden's once a node lies outside the county, or while
   * twins are sought across Sweden (their similarity is drawn on every municipality).
   */
  readonly geography: GeographyName = $derived(
    geographyFor(
      this.#dataset?.nodes ?? [],
      this.view.twins?.scope === 'sweden' && this.twins ? [...this.twins.table.z.keys()] : []
    )
  );

  /** What passes the filters, before the flow map picks its flows. */
  readonly #filtered: Visible = $derived(
    this.#dataset ? filterDataset(this.#dataset, this.#filters) : EMPTY_VISIBLE
  );

  #flowsKey = $derived(JSON.stringify(this.view.flows));

  /** The flow map (null when off): see analysis/flows. */
  readonly flows: FlowsShown | null = $derived.by(() => {
    void this.#flowsKey;
    const view = untrack(() => this.view.flows);
    const dataset = this.#dataset;
    if (!view || !dataset) return null;
    const filtered = this.#filtered.relationIds;
    return showFlows(dataset.nodes, dataset.relations, view, (id) => filtered.has(id));
  });

  /**
   * What passes the filters: the same sets drive the map, the graph and the lists.
   * With the flow map on, of the flows only those it draws (its year, unit, top N).
   */
  readonly visible: Visible = $derived.by(() => {
    const filtered = this.#filtered;
    const flows = this.flows;
    if (!flows || !this.#dataset) return filtered;
    return {
      nodeIds: filtered.nodeIds,
      relationIds: keepShownFlows(this.#dataset.relations, filtered.relationIds, flows.shown)
    };
  });

  /**
   * The visible relations summed between municipalities, the largest SUM_LIMIT:
   * what the map at overview and a large graph draw instead of every relation
   * (explorer/aggregate.ts). Worked out when one of them reads it, once for both.
   */
  readonly sums: Aggregate = $derived(
    aggregateByMunicipality(
      this.#dataset?.nodes ?? [],
      this.#dataset?.relations ?? [],
      this.visible,
      SUM_LIMIT
    )
  );

  /** In focus mode, the selection's neighbourhood; everything else is dimmed. */
  readonly focused: Neighbourhood | null = $derived.by(() => {
    if (!this.#dataset || !this.#focusKey) return null;
    const { selection, focus } = untrack(() => this.view);
    if (!selection || focus === 0) return null;
    return neighbourhood(this.#dataset, this.visible, selection, focus);
  });

  // Sorted once per dataset: a filter change only filters.
  readonly #nodesByTitle: NodeRow[] = $derived(
    [...(this.#dataset?.nodes ?? [])].sort((a, b) => TITLE_ORDER.compare(a.title, b.title))
  );
  readonly visibleNodes: NodeRow[] = $derived(
    this.#nodesByTitle.filter((n) => this.visible.nodeIds.has(n.id))
  );
  readonly visibleRelations: RelationRow[] = $derived(
    (this.#dataset?.relations ?? []).filter((r) => this.visible.relationIds.has(r.id))
  );

  isSelected(type: Selection['type'], id: string): boolean {
    const s = this.view.selection;
    return s !== null && s.type === type && s.id === id;
  }

  // ---- writes ------------------------------------------------------------

  setDataset(dataset: Dataset | null): void {
    this.#dataset = dataset;
  }

  #commit(patch: Partial<ViewState>, mode: 'push' | 'replace' = 'push'): void {
    const current = this.#port.url();
    const url = urlForViewState(current, { ...this.view, ...patch });
    if (url.href === current.href) return;
    if (mode === 'push') this.#port.push(url);
    else this.#port.replace(url);
  }

  /** Shows a whole view at once (a story step, the presenter's view), replacing the address. */
  showView(view: ViewState): void {
    this.#commit(view, 'replace');
  }

  select(selection: Selection | null): void {
    this.#commit({ selection, focus: selection ? this.view.focus : 0 });
  }

  setFilters(patch: Partial<Filters>, mode: 'push' | 'replace' = 'push'): void {
    this.#commit({ filters: { ...this.view.filters, ...patch } }, mode);
  }

  clearFilters(): void {
    this.#commit({ filters: EMPTY_FILTERS });
  }

  setFocus(focus: FocusDepth): void {
    if (!this.view.selection) return;
    this.#commit({ focus });
  }

  setViewMode(view: ViewMode): void {
    this.#commit({ view });
  }

  setCoverageTheme(coverageTheme: string | null): void {
    this.#commit({ coverageTheme });
  }

  /** Shows or hides the network overlaps (shared members) as weighted graph edges. */
  setOverlaps(overlaps: boolean): void {
    this.#commit({ overlaps });
  }

  /** Shows twin municipalities with these settings (null: off). */
  setTwins(twins: TwinView | null): void {
    this.#commit({ twins }, 'replace');
  }

  /** Shows the flow map with these settings (null: off). */
  setFlows(flows: FlowView | null): void {
    this.#commit({ flows }, 'replace');
  }

  setLayout(layout: Layout): void {
    this.#commit({ layout });
  }

  /**
   * Opens a side panel (null closes it). Panels and the list replace the
   * history entry: back/forward step through what is shown, not the furniture.
   */
  setPanel(panel: Panel | null): void {
    this.#commit({ panel }, 'replace');
  }

  setList(list: boolean): void {
    this.#commit({ list }, 'replace');
  }

  /** Camera moves replace the history entry: back/forward steps through view changes only. */
  setCamera(camera: Camera): void {
    this.#commit({ camera }, 'replace');
  }

  setHover(hover: Selection | null): void {
    const h = this.#hover;
    if (h === hover || (h && hover && h.type === hover.type && h.id === hover.id)) return;
    this.#hover = hover;
  }

  /** A workshop round's open proposals, drawn on the map and in the graph in their own style. */
  get proposals(): readonly ProposalMark[] {
    return this.#proposals;
  }

  setProposals(proposals: readonly ProposalMark[]): void {
    this.#proposals = proposals;
  }

  setRemote(remote: readonly RemoteSelection[]): void {
    this.#remote = remote;
  }

  requestPick(request: PickRequest | null): void {
    this.#pickRequest = request;
  }

  /** A view offers a click; true when a pick request took it (then do not select). */
  offerPick(pick: Pick): boolean {
    const request = this.#pickRequest;
    if (!request) return false;
    const taken =
      (request.kind === 'map-point' && pick.view === 'map' && pick.point !== null) ||
      (request.kind === 'graph-point' && pick.view === 'graph' && pick.selection === null) ||
      (request.kind === 'node' && pick.selection?.type === 'node');
    if (!taken) return false;
    this.#pickRequest = null;
    request.resolve(pick);
    return true;
  }

  zoomTo(target: Selection | 'all'): void {
    this.#zoom = { target, seq: (this.#zoom?.seq ?? 0) + 1 };
  }

  /** Asks for the free layout from scratch (the graph view; stored for all by editors). */
  relayout(): void {
    this.#relayout++;
  }
}

const KEY = Symbol('explorer-state');

export function setExplorerContext(state: ExplorerState): ExplorerState {
  return setContext(KEY, state);
}

export function getExplorerContext(): ExplorerState {
  const state = getContext<ExplorerState | undefined>(KEY);
  if (!state) throw new Error('getExplorerContext() called outside the explorer');
  return state;
}
