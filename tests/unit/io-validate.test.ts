// Row validation and the import plan, on small hand-made tables.
import { describe, expect, it } from 'vitest';
import { mapNodeColumns, mapRelationColumns } from '$lib/io/columns';
import { findMatches, mergePatch } from '$lib/io/match';
import { buildImportPlan } from '$lib/io/plan';
import type { CellValue, ParsedImport, RawTable } from '$lib/io/types';
import { parseDate, parseMunicipalityCode, parseNumber } from '$lib/io/validate/cells';
import type { ValidationContext } from '$lib/io/validate/context';
import { validateNodes } from '$lib/io/validate/nodes';
import { validateRelations } from '$lib/io/validate/relations';
import { lookupNodeKind, lookupRelationKind, lookupStatus } from '$lib/io/vocabulary';
import { node, relation } from './fixtures/dataset';
import { emptyMap, importedNode, seedThemes } from './fixtures/io-dataset';

const table = (header: string[], ...rows: CellValue[][]): RawTable => ({
  header,
  rows,
  rowNumbers: rows.map((_, i) => i + 2)
});

const ctx = (): ValidationContext => ({
  locale: 'sv',
  themes: seedThemes(),
  municipalities: [{ code: '1880', name: 'Örebro' }]
});

describe('vocabulary', () => {
  it('accepts raw keys, Swedish and English labels and their parts, case-insensitively', () => {
    for (const word of [
      'network',
      'NÄTVERK',
      'Nätverk eller forum',
      'forum',
      'Network or forum',
      'nätverk och forum'
    ]) {
      expect(lookupNodeKind(word), word).toBe('network');
    }
    expect(lookupNodeKind('Nätverket')).toBeNull();
    expect(lookupNodeKind('Kommuner')).toBe('municipality');
    expect(lookupRelationKind('medlem i')).toBe('member_of');
    expect(lookupRelationKind('MEMBER_OF')).toBe('member_of');
    expect(lookupRelationKind('Collaborates with')).toBe('collaborates_with');
    expect(lookupRelationKind('Är värd för')).toBe('hosts');
    expect(lookupStatus('Vilande')).toBe('dormant');
    expect(lookupStatus('ended')).toBe('ended');
  });
});

describe('columns', () => {
  it('maps Swedish, English and Kumu headers', () => {
    const m = mapNodeColumns([
      'Label',
      'Typ',
      'Tags',
      'Kommunkod',
      'Start date',
      'Okänd kolumn',
      'label'
    ]);
    expect(m.index).toEqual({ title: 0, kind: 1, themes: 2, municipality_code: 3, start_date: 4 });
    expect(m.unknown).toEqual([{ index: 5, header: 'Okänd kolumn' }]);
    expect(m.duplicates).toEqual([{ field: 'title', header: 'label' }]);
    expect(mapRelationColumns(['Från', 'Till', 'Relation', 'Strength']).index).toEqual({
      from: 0,
      to: 1,
      kind: 2,
      magnitude: 3
    });
  });
});

describe('cell parsers', () => {
  it('numbers with decimal comma and spaces', () => {
    expect(parseNumber('1 200,5')).toBe(1200.5);
    expect(parseNumber('-3.25')).toBe(-3.25);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('tolv')).toBeNaN();
  });

  it('dates from text, Excel dates and serial numbers; impossible dates are refused', () => {
    expect(parseDate('2024-8-1', '2024-8-1')).toBe('2024-08-01');
    expect(parseDate(new Date('2023-06-30T00:00:00Z'), '2023-06-30')).toBe('2023-06-30');
    expect(parseDate(45474, '45474')).toBe('2024-07-01');
    expect(parseDate('2023-02-30', '2023-02-30')).toBeUndefined();
    expect(parseDate('30/6/2023', '30/6/2023')).toBeUndefined();
    expect(parseDate(null, '')).toBeNull();
  });

  it('municipality codes, restoring a leading zero Excel dropped', () => {
    expect(parseMunicipalityCode(180, '180')).toBe('0180');
    expect(parseMunicipalityCode('1880', '1880')).toBe('1880');
    expect(parseMunicipalityCode('Örebro', 'Örebro')).toBeNull();
  });
});

