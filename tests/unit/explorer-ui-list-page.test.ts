import { describe, expect, it } from 'vitest';
import { pageOf } from '$lib/explorer/list-page';

const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}` }));

describe('pageOf', () => {
  it('shows the first rows and counts the rest', () => {
    const page = pageOf(rows, 4, null);
    expect(page.shown.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(page.more).toBe(6);
  });

  it('adds the selected row after the page when it is further down (only that row)', () => {
    const page = pageOf(rows, 4, 'r7');
    expect(page.shown.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r7']);
    expect(page.more).toBe(5);
  });

  it('does not repeat a selected row that is already on the page', () => {
    const page = pageOf(rows, 4, 'r2');
    expect(page.shown.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(page.more).toBe(6);
  });

  it('shows everything when the limit is larger', () => {
    expect(pageOf(rows, 50, 'r1')).toEqual({ shown: rows, more: 0 });
  });
});
