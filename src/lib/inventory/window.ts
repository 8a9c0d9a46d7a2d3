// Windowing for long tables: which rows to put in the DOM for a scroll position.
// Rows have one fixed height, so the window is plain arithmetic. Pure.

export interface RowWindow {
  /** First row index in the DOM (inclusive). */
  start: number;
  /** Last row index in the DOM (exclusive). */
  end: number;
  /** Height of the empty space above and below the rendered rows, in px. */
  padTop: number;
  padBottom: number;
}

/**
 * @param overscan rows rendered beyond each edge, so keyboard focus and fast
 *   scrolling find a row already there
 */
export function rowWindow(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, first - overscan), Math.max(0, count - 1));
  const end = Math.min(count, first + visible + overscan);
  return {
    start,
    end: Math.max(start, end),
    padTop: start * rowHeight,
    padBottom: (count - Math.max(start, end)) * rowHeight
  };
}

/**
 * The scrollTop that shows row `index` fully (the nearest edge), or null when
 * it is already visible. `headerHeight` is the sticky header covering the top.
 */
export function scrollToRow(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewHeight: number,
  headerHeight = 0
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewHeight - headerHeight) return bottom - viewHeight + headerHeight;
  return null;
}