describe('validateNodes', () => {
  it('reports every problem of a row with its row, column and values', () => {
    const result = validateNodes(
      table(
        ['Namn', 'Typ', 'Teman', 'Kommun', 'Start', 'Slut', 'Webbplats', 'Longitud', 'Latitud'],
        [
          'Bra rad',
          'Resurs',
          'juridik; Statistics and analysis',
          'Örebro',
          '2024-01-01',
          '',
          'https://x.se',
          '15,2',
          '59,3'
        ],
        ['', 'Resurs', '', '', '', '', '', '', ''],
        [
          'Fel rad',
          'Kommun',
          'Juridik | Okänt',
          'Ingenstans',
          '2024-05-01',
          '2024-01-01',
          'ftp://x',
          '200',
          ''
        ]
      ),
      ctx()
    );
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      title: 'Bra rad',
      kind: 'resource',
      themes: ['juridik', 'statistik'],
      municipality_code: '1880',
      lon: 15.2,
      lat: 59.3,
      status: 'active',
      statusGiven: false
    });
    expect(result.problems.map((p) => [p.row, p.column, p.messageKey])).toEqual([
      [3, 'Namn', 'io.problem.required'],
      [4, 'Webbplats', 'io.problem.invalidUrl'],
      [4, 'Kommun', 'io.problem.unknownMunicipality'],
      [4, 'Longitud', 'io.problem.invalidLongitude'],
      [4, 'Latitud', 'io.problem.coordinatePair'],
      [4, 'Teman', 'io.problem.unknownTheme'],
      [4, 'Slut', 'io.problem.endBeforeStart']
    ]);
  });

  it('refuses duplicate rows (same title and municipality) within the file', () => {
    const result = validateNodes(
      table(
        ['Namn', 'Typ', 'Kommunkod'],
        ['GySam', 'Nätverk', ''],
        ['gysam', 'Nätverk', ''],
        ['GySam', 'Nätverk', '1880']
      ),
      ctx()
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        row: 3,
        messageKey: 'io.problem.duplicateRow',
        params: expect.objectContaining({ first: 2 })
      })
    ]);
  });

  it('asks for the code of a municipality that has none', () => {
    const result = validateNodes(
      table(['Namn', 'Typ', 'Kommunkod'], ['Nora', 'Kommun', '']),
      ctx()
    );
    expect(result.problems.map((p) => [p.row, p.column, p.messageKey])).toEqual([
      [2, 'Kommunkod', 'io.problem.municipalityNeedsCode']
    ]);
  });

  it('lists the required columns when one is missing, in the user language', () => {
    const result = validateNodes(table(['Label'], ['GySam']), { ...ctx(), locale: 'en' });
    expect(result.problems).toEqual([
      expect.objectContaining({
        messageKey: 'io.problem.missingColumn',
        params: { column: 'Type', required: 'Name, Type' }
      })
    ]);
  });

  it('reports progress', () => {
    const seen: number[] = [];
    const rows = Array.from({ length: 1200 }, (_, i) => [`Nod ${i}`, 'Resurs']);
    validateNodes(table(['Namn', 'Typ'], ...rows), {
      ...ctx(),
      onProgress: (p) => seen.push(p.done)
    });
    expect(seen).toEqual([500, 1000, 1200]);
  });
});

describe('validateRelations', () => {
  it('checks kinds, numbers and self-relations', () => {
    const result = validateRelations(
      table(
        ['Från', 'Till', 'Typ', 'Omfattning', 'Likhet', 'År'],
        ['A', 'B', 'Flöde till', '12,5', '', '2023'],
        ['A', 'a', 'Liknar', '', '1,5', ''],
        ['A', 'B', 'Känner', '-1', '', '1850']
      ),
      ctx()
    );
    expect(result.items).toEqual([
      expect.objectContaining({ from: 'A', to: 'B', kind: 'flows_to', magnitude: 12.5, year: 2023 })
    ]);
    expect(result.problems.map((p) => [p.row, p.column, p.messageKey])).toEqual([
      [3, 'Till', 'io.problem.selfRelation'],
      [3, 'Likhet', 'io.problem.scoreRange'],
      [4, 'Typ', 'io.problem.unknownRelationKind'],
      [4, 'Omfattning', 'io.problem.negative'],
      [4, 'År', 'io.problem.yearRange']
    ]);
  });
});

const parsedWith = (partial: Partial<ParsedImport>): ParsedImport => ({
  format: 'csv',
  encoding: 'utf-8',
  themes: [],
  nodes: [],
  relations: [],
  indicators: [],
  map: null,
  problems: [],
  ...partial
});

