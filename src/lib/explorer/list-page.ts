// The explorer's lists show a page at a time, so a national map (10 000 nodes,
// 50 000 relations) never puts every row in the page. Pure.

export const LIST_PAGE = 200;

export interface ListPage<T> {
  shown: T[];
  /** Rows after the shown ones. */
  more: number;
}

/** The first `limit` rows, extended to include the selected row wherever it is. */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  limit: number,
  selectedId: string | null
): ListPage<T> {
  let end = Math.min(rows.length, limit);
  if (selectedId) {
    const index = rows.findIndex((r) => r.id === selectedId);
    if (index >= end) end = index + 1;
  }
  return { shown: rows.slice(0, end), more: rows.length - end };
}
