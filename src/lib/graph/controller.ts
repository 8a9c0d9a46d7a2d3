// The imperative side of the graph view: owns one Cytoscape core and applies
// element diffs, state classes, layouts and camera moves to it — each as the
// smallest change, inside cy.batch(). The Svelte component only calls it from
// small effects; tests drive it with a headless core.
import type {
  Collection,
  CollectionReturnValue,
  Core,
  EdgeSingular,
  EventObject,
  Layouts,
  NodeCollection,
  NodeSingular,
  SingularElementArgument
} from 'cytoscape';
import type { Selection } from '$lib/domain/model';
import type { Layout } from '$lib/explorer/url-state';
import { setChange, type GraphIds } from './classes';
import { diffElements, idsOfGroup, UNKNOWN_MAGNITUDE, type GraphElement } from './elements';
import type { Point } from './hierarchy';
import type { KeyAction } from './keyboard';
import {
  ALL_LABELS_ZOOM,
  cullLabels,
  labelBox,
  labelPx,
  WRAP_WIDTH_PX,
  type LabelBox,
  type Viewport
} from './labels';
import { prefersReducedMotion } from './motion';
import { setViewHidden } from './render-loop';
import { OVERLAP_CLASS, type OverlayEdge } from './overlay';
import { PROPOSAL_CLASS, type ProposalElement } from './proposals';
import {
  fcoseOptions,
  FCOSE_SEED,
  gridPosition,
  LAYOUT_ANIMATION_MS,
  presetOptions,
  spiralAround,
  withSeededRandom
} from './layouts';
import { labelStyle, nodeSize, type StateClass } from './style';

export interface GraphHandlers {
  select(target: Selection | null): void;
  hover(target: Selection | null): void;
  /** Nodes the user dragged and let go (all released in one gesture), where they now sit. */
  moved?(positions: Map<string, Point>): void;
}

/**
 * What decides the labels besides the state classes (see labels.ts): always
 * labelled are the selected and hovered nodes (or a relation's two ends) and a
 * focused neighbourhood; then, where there is room, the selected node's
 * neighbours and the rest in order of importance.
 */
export interface LabelInputs {
  /** Node ids, most important first. */
  order: readonly string[];
  /** The focused neighbourhood's nodes (focus mode), else empty. */
  focus: ReadonlySet<string>;
}

/** A text's width on screen at `px` (bold or not). */
export type MeasureText = (text: string, px: number, bold: boolean) => number;

/** Without a canvas (tests): a rough average glyph width. */
const estimateWidth: MeasureText = (text, px, bold) => text.length * px * (bold ? 0.6 : 0.55);
/** Labels follow a state change at once and a pan or zoom once it pauses, ms. */
const LABELS_AFTER_CHANGE_MS = 0;
const LABELS_AFTER_VIEWPORT_MS = 120;
/**
 * At most this many nodes in view are considered for a label, most important
 * first: far fewer labels fit (a national overview fits ~40 of 10 000 nodes).
 */
const LABEL_CANDIDATES = 1500;
/** Nodes this far outside the view (px) are not considered for a label. */
const LABEL_VIEW_MARGIN = 200;
const NO_IDS: ReadonlySet<string> = new Set();
/** State classes that change which labels are drawn. */
const LABEL_CLASSES: ReadonlySet<StateClass> = new Set(['hidden', 'selected', 'hovered']);

const OVERLAY = `.${OVERLAP_CLASS}`;
const PROPOSALS = `.${PROPOSAL_CLASS}`;
/** Drawn over the network, never part of it: no layout, no taps, no positions. */
const DRAWN_OVER = `${OVERLAY}, ${PROPOSALS}`;
/** Closer than this (graph units) a stored position counts as where the node is. */
const MOVE_EPSILON = 0.5;
/** Space between proposals in their row, and between the row and the network (model px). */
const PROPOSAL_SPACING = 140;

/**
 * Runs a task once, soon: after the current task (with its microtasks, so a
 * change and its labels reach the same frame) for delay 0, else after `delay`
 * ms without another call (a pan or zoom that pauses).
 */
class Deferred {
  #run: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queued = false;

  constructor(run: () => void) {
    this.#run = run;
  }

  schedule(delay: number): void {
    this.cancel();
    if (delay > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#run();
      }, delay);
      return;
    }
    this.#queued = true;
    queueMicrotask(() => {
      if (!this.#queued) return;
      this.#queued = false;
      this.#run();
    });
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queued = false;
  }
}

/**
 * A parked element Cytoscape has not made yet: one added while left out (a large
 * graph's culled nodes, an edge to one) is made when first shown — Cytoscape styles
 * every element it was given in its next frame, parked since or not.
 */
