// Coverage against a hand-computed fixture. The map:
//
//   municipalities  A (1001), B (1002), C (1003)
//   R1 resource, active, themes juridik+statistik, located in A
//   R2 resource, active, juridik, no municipality; A member_of R2? no — R2 is reached through N1
//   N1 network, active, juridik; A member_of N1, N1 ← B participates_in (B → N1)
//   N2 network, active, statistik; N2 member_of C (reversed direction still counts)
//   P1 project, planned, juridik, located in B            → not active: never counted
//   P2 project, active, juridik; C collaborates_with P2   → wrong relation kind: not counted
//   O1 organisation, active, statistik, located in C and C member_of O1 → counted once
//   R3 resource, active, no themes, located in A          → no theme: in no column
//
// Hand-computed cells (juridik, statistik):
//   A: juridik {R1, N1} = 2, statistik {R1} = 1        row total {R1, N1} = 2
//   B: juridik {N1} = 1,     statistik {} = 0           row total 1
//   C: juridik {} = 0,       statistik {N2, O1} = 2     row total 2
//   column totals: juridik {R1, N1} = 2, statistik {R1, N2, O1} = 3
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import {
  choropleth,
  computeCoverage,
  coverageCellFilters,
  ignoredCoverageFilters,
  narrowCoverage
} from '$lib/analysis/coverage';
import { EMPTY_FILTERS, filterDataset, type Filters } from '$lib/explorer/filters';
import { coverageCsv } from '$lib/io/export';
import { node, relation, theme } from './fixtures/dataset';
import { emptyMap } from './fixtures/io-dataset';

function fixture(): Dataset {
  const d = emptyMap([
    theme('juridik', 'Juridik', '#4e342e'),
    { ...theme('statistik', 'Statistik och analys', '#5e35b1'), sort_order: 1 }
  ]);
  d.nodes = [
    node({
      id: 'A',
      kind: 'municipality',
      title: 'Aby',
      municipality_code: '1001',
      themes: ['juridik']
    }),
    node({ id: 'B', kind: 'municipality', title: 'Bstad', municipality_code: '1002' }),
    node({ id: 'C', kind: 'municipality', title: 'Cköping', municipality_code: '1003' }),
    node({
      id: 'R1',
      kind: 'resource',
      title: 'R1',
      municipality_code: '1001',
      themes: ['juridik', 'statistik']
    }),
    node({ id: 'R2', kind: 'resource', title: 'R2', themes: ['juridik'] }),
    node({ id: 'N1', kind: 'network', title: 'N1', themes: ['juridik'] }),
    node({ id: 'N2', kind: 'network', title: 'N2', themes: ['statistik'] }),
    node({
      id: 'P1',
      kind: 'project',
      title: 'P1',
      status: 'planned',
      municipality_code: '1002',
      themes: ['juridik']
    }),
    node({ id: 'P2', kind: 'project', title: 'P2', themes: ['juridik'] }),
    node({
      id: 'O1',
      kind: 'organisation',
      title: 'O1',
      municipality_code: '1003',
      themes: ['statistik']
    }),
    node({ id: 'R3', kind: 'resource', title: 'R3', municipality_code: '1001' })
  ];
  d.relations = [
    relation({ id: 'x1', kind: 'member_of', source_id: 'A', target_id: 'N1' }),
    relation({ id: 'x2', kind: 'participates_in', source_id: 'B', target_id: 'N1' }),
    relation({ id: 'x3', kind: 'member_of', source_id: 'N2', target_id: 'C' }),
    relation({ id: 'x4', kind: 'collaborates_with', source_id: 'C', target_id: 'P2' }),
    relation({ id: 'x5', kind: 'member_of', source_id: 'C', target_id: 'O1' }),
    relation({ id: 'x6', kind: 'assists', source_id: 'R2', target_id: 'N1' }),
    relation({ id: 'x7', kind: 'participates_in', source_id: 'B', target_id: 'P1' })
  ];
  return d;
}

