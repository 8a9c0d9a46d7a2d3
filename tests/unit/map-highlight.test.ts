import { describe, expect, it } from 'vitest';
import { NODE_KINDS } from '$lib/domain/kinds';
import { NODE_APPEARANCE } from '$lib/explorer/appearance';
import { haloRadius, highlightMarks } from '$lib/map/highlight';
import { iconOutline } from '$lib/map/icons';
import { ICON_BORDER, iconSize } from '$lib/map/symbols';

describe('highlightMarks', () => {
  const nodeById = new Map([
    ['a', { id: 'a', kind: 'organisation' as const, title: 'Skolverket <b>' }],
    ['m', { id: 'm', kind: 'municipality' as const, title: 'Laxå kommun' }],
    ['hidden', { id: 'hidden', kind: 'network' as const, title: 'Dold' }],
    ['unplaced', { id: 'unplaced', kind: 'network' as const, title: 'Utan plats' }]
  ]);
  const positions = new Map([
    ['a', { lon: 15, lat: 59 }],
    ['m', { lon: 14.5, lat: 58.9 }],
    ['hidden', { lon: 16, lat: 60 }]
  ]);
  const visible = new Set(['a', 'm', 'unplaced']);

  it('marks the selected and hovered nodes where they are, labelled with their title', () => {
    expect(
      highlightMarks(
        [
          { id: 'a', state: 'selected' },
          { id: 'm', state: 'hover' }
        ],
        nodeById,
        positions,
        visible
      )
    ).toEqual([
      {
        id: 'a',
        kind: 'organisation',
        state: 'selected',
        label: 'Skolverket <b>',
        lon: 15,
        lat: 59
      },
      // A municipality's name is always on the map: no second label.
      { id: 'm', kind: 'municipality', state: 'hover', label: '', lon: 14.5, lat: 58.9 }
    ]);
  });

  it('leaves out hidden, unplaced and unknown nodes; the first mark of a node wins', () => {
    const marks = highlightMarks(
      [
        { id: 'hidden', state: 'selected' },
        { id: 'unplaced', state: 'selected' },
        { id: 'zz', state: 'selected' },
        { id: 'a', state: 'selected' },
        { id: 'a', state: 'hover' },
        { id: 'a', state: 'cluster', label: 'Skolverket och 3 nätverk' }
      ],
      nodeById,
      positions,
      visible
    );
    expect(marks.map((m) => [m.id, m.state, m.label])).toEqual([
      ['a', 'selected', 'Skolverket <b>'],
      // A hovered cluster's summary is its own marker, with its own label.
      ['a', 'cluster', 'Skolverket och 3 nätverk']
    ]);
  });
});

describe('haloRadius', () => {
  it('grows from 12 px at zoom 7 to 17 px at zoom 11, and no further', () => {
    expect(haloRadius(3)).toBe(12);
    expect(haloRadius(7)).toBe(12);
    expect(haloRadius(9)).toBe(14.5);
    expect(haloRadius(11)).toBe(17);
    expect(haloRadius(16)).toBe(17);
  });
});

describe('iconOutline (the map’s icon, drawn again by the highlight)', () => {
  it('is the kind’s shape and colour inside its border, at any scale', () => {
    for (const kind of NODE_KINDS) {
      const icon = iconOutline(kind);
      expect(icon.size).toBe(iconSize(kind) + 2 * ICON_BORDER);
      expect(icon.fill).toBe(NODE_APPEARANCE[kind].color);
      for (const [x, y] of icon.points) {
        for (const v of [x, y]) {
          expect(v).toBeGreaterThanOrEqual(ICON_BORDER - 1e-9);
          expect(v).toBeLessThanOrEqual(icon.size - ICON_BORDER + 1e-9);
        }
      }
      const twice = iconOutline(kind, 2);
      expect(twice.size).toBe(icon.size * 2);
      expect(twice.border).toBe(icon.border * 2);
      expect(twice.points[0]).toEqual(icon.points[0]!.map((v) => v * 2));
    }
  });
});
