import { describe, expect, it } from 'vitest';
import { NODE_KINDS, RELATION_KINDS } from '$lib/domain/kinds';
import { flowWidth, NODE_APPEARANCE, RELATION_APPEARANCE } from '$lib/explorer/appearance';

/** WCAG relative-luminance contrast against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe('appearance', () => {
  it('gives every node kind a distinct colour and shape with AA contrast', () => {
    const looks = NODE_KINDS.map((k) => NODE_APPEARANCE[k]);
    expect(new Set(looks.map((l) => l.color)).size).toBe(NODE_KINDS.length);
    expect(new Set(looks.map((l) => l.shape)).size).toBe(NODE_KINDS.length);
    for (const l of looks) expect(contrastOnWhite(l.color)).toBeGreaterThanOrEqual(4.5);
  });

  it('styles every relation kind distinctly, with graphical-object contrast (3:1)', () => {
    for (const k of RELATION_KINDS)
      expect(contrastOnWhite(RELATION_APPEARANCE[k].color)).toBeGreaterThanOrEqual(3);
    const looks = RELATION_KINDS.map((k) => {
      const { color, dash, arrow } = RELATION_APPEARANCE[k];
      return JSON.stringify([color, dash, arrow]);
    });
    expect(new Set(looks).size, 'every kind looks different').toBe(RELATION_KINDS.length);
    expect(RELATION_APPEARANCE.similar_to.dash).not.toBeNull();
    expect(RELATION_APPEARANCE.similar_to.arrow).toBe(false);
    expect(RELATION_APPEARANCE.flows_to.curved && RELATION_APPEARANCE.flows_to.arrow).toBe(true);
  });

  it('draws unknown flows thin and known flows wider as they grow', () => {
    expect(flowWidth(null, 100)).toBeLessThan(flowWidth(0, 100));
    expect(flowWidth(25, 100)).toBeLessThan(flowWidth(100, 100));
    expect(flowWidth(100, 100)).toBe(12);
  });
});
