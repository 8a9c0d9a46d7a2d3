// Twin municipalities against a hand-computed fixture: z-scores, Euclidean and
// cosine distances, each indicator's share, weights, missing values, both
// directions, determinism, and twins outside the county among Sweden's 290.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compare,
  DEFAULT_TWIN_SETTINGS,
  rankIn,
  rankTwins,
  standardise,
  twinSource,
  type IndicatorValue,
  type TwinSettings
} from '$lib/analysis/twins';

const v = (code: string, key: string, value: number, year = '2024'): IndicatorValue => ({
  municipality_code: code,
  key,
  year,
  value
});
// x: 1, 2, 3 → mean 2, sd √(2/3); y: 10, 10, 40 → mean 20, sd √200.
// z(x) = −√1.5, 0, √1.5; z(y) = −1/√2, −1/√2, √2.
const VALUES = [
  v('A', 'x', 1),
  v('B', 'x', 2),
  v('C', 'x', 3),
  v('A', 'y', 10),
  v('B', 'y', 10),
  v('C', 'y', 40),
  v('A', 'y', 99, '2020') // an older year: not used
];
const settings = (wx = 1, wy = 1, metric: TwinSettings['metric'] = 'euclidean'): TwinSettings => ({
  indicators: [
    { key: 'x', weight: wx },
    { key: 'y', weight: wy }
  ],
  metric
});
const SCOPE = ['A', 'B', 'C'];

describe('standardise', () => {
  it('gives z-scores over the scope at each indicator’s newest year', () => {
    const table = standardise(VALUES, SCOPE, settings());
    expect(table.indicators.map((i) => [i.key, i.year, i.count])).toEqual([
      ['x', '2024', 3],
      ['y', '2024', 3]
    ]);
    expect(table.indicators[1]!.mean).toBeCloseTo(20, 12);
    expect(table.indicators[1]!.sd).toBeCloseTo(Math.sqrt(200), 12);
    const [zx, zy] = table.z.get('A')!;
    expect(zx).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(zy).toBeCloseTo(-1 / Math.sqrt(2), 12);
    expect(table.incomplete).toEqual([]);
  });
});

describe('distances and shares (hand-computed)', () => {
  it('Euclidean: A–B = √1.5 all from x; A–C = √10.5, x 6/10.5, y 4.5/10.5', () => {
    const table = standardise(VALUES, SCOPE, settings());
    const ab = compare(table, 'A', 'B', 'euclidean')!;
    expect(ab.distance).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(ab.contributions.map((c) => c.share)).toEqual([1, 0]);
    expect(ab.similarity).toBeCloseTo(1 / (1 + Math.sqrt(1.5)), 12);
    const ac = compare(table, 'A', 'C', 'euclidean')!;
    expect(ac.distance).toBeCloseTo(Math.sqrt(10.5), 12);
    expect(ac.contributions[0]!.share).toBeCloseTo(6 / 10.5, 12);
    expect(ac.contributions[1]!.share).toBeCloseTo(4.5 / 10.5, 12);
  });

  it('cosine: A–C = 1 − (−2.5 / √(2 · 3.5)), shares summing to 1', () => {
    const table = standardise(VALUES, SCOPE, settings(1, 1, 'cosine'));
    const ac = compare(table, 'A', 'C', 'cosine')!;
    expect(ac.distance).toBeCloseTo(1 + 2.5 / Math.sqrt(7), 12);
    expect(ac.similarity).toBeCloseTo(1 - ac.distance / 2, 12);
    const shares = ac.contributions.map((c) => c.share!);
    expect(shares[0]! + shares[1]!).toBeCloseTo(1, 12);
    // x: (1/2)(−√1.5/√2 − √1.5/√3.5)², over the distance.
    const x = 0.5 * (-Math.sqrt(1.5) / Math.sqrt(2) - Math.sqrt(1.5) / Math.sqrt(3.5)) ** 2;
    expect(shares[0]).toBeCloseTo(x / ac.distance, 12);
  });

  it('ranks both directions: A’s nearest is B, C’s nearest is B, and A is B’s nearest', () => {
    const table = standardise(VALUES, SCOPE, settings());
    expect(rankTwins(table, 'A', 'euclidean').map((t) => t.code)).toEqual(['B', 'C']);
    expect(rankTwins(table, 'C', 'euclidean').map((t) => t.code)).toEqual(['B', 'A']);
    expect(rankIn(table, 'B', 'A', 'euclidean')).toBe(1);
    expect(rankIn(table, 'C', 'A', 'euclidean')).toBe(2);
  });

  it('weights: x twice → A–B = √3, B–C = √7.5; x at 0 → A and B are the same', () => {
    const double = standardise(VALUES, SCOPE, settings(2, 1));
    expect(compare(double, 'A', 'B', 'euclidean')!.distance).toBeCloseTo(Math.sqrt(3), 12);
    expect(compare(double, 'B', 'C', 'euclidean')!.distance).toBeCloseTo(Math.sqrt(7.5), 12);
    const onlyY = standardise(VALUES, SCOPE, settings(0, 1));
    expect(onlyY.indicators.map((i) => i.key)).toEqual(['y']);
    expect(compare(onlyY, 'A', 'B', 'euclidean')!.distance).toBe(0);
  });
});

