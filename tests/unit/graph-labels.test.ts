import { describe, expect, it } from 'vitest';
import {
  cullLabels,
  labelBox,
  labelPx,
  shortTitle,
  unzoomed,
  type LabelBox
} from '$lib/graph/labels';

const box = (id: string, x: number, y: number, width = 100, height = 18): LabelBox => ({
  id,
  x,
  y,
  width,
  height
});
const view = { width: 800, height: 600 };

describe('graph labels', () => {
  it('shortens long titles at a word boundary and keeps short ones', () => {
    expect(shortTitle('Örebro kommun')).toBe('Örebro kommun');
    const long = 'Regionalt utvecklingscentrum för skolutveckling vid Örebro universitet';
    const short = shortTitle(long);
    expect(short.length).toBeLessThanOrEqual(28);
    expect(short.endsWith('…')).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(shortTitle('Abcdefghijklmnopqrstuvwxyzåäö', 10)).toBe('Abcdefghi…');
    expect(shortTitle('  Två   mellanslag ')).toBe('Två mellanslag');
  });

  it('keeps 14 px on screen (16 for hubs) at any zoom out, and grows zoomed in', () => {
    expect(labelPx('organisation')).toBe(14);
    expect(labelPx('municipality')).toBe(16);
    expect(unzoomed(14, 0.5) * 0.5).toBe(14);
    expect(unzoomed(14, 0.25) * 0.25).toBe(14);
    expect(unzoomed(14, 2)).toBe(14); // 28 px on screen at 200 %
  });

  it('places a label centred under its node, with its 2 px outline', () => {
    expect(labelBox('a', { x: 100, y: 50, height: 20 }, 60, 14)).toEqual({
      id: 'a',
      x: 68,
      y: 62,
      width: 64,
      height: 21.5
    });
    // A whole title wider than the wrap width takes more lines.
    expect(labelBox('a', { x: 0, y: 0, height: 0 }, 500, 16, 240)).toMatchObject({
      width: 244,
      height: 64
    });
  });

  it('drops a label that would overlap one placed before it, in the order given', () => {
    const shown = cullLabels(
      [box('hub', 100, 100), box('near', 150, 105), box('far', 400, 100), box('below', 100, 125)],
      view
    );
    expect(shown).toEqual(new Set(['hub', 'far', 'below']));
  });

  it('keeps the gap between labels', () => {
    expect(cullLabels([box('a', 0, 0), box('b', 102, 0)], view, { gap: 4 })).toEqual(
      new Set(['a'])
    );
    expect(cullLabels([box('a', 0, 0), box('b', 105, 0)], view, { gap: 4 }).size).toBe(2);
  });

  it('always shows forced labels, and the rest avoid them', () => {
    const shown = cullLabels(
      [
        { ...box('selected', 120, 100), forced: true },
        { ...box('hovered', 130, 100), forced: true },
        box('hub', 100, 100),
        box('other', 500, 500)
      ],
      view
    );
    expect(shown).toEqual(new Set(['selected', 'hovered', 'other']));
  });

  it('leaves out labels not wholly in view, unless forced', () => {
    const shown = cullLabels(
      [
        box('out', -200, 10),
        box('edge', -50, 10),
        box('in', 0, 40),
        { ...box('forced', 900, 10), forced: true }
      ],
      view
    );
    expect(shown).toEqual(new Set(['in', 'forced']));
  });

  it('with `all`, labels every node in view even when they overlap', () => {
    const boxes = [box('a', 0, 0), box('b', 10, 0), box('c', 20, 0), box('gone', 2000, 0)];
    expect(cullLabels(boxes, view, { all: true })).toEqual(new Set(['a', 'b', 'c']));
  });

  it('never lets two unforced labels overlap, on many random boxes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 800;
    const boxes = Array.from({ length: 2000 }, (_, i) => box(`n${i}`, random(), random() * 0.75));
    const culled = cullLabels(boxes, view);
    const shown = boxes.filter((b) => culled.has(b.id));
    expect(shown.length).toBeGreaterThan(20);
    const overlapping: string[] = [];
    for (const [i, a] of shown.entries()) {
      for (const b of shown.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        if (!apart) overlapping.push(`${a.id}/${b.id}`);
      }
    }
    expect(overlapping).toEqual([]);
  });
});
