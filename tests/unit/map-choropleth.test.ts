import { describe, expect, it } from 'vitest';
import type { ChoroplethValue } from '$lib/analysis/coverage';
import {
  buildChoropleth,
  CHOROPLETH_COLORS,
  choroplethClass,
  GAP_COLOR,
  hatchPattern
} from '$lib/map/choropleth';
import { buildLayers, LAYER } from '$lib/map/style';

const value = (code: string, count: number, max: number): ChoroplethValue => ({
  code,
  title: code,
  count,
  gap: count === 0,
  share: max ? count / max : 0
});

describe('coverage choropleth', () => {
  const values = [
    value('1814', 0, 8),
    value('1880', 8, 8),
    value('1861', 1, 8),
    value('1860', 4, 8)
  ];

  it('colours each kommunkod by its count with a match expression', () => {
    const paint = buildChoropleth(values);
    expect(paint.fillColor).toEqual([
      'match',
      ['get', 'kommunkod'],
      '1814',
      GAP_COLOR,
      '1880',
      CHOROPLETH_COLORS[3],
      '1861',
      CHOROPLETH_COLORS[0],
      '1860',
      CHOROPLETH_COLORS[1],
      'rgba(0, 0, 0, 0)'
    ]);
    expect(paint.max).toBe(8);
  });

  it('lists the gaps (0) for the hatched layer, not only a colour', () => {
    const paint = buildChoropleth(values);
    expect(paint.gaps).toEqual(['1814']);
    expect(paint.gapFilter).toEqual(['in', ['get', 'kommunkod'], ['literal', ['1814']]]);
  });

  it('describes the classes for the legend, covering 1 … max without holes', () => {
    const { classes } = buildChoropleth(values);
    expect(classes.map((c) => c.color)).toEqual([...CHOROPLETH_COLORS]);
    expect(classes[0]).toEqual({ color: CHOROPLETH_COLORS[0], min: 1, max: 2 });
    expect(classes.at(-1)!.max).toBe(8);
    for (let i = 1; i < classes.length; i++) expect(classes[i]!.min).toBe(classes[i - 1]!.max + 1);
    expect(buildChoropleth([value('1814', 2, 2)]).classes).toEqual([
      { color: CHOROPLETH_COLORS[1], min: 1, max: 1 },
      { color: CHOROPLETH_COLORS[3], min: 2, max: 2 }
    ]);
  });

  it('has no colours and every municipality as a gap when nothing is counted', () => {
    const paint = buildChoropleth([value('1814', 0, 0), value('1880', 0, 0)]);
    expect(paint.classes).toEqual([]);
    expect(paint.gaps).toEqual(['1814', '1880']);
    expect(buildChoropleth([]).fillColor).toBe('rgba(0, 0, 0, 0)');
  });

  it('classifies counts into the palette', () => {
    expect(choroplethClass(1, 1)).toBe(CHOROPLETH_COLORS.length - 1);
    expect(choroplethClass(1, 100)).toBe(0);
    expect(choroplethClass(100, 100)).toBe(CHOROPLETH_COLORS.length - 1);
  });

  it('makes a striped RGBA pattern image', () => {
    const image = hatchPattern(8);
    expect(image.data.length).toBe(8 * 8 * 4);
    const pixel = (x: number, y: number) => [
      ...image.data.slice((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)
    ];
    expect(pixel(0, 0)).not.toEqual(pixel(4, 0));
    expect(pixel(0, 0)).toEqual(pixel(7, 1)); // diagonal
  });

  it('has choropleth layers in the style that are hidden until a theme is chosen', () => {
    for (const basemap of [false, true]) {
      const layers = buildLayers({ basemap });
      for (const id of [LAYER.choroplethFill, LAYER.choroplethGap, LAYER.choroplethGapLine]) {
        const layer = layers.find((l) => l.id === id);
        expect(layer?.layout).toMatchObject({ visibility: 'none' });
      }
    }
  });
});
