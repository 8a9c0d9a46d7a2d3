// @ts-check
// How long the main thread is blocked while a page's changes are measured, as the
// browser's Long Animation Frames API reports it (frames over 50 ms): each frame's
// whole length, and its drawing — from the frame's rendering start to its end:
// the animation-frame callbacks where MapLibre, Cytoscape and sigma draw, then
// style, layout and paint. `startLongFrames` and `takeLongFrames` run inside the
// page (page.evaluate), around the measuring; the same for ours and the peers.

export function startLongFrames() {
  const w = /** @type {any} */ (window);
  w.__benchLongFrames = [];
  w.__benchLongFramesObserver = new PerformanceObserver((list) =>
    w.__benchLongFrames.push(...list.getEntries())
  );
  w.__benchLongFramesObserver.observe({ type: 'long-animation-frame' });
}

/** @returns {{ blocked: number, drawing: number }[]} */
export function takeLongFrames() {
  const w = /** @type {any} */ (window);
  const observer = /** @type {PerformanceObserver} */ (w.__benchLongFramesObserver);
  const entries = [...w.__benchLongFrames, ...observer.takeRecords()];
  observer.disconnect();
  return entries.map((/** @type {any} */ e) => ({
    blocked: e.duration,
    drawing: e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0
  }));
}
