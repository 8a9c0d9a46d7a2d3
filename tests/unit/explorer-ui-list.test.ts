import { describe, expect, it } from 'vitest';
import { nextSort, scrollTopToReveal, sortRows } from '$lib/explorer/list-sort';

type Row = { title: string; kind: string };
const rows: Row[] = [
  { title: 'Örebro kommun', kind: 'Kommun' },
  { title: 'Aktivitet 10', kind: 'Projekt' },
  { title: 'Aktivitet 9', kind: 'Projekt' },
  { title: 'ärende', kind: 'Händelse' },
  { title: 'Askersunds kommun', kind: 'Kommun' }
];
const text = (row: Row, key: 'title' | 'kind') => row[key];

describe('sortRows', () => {
  it('sorts titles in Swedish order with numbers in natural order', () => {
    expect(
      sortRows(rows, { key: 'title', direction: 'ascending' }, text).map((r) => r.title)
    ).toEqual(['Aktivitet 9', 'Aktivitet 10', 'Askersunds kommun', 'ärende', 'Örebro kommun']);
  });

  it('sorts by kind, ties by title, and reverses only the chosen column', () => {
    expect(
      sortRows(rows, { key: 'kind', direction: 'descending' }, text).map((r) => r.title)
    ).toEqual(['Aktivitet 9', 'Aktivitet 10', 'Askersunds kommun', 'Örebro kommun', 'ärende']);
    expect(rows[0]!.title).toBe('Örebro kommun'); // input untouched
  });
});

describe('nextSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(nextSort({ key: 'title', direction: 'ascending' }, 'title')).toEqual({
      key: 'title',
      direction: 'descending'
    });
    expect(nextSort({ key: 'title', direction: 'descending' }, 'kind')).toEqual({
      key: 'kind',
      direction: 'ascending'
    });
  });
});

describe('scrollTopToReveal', () => {
  it('does not move when the row is fully visible', () => {
    expect(scrollTopToReveal(100, 40, 80, 200)).toBeNull();
    expect(scrollTopToReveal(80, 40, 80, 200)).toBeNull();
  });

  it('centres a row that is above, below or partly outside the box', () => {
    expect(scrollTopToReveal(1000, 40, 0, 200)).toBe(920);
    expect(scrollTopToReveal(10, 40, 500, 200)).toBe(0);
    expect(scrollTopToReveal(260, 40, 80, 200)).toBe(180);
  });
});