describe('computeCoverage', () => {
  const coverage = computeCoverage(fixture());

  it('matches the hand-computed matrix', () => {
    expect(coverage.municipalities.map((m) => m.code)).toEqual(['1001', '1002', '1003']);
    expect(coverage.themes.map((t) => t.key)).toEqual(['juridik', 'statistik']);
    expect(coverage.cells.map((row) => row.map((c) => c.count))).toEqual([
      [2, 1],
      [1, 0],
      [0, 2]
    ]);
    expect(coverage.cells.map((row) => row.map((c) => c.nodeIds))).toEqual([
      [['N1', 'R1'], ['R1']],
      [['N1'], []],
      [[], ['N2', 'O1']]
    ]);
    expect(coverage.rowTotals).toEqual([2, 1, 2]);
    expect(coverage.columnTotals).toEqual([2, 3]);
  });

  it('shows municipalities without a node as gaps', () => {
    const withExtra = computeCoverage(fixture(), [
      { code: '1004', name: 'Dala' },
      { code: '1001', name: 'ignored' }
    ]);
    expect(withExtra.municipalities.map((m) => [m.code, m.title, m.nodeId])).toEqual([
      ['1001', 'Aby', 'A'],
      ['1002', 'Bstad', 'B'],
      ['1003', 'Cköping', 'C'],
      ['1004', 'Dala', null]
    ]);
    expect(withExtra.cells[3]!.map((c) => c.count)).toEqual([0, 0]);
  });

  it('gives a choropleth per theme with gaps marked', () => {
    expect(choropleth(coverage, 'statistik')).toEqual([
      { code: '1001', title: 'Aby', count: 1, gap: false, share: 0.5 },
      { code: '1002', title: 'Bstad', count: 0, gap: true, share: 0 },
      { code: '1003', title: 'Cköping', count: 2, gap: false, share: 1 }
    ]);
    expect(choropleth(coverage, 'okänt')).toEqual([]);
  });

  it('exports the matrix as CSV for Swedish Excel', () => {
    const csv = coverageCsv(coverage, {
      municipality: 'Kommun',
      code: 'Kommunkod',
      total: 'Totalt',
      locale: 'sv'
    });
    expect(csv).toBe(
      '\uFEFFKommun;Kommunkod;Juridik;Statistik och analys;Totalt\r\n' +
        'Aby;1001;2;1;2\r\n' +
        'Bstad;1002;1;0;1\r\n' +
        'Cköping;1003;0;2;2\r\n' +
        'Totalt;;2;3;\r\n'
    );
  });

  it("a cell's explorer filters show (at least) the cell's nodes", () => {
    const d = fixture();
    for (const row of coverage.cells) {
      for (const cell of row) {
        const visible = filterDataset(d, coverageCellFilters(cell.code, cell.theme)).nodeIds;
        for (const id of cell.nodeIds)
          expect(visible.has(id), `${cell.code}/${cell.theme}/${id}`).toBe(true);
      }
    }
  });
});

describe('coverage under the current filters', () => {
  const coverage = computeCoverage(fixture());

  it('theme and municipality filters choose the columns and rows; cells keep their counts', () => {
    const narrowed = narrowCoverage(coverage, {
      themes: ['statistik'],
      municipalities: ['1001', '1003']
    });
    expect(narrowed.municipalities.map((m) => m.code)).toEqual(['1001', '1003']);
    expect(narrowed.themes.map((t) => t.key)).toEqual(['statistik']);
    expect(narrowed.cells.map((row) => row.map((c) => c.count))).toEqual([[1], [2]]);
    // Totals are over what is shown: A's row total is {R1} (N1 counts only for juridik).
    expect(narrowed.rowTotals).toEqual([1, 2]);
    expect(narrowed.columnTotals).toEqual([3]);
  });

  it('no theme or municipality chosen: the whole matrix, unchanged', () => {
    expect(narrowCoverage(coverage, EMPTY_FILTERS)).toEqual(coverage);
    const onlyRows = narrowCoverage(coverage, { themes: [], municipalities: ['1002'] });
    expect(onlyRows.cells).toEqual([coverage.cells[1]]);
    expect(onlyRows.rowTotals).toEqual([1]);
    expect(onlyRows.columnTotals).toEqual([1, 0]);
  });

  it('the other filters never change the matrix; they are named as ignored', () => {
    const filters: Filters = {
      ...EMPTY_FILTERS,
      nodeKinds: ['network'],
      statuses: ['planned'],
      text: '  ',
      themes: ['juridik']
    };
    expect(narrowCoverage(coverage, filters)).toEqual(
      narrowCoverage(coverage, { themes: ['juridik'], municipalities: [] })
    );
    expect(ignoredCoverageFilters(filters)).toEqual(['nodeKinds', 'statuses']);
    expect(ignoredCoverageFilters({ ...filters, text: 'nät', relationKinds: ['leads'] })).toEqual([
      'nodeKinds',
      'relationKinds',
      'statuses',
      'text'
    ]);
    expect(ignoredCoverageFilters(EMPTY_FILTERS)).toEqual([]);
  });
});
