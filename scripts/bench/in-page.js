// @ts-check
// Runs inside the explorer page (page.evaluate): times filter, selection and
// hover changes until both views have applied them, and until that is on
// screen (the second animation frame after it: under SwiftShader WebGL drawing
// finishes in the GPU process after the first). Needs the `?test` hooks.
// The peers' pages (peers/measure.js) make the same changes in the same order.

/**
 * @param {{ rounds: number }} options
 */
export async function measureInPage({ rounds }) {
  const w = /** @type {any} */ (window);
  const explorer = w.__regionkartanExplorer;
  const mapEl = /** @type {HTMLElement} */ (document.querySelector('[data-testid="map-view"]'));
  const graphEl = /** @type {HTMLElement} */ (document.querySelector('[data-testid="graph-view"]'));
  if (!explorer || !mapEl || !graphEl)
    throw new Error('explorer test hooks missing (open with ?test)');

  /** Yields to the event loop without timer clamping. */
  const yieldTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(undefined);
      channel.port2.postMessage(0);
    });
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

  /**
   * @param {() => void} action
   * @param {() => boolean} done
   */
  async function time(action, done) {
    const t0 = performance.now();
    action();
    const doneAtOnce = done();
    // Svelte applies a change in a microtask: checked before any task (such as
    // a frame being drawn) can run, this is the cost of applying it alone.
    for (let hop = 0; hop < 20 && !done(); hop++) await Promise.resolve();
    const sameTask = done() ? performance.now() - t0 : NaN;
    // "applied" is polled once per task, as it always was: it includes what
    // the browser runs first (often drawing the previous change).
    const deadline = t0 + 10_000;
    if (!doneAtOnce) {
      do {
        if (performance.now() > deadline) throw new Error('timed out waiting for the views');
        await yieldTask();
      } while (!done());
    }
    const applied = performance.now() - t0;
    await frame();
    const nextFrame = performance.now() - t0;
    await frame();
    return { applied, sameTask, frame: nextFrame, onScreen: performance.now() - t0 };
  }

  const counts = (/** @type {HTMLElement} */ el) =>
    [el.dataset.visibleNodes, el.dataset.visibleRelations].join('/');
  const nodeIds = [...explorer.visible.nodeIds];
  const themes = explorer.dataset.themes.map((/** @type {{ key: string }} */ t) => t.key);
  const samples = () => ({
    applied: /** @type {number[]} */ ([]),
    sameTask: /** @type {number[]} */ ([]),
    frame: /** @type {number[]} */ ([]),
    onScreen: /** @type {number[]} */ ([])
  });
  const result = { filter: samples(), selection: samples(), hover: samples() };
  const push = (
    /** @type {'filter'|'selection'|'hover'} */ k,
    /** @type {{applied:number, sameTask:number, frame:number, onScreen:number}} */ s
  ) => {
    result[k].applied.push(s.applied);
    if (!Number.isNaN(s.sameTask)) result[k].sameTask.push(s.sameTask);
    result[k].frame.push(s.frame);
    result[k].onScreen.push(s.onScreen);
  };

  for (let i = 0; i < rounds; i++) {
    // Filter on a theme, then clear it: both count as filter changes.
    for (const filter of [{ themes: [themes[i % themes.length]] }, { themes: [] }]) {
      let expected = '';
      push(
        'filter',
        await time(
          () => {
            explorer.setFilters(filter);
            expected = `${explorer.visible.nodeIds.size}/${explorer.visible.relationIds.size}`;
          },
          () => counts(mapEl) === expected && counts(graphEl) === expected
        )
      );
    }
    const id = nodeIds[(i * 7919) % nodeIds.length];
    push(
      'selection',
      await time(
        () => explorer.select({ type: 'node', id }),
        () => mapEl.dataset.selectedFeature === id && graphEl.dataset.selectedElement === id
      )
    );
    const other = nodeIds[(i * 104729 + 1) % nodeIds.length];
    push(
      'hover',
      await time(
        () => explorer.setHover({ type: 'node', id: other }),
        () => mapEl.dataset.hoverFeature === other && graphEl.dataset.hoverElement === other
      )
    );
    explorer.setHover(null);
    await frame();
  }
  explorer.select(null);
  return result;
}
