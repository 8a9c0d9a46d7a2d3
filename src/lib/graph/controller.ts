// The imperative side of the graph view: owns one Cytoscape core and applies
// element diffs, state classes, layouts and camera moves to it — each as the
// smallest change, inside cy.batch(). The Svelte component only calls it from
// small effects; tests drive it with a headless core.
import type {
  Collection,
  Core,
  EdgeSingular,
  EventObject,
  Layouts,
  NodeCollection,
  NodeSingular
} from 'cytoscape';
import type { Selection } from '$lib/domain/model';
import type { Layout } from '$lib/explorer/url-state';
import { setChange, type GraphIds } from './classes';
import { diffElements, UNKNOWN_MAGNITUDE, type GraphElement } from './elements';
import type { Point } from './hierarchy';
import type { KeyAction } from './keyboard';
import { OVERLAP_CLASS, type OverlayEdge } from './overlay';
import {
  fcoseOptions,
  FCOSE_SEED,
  gridPosition,
  LAYOUT_ANIMATION_MS,
  presetOptions,
  withSeededRandom
} from './layouts';
import type { StateClass } from './style';

export interface GraphHandlers {
  select(target: Selection | null): void;
  hover(target: Selection | null): void;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const OVERLAY = `.${OVERLAP_CLASS}`;

function toSelection(target: EventObject['target']): Selection {
  return { type: target.isNode() ? 'node' : 'relation', id: target.id() };
}

export class GraphController {
  readonly cy: Core;
  #shown = new Map<string, GraphElement>();
  #nodes = new Set<string>();
  #edges = new Set<string>();
  #classes = new Map<StateClass, Set<string>>();
  #laidOut = false;
  #overlayShown = false;
  #running: Layouts | null = null;
  /** Where fcose put the nodes, to return to the same picture from another layout. */
  #fcoseCache: Map<string, Point> | null = null;

  constructor(cy: Core) {
    this.cy = cy;
  }

