// Scrolls a list's own box (never the page) so that a row is visible.
import { scrollTopToReveal } from '$lib/explorer/list-sort';

export function revealRow(scroller: HTMLElement, id: string): void {
  if (scroller.clientHeight === 0) return; // hidden (another tab)
  const row = scroller.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(id)}"]`);
  if (!row) return;
  const header = scroller.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  const box = scroller.getBoundingClientRect();
  const rect = row.getBoundingClientRect();
  const rowTop = rect.top - box.top + scroller.scrollTop - header;
  const top = scrollTopToReveal(
    rowTop,
    rect.height,
    scroller.scrollTop,
    scroller.clientHeight - header
  );
  if (top !== null) scroller.scrollTop = top;
}