describe('matching and merging', () => {
  const existing = node({
    id: 'x',
    kind: 'network',
    title: 'GySam',
    status: 'dormant',
    themes: ['juridik'],
    description: 'Gammal'
  });

  it('matches by title (case-insensitive) and municipality only', () => {
    const matches = findMatches(
      [
        importedNode({ title: 'gysam', kind: 'network' }),
        importedNode({ title: 'GySam', kind: 'network', municipality_code: '1880' })
      ],
      [existing]
    );
    expect(matches.map((m) => m.index)).toEqual([0]);
  });

  it('merges filled cells, adds themes, never clears, keeps status unless given', () => {
    expect(
      mergePatch(
        existing,
        importedNode({ title: 'GySam', kind: 'network', themes: ['statistik', 'juridik'] })
      )
    ).toEqual({ themes: ['juridik', 'statistik'] });
    expect(
      mergePatch(
        existing,
        importedNode({
          title: 'GySam',
          kind: 'network',
          status: 'active',
          statusGiven: true,
          description: 'Ny'
        })
      )
    ).toEqual({ status: 'active', description: 'Ny' });
  });
});

describe('buildImportPlan', () => {
  const map = () => {
    const d = emptyMap(seedThemes());
    d.nodes = [
      node({ id: 'e-1', kind: 'resource', title: 'Samordnare', municipality_code: '1880' }),
      node({ id: 'e-2', kind: 'resource', title: 'Samordnare', municipality_code: '1883' }),
      node({ id: 'e-3', kind: 'network', title: 'GySam' }),
      node({ id: 'e-4', kind: 'municipality', title: 'Örebro', municipality_code: '1880' })
    ];
    d.relations = [relation({ id: 'r-1', kind: 'partner_of', source_id: 'e-3', target_id: 'e-4' })];
    return d;
  };
  const rel = (from: string, to: string, kind: 'member_of' | 'partner_of' = 'member_of') => ({
    row: 2,
    from,
    to,
    fromColumn: 'Från',
    toColumn: 'Till',
    kind,
    magnitude: null,
    unit: null,
    year: null,
    score: null,
    themes: [],
    note: '',
    source: null,
    rounded: null
  });

  it('resolves ends by file id, new titles, existing ids and titles; reports ambiguous and unknown ends', () => {
    const plan = buildImportPlan(
      map(),
      parsedWith({
        nodes: [importedNode({ title: 'Nytt nätverk', kind: 'network', ref: 'X1' })],
        relations: [
          rel('e-4', 'X1'),
          { ...rel('Örebro', 'Nytt nätverk'), row: 3 },
          { ...rel('Samordnare', 'GySam'), row: 4 },
          { ...rel('Okänd', 'GySam'), row: 5 }
        ]
      })
    );
    expect(
      plan.payload.relations.map((r) => [r.source_id ?? r.source_key, r.target_id ?? r.target_key])
    ).toEqual([['e-4', 'n1']]);
    // Row 3 is the same relation again: skipped, not doubled.
    expect(plan.summary.relationsSkipped).toBe(1);
    expect(plan.problems.map((p) => [p.row, p.column, p.messageKey, p.params.count])).toEqual([
      [4, 'Från', 'io.problem.ambiguousNode', 2],
      [5, 'Från', 'io.problem.unknownNode', 0]
    ]);
    expect(plan.blocked).toBe(true);
  });

  it('skips relations the map already has, symmetric ones in either direction', () => {
    const plan = buildImportPlan(
      map(),
      parsedWith({ relations: [rel('Örebro', 'GySam', 'partner_of')] })
    );
    expect(plan.payload.relations).toEqual([]);
    expect(plan.summary.relationsSkipped).toBe(1);
    expect(plan.blocked).toBe(false);
  });

  it('refuses a second municipality with a code the map already has', () => {
    const plan = buildImportPlan(
      map(),
      parsedWith({
        nodes: [
          importedNode({ title: 'Örebro kommun', kind: 'municipality', municipality_code: '1880' })
        ]
      })
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({
        messageKey: 'io.problem.municipalityExists',
        params: expect.objectContaining({ code: '1880', title: 'Örebro' })
      })
    ]);
  });

  it('refuses theme keys the map does not have (backups)', () => {
    const plan = buildImportPlan(
      map(),
      parsedWith({
        nodes: [importedNode({ title: 'X', kind: 'resource', themes: ['finns-inte'] })]
      })
    );
    expect(plan.problems.map((p) => p.messageKey)).toEqual(['io.problem.unknownThemeKey']);
  });
});
