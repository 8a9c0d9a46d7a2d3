// The flow map's logic against a hand-computed fixture: the flows of a year and
// unit (defaults: the newest year, the commonest unit), totals in/out/net per
// municipality, the matrix with its totals, top N and threshold, a pair over the
// years, unknown magnitudes (never a zero) and determinism.
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  flowMatrix,
  flowOptions,
  flowsInView,
  flowsOf,
  flowTotals,
  keepShownFlows,
  pairSeries,
  showFlows,
  shownFlows,
  sortOrigins
} from '$lib/analysis/flows';
import type { RelationKind } from '$lib/domain/kinds';
import { makeNode, makeRelation } from './factories';

const kommun = (code: string) =>
  makeNode({ id: `k-${code}`, kind: 'municipality', municipality_code: code, title: code });
const NODES = [kommun('1814'), kommun('1880'), kommun('1881'), kommun('1883')];
const school = makeNode({ id: 'org', kind: 'organisation' });

const flow = (
  id: string,
  from: string,
  to: string,
  year: number | null,
  unit: string | null,
  magnitude: number | null,
  more: { rounded?: boolean | null; kind?: RelationKind; source?: string } = {}
) =>
  makeRelation({
    id,
    kind: more.kind ?? 'flows_to',
    source_id: from.startsWith('k-') || from === 'org' ? from : `k-${from}`,
    target_id: to.startsWith('k-') || to === 'org' ? to : `k-${to}`,
    year,
    unit,
    magnitude,
    rounded: more.rounded ?? null,
    source: more.source ?? 'SCB'
  });

const RELATIONS = [
  flow('r1', '1814', '1880', 2024, 'elever', 120, { rounded: true, source: 'Skolverket 2024' }),
  flow('r2', '1880', '1814', 2024, 'elever', 30, { rounded: false }),
  flow('r3', '1881', '1880', 2024, 'elever', 200),
  flow('r4', '1814', '1880', 2023, 'elever', 110),
  flow('r5', '1883', '1880', 2024, 'pendlare', 500),
  flow('r6', '1883', '1881', null, null, null), // undated, no unit, no number
  flow('r7', '1814', '1880', null, null, null), // the same, but the pair has a 2024 value
  flow('r8', '1881', '1814', 2024, 'elever', null), // dated, size not known
  flow('r9', '1814', 'org', 2024, 'elever', 40), // not between municipalities
  flow('r10', '1814', '1880', 2024, 'elever', 7, { kind: 'member_of' }) // not a flow
];

const ids = (list: readonly { id: string }[]) => list.map((f) => f.id);

