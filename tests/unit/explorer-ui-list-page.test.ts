import { describe, expect, it } from 'vitest';
import { pageOf } from '$lib/explorer/list-page';

const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}` }));

describe('pageOf', () => {
  it('shows the first rows and counts the rest', () => {
    const page = pageOf(rows, 4, null);
    expect(page.shown.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(page.more).toBe(6);
  });

  it('extends the page to the selected row', () => {
    const page = pageOf(rows, 4, 'r7');
    expect(page.shown.at(-1)?.id).toBe('r7');
    expect(page.more).toBe(2);
  });

  it('shows everything when the limit is larger', () => {
    expect(pageOf(rows, 50, 'r1')).toEqual({ shown: rows, more: 0 });
  });
});