interface Unmade {
  def: GraphElement;
  position?: Point;
}
type Parked = SingularElementArgument | Unmade;
const isUnmade = (p: Parked): p is Unmade => 'def' in p;

function toSelection(target: EventObject['target']): Selection {
  return { type: target.isNode() ? 'node' : 'relation', id: target.id() };
}

export class GraphController {
  readonly cy: Core;
  #shown = new Map<string, GraphElement>();
  #nodes = new Set<string>();
  #edges = new Set<string>();
  #classes = new Map<StateClass, Set<string>>();
  /**
   * Hidden elements (filtered out) are taken out of the core and kept here by id
   * (parked), with the edges of hidden nodes: Cytoscape then neither styles nor
   * draws them. As a class (`display: none`) each element whose class changed was
   * styled again in the next frame: on a national map ~0.4–0.6 s of drawing after
   * each filter, where taking 9 000 nodes out costs ~40 ms and putting them back the
   * style of those shown again (see docs/CONTRACTS.md). While a layout runs they
   * are back in the core with the class `hidden` (#parking false), so they are laid
   * out too. The network's overlay edges are not kept: setOverlay adds them again.
   */
  #parked = new Map<string, Parked>();
  #parking = true;
  /** Nodes a large graph leaves out (detail.ts culledNodeIds): parked like the hidden ones. */
  #culled: ReadonlySet<string> = new Set();
  /** What setOverlay was last asked to draw, for when hidden ends come back. */
  #overlayWanted: readonly OverlayEdge[] = [];
  #laidOut = false;
  #overlayShown = false;
  #proposalsShown = false;
  #running: Layouts | null = null;
  /** Where fcose put the nodes, to return to the same picture from another layout. */
  #fcoseCache: Map<string, Point> | null = null;
  /** The layout drawn last (null before the first). */
  #layout: Layout | null = null;
  #measure: MeasureText;
  #labelInputs: LabelInputs = { order: [], focus: NO_IDS };
  #labels = new Deferred(() => {
    if (!this.cy.destroyed()) this.refreshLabels();
  });
  /** The zoom each labelled node's size bypass was set for. */
  #labelZoom = new Map<string, number>();
  #labelListener: ((labelled: ReadonlySet<string>) => void) | null = null;
  #inView: { max: number; last: string[] | null; listener: (ids: string[] | null) => void } | null =
    null;
  #inViewCheck = new Deferred(() => this.#checkInView());

  constructor(cy: Core, measure: MeasureText = estimateWidth) {
    this.cy = cy;
    this.#measure = measure;
    cy.on('viewport', () => {
      this.#scheduleLabels(LABELS_AFTER_VIEWPORT_MS);
      this.#scheduleInView(LABELS_AFTER_VIEWPORT_MS);
    });
  }

  /**
   * The ids held, for the component's reactive state: each group's set is a snapshot
   * replaced only when that group changes (never changed in place), so what depends
   * on the nodes alone does not run again when a large graph's detail edges change.
   */
  get ids(): GraphIds {
    return { nodes: this.#nodes, edges: this.#edges };
  }

  get laidOut(): boolean {
    return this.#laidOut;
  }

  /** The elements with these ids in the core (drawn or hidden by a class). */
  #inCore(ids: Iterable<string>): Collection {
    const cy = this.cy;
    const found = cy.collection();
    for (const id of ids) found.merge(cy.getElementById(id));
    return found;
  }

  /** An element held, in the core or parked (empty if neither). */
  #element(id: string): CollectionReturnValue {
    const ele = this.cy.getElementById(id);
    const parked = ele.empty() && this.#parked.get(id);
    return parked && !isUnmade(parked) ? (this.#gather([parked]) as CollectionReturnValue) : ele;
  }

  /** Where a node held is, drawn, parked or not made yet (undefined: no place yet). */
  #positionOf(id: string): Point | undefined {
    const parked = this.#parked.get(id);
    if (parked && isUnmade(parked)) return parked.position;
    const node = (parked ?? this.cy.getElementById(id)) as NodeSingular;
    return node.nonempty() ? node.position() : undefined;
  }

  #isOut(id: string): boolean {
    return (this.#classes.get('hidden') ?? NO_IDS).has(id) || this.#culled.has(id);
  }

  /** Makes these unmade elements (nodes first), with their place and the state classes held. */
  #make(unmade: readonly Unmade[]): void {
    const cy = this.cy;
    const defs = [...unmade].sort(
      (a, b) => Number(a.def.group === 'edges') - Number(b.def.group === 'edges')
    );
    const made = cy.add(
      defs.map(({ def, position }) => ({
        ...def,
        data: { ...def.data },
        ...(def.group === 'nodes' ? { position: { ...(position ?? this.#centre()) } } : {})
      }))
    );
    for (const [className, ids] of this.#classes) {
      if (className === 'hidden') continue;
      made.filter((ele: SingularElementArgument) => ids.has(ele.id())).addClass(className);
    }
    for (const { def } of defs) this.#parked.delete(def.data.id);
  }

  #centre(): Point {
    const extent = this.cy.extent();
    return { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
  }

  #gather(eles: Iterable<SingularElementArgument>): Collection {
    const found = this.cy.collection();
    for (const ele of eles) found.merge(ele);
    return found;
  }

  /** The elements with these ids held, in the core or parked (their classes and data follow). */
  #collect(ids: Iterable<string>): Collection {
    const found = this.cy.collection();
    for (const id of ids) found.merge(this.#element(id));
    return found;
  }

  /** Applies the difference to the elements held; returns whether anything changed. */
  setElements(next: readonly GraphElement[]): boolean {
    const diff = diffElements(this.#shown, next);
    if (!diff.add.length && !diff.remove.length && !diff.update.length) return false;
    const cy = this.cy;
    cy.batch(() => {
      this.#inCore(diff.remove).remove();
      for (const id of diff.remove) this.#parked.delete(id);
      for (const el of diff.update) {
        const unmade = this.#parked.get(el.data.id);
        if (unmade && isUnmade(unmade)) {
          unmade.def = el;
          continue;
        }
        const ele = this.#element(el.data.id);
        ele.data(el.data);
        if (el.group === 'edges') ele.toggleClass(UNKNOWN_MAGNITUDE, el.data.unknown);
      }
      // Left out (culled or hidden), or an edge to a parked node: kept unmade until shown.
      const centre = this.#laidOut ? this.#centre() : undefined;
      const made: GraphElement[] = [];
      for (const def of diff.add) {
        const out =
          def.group === 'nodes'
            ? this.#isOut(def.data.id)
            : this.#parked.has(def.data.source) || this.#parked.has(def.data.target);
        if (out) this.#parked.set(def.data.id, { def, position: centre });
        else made.push(def);
      }
      const added = cy.add(made.map((el) => ({ ...el, data: { ...el.data } })));
      if (this.#laidOut) this.#placeNear(added.nodes());
      else this.#placeOnGrid(added.nodes());
    });
    for (const id of diff.remove) this.#forget(id);
    for (const el of diff.add) this.#forget(el.data.id);
    const changed = new Set<GraphElement['group']>();
    for (const id of diff.remove) {
      changed.add(this.#nodes.has(id) ? 'nodes' : 'edges');
      this.#shown.delete(id);
    }
    for (const el of diff.add) changed.add(el.group);
    for (const el of [...diff.add, ...diff.update]) this.#shown.set(el.data.id, el);
    if (changed.has('nodes')) this.#nodes = idsOfGroup(next, 'nodes');
    if (changed.has('edges')) this.#edges = idsOfGroup(next, 'edges');
    this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
    if (diff.add.some((el) => el.group === 'nodes') || diff.remove.length) {
      this.#scheduleInView(LABELS_AFTER_CHANGE_MS);
    }
    return true;
  }

  /**
   * Draws exactly these overlay edges (network overlaps). They stay out of the
   * ids, the layout and the taps; one whose end is not in the graph is left out.
   * Checked against the core, since removing a node also removes its edges.
   */
  setOverlay(next: readonly OverlayEdge[]): void {
    const cy = this.cy;
    this.#overlayWanted = next;
    // Off and nothing drawn: no need to look through every edge for overlay ones.
    if (!next.length && !this.#overlayShown) return;
    const wanted = new Set(next.map((el) => el.data.id));
    const stale = cy.edges(OVERLAY).filter((e: EdgeSingular) => !wanted.has(e.id()));
    const added: OverlayEdge[] = [];
    cy.batch(() => {
      stale.remove();
      for (const el of next) {
        const ele = cy.getElementById(el.data.id);
        if (ele.nonempty()) {
          if (ele.data('weight') !== el.data.weight) ele.data(el.data);
        } else if (
          cy.getElementById(el.data.source).nonempty() &&
          cy.getElementById(el.data.target).nonempty()
        ) {
          added.push(el);
        }
      }
      cy.add(added.map((el) => ({ ...el, data: { ...el.data } })));
    });
    stale.forEach((e: EdgeSingular) => this.#forget(e.id()));
    for (const el of added) this.#forget(el.data.id);
    this.#overlayShown = cy.edges(OVERLAY).nonempty();
  }

  /** Draws exactly these proposals (workshops), in a row under the network. */
  setProposals(next: readonly ProposalElement[]): void {
    const cy = this.cy;
    // None wanted and none drawn: no need to look through every node for proposals.
    if (!next.length && !this.#proposalsShown) return;
    const wanted = new Set(next.map((el) => el.data.id));
    cy.batch(() => {
      cy.nodes(PROPOSALS)
        .filter((n: NodeSingular) => !wanted.has(n.id()))
        .remove();
      const fresh = next.filter((el) => cy.getElementById(el.data.id).empty());
      cy.add(fresh.map((el) => ({ ...el, data: { ...el.data } })));
      this.#placeProposals();
    });
    this.#proposalsShown = next.length > 0;
  }

  #placeProposals(): void {
    const proposals = this.cy.nodes(PROPOSALS);
    if (proposals.empty()) return;
    const box = this.#laidOutElements().boundingBox();
    const x1 = Number.isFinite(box.x1) ? box.x1 : 0;
    const y2 = Number.isFinite(box.y2) ? box.y2 : 0;
    proposals.forEach((node: NodeSingular, i: number) => {
      node.position({ x: x1 + i * PROPOSAL_SPACING, y: y2 + PROPOSAL_SPACING });
    });
  }

  /** New nodes after the first layout: beside their neighbours, without moving anyone else. */
  #placeNear(added: NodeCollection): void {
    const centre = this.#centre();
    added.forEach((node: NodeSingular, i: number) => {
      const anchors = node.neighborhood('node').not(added);
      let { x, y } = centre;
      if (anchors.nonempty()) {
        x = 0;
        y = 0;
        anchors.forEach((a: NodeSingular) => {
          x += a.position('x') / anchors.length;
          y += a.position('y') / anchors.length;
        });
      }
      node.position(spiralAround({ x, y }, i));
    });
  }

  /** Until the first layout: on a grid (see gridPosition). */
  #placeOnGrid(added: NodeCollection): void {
    added.positions((_node: NodeSingular, i: number) => gridPosition(i, added.length));
  }

  #forget(id: string): void {
    for (const set of this.#classes.values()) set.delete(id);
    this.#labelZoom.delete(id);
  }

  /**
   * Gives `className` to exactly `next`, touching only the elements that change.
   * `hidden` parks them instead (see #parked), but while a layout runs.
   */
  syncClass(className: StateClass, next: ReadonlySet<string>): void {
    if (className === 'hidden') return this.setOut(next, this.#culled);
    const prev = this.#classes.get(className) ?? new Set<string>();
    const { added, removed } = setChange(prev, next);
    this.#classes.set(className, new Set(next));
    if (added.length || removed.length) {
      this.cy.batch(() => {
        if (added.length) this.#collect(added).addClass(className);
        if (removed.length) this.#collect(removed).removeClass(className);
      });
    }
    if (LABEL_CLASSES.has(className) && (added.length || removed.length)) {
      this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
    }
  }

  /**
   * What is left out of the graph: `hidden` by the filters (the class `hidden` while
   * a layout runs) and `culled` by a large graph's level of detail. Both at once, so
   * that what leaves is parked first and only what neither keeps out comes back: a
   * filter cleared on a national map hands most nodes from one set to the other.
   */
  setOut(hidden: ReadonlySet<string>, culled: ReadonlySet<string>): void {
    const h = setChange(this.#classes.get('hidden') ?? NO_IDS, hidden);
    const c = setChange(this.#culled, culled);
    this.#classes.set('hidden', new Set(hidden));
    this.#culled = culled;
    if (this.#parking) {
      const leaving = [...h.added, ...c.added];
      if (leaving.length) this.cy.batch(() => this.#park(this.#inCore(leaving)));
      if (h.removed.length || c.removed.length) this.#unpark();
    } else if (h.added.length || h.removed.length) {
      // A layout runs: the class for now; culled nodes are parked when it is done.
      this.cy.batch(() => {
        this.#collect(h.added).addClass('hidden');
        this.#collect(h.removed).removeClass('hidden');
      });
    }
    if (h.added.length || h.removed.length || c.added.length || c.removed.length) {
      this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
      this.#scheduleInView(LABELS_AFTER_CHANGE_MS);
    }
  }

  /** Takes these elements out of the core, with the edges of the nodes among them. */
  #park(eles: Collection): void {
    eles.remove().forEach((ele: SingularElementArgument) => {
      if (ele.is(OVERLAY)) this.#forget(ele.id());
      else this.#parked.set(ele.id(), ele);
    });
    this.#overlayShown = this.cy.edges(OVERLAY).nonempty();
  }

  /** Puts back what is parked but no longer hidden: the nodes, then the edges whose ends are back. */
  #unpark(): void {
    const nodes: SingularElementArgument[] = [];
    const edges: EdgeSingular[] = [];
    const unmadeNodes: Unmade[] = [];
    const unmadeEdges: Unmade[] = [];
    for (const [id, parked] of this.#parked) {
      if (this.#isOut(id)) continue;
      if (isUnmade(parked)) (parked.def.group === 'nodes' ? unmadeNodes : unmadeEdges).push(parked);
      else if (parked.isNode()) nodes.push(parked);
      else edges.push(parked as EdgeSingular);
    }
    if (!nodes.length && !edges.length && !unmadeNodes.length && !unmadeEdges.length) return;
    const cy = this.cy;
    const endsIn = (source: string, target: string) =>
      cy.hasElementWithId(source) && cy.hasElementWithId(target);
    cy.batch(() => {
      this.#gather(nodes).restore();
      this.#make(unmadeNodes);
      const back = edges.filter((e) => endsIn(e.data('source'), e.data('target')));
      this.#gather(back).restore();
      for (const ele of [...nodes, ...back]) this.#parked.delete(ele.id());
      this.#make(
        unmadeEdges.filter(
          ({ def }) => def.group === 'edges' && endsIn(def.data.source, def.data.target)
        )
      );
    });
    if (nodes.length || unmadeNodes.length) this.setOverlay(this.#overlayWanted); // edges to the nodes back
  }

  /** For a layout: everything parked back in the core, hidden by the class instead. */
  #unparkAll(): void {
    if (!this.#parking) return;
    this.#parking = false;
    const all = [...this.#parked.values()];
    const parked = this.#gather(all.filter((p): p is SingularElementArgument => !isUnmade(p)));
    const unmade = all.filter(isUnmade);
    this.cy.batch(() => {
      parked.restore();
      this.#make(unmade);
      this.#parked.clear();
      this.#inCore([...(this.#classes.get('hidden') ?? NO_IDS), ...this.#culled]).addClass(
        'hidden'
      );
    });
  }

  /** After a layout: what is left out (hidden, culled) parked again, the class taken off. */
  #parkLeftOut(): void {
    if (this.#parking) return;
    this.#parking = true;
    const hidden = this.#classes.get('hidden') ?? NO_IDS;
    this.cy.batch(() => {
      this.cy.elements('.hidden').removeClass('hidden');
      this.#park(this.#inCore([...hidden, ...this.#culled]));
    });
    this.#unpark();
    this.setOverlay(this.#overlayWanted);
  }

  #placeParked(places: ReadonlyMap<string, Point>): void {
    for (const [id, parked] of this.#parked) {
      const p = places.get(id);
      if (!p) continue;
      if (isUnmade(parked)) parked.position = { x: p.x, y: p.y };
      else if (parked.isNode()) parked.position({ x: p.x, y: p.y });
    }
  }

  /** Whether fcose's picture for every node held is known (no need to compute it). */
  hasFcosePicture(): boolean {
    const cached = this.#fcoseCache;
    return cached !== null && [...this.#nodes].every((id) => cached.has(id));
  }

  /**
   * Lays the graph out. `positions` are required for the preset layouts (geo,
   * hierarchy); for fcose they are its result computed elsewhere (a worker),
   * else fcose runs here. `fresh`: the free layout from scratch, as on a first load,
   * forgetting how nodes were moved. Resolves when the nodes have arrived (after the animation).
   */
  async runLayout(
    layout: Layout,
    positions?: ReadonlyMap<string, Point>,
    { fresh = false }: { fresh?: boolean } = {}
  ): Promise<void> {
    this.#running?.stop();
    if (fresh) this.#fcoseCache = null; // from scratch: not the picture kept
    const covered = layout === 'fcose' && this.hasFcosePicture();
    const given = covered ? this.#fcoseCache : (positions ?? null);
    // fcose computed here lays out every node, parked or not; given places go to
    // the parked nodes directly (styling thousands to lay them out costs seconds).
    if (layout === 'fcose' && !given) this.#unparkAll();
    else this.#placeParked(given ?? new Map());
    const eles = this.#toLayOut();
    // From where a first load starts, so the picture is a first load's.
    if (fresh) this.#placeOnGrid(eles.nodes());
    this.#layout = layout;
    const ctx = { animate: this.#laidOut && !prefersReducedMotion(), nodeCount: this.#nodes.size };
    const run =
      layout === 'fcose' && !given
        ? eles.layout(fcoseOptions({ ...ctx, firstRun: !this.#laidOut || fresh }))
        : // With nodes culled the view is fitted to all of them below, not to the core.
          eles.layout({ ...presetOptions(given ?? new Map(), ctx), fit: !this.#culled.size });
    this.#running = run;
    const done = run.promiseOn('layoutstop');
    // Lay out everything, filtered or not, so clearing a filter never shows a
    // node without a place (fcose skips display: none). The positions are
    // computed synchronously in run(); no frame is drawn in between.
    const hidden = this.cy.elements('.hidden');
    hidden.removeClass('hidden');
    try {
      withSeededRandom(FCOSE_SEED, () => run.run());
    } finally {
      hidden.addClass('hidden');
    }
    // The layout fitted the core: with nodes culled, fit every visible node instead.
    if (this.#culled.size) this.#fitAll(30, false);
    await done;
    if (this.#running === run) this.#running = null;
    if (!this.#running) this.#parkLeftOut();
    this.#laidOut = true;
    if (layout === 'fcose' && !covered) this.#fcoseCache = this.positions();
    this.#placeProposals();
    this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
    this.#scheduleInView(LABELS_AFTER_CHANGE_MS);
  }

  // ---- nodes in view (a large graph's level of detail, detail.ts) ----------------

  /**
   * Calls `listener` with the visible nodes in view whenever they change (after a
   * pan or zoom pauses, a layout or a filter), or with null while more than `max`
   * are in view (the overview). Null: no longer.
   */
  onNodesInView(listener: ((ids: string[] | null) => void) | null, max = Infinity): void {
    this.#inView = listener ? { max, last: null, listener } : null;
    if (listener) this.#scheduleInView(LABELS_AFTER_CHANGE_MS);
  }

  /** The visible nodes inside the view (in the order held), or null when more than `max` are. */
  nodesInView(
    max: number,
    view: Viewport = { width: this.cy.width(), height: this.cy.height() }
  ): string[] | null {
    const cy = this.cy;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const hidden = this.#classes.get('hidden') ?? NO_IDS;
    const ids: string[] = [];
    for (const id of this.#nodes) {
      if (hidden.has(id)) continue;
      const p = this.#positionOf(id);
      if (!p) continue;
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y;
      if (x < 0 || y < 0 || x > view.width || y > view.height) continue;
      if (ids.push(id) > max) return null;
    }
    return ids;
  }

  #scheduleInView(delay: number): void {
    if (this.#inView) this.#inViewCheck.schedule(delay);
  }

  #checkInView(): void {
    const watch = this.#inView;
    if (!watch || this.cy.destroyed()) return;
    const ids = this.nodesInView(watch.max);
    const last = watch.last;
    const same =
      ids === last ||
      (ids && last && ids.length === last.length && ids.every((id, i) => id === last[i]));
    if (same) return;
    watch.last = ids;
    watch.listener(ids);
  }

  // ---- labels (see labels.ts) ---------------------------------------------------

  /** Sets what decides the labels; they follow (after the current task). */
  setLabelInputs(inputs: LabelInputs): void {
    this.#labelInputs = inputs;
    this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
  }

  /** Called with the labelled nodes each time they are worked out. */
  onLabels(listener: ((labelled: ReadonlySet<string>) => void) | null): void {
    this.#labelListener = listener;
  }

  #scheduleLabels(delay: number): void {
    this.#labels.schedule(delay);
  }

  /**
   * Works out which nodes are labelled now and labels exactly those; returns them.
   * The view defaults to the canvas (headless, give one).
   */
  refreshLabels(
    view: Viewport = { width: this.cy.width(), height: this.cy.height() }
  ): Set<string> {
    const cy = this.cy;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const scale = Math.max(zoom, 1);
    const hidden = this.#classes.get('hidden') ?? NO_IDS;
    const selected = this.#classes.get('selected') ?? NO_IDS;
    const hovered = this.#classes.get('hovered') ?? NO_IDS;
    const { order, focus } = this.#labelInputs;
    const forced = new Set(focus);
    const first = new Set<string>();
    for (const id of [...selected, ...hovered]) {
      const ele = cy.getElementById(id);
      if (ele.empty()) continue;
      if (ele.isNode()) forced.add(id);
      else
        for (const end of (ele as EdgeSingular).connectedNodes().map((n) => n.id()))
          forced.add(end);
      if (ele.isNode() && selected.has(id)) {
        (ele as NodeSingular).neighborhood('node').forEach((n: NodeSingular) => {
          first.add(n.id());
        });
      }
    }
    const boxes: LabelBox[] = [];
    const seen = new Set<string>();
    const consider = (id: string, always: boolean) => {
      if (seen.has(id) || !this.#nodes.has(id) || hidden.has(id) || this.#culled.has(id)) return;
      seen.add(id);
      const node = cy.getElementById(id) as NodeSingular;
      const p = node.position();
      const x = p.x * zoom + pan.x;
      const y = p.y * zoom + pan.y;
      const m = LABEL_VIEW_MARGIN;
      if (!always && (x < -m || y < -m || x > view.width + m || y > view.height + m)) return;
      const kind = node.data('kind');
      const px = labelPx(kind) * scale;
      // The hovered and the selected show their whole title, wrapped (style.ts).
      const whole = hovered.has(id) || selected.has(id);
      const text: string = node.data(whole ? 'label' : 'short');
      const width = this.#measure(text, px, selected.has(id));
      const at = { x, y, height: nodeSize(kind) * zoom };
      const box = labelBox(id, at, width, px, whole ? WRAP_WIDTH_PX * scale : Infinity);
      boxes.push(always ? { ...box, forced: true } : box);
    };
    for (const id of forced) consider(id, true);
    for (const id of first) consider(id, false);
    for (const id of order) {
      if (boxes.length >= LABEL_CANDIDATES) break;
      consider(id, false);
    }
    const labelled = cullLabels(boxes, view, { all: zoom >= ALL_LABELS_ZOOM });
    this.#sizeLabels(labelled, zoom);
    this.syncClass('labelled', labelled);
    this.#labelListener?.(labelled);
    return labelled;
  }

  /** Keeps the labels' size on screen: a style bypass for the zoom, where it changed. */
  #sizeLabels(ids: ReadonlySet<string>, zoom: number): void {
    const stale = [...ids].filter((id) => this.#labelZoom.get(id) !== zoom);
    if (!stale.length) return;
    this.cy.batch(() => {
      for (const id of stale) {
        const node = this.cy.getElementById(id);
        node.style(labelStyle(node.data('kind'), zoom));
        this.#labelZoom.set(id, zoom);
      }
    });
  }

  /** Everything but the overlay: overlaps never pull networks together. */
  #laidOutElements(): Collection {
    return this.cy.elements().not(DRAWN_OVER);
  }

  /**
   * What a layout places, in the order held: parking changes the core's order,
   * and the first grid and fcose's picture follow it.
   */
  #toLayOut(): Collection {
    const order = new Map<string, number>();
    for (const id of this.#shown.keys()) order.set(id, order.size);
    const at = (ele: SingularElementArgument) => order.get(ele.id()) ?? order.size;
    return this.#laidOutElements().sort((a, b) => at(a) - at(b));
  }

  /** Where every node held is, drawn or hidden (proposals are not the network's). */
  positions(): Map<string, Point> {
    const map = new Map<string, Point>();
    this.cy
      .nodes()
      .not(PROPOSALS)
      .forEach((n: NodeSingular) => {
        map.set(n.id(), { ...n.position() });
      });
    for (const id of this.#parked.keys()) {
      if (!this.#nodes.has(id)) continue;
      const p = this.#positionOf(id);
      if (p) map.set(id, { ...p });
    }
    return map;
  }

  /** Moves the camera to the target and its neighbours, or to all that is shown (animated unless reduced motion). */
  fitTo(target: Selection | 'all', focus?: ReadonlySet<string>): void {
    const cy = this.cy;
    let eles: Collection = cy.collection();
    if (target !== 'all' && focus?.size) eles = this.#inCore(focus);
    else if (target !== 'all') {
      const ele = cy.getElementById(target.id);
      if (ele.nonempty() && ele.isNode()) {
        const edges = ele.connectedEdges().not(OVERLAY);
        eles = ele.union(edges).union(edges.connectedNodes());
      } else if (ele.nonempty()) {
        const edge = ele as EdgeSingular;
        eles = edge.union(edge.connectedNodes());
      }
    }
    eles = eles.not('.hidden');
    if (eles.empty() && this.#culled.size) return this.#fitAll(50, !prefersReducedMotion());
    if (eles.empty()) eles = cy.elements().not('.hidden');
    if (eles.empty()) return;
    cy.stop(true, false);
    if (prefersReducedMotion()) cy.fit(eles, 50);
    else cy.animate({ fit: { eles, padding: 50 } }, { duration: LAYOUT_ANIMATION_MS });
  }

  /** Fits the view to every visible node, drawn or culled (Cytoscape's fit sees the core only). */
  #fitAll(padding: number, animate: boolean): void {
    const cy = this.cy;
    const hidden = this.#classes.get('hidden') ?? NO_IDS;
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of this.#nodes) {
      if (hidden.has(id)) continue;
      const p = this.#positionOf(id);
      if (!p) continue;
      [x1, y1, x2, y2] = [
        Math.min(x1, p.x),
        Math.min(y1, p.y),
        Math.max(x2, p.x),
        Math.max(y2, p.y)
      ];
    }
    if (x1 > x2) return;
    const fits = (size: number, span: number) => (size - 2 * padding) / Math.max(span, 1);
    const zoom = Math.min(
      cy.maxZoom(),
      Math.max(cy.minZoom(), Math.min(fits(cy.width(), x2 - x1), fits(cy.height(), y2 - y1)))
    );
    const pan = { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 };
    cy.stop(true, false);
    if (animate) cy.animate({ zoom, pan }, { duration: LAYOUT_ANIMATION_MS });
    else cy.viewport({ zoom, pan });
  }

  /** Taps select (background clears), pointer over/out hovers. Returns the off. */
  listen(handlers: GraphHandlers): () => void {
    const cy = this.cy;
    // The overlay and proposals are not the map's: taps and pointer moves on them do nothing.
    const onOverlay = (e: EventObject) => e.target !== cy && e.target.is(DRAWN_OVER);
    const onTap = (e: EventObject) => {
      if (!onOverlay(e)) handlers.select(e.target === cy ? null : toSelection(e.target));
    };
    const onOver = (e: EventObject) => {
      if (!onOverlay(e)) handlers.hover(toSelection(e.target));
    };
    const onOut = (e: EventObject) => {
      if (!onOverlay(e)) handlers.hover(null);
    };
    // Nodes let go after a drag: one call per gesture (dragging a selection frees each).
    let freed: Map<string, Point> | null = null;
    const onFree = (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (node.is(DRAWN_OVER)) return;
      if (!freed) {
        freed = new Map();
        queueMicrotask(() => {
          const moved = freed!;
          freed = null;
          if (this.#layout === 'fcose') this.#remember(moved);
          handlers.moved?.(moved);
        });
      }
      freed.set(node.id(), { ...node.position() });
    };
    cy.on('tap', onTap);
    cy.on('mouseover', 'node, edge', onOver);
    cy.on('mouseout', 'node, edge', onOut);
    cy.on('dragfree', 'node', onFree);
    return () => {
      if (cy.destroyed()) return;
      cy.removeListener('tap', onTap);
      cy.removeListener('mouseover', 'node, edge', onOver);
      cy.removeListener('mouseout', 'node, edge', onOut);
      cy.removeListener('dragfree', 'node', onFree);
    };
  }

  /**
   * Puts nodes where they were stored elsewhere (someone else moved them), in the
   * free (fcose) layout only: the other layouts compute their places (the free
   * picture keeps the move for later). A node being dragged here stays with the
   * pointer. Returns how many moved.
   */
  applyPositions(positions: ReadonlyMap<string, Point>): number {
    if (this.#layout !== 'fcose' || this.#running) {
      this.#remember(positions); // not drawn now: kept for when the free layout is back
      return 0;
    }
    const moved = new Map<string, Point>();
    this.cy.batch(() => {
      for (const [id, p] of positions) {
        const unmade = this.#parked.get(id);
        if (unmade && isUnmade(unmade)) {
          if (unmade.def.group === 'nodes') unmade.position = { x: p.x, y: p.y };
          this.#remember(new Map([[id, p]]));
          continue;
        }
        const node = this.#element(id);
        if (node.empty() || !node.isNode() || node.grabbed() || node.is(DRAWN_OVER)) continue;
        const at = node.position();
        if (Math.abs(at.x - p.x) < MOVE_EPSILON && Math.abs(at.y - p.y) < MOVE_EPSILON) continue;
        node.position({ x: p.x, y: p.y });
        moved.set(id, { x: p.x, y: p.y });
      }
    });
    if (moved.size) {
      this.#remember(moved);
      this.#placeProposals();
      this.#scheduleLabels(LABELS_AFTER_CHANGE_MS);
    }
    return moved.size;
  }

  /** Places in the free layout's picture stay when it is shown again (moves, others' moves). */
  #remember(moved: ReadonlyMap<string, Point>): void {
    for (const [id, p] of moved) this.#fcoseCache?.set(id, { x: p.x, y: p.y });
  }

  /** Keyboard pan, zoom (about the centre) and show-all. */
  key(action: Exclude<KeyAction, { type: 'clear' }>): void {
    const cy = this.cy;
    cy.stop(true, false); // a key press wins over a running camera animation
    if (action.type === 'pan') cy.panBy({ x: action.dx, y: action.dy });
    else if (action.type === 'zoom') {
      cy.zoom({
        level: cy.zoom() * action.factor,
        renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 }
      });
    } else this.fitTo('all');
  }

  /** While the view is hidden nothing is drawn; shown again, it draws what changed. */
  setHidden(hidden: boolean): void {
    setViewHidden(this.cy, hidden);
  }

  png(): Promise<Blob> {
    return this.cy.png({ output: 'blob-promise', full: true, bg: '#ffffff', scale: 2 });
  }

  destroy(): void {
    this.#labels.cancel();
    this.#inViewCheck.cancel();
    this.#running?.stop();
    this.cy.destroy();
  }
}