  /** A fresh snapshot of the ids held (for the component's reactive state). */
  get ids(): GraphIds {
    return { nodes: new Set(this.#nodes), edges: new Set(this.#edges) };
  }

  get laidOut(): boolean {
    return this.#laidOut;
  }

  #collect(ids: Iterable<string>): Collection {
    const cy = this.cy;
    const found = cy.collection();
    for (const id of ids) found.merge(cy.getElementById(id));
    return found;
  }

  /** Applies the difference to the elements held; returns whether anything changed. */
  setElements(next: readonly GraphElement[]): boolean {
    const diff = diffElements(this.#shown, next);
    if (!diff.add.length && !diff.remove.length && !diff.update.length) return false;
    const cy = this.cy;
    cy.batch(() => {
      this.#collect(diff.remove).remove();
      for (const el of diff.update) {
        const ele = cy.getElementById(el.data.id);
        ele.data(el.data);
        if (el.group === 'edges') ele.toggleClass(UNKNOWN_MAGNITUDE, el.data.unknown);
      }
      const added = cy.add(diff.add.map((el) => ({ ...el, data: { ...el.data } })));
      if (this.#laidOut) this.#placeNear(added.nodes());
      else this.#placeOnGrid(added.nodes());
    });
    for (const id of diff.remove) this.#forget(id);
    for (const el of diff.add) this.#forget(el.data.id);
    this.#shown = new Map(next.map((el) => [el.data.id, el]));
    this.#nodes = new Set(next.filter((el) => el.group === 'nodes').map((el) => el.data.id));
    this.#edges = new Set(next.filter((el) => el.group === 'edges').map((el) => el.data.id));
    return true;
  }

  /**
   * Draws exactly these overlay edges (network overlaps). They stay out of the
   * ids, the layout and the taps; one whose end is not in the graph is left out.
   * Checked against the core, since removing a node also removes its edges.
   */
  setOverlay(next: readonly OverlayEdge[]): void {
    const cy = this.cy;
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

  /** New nodes after the first layout: beside their neighbours, without moving anyone else. */
  #placeNear(added: NodeCollection): void {
    const extent = this.cy.extent();
    added.forEach((node: NodeSingular, i: number) => {
      const anchors = node.neighborhood('node').not(added);
      let x = (extent.x1 + extent.x2) / 2;
      let y = (extent.y1 + extent.y2) / 2;
      if (anchors.nonempty()) {
        x = 0;
        y = 0;
        anchors.forEach((a: NodeSingular) => {
          x += a.position('x') / anchors.length;
          y += a.position('y') / anchors.length;
        });
      }
      const r = 40 * Math.sqrt(i + 1);
      node.position({
        x: x + r * Math.cos(i * GOLDEN_ANGLE),
        y: y + r * Math.sin(i * GOLDEN_ANGLE)
      });
    });
  }

  /** Until the first layout: on a grid (see gridPosition). */
  #placeOnGrid(added: NodeCollection): void {
    added.positions((_node: NodeSingular, i: number) => gridPosition(i, added.length));
  }

  #forget(id: string): void {
    for (const set of this.#classes.values()) set.delete(id);
  }

  /** Gives `className` to exactly `next`, touching only the elements that change. */
  syncClass(className: StateClass, next: ReadonlySet<string>): void {
    const prev = this.#classes.get(className) ?? new Set<string>();
    const { added, removed } = setChange(prev, next);
    if (added.length || removed.length) {
      this.cy.batch(() => {
        if (added.length) this.#collect(added).addClass(className);
        if (removed.length) this.#collect(removed).removeClass(className);
      });
    }
    this.#classes.set(className, new Set(next));
  }

  /** Whether fcose's picture for every node held is known (no need to compute it). */
  hasFcosePicture(): boolean {
    const cached = this.#fcoseCache;
    return cached !== null && [...this.#nodes].every((id) => cached.has(id));
  }

  /**
   * Lays the graph out. `positions` are required for the preset layouts (geo,
   * hierarchy); for fcose they are its result computed elsewhere (a worker),
   * else fcose runs here. Resolves when the nodes have arrived (after the animation).
   */
  async runLayout(layout: Layout, positions?: ReadonlyMap<string, Point>): Promise<void> {
    this.#running?.stop();
    const ctx = { animate: this.#laidOut, nodeCount: this.#nodes.size };
    const covered = layout === 'fcose' && this.hasFcosePicture();
    const cached = covered ? this.#fcoseCache : null;
    const run =
      layout === 'fcose' && !covered && !positions
        ? this.#laidOutElements().layout(fcoseOptions({ ...ctx, firstRun: !this.#laidOut }))
        : this.#laidOutElements().layout(
            presetOptions((covered ? cached : positions) ?? new Map(), ctx)
          );
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
    await done;
    if (this.#running === run) this.#running = null;
    this.#laidOut = true;
    if (layout === 'fcose' && !covered) this.#fcoseCache = this.positions();
  }

  /** Everything but the overlay: overlaps never pull networks together. */
  #laidOutElements(): Collection {
    return this.cy.elements().not(OVERLAY);
  }

  positions(): Map<string, Point> {
    const map = new Map<string, Point>();
    this.cy.nodes().forEach((n: NodeSingular) => {
      map.set(n.id(), { ...n.position() });
    });
    return map;
  }

  /** Animates the camera to the target and its neighbours, or to all that is shown. */
  fitTo(target: Selection | 'all', focus?: ReadonlySet<string>): void {
    const cy = this.cy;
    let eles: Collection = cy.collection();
    if (target !== 'all' && focus?.size) eles = this.#collect(focus);
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
    if (eles.empty()) eles = cy.elements().not('.hidden');
    if (eles.empty()) return;
    cy.stop(true, false);
    cy.animate({ fit: { eles, padding: 50 } }, { duration: LAYOUT_ANIMATION_MS });
  }

  /** Taps select (background clears), pointer over/out hovers. Returns the off. */
  listen(handlers: GraphHandlers): () => void {
    const cy = this.cy;
    // The overlay is not a relation: taps and pointer moves on it do nothing.
    const onOverlay = (e: EventObject) => e.target !== cy && e.target.is(OVERLAY);
    const onTap = (e: EventObject) => {
      if (!onOverlay(e)) handlers.select(e.target === cy ? null : toSelection(e.target));
    };
    const onOver = (e: EventObject) => {
      if (!onOverlay(e)) handlers.hover(toSelection(e.target));
    };
    const onOut = (e: EventObject) => {
      if (!onOverlay(e)) handlers.hover(null);
    };
    cy.on('tap', onTap);
    cy.on('mouseover', 'node, edge', onOver);
    cy.on('mouseout', 'node, edge', onOut);
    return () => {
      if (cy.destroyed()) return;
      cy.removeListener('tap', onTap);
      cy.removeListener('mouseover', 'node, edge', onOver);
      cy.removeListener('mouseout', 'node, edge', onOut);
    };
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

  png(): Promise<Blob> {
    return this.cy.png({ output: 'blob-promise', full: true, bg: '#ffffff', scale: 2 });
  }

  destroy(): void {
    this.#running?.stop();
    this.cy.destroy();
  }
}
