// Export of the whole map or of what the current filters show. The filtered
// export holds exactly the shown nodes and the relations between them; themes and
// indicators stay whole; municipality names still come from the whole map.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import { EMPTY_FILTERS, filterDataset, type Filters } from '$lib/explorer/filters';
import { STANDARD_CSV, parseCsv } from '$lib/io/csv';
import { exportCsv, exportSelection } from '$lib/io/export';
import { trickyDataset } from './fixtures/io-dataset';

/** What the explorer shows under the filters (its visibleNodes / visibleRelations). */
function shown(dataset: Dataset, filters: Filters) {
  const visible = filterDataset(dataset, filters);
  return {
    nodes: dataset.nodes.filter((n) => visible.nodeIds.has(n.id)),
    relations: dataset.relations.filter((r) => visible.relationIds.has(r.id))
  };
}

const NOT_MUNICIPALITIES: Filters = {
  ...EMPTY_FILTERS,
  nodeKinds: ['resource', 'network', 'project']
};

describe('exportSelection', () => {
  it("'map' is the whole map, whatever the filters show", () => {
    const dataset = trickyDataset();
    expect(exportSelection(dataset, 'map', shown(dataset, NOT_MUNICIPALITIES))).toBe(dataset);
  });

  it("'filtered' holds the shown nodes and the relations between them, themes and indicators whole", () => {
    const dataset = trickyDataset();
    const part = exportSelection(dataset, 'filtered', shown(dataset, NOT_MUNICIPALITIES));
    expect(part.nodes.map((n) => n.id).sort()).toEqual([
      'a-formula',
      'a-gysam',
      'a-minus',
      'a-samordnare-1',
      'a-samordnare-2'
    ]);
    expect(part.relations.map((r) => r.id).sort()).toEqual(['r4', 'r5']);
    expect(part.themes).toBe(dataset.themes);
    expect(part.indicators).toBe(dataset.indicators);
    expect(part.map).toBe(dataset.map);
  });

  it('never exports a relation whose end is not exported', () => {
    const dataset = trickyDataset();
    const part = exportSelection(dataset, 'filtered', {
      nodes: dataset.nodes.filter((n) => n.id === 'a-gysam' || n.id === 'a-samordnare-1'),
      relations: dataset.relations // r3 ends at Örebro, which is not shown
    });
    expect(part.relations.map((r) => r.id)).toEqual(['r4']);
  });

  it('names the municipality of a filtered node from the whole map', () => {
    const dataset = trickyDataset();
    const part = exportSelection(dataset, 'filtered', shown(dataset, NOT_MUNICIPALITIES));
    const municipalityColumn = (csv: string) => {
      const { header, rows } = parseCsv(csv, ',').table;
      const title = header.indexOf('Namn');
      const municipality = header.indexOf('Kommun');
      return rows
        .filter((row) => row[title] === 'Samordnare')
        .map((row) => row[municipality])
        .sort();
    };
    const withNames = exportCsv(part, STANDARD_CSV, { municipalityNodes: dataset.nodes });
    expect(municipalityColumn(withNames.nodes)).toEqual(['Karlskoga', 'Örebro']);
    // Without them, the part alone has no municipality nodes to name them by.
    expect(municipalityColumn(exportCsv(part, STANDARD_CSV).nodes)).toEqual(['', '']);
  });
});
