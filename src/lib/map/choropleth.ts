// The coverage choropleth: one theme's counts per municipality as MapLibre paint
// values (a `match` on kommunkod), the gaps (0) as a filter for the hatched layer,
// the legend's classes, and the hatch pattern image; and the twins' similarity to
// the selected municipality on the same layers. Pure.
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { ChoroplethValue } from '$lib/analysis/coverage';

/** Light to dark for more resources; gaps are not a colour but a hatch and an outline. */
export const CHOROPLETH_COLORS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;
export const GAP_COLOR = '#ffffff';
export const GAP_PATTERN = 'rk-gap-hatch';
const NONE_COLOR = 'rgba(0, 0, 0, 0)';

/** The colour class (0 … CHOROPLETH_COLORS.length - 1) of a count above 0. */
export function choroplethClass(count: number, max: number): number {
  const steps = CHOROPLETH_COLORS.length;
  if (max <= 0 || count <= 0) return 0;
  return Math.min(steps - 1, Math.max(0, Math.ceil((count / max) * steps) - 1));
}

export interface ChoroplethClass {
  color: string;
  /** The counts drawn with this colour (inclusive). */
  min: number;
  max: number;
}

export interface ChoroplethPaint {
  /** `fill-color` of the choropleth layer. */
  fillColor: ExpressionSpecification | string;
  /** The kommunkoder with no resource for the theme. */
  gaps: string[];
  /** Filter for the gap layers (hatch and outline). */
  gapFilter: ExpressionSpecification;
  /** The colour classes that occur in the scale (for the legend), smallest first. */
  classes: ChoroplethClass[];
  max: number;
}

export function buildChoropleth(values: readonly ChoroplethValue[]): ChoroplethPaint {
  const max = Math.max(0, ...values.map((v) => v.count));
  const colorOf = (count: number) =>
    count === 0 ? GAP_COLOR : CHOROPLETH_COLORS[choroplethClass(count, max)]!;
  const pairs = values.flatMap((v) => [v.code, colorOf(v.count)]);
  const fillColor: ExpressionSpecification | string = pairs.length
    ? (['match', ['get', 'kommunkod'], ...pairs, NONE_COLOR] as unknown as ExpressionSpecification)
    : NONE_COLOR;
  const gaps = values.filter((v) => v.count === 0).map((v) => v.code);
  const classes: ChoroplethClass[] = [];
  for (let count = 1; count <= max; count++) {
    const color = CHOROPLETH_COLORS[choroplethClass(count, max)]!;
    const last = classes.at(-1);
    if (last?.color === color) last.max = count;
    else classes.push({ color, min: count, max: count });
  }
  return {
    fillColor,
    gaps,
    gapFilter: ['in', ['get', 'kommunkod'], ['literal', gaps]],
    classes,
    max
  };
}

/** The selected municipality in the similarity choropleth (the others: CHOROPLETH_COLORS). */
export const TWIN_SELF_COLOR = '#f2a900';

/**
 * The twins' similarity to `self` as a choropleth: four classes from the least to
 * the most alike among those compared (relative, so that the ranking shows
 * whatever the metric); `self` in its own colour; municipalities not compared
 * stay uncoloured.
 */
export function buildSimilarityChoropleth(
  self: string,
  twins: readonly { code: string; similarity: number }[]
): ChoroplethPaint {
  const sims = twins.map((t) => t.similarity);
  const min = Math.min(...sims);
  const span = Math.max(...sims) - min;
  const steps = CHOROPLETH_COLORS.length;
  const classOf = (s: number) =>
    span > 0 ? Math.min(steps - 1, Math.floor(((s - min) / span) * steps)) : steps - 1;
  const pairs = [
    self,
    TWIN_SELF_COLOR,
    ...twins.flatMap((t) => [t.code, CHOROPLETH_COLORS[classOf(t.similarity)]!])
  ];
  return {
    fillColor: [
      'match',
      ['get', 'kommunkod'],
      ...pairs,
      NONE_COLOR
    ] as unknown as ExpressionSpecification,
    gaps: [],
    gapFilter: ['in', ['get', 'kommunkod'], ['literal', []]],
    classes: [],
    max: steps
  };
}

/** A small diagonal-stripe image for `fill-pattern` (RGBA, as `map.addImage` takes it). */
export function hatchPattern(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const stripe = [0xb3, 0x26, 0x1e, 0xff];
  const ground = [0xff, 0xff, 0xff, 0xff];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      data.set(on ? stripe : ground, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
