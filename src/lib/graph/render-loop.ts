// Cytoscape's renderer asks for an animation frame 60 times a second for as long
// as a graph lives, even when nothing changes (cytoscape.js issues #2656, #2657):
// measured here, ~8 % of a core per open explorer, all day on a laptop and on every
// phone in a workshop. `sleepWhenIdle` gives its renderers a loop that does the same
// work per frame (Cytoscape 3.34's `startRenderLoop`, line for line) but stops asking
// for frames after IDLE_FRAMES frames without a draw or a pending animation, and starts
// again on the next redraw or when an animation is played (of an element or of the core:
// Animation.hook). Cytoscape's texture queues call `redraw` when they have drawn, so they
// wake it too.
import type cytoscape from 'cytoscape';

/** Frames without a draw before the loop sleeps (~0.5 s at 60 Hz). */
export const IDLE_FRAMES = 30;

type FrameCallback = (willDraw: boolean, time: number) => void;

/** The parts of Cytoscape's (base) renderer its render loop uses. */
interface Renderer {
  cy: cytoscape.Core & {
    _private: {
      aniEles: cytoscape.Collection;
      animation: { current: unknown[]; queue: unknown[] };
    };
    batching(): boolean;
  };
  destroyed: boolean;
  renderLoopStarted?: boolean;
  requestedFrame: boolean;
  skipFrame: boolean;
  renderOptions: unknown;
  beforeRenderCallbacks: { fn: FrameCallback }[];
  render(options: unknown): void;
  redraw(options?: unknown): void;
  averageRedrawTime?: number;
  lastDrawTime?: number;
  lastRedrawTime?: number;
  redrawCount?: number;
  redrawTotalTime?: number;
}

/** Each live core's way to wake its loop (for Animation.hook, which knows only its target). */
const wakers = new WeakMap<object, () => void>();
/** Cores whose view is hidden: their loop draws nothing until they are shown. */
const hiddenCores = new WeakSet<object>();

/**
 * Stops drawing a core while its view is hidden (the other view or the list is
 * shown, e.g. on a phone), and draws what changed meanwhile when it is shown again.
 */
export function setViewHidden(cy: cytoscape.Core, hidden: boolean): void {
  if (hidden) hiddenCores.add(cy);
  else if (hiddenCores.delete(cy)) wakers.get(cy)?.();
}

/** Whether an animation of the core or of an element is queued or running. */
function animating(cy: Renderer['cy']): boolean {
  const core = cy._private.animation;
  return !cy._private.aniEles.empty() || core.current.length > 0 || core.queue.length > 0;
}

interface AnimationSelf {
  _private: { target: object & { cy?: () => object } };
}
interface AnimationProto {
  hook(this: AnimationSelf): unknown;
}

type Extension = (
  type: 'renderer',
  name: string
) => { prototype: { startRenderLoop?: (this: Renderer) => void } } | undefined;

function startRenderLoop(this: Renderer): void {
  loop(this);
}

function loop(r: Renderer): void {
  const cy = r.cy;
  if (r.renderLoopStarted) return;
  r.renderLoopStarted = true;
  let idle = 0;
  let scheduled = false;

  const beforeRender = (willDraw: boolean, time: number) => {
    for (const callback of r.beforeRenderCallbacks) callback.fn(willDraw, time);
  };
  const draw = () => {
    const start = performance.now();
    r.render(r.renderOptions);
    const end = (r.lastDrawTime = performance.now());
    const duration = end - start;
    r.averageRedrawTime ??= duration;
    r.redrawCount = (r.redrawCount ?? 0) + 1;
    r.redrawTotalTime = (r.redrawTotalTime ?? 0) + duration;
    r.lastRedrawTime = duration;
    // Cytoscape's weighted average, biased to the previous one so it does not spike.
    r.averageRedrawTime = r.averageRedrawTime / 2 + duration / 2;
    r.requestedFrame = false;
  };
  const frame = (time: number) => {
    scheduled = false;
    if (r.destroyed) return;
    // Hidden: sleep; a redraw asked for meanwhile stays pending for when it is shown.
    if (hiddenCores.has(cy)) return;
    if (cy.batching()) {
      idle = 0;
    } else if (r.requestedFrame && !r.skipFrame) {
      beforeRender(true, time);
      draw();
      idle = 0;
    } else {
      beforeRender(false, time);
      idle += 1;
    }
    r.skipFrame = false;
    if (idle < IDLE_FRAMES || animating(cy)) schedule();
  };
  const schedule = () => {
    if (scheduled || r.destroyed) return;
    scheduled = true;
    requestAnimationFrame(frame);
  };
  const wake = () => {
    idle = 0;
    schedule();
  };

  const redraw = r.redraw;
  r.redraw = function (options?: unknown) {
    redraw.call(this, options);
    wake();
  };
  wakers.set(cy, wake);
  schedule();
}

let installed = false;

/** Gives Cytoscape's canvas (and WebGL) renderer the sleeping loop; once, before any core is made. */
export function sleepWhenIdle(core: typeof cytoscape): void {
  if (installed) return;
  const renderer = (core as unknown as Extension)('renderer', 'canvas');
  if (!renderer) throw new Error('Cytoscape has no canvas renderer to give an idle loop');
  renderer.prototype.startRenderLoop = startRenderLoop;
  // Every played (or applied) animation goes through hook(); element animations also
  // enter the core's pool, core animations (cy.animate, a layout's fit) do not.
  const probe = core({ headless: true });
  const animation = Object.getPrototypeOf(probe.animation({})) as AnimationProto;
  probe.destroy();
  const hook = animation.hook;
  animation.hook = function (this: AnimationSelf) {
    const result = hook.call(this);
    const target = this._private.target;
    (wakers.get(target) ?? wakers.get(target.cy?.() ?? {}))?.();
    return result;
  };
  installed = true;
}
