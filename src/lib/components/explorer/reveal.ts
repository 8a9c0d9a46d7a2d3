// Scrolls a list's own box (never the page) so that a row is visible.
import { scrollTopToReveal } from '$lib/explorer/list-sort';

function revealRow(scroller: HTMLElement, id: string): void {
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

/**
 * The same at the next frame, when the page is laid out anyway (measuring right
 * after a selection would force an extra layout in the middle of the update).
 * Returns the cancel, for an effect's teardown.
 */
export function revealRowNextFrame(scroller: HTMLElement, id: string): () => void {
  const frame = requestAnimationFrame(() => revealRow(scroller, id));
  return () => cancelAnimationFrame(frame);
}
