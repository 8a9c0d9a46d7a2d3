// Stories' pure parts: a step's saved view from the explorer's view, the URL a
// step shows, reordering, and the presenter's keys. A step saves what is shown
// (filters, selection, focus, layout, view mode, overlays), not this screen's
// chrome: the open panel and the list stay each person's own.
import type { GeoBounds, GraphBox, StepView } from '$lib/domain/workshop';
import { serializeViewState, type ViewState } from '$lib/explorer/url-state';

/** The explorer's view as a step: the query without the camera and chrome, and both cameras. */
export function stepView(view: ViewState, map: GeoBounds | null, graph: GraphBox | null): StepView {
  return { query: viewKey(view), map, graph };
}

/** The view's query string without the camera and chrome (the key that says "same view"). */
export function viewKey(view: ViewState): string {
  return serializeViewState({ ...view, camera: null, panel: null, list: false }).toString();
}

/** The address showing the step's view on `url`'s page (other parameters kept). */
export function urlForStep(url: URL, view: StepView, keep: readonly string[] = []): URL {
  const next = new URL(url);
  const kept = keep.flatMap((name) => url.searchParams.getAll(name).map((v) => [name, v]));
  next.search = view.query;
  for (const [name, value] of kept) next.searchParams.append(name!, value!);
  return next;
}

export interface Positioned {
  id: string;
  position: number;
}

/**
 * Moves the step at `from` to `to` and numbers all 0, 1, 2 …; returns the steps
 * whose position changed (the writes to make), in the new order.
 */
export function moveStep<T extends Positioned>(steps: readonly T[], from: number, to: number) {
  if (from === to || from < 0 || to < 0 || from >= steps.length || to >= steps.length) {
    return { order: [...steps], changed: [] as Positioned[] };
  }
  const order = [...steps];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  const changed = order
    .map((s, position) => ({ id: s.id, position, before: s.position }))
    .filter((s) => s.position !== s.before)
    .map(({ id, position }) => ({ id, position }));
  return { order, changed };
}

/** The position for a new step at the end. */
export function nextPosition(steps: readonly Positioned[]): number {
  return steps.length ? Math.max(...steps.map((s) => s.position)) + 1 : 0;
}

export type PresenterKey = 'next' | 'previous' | 'first' | 'last' | 'exit';

/** Presenter keys: arrows, space, PageUp/PageDown (clickers), Home/End, Esc. */
export function presenterKey(key: string, shift = false): PresenterKey | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shift ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The step index after a key (clamped), or null when the key does not move. */
export function stepAfter(key: PresenterKey, index: number, count: number): number | null {
  if (count === 0) return null;
  const next =
    key === 'next'
      ? index + 1
      : key === 'previous'
        ? index - 1
        : key === 'first'
          ? 0
          : key === 'last'
            ? count - 1
            : null;
  if (next === null) return null;
  const clamped = Math.min(count - 1, Math.max(0, next));
  return clamped === index ? null : clamped;
}