describe('missing values', () => {
  // D has x (2) but no y: x over A–D: mean 2, sd √0.5; y over A–C as before.
  const withD = [...VALUES, v('D', 'x', 2)];

  it('leaves the missing indicator out and scales to the full weight', () => {
    const table = standardise(withD, ['A', 'B', 'C', 'D'], settings());
    expect(table.incomplete).toEqual(['D']);
    expect(table.z.get('D')).toEqual([0, null]);
    const ad = compare(table, 'A', 'D', 'euclidean')!;
    // z(x): A = −√2, D = 0 → 2 over weight 1 of 2, scaled by 2/1: √4 = 2.
    expect(ad.distance).toBeCloseTo(2, 12);
    expect(ad.missing).toBe(1);
    expect(ad.contributions.map((c) => c.share)).toEqual([1, null]);
  });

  it('does not compare a pair sharing less than half of the weight', () => {
    const table = standardise(withD, ['A', 'B', 'C', 'D'], settings(1, 2));
    expect(compare(table, 'A', 'D', 'euclidean')).toBeNull();
    expect(rankTwins(table, 'D', 'euclidean')).toEqual([]);
    expect(rankTwins(table, 'A', 'euclidean').map((t) => t.code)).toEqual(['B', 'C']);
  });
});

describe('Sweden’s 290 municipalities', () => {
  const codes = (
    JSON.parse(
      readFileSync(new URL('../../static/geo/sverige-kommuner.geojson', import.meta.url), 'utf8')
    ) as { features: { properties: { kommunkod: string } }[] }
  ).features.map((f) => f.properties.kommunkod);
  const keys = DEFAULT_TWIN_SETTINGS.indicators.map((i) => i.key);
  /** Deterministic values from the code; Stockholm (0180) is given Laxå's (1860). */
  const value = (code: string, k: number) =>
    Math.abs(Math.sin(Number(code) * 12.9898 + k * 78.233) * 43758.5453) % 100;
  const fixture = codes.flatMap((code) =>
    keys.map((key, k) => v(code, key, value(code === '0180' ? '1860' : code, k), '2025'))
  );

  it('has 290 municipalities and finds a twin outside the county', () => {
    expect(new Set(codes).size).toBe(290);
    const table = standardise(fixture, codes, DEFAULT_TWIN_SETTINGS);
    const twins = rankTwins(table, '1860', 'euclidean');
    expect(twins).toHaveLength(289);
    expect(twins[0]).toMatchObject({ code: '0180', distance: 0, similarity: 1 });
    expect(rankIn(table, '0180', '1860', 'euclidean')).toBe(1);
    // Within the county only, Stockholm is not in scope.
    const county = standardise(
      fixture,
      codes.filter((c) => c.startsWith('18')),
      DEFAULT_TWIN_SETTINGS
    );
    expect(rankTwins(county, '1860', 'euclidean').some((t) => t.code === '0180')).toBe(false);
  });

  it('is deterministic: the same ranking whatever the order of the values', () => {
    const a = rankTwins(standardise(fixture, codes, DEFAULT_TWIN_SETTINGS), '1880', 'cosine');
    const shuffled = [...fixture].reverse();
    const b = rankTwins(
      standardise(shuffled, [...codes].reverse(), DEFAULT_TWIN_SETTINGS),
      '1880',
      'cosine'
    );
    expect(b.map((t) => [t.code, t.distance])).toEqual(a.map((t) => [t.code, t.distance]));
  });
});

describe('the saved relation’s source', () => {
  it('records indicators, weights, years, metric and score', () => {
    const table = standardise(VALUES, SCOPE, settings(2, 1));
    const twin = rankTwins(table, 'A', 'euclidean')[0]!;
    expect(twinSource(table, twin, 'euclidean')).toBe(
      `Tvillingkommuner (euklidiskt avstånd över z-värden): x×2 (2024), y×1 (2024); avstånd ${Math.sqrt(3).toFixed(3)}, likhet ${(1 / (1 + Math.sqrt(3))).toFixed(3)}`
    );
  });
});
