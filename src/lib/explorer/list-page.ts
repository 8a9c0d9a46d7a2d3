// The explorer's lists show a page at a time, so a national map (10 000 nodes,
// 50 000 relations) never puts every row in the page. Pure.

export const LIST_PAGE = 200;

export interface ListPage<T> {
  shown: T[];
  /** Rows after the shown ones. */
  more: number;
}

/**
 * The first `limit` rows, and the selected row after them when it is further
 * down (one row, not every row up to it: on a national map that could be
 * thousands of rows rendered for one click). `more` counts the rest.
 */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  limit: number,
  selectedId: string | null
): ListPage<T> {
  const end = Math.min(rows.length, limit);
  const shown = rows.slice(0, end);
  if (selectedId && end < rows.length) {
    const selected = rows.find((r, i) => i >= end && r.id === selectedId);
    if (selected) shown.push(selected);
  }
  return { shown, more: rows.length - shown.length };
}
