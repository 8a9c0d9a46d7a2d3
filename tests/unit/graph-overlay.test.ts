// Network overlaps as graph overlay edges, from the visible part of the dataset.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import {
  HIGHLIGHT,
  NODE_APPEARANCE,
  OVERLAP_APPEARANCE,
  overlapWidth,
  RELATION_APPEARANCE
} from '$lib/explorer/appearance';
import type { Visible } from '$lib/explorer/filters';
import { OVERLAP_CLASS, overlayDimmed, overlayElements, visibleOverlaps } from '$lib/graph/overlay';
import { node, relation } from './fixtures/dataset';
import { emptyMap } from './fixtures/io-dataset';

// Nätverk A has Lekeberg, Nora, Örebro and Region; B has Lekeberg, Nora and
// Region; C has Örebro and Region (Lekeberg only leads C: not a membership).
// Shared: A–B {Lekeberg, Nora, Region} = 3, A–C {Region, Örebro} = 2, B–C {Region} = 1.
function fixture(): Dataset {
  const d = emptyMap();
  d.nodes = [
    node({ id: 'na', kind: 'network', title: 'Nätverk A' }),
    node({ id: 'nb', kind: 'network', title: 'Nätverk B' }),
    node({ id: 'nc', kind: 'network', title: 'Nätverk C' }),
    node({ id: 'lek', kind: 'municipality', title: 'Lekeberg' }),
    node({ id: 'nora', kind: 'municipality', title: 'Nora' }),
    node({ id: 'obro', kind: 'municipality', title: 'Örebro' }),
    node({ id: 'reg', kind: 'organisation', title: 'Region Örebro län' })
  ];
  const r = (id: string, source_id: string, target_id: string, kind = 'member_of' as const) =>
    relation({ id, kind, source_id, target_id });
  d.relations = [
    r('1', 'lek', 'na'),
    r('2', 'nora', 'na'),
    r('3', 'obro', 'na'),
    r('4', 'reg', 'na'),
    r('5', 'lek', 'nb'),
    relation({ id: '6', kind: 'participates_in', source_id: 'nora', target_id: 'nb' }),
    r('7', 'reg', 'nb'),
    r('8', 'obro', 'nc'),
    r('9', 'reg', 'nc'),
    relation({ id: '10', kind: 'leads', source_id: 'lek', target_id: 'nc' }),
    relation({ id: '11', kind: 'flows_to', source_id: 'lek', target_id: 'obro' })
  ];
  return d;
}

function visibleWithout(d: Dataset, ...hidden: string[]): Visible {
  const nodeIds = new Set(d.nodes.map((n) => n.id).filter((id) => !hidden.includes(id)));
  const relationIds = new Set(
    d.relations.filter((r) => nodeIds.has(r.source_id) && nodeIds.has(r.target_id)).map((r) => r.id)
  );
  return { nodeIds, relationIds };
}

const pairs = (d: Dataset, visible: Visible) =>
  visibleOverlaps(d, visible, true).map((o) => [o.id, o.weight, o.shared]);

describe('visibleOverlaps', () => {
  it('pairs every two visible networks that share visible members, most shared first', () => {
    const d = fixture();
    expect(pairs(d, visibleWithout(d))).toEqual([
      ['overlap:na:nb', 3, ['lek', 'nora', 'reg']],
      ['overlap:na:nc', 2, ['reg', 'obro']],
      ['overlap:nb:nc', 1, ['reg']]
    ]);
  });

  it('counts only the members that pass the filters', () => {
    const d = fixture();
    // Without Region: A–B {Lekeberg, Nora}, A–C {Örebro}; B and C share no one.
    expect(pairs(d, visibleWithout(d, 'reg'))).toEqual([
      ['overlap:na:nb', 2, ['lek', 'nora']],
      ['overlap:na:nc', 1, ['obro']]
    ]);
  });

  it('leaves out a network that is filtered away', () => {
    const d = fixture();
    expect(pairs(d, visibleWithout(d, 'na'))).toEqual([['overlap:nb:nc', 1, ['reg']]]);
  });

  it('does not depend on the relation-kind filter (the member lines may be hidden)', () => {
    const d = fixture();
    const visible = { ...visibleWithout(d), relationIds: new Set<string>() };
    expect(pairs(d, visible)).toEqual(pairs(d, visibleWithout(d)));
  });

  it('gives nothing when switched off or without a dataset', () => {
    const d = fixture();
    expect(visibleOverlaps(d, visibleWithout(d), false)).toEqual([]);
    expect(visibleOverlaps(null, visibleWithout(d), true)).toEqual([]);
  });
});

describe('overlayElements', () => {
  it('makes unselectable edges with the overlap class, a width from the count and the count as label', () => {
    const d = fixture();
    const [first, , last] = overlayElements(visibleOverlaps(d, visibleWithout(d), true));
    expect(first).toEqual({
      group: 'edges',
      data: {
        id: 'overlap:na:nb',
        source: 'na',
        target: 'nb',
        weight: 3,
        width: 2 + 2 * Math.sqrt(3),
        label: '3'
      },
      classes: OVERLAP_CLASS,
      selectable: false
    });
    expect(last!.data).toMatchObject({ weight: 1, width: 4, label: '1' });
  });

  it('scales the width with the square root of the count, capped', () => {
    expect(overlapWidth(1)).toBe(4);
    expect(overlapWidth(4)).toBe(6);
    expect(overlapWidth(16)).toBe(10);
    expect(overlapWidth(25)).toBe(OVERLAP_APPEARANCE.maxWidth);
    expect(overlapWidth(400)).toBe(OVERLAP_APPEARANCE.maxWidth);
  });
});

describe('overlayDimmed', () => {
  it('dims the overlaps with an end outside the focused neighbourhood', () => {
    const d = fixture();
    const overlaps = visibleOverlaps(d, visibleWithout(d), true);
    const focused = { nodeIds: new Set(['na', 'nb', 'lek']), relationIds: new Set(['1', '5']) };
    expect(overlayDimmed(overlaps, focused)).toEqual(new Set(['overlap:na:nc', 'overlap:nb:nc']));
    expect(overlayDimmed(overlaps, null)).toEqual(new Set());
  });
});

/** WCAG contrast of a colour drawn at `opacity` over `background`. */
function contrast(hex: string, opacity: number, background: string): number {
  const channels = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const bg = channels(background);
  const blended = channels(hex).map((c, i) => c * opacity + bg[i]! * (1 - opacity));
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(blended), luminance(bg)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('OVERLAP_APPEARANCE', () => {
  it('has a colour of its own with 3:1 contrast on the graph background, translucent as drawn', () => {
    const others = [
      ...Object.values(RELATION_APPEARANCE).map((a) => a.color),
      ...Object.values(NODE_APPEARANCE).map((a) => a.color),
      HIGHLIGHT.selected,
      HIGHLIGHT.hover
    ];
    expect(others).not.toContain(OVERLAP_APPEARANCE.color);
    // --color-surface (the graph's background) and white (the PNG export).
    for (const bg of ['#f3f5f7', '#ffffff']) {
      expect(contrast(OVERLAP_APPEARANCE.color, OVERLAP_APPEARANCE.opacity, bg)).toBeGreaterThan(3);
    }
    expect(contrast('#000000', 1, '#ffffff')).toBeCloseTo(21); // the formula itself
  });
});
