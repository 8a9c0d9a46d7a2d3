import { describe, expect, it } from 'vitest';
import { citedDocument, summarizeDataset } from '$lib/analysis/summary';
import { NODE_KINDS, RELATION_KINDS } from '$lib/domain/kinds';
import {
  makeDataset,
  makeIndicator,
  makeMap,
  makeNode,
  makeRelation,
  makeTheme
} from './factories';

describe('citedDocument', () => {
  it('takes the document part of "<document> § <section>"', () => {
    expect(citedDocument('003_b08486a7a69f24ea.txt § Aktivitet 8 TABB')).toBe(
      '003_b08486a7a69f24ea.txt'
    );
    expect(citedDocument('  000_a.txt  ')).toBe('000_a.txt');
  });

  it('returns null for missing or empty citations', () => {
    expect(citedDocument(null)).toBeNull();
    expect(citedDocument(undefined)).toBeNull();
    expect(citedDocument('')).toBeNull();
    expect(citedDocument(' § section only')).toBeNull();
  });
});

describe('summarizeDataset', () => {
  it('counts an empty dataset as zeros for every kind', () => {
    const summary = summarizeDataset(makeDataset());
    expect(Object.keys(summary.nodesByKind)).toEqual([...NODE_KINDS]);
    expect(Object.keys(summary.relationsByKind)).toEqual([...RELATION_KINDS]);
    expect(Object.values(summary.nodesByKind).every((n) => n === 0)).toBe(true);
    expect(summary.nodeTotal).toBe(0);
    expect(summary.relationTotal).toBe(0);
    expect(summary.sources).toEqual([]);
    expect(summary.uncitedCount).toBe(1); // the map itself
  });

  it('counts nodes and relations by kind, and themes and indicators', () => {
    const summary = summarizeDataset(
      makeDataset({
        nodes: [
          makeNode({ kind: 'municipality', municipality_code: '1880' }),
          makeNode({ kind: 'municipality', municipality_code: '1814' }),
          makeNode({ kind: 'network' })
        ],
        relations: [
          makeRelation({ kind: 'flows_to' }),
          makeRelation({ kind: 'similar_to', directed: false }),
          makeRelation({ kind: 'similar_to', directed: false })
        ],
        themes: [makeTheme(), makeTheme({ key: 'fritidshem' })],
        indicators: [makeIndicator()]
      })
    );
    expect(summary.nodesByKind).toMatchObject({ municipality: 2, network: 1, project: 0 });
    expect(summary.nodeTotal).toBe(3);
    expect(summary.relationsByKind).toMatchObject({ flows_to: 1, similar_to: 2, funds: 0 });
    expect(summary.relationTotal).toBe(3);
    expect(summary.themeCount).toBe(2);
    expect(summary.indicatorCount).toBe(1);
  });

  it('groups citations by document across all item types, sorted by name', () => {
    const summary = summarizeDataset(
      makeDataset({
        map: makeMap({ source: '000_seed.txt § Bilaga 2' }),
        nodes: [
          makeNode({ source: '003_b.txt § Aktivitet 8 TABB' }),
          makeNode({ source: '003_b.txt § Aktivitet 9' }),
          makeNode({ source: null })
        ],
        relations: [makeRelation({ source: '010_c.txt § Möte 2022-11-08' })],
        themes: [makeTheme({ source: '003_b.txt § Teman' })],
        indicators: [makeIndicator({ source: 'Skolverket' })]
      })
    );
    expect(summary.sources).toEqual([
      { document: '000_seed.txt', count: 1 },
      { document: '003_b.txt', count: 3 },
      { document: '010_c.txt', count: 1 },
      { document: 'Skolverket', count: 1 }
    ]);
    expect(summary.uncitedCount).toBe(1);
  });
});
