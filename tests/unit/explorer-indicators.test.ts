// A municipality's indicators for its details: the newest value of each with its
// source, and a series over the calendar years for the chart.
import { describe, expect, it } from 'vitest';
import { indicatorSeries, latestIndicators } from '$lib/explorer/indicators';
import { makeIndicator } from './factories';

const rows = [
  makeIndicator({
    municipality_code: '1860',
    key: 'folkmangd',
    year: '2025',
    value: 5397,
    source: 'B'
  }),
  makeIndicator({
    municipality_code: '1860',
    key: 'folkmangd',
    year: '1968',
    value: 9334,
    source: 'A'
  }),
  makeIndicator({
    municipality_code: '1860',
    key: 'folkmangd',
    year: '2024',
    value: 5423,
    source: 'A'
  }),
  makeIndicator({ municipality_code: '1860', key: 'elever', year: '2024/25', value: 519 }),
  makeIndicator({ municipality_code: '1863', key: 'folkmangd', year: '2025', value: 6700 })
];

describe('municipality indicators', () => {
  it('gives each indicator at its newest year with its source and how many years there are', () => {
    expect(
      latestIndicators(rows, '1860').map((i) => [i.key, i.year, i.value, i.source, i.years])
    ).toEqual([
      ['folkmangd', '2025', 5397, 'B', 3],
      ['elever', '2024/25', 519, 'Skolverket', 1]
    ]);
  });

  it('gives a series over the calendar years, oldest first', () => {
    expect(indicatorSeries(rows, '1860', 'folkmangd')).toEqual([
      { year: 1968, value: 9334 },
      { year: 2024, value: 5423 },
      { year: 2025, value: 5397 }
    ]);
    expect(indicatorSeries(rows, '1860', 'elever')).toEqual([]);
  });
});
