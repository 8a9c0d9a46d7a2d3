// A municipality's indicators for its details: the newest value of each, and a
// series over the years where one exists (the population 1968–2025). Pure.
import type { IndicatorRow } from '$lib/domain/model';

export type IndicatorLatest = Pick<
  IndicatorRow,
  'key' | 'label_sv' | 'label_en' | 'unit' | 'year' | 'source'
> & {
  value: number;
  /** How many years the map has for it (≥ 3 draws a chart). */
  years: number;
};

export interface SeriesPoint {
  year: number;
  value: number;
}

/** A series with this many calendar years is drawn as a chart. */
export const MIN_SERIES_YEARS = 3;

/** Each indicator of a municipality at its newest year, in the order the map lists them. */
export function latestIndicators(
  indicators: readonly IndicatorRow[],
  code: string
): IndicatorLatest[] {
  const byKey = new Map<string, IndicatorLatest>();
  for (const i of indicators) {
    if (i.municipality_code !== code) continue;
    const known = byKey.get(i.key);
    const years = (known?.years ?? 0) + 1;
    if (!known || i.year > known.year) {
      const { key, label_sv, label_en, unit, year, source } = i;
      byKey.set(key, {
        key,
        label_sv,
        label_en,
        unit,
        year,
        value: Number(i.value),
        source,
        years
      });
    } else known.years = years;
  }
  return [...byKey.values()];
}

/** One indicator of a municipality over the calendar years (school years left out), oldest first. */
export function indicatorSeries(
  indicators: readonly IndicatorRow[],
  code: string,
  key: string
): SeriesPoint[] {
  return indicators
    .filter((i) => i.municipality_code === code && i.key === key && /^\d{4}$/.test(i.year))
    .map((i) => ({ year: Number(i.year), value: Number(i.value) }))
    .sort((a, b) => a.year - b.year);
}
