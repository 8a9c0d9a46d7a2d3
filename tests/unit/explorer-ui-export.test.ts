import { describe, expect, it } from 'vitest';
import { exportFileName, isPng } from '$lib/explorer/export-file';
import { NODE_APPEARANCE, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { NODE_KINDS } from '$lib/domain/kinds';
import { dashArray, shapePoints } from '$lib/explorer/swatch';

describe('exportFileName', () => {
  it('names the file by view and local calendar date', () => {
    expect(exportFileName('karta', new Date(2026, 10, 22, 23, 59))).toBe(
      'regionkartan-karta-2026-11-22.png'
    );
    expect(exportFileName('graf', new Date(2027, 0, 3, 0, 1))).toBe(
      'regionkartan-graf-2027-01-03.png'
    );
  });
});

describe('isPng', () => {
  it('recognises the PNG signature only', () => {
    expect(isPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(isPng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))).toBe(false);
    expect(isPng(new Uint8Array([0x89, 0x50, 0x4e]))).toBe(false);
  });
});

describe('legend swatches', () => {
  const corners = (points: string | null) => points?.split(' ').length ?? 0;

  it('draws each node shape with its own outline inside the box', () => {
    expect(corners(shapePoints('hexagon', 18))).toBe(6);
    expect(corners(shapePoints('rectangle', 18))).toBe(4);
    expect(corners(shapePoints('diamond', 18))).toBe(4);
    expect(corners(shapePoints('triangle', 18))).toBe(3);
    expect(corners(shapePoints('star', 18))).toBe(10);
    expect(shapePoints('ellipse', 18)).toBeNull();
    for (const kind of NODE_KINDS) {
      const points = shapePoints(NODE_APPEARANCE[kind].shape, 18);
      for (const xy of points?.split(' ') ?? []) {
        for (const n of xy.split(',').map(Number)) {
          expect(n).toBeGreaterThanOrEqual(0);
          expect(n).toBeLessThanOrEqual(18);
        }
      }
    }
  });

  it('scales the dash pattern by the line width; solid lines have none', () => {
    expect(dashArray(RELATION_APPEARANCE.flows_to)).toBeUndefined();
    expect(dashArray({ dash: [4, 3], width: 2 })).toBe('8 6');
    expect(dashArray({ dash: [1, 2], width: 0.5 })).toBe('1 2');
  });
});
