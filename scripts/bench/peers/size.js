// @ts-check
// The peer's drawing area: the size of our own view it stands beside (?w=&h=),
// so both fill the same number of pixels. Runs in the browser.

/** @param {HTMLElement} el */
export function sizeLikeOurs(el) {
  const params = new URLSearchParams(location.search);
  const w = Number(params.get('w'));
  const h = Number(params.get('h'));
  if (w > 0 && h > 0) {
    el.style.width = `${w}px`;
    el.style.height = `${h}px`;
  }
}