describe('flows between municipalities', () => {
  it('takes the flow relations between municipality nodes only, in code order', () => {
    const flows = flowsOf([...NODES, school], RELATIONS);
    expect(ids(flows)).toEqual(['r1', 'r4', 'r7', 'r2', 'r8', 'r3', 'r5', 'r6']);
    expect(flows[0]).toMatchObject({
      origin: '1814',
      destination: '1880',
      value: 120,
      rounded: true,
      source: 'Skolverket 2024'
    });
  });

  it('offers the years newest first and the units commonest first', () => {
    expect(flowOptions(flowsOf(NODES, RELATIONS))).toEqual({
      years: [2024, 2023],
      units: ['elever', 'pendlare']
    });
  });

  it('holds the exact year and unit, and undated flows as unknown unless the pair has a value', () => {
    const flows = flowsOf(NODES, RELATIONS);
    const view = flowsInView(flows, 2024, 'elever');
    expect(view.map((f) => [f.id, f.known])).toEqual([
      ['r1', true],
      ['r2', true],
      ['r8', false],
      ['r3', true],
      ['r6', false]
    ]);
    expect(ids(flowsInView(flows, 2023, 'elever'))).toEqual(['r4', 'r6']);
    expect(ids(flowsInView(flows, 2024, 'pendlare'))).toEqual(['r7', 'r5', 'r6']);
  });

  it('sums in, out and net per municipality, counting unknowns apart (never as 0)', () => {
    const totals = flowTotals(flowsInView(flowsOf(NODES, RELATIONS), 2024, 'elever'));
    expect(totals).toEqual([
      { code: '1814', in: 30, out: 120, net: -90, unknownIn: 1, unknownOut: 0 },
      { code: '1880', in: 320, out: 30, net: 290, unknownIn: 0, unknownOut: 0 },
      { code: '1881', in: 0, out: 200, net: -200, unknownIn: 1, unknownOut: 1 },
      { code: '1883', in: 0, out: 0, net: 0, unknownIn: 0, unknownOut: 1 }
    ]);
  });

  it('builds the origin × destination matrix with row, column and grand totals', () => {
    const m = flowMatrix(flowsInView(flowsOf(NODES, RELATIONS), 2024, 'elever'));
    expect(m.origins).toEqual(['1814', '1880', '1881', '1883']);
    expect(m.destinations).toEqual(['1814', '1880', '1881']);
    expect(m.cells.get(cellKey('1814', '1880'))).toMatchObject({
      value: 120,
      unknown: 0,
      rounded: true
    });
    expect(m.cells.get(cellKey('1881', '1814'))).toMatchObject({ value: null, unknown: 1 });
    expect(m.cells.has(cellKey('1880', '1881'))).toBe(false);
    expect(Object.fromEntries(m.rowTotals)).toEqual({
      '1814': { value: 120, unknown: 0, rounded: true },
      '1880': { value: 30, unknown: 0, rounded: false },
      '1881': { value: 200, unknown: 1, rounded: false },
      '1883': { value: 0, unknown: 1, rounded: false }
    });
    expect(Object.fromEntries(m.columnTotals)).toEqual({
      '1814': { value: 30, unknown: 1, rounded: false },
      '1880': { value: 320, unknown: 0, rounded: true },
      '1881': { value: 0, unknown: 1, rounded: false }
    });
    expect(m.total).toEqual({ value: 350, unknown: 2, rounded: true });
  });

  it('draws the largest N and those over the threshold; unknowns always', () => {
    const m = flowMatrix(flowsInView(flowsOf(NODES, RELATIONS), 2024, 'elever'));
    const sorted = (s: Set<string>) => [...s].sort();
    expect(sorted(shownFlows(m, { top: null, min: 0 }))).toEqual(['r1', 'r2', 'r3', 'r6', 'r8']);
    expect(sorted(shownFlows(m, { top: 1, min: 0 }))).toEqual(['r3', 'r6', 'r8']);
    expect(sorted(shownFlows(m, { top: 2, min: 0 }))).toEqual(['r1', 'r3', 'r6', 'r8']);
    expect(sorted(shownFlows(m, { top: null, min: 100 }))).toEqual(['r1', 'r3', 'r6', 'r8']);
    expect(sorted(shownFlows(m, { top: 1, min: 500 }))).toEqual(['r6', 'r8']);
  });

  it('sorts the matrix rows by name, total or one destination; rows without a value last', () => {
    const m = flowMatrix(flowsInView(flowsOf(NODES, RELATIONS), 2024, 'elever'));
    const names: Record<string, string> = {
      '1814': 'Lekeberg',
      '1880': 'Örebro',
      '1881': 'Kumla',
      '1883': 'Karlskoga'
    };
    const nameOf = (code: string) => names[code]!;
    const asc = 'ascending' as const;
    const desc = 'descending' as const;
    expect(sortOrigins(m, { key: 'origin', direction: asc }, nameOf)).toEqual([
      '1883',
      '1881',
      '1814',
      '1880'
    ]);
    expect(sortOrigins(m, { key: 'total', direction: desc }, nameOf)).toEqual([
      '1881',
      '1814',
      '1880',
      '1883'
    ]);
    expect(sortOrigins(m, { key: 'to:1880', direction: asc }, nameOf)).toEqual([
      '1814',
      '1881',
      '1883',
      '1880'
    ]);
    expect(sortOrigins(m, { key: 'to:1880', direction: desc }, nameOf)).toEqual([
      '1881',
      '1814',
      '1883',
      '1880'
    ]);
  });

  it('keeps of the visible flows only those drawn, every other relation as it was', () => {
    const visible = new Set(['r1', 'r3', 'r9', 'r10']);
    expect([...keepShownFlows(RELATIONS, visible, new Set(['r3', 'r5']))].sort()).toEqual([
      'r10',
      'r3'
    ]);
  });

  it('keeps a pair over the years for comparing, oldest first and undated last', () => {
    expect(ids(pairSeries(flowsOf(NODES, RELATIONS), '1814', '1880'))).toEqual(['r4', 'r1', 'r7']);
  });

  it('defaults to the newest year and the commonest unit, and honours a chosen one', () => {
    const shown = showFlows(NODES, RELATIONS, { year: null, unit: null, top: null, min: 0 });
    expect([shown.year, shown.unit]).toEqual([2024, 'elever']);
    expect(shown.matrix.total.value).toBe(350);
    const commuters = showFlows(NODES, RELATIONS, {
      year: 2024,
      unit: 'pendlare',
      top: null,
      min: 0
    });
    expect(commuters.totals.find((t) => t.code === '1880')).toMatchObject({
      in: 500,
      unknownIn: 1
    });
    const filtered = showFlows(
      NODES,
      RELATIONS,
      { year: null, unit: null, top: null, min: 0 },
      (id) => ['r2', 'r3'].includes(id)
    );
    expect(ids(filtered.flows)).toEqual(['r2', 'r3']);
  });

  it('is deterministic: the order of the rows does not matter', () => {
    const view = { year: null, unit: null, top: 2, min: 0 };
    const a = showFlows(NODES, RELATIONS, view);
    const b = showFlows([...NODES].reverse(), [...RELATIONS].reverse(), view);
    expect(ids(b.flows)).toEqual(ids(a.flows));
    expect(b.totals).toEqual(a.totals);
    expect([...b.matrix.cells.keys()].sort()).toEqual([...a.matrix.cells.keys()].sort());
    expect([...b.shown].sort()).toEqual([...a.shown].sort());
  });

  it('shows a map whose only flow is unknown (the seeded Lekeberg → Örebro) as unknown', () => {
    const shown = showFlows(NODES, [flow('seed', '1814', '1880', null, null, null)], {
      year: null,
      unit: null,
      top: 5,
      min: 10
    });
    expect([shown.year, shown.unit]).toEqual([null, null]);
    expect(shown.flows.map((f) => f.known)).toEqual([false]);
    expect([...shown.shown]).toEqual(['seed']);
    expect(shown.totals[0]).toMatchObject({ code: '1814', out: 0, unknownOut: 1 });
  });
});
