// The live cameras of the explorer's map and graph, for presenting and following:
// what each shows now (the visible bounds, whatever the screen's shape), fitting a
// given area, and whether the person moved it themselves. The views register
// themselves while mounted (one explorer per page).
import type { GeoBounds, GraphBox } from '$lib/domain/workshop';

export interface Viewport<B> {
  /** What is visible now. */
  bounds(): B | null;
  /** Shows the area (the same area on any screen shape), animated or at once. */
  fit(bounds: B, animate: boolean): void;
  /** Called after every move; `byUser` = a pan, zoom or pinch of the person's own. */
  onMove(cb: (byUser: boolean) => void): () => void;
}

export const viewports: { map: Viewport<GeoBounds> | null; graph: Viewport<GraphBox> | null } = {
  map: null,
  graph: null
};

/** Registers a view's viewport; returns the removal (for the view's teardown). */
export function registerViewport<K extends keyof typeof viewports>(
  kind: K,
  viewport: NonNullable<(typeof viewports)[K]>
): () => void {
  viewports[kind] = viewport;
  return () => {
    if (viewports[kind] === viewport) viewports[kind] = null;
  };
}
