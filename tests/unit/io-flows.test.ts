// Flows between municipalities from CSV: English and Swedish headers, codes and
// names, rounded yes/no, the file's name as source, and every refusal (unknown
// municipality, a count that is not a number or negative, a bad year, a bad
// rounded, the same flow twice) with row and column and nothing planned. A flow
// the map has for the same pair, year and unit is updated, never added twice.
import { describe, expect, it } from 'vitest';
import { readImport, type ImportFile } from '$lib/io/import';
import { isFlowTable, parseRounded } from '$lib/io/flows';
import { buildImportPlan } from '$lib/io/plan';
import type { Dataset } from '$lib/domain/model';
import { emptyMap } from './fixtures/io-dataset';
import { makeNode, makeRelation } from './factories';

const file = (body: string, name = 'flöden.csv'): ImportFile => ({
  name,
  bytes: new TextEncoder().encode(body)
});
const kommun = (code: string, title: string) =>
  makeNode({ id: `k-${code}`, kind: 'municipality', municipality_code: code, title });

function map(): Dataset {
  const dataset = emptyMap([]);
  dataset.nodes = [
    kommun('1814', 'Lekebergs kommun'),
    kommun('1880', 'Örebro kommun'),
    kommun('1881', 'Kumla kommun'),
    makeNode({ id: 'school', kind: 'organisation', title: 'Risbergska' })
  ];
  return dataset;
}

async function read(body: string, dataset = map()) {
  const parsed = await readImport([file(body)], dataset);
  return { parsed, plan: buildImportPlan(dataset, parsed) };
}

const errors = (parsed: Awaited<ReturnType<typeof read>>['parsed']) =>
  parsed.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ row: p.row, column: p.column, key: p.messageKey }));

describe('the flow CSV shape', () => {
  it('is origin, destination and count without a kind column', () => {
    expect(isFlowTable(['origin', 'destination', 'count', 'year', 'unit'])).toBe(true);
    expect(isFlowTable(['Från', 'Till', 'Antal', 'År', 'Enhet', 'Källa', 'Avrundat'])).toBe(true);
    expect(isFlowTable(['Ursprung', 'Destination', 'antal', 'år'])).toBe(true);
    expect(isFlowTable(['Från', 'Till', 'Typ', 'Antal'])).toBe(false); // a relation table
    expect(isFlowTable(['kommunkod', 'indikator', 'år', 'värde'])).toBe(false);
  });

  it('reads rounded as yes/no in Swedish or English', () => {
    for (const yes of ['ja', 'Yes', 'true', '1']) expect(parseRounded(yes)).toBe(true);
    for (const no of ['nej', 'No', 'FALSE', '0']) expect(parseRounded(no)).toBe(false);
    expect(parseRounded('')).toBeNull();
    expect(parseRounded('kanske')).toBeUndefined();
  });
});

describe('reading flows', () => {
  it('makes a flows_to relation per row between the municipality nodes', async () => {
    const { parsed, plan } = await read(
      [
        'origin,destination,count,year,unit,source,rounded',
        '1814,1880,120,2024,elever,Skolverket,yes',
        'Kumla kommun,Örebro,"1 200",2024,elever,,nej',
        '1880,1814,..,2024,elever,,',
        '1814,1880,110,2023,elever,Skolverket,ja'
      ].join('\n')
    );
    expect(errors(parsed)).toEqual([]);
    expect(plan.blocked).toBe(false);
    expect(plan.summary.relationsNew).toBe(4);
    expect(plan.payload.relations).toEqual([
      expect.objectContaining({
        source_id: 'k-1814',
        target_id: 'k-1880',
        kind: 'flows_to',
        magnitude: 120,
        year: 2024,
        unit: 'elever',
        source: 'Skolverket',
        rounded: true
      }),
      expect.objectContaining({
        source_id: 'k-1881',
        target_id: 'k-1880',
        magnitude: 1200,
        source: 'flöden.csv',
        rounded: false
      }),
      expect.objectContaining({ source_id: 'k-1880', magnitude: null, rounded: null }),
      expect.objectContaining({ source_id: 'k-1814', year: 2023, magnitude: 110 })
    ]);
  });

  it('reads Swedish headers and a semicolon-separated file', async () => {
    const { parsed, plan } = await read(
      'Från;Till;Antal;År;Enhet;Källa;Avrundat\nLekeberg;Örebro;35;2022;pendlare;SCB;nej'
    );
    expect(errors(parsed)).toEqual([]);
    expect(plan.payload.relations[0]).toMatchObject({
      source_id: 'k-1814',
      target_id: 'k-1880',
      magnitude: 35,
      year: 2022,
      unit: 'pendlare',
      source: 'SCB',
      rounded: false
    });
  });

  it.each([
    [
      'an unknown municipality code',
      '0180,1880,5,2024,elever',
      'origin',
      'io.problem.unknownMunicipality'
    ],
    [
      'a municipality not on the map by name',
      '1814,Stockholm,5,2024,elever',
      'destination',
      'io.problem.unknownMunicipality'
    ],
    [
      'a count that is not a number',
      '1814,1880,många,2024,elever',
      'count',
      'io.problem.notANumber'
    ],
    ['a negative count', '1814,1880,-3,2024,elever', 'count', 'io.problem.negative'],
    ['a bad year', '1814,1880,5,24,elever', 'year', 'io.problem.yearRange'],
    ['a year out of range', '1814,1880,5,2200,elever', 'year', 'io.problem.yearRange'],
    ['a flow to itself', '1814,Lekeberg,5,2024,elever', 'destination', 'io.problem.selfRelation']
  ])('refuses %s with row and column, and plans nothing', async (_what, line, column, key) => {
    const { parsed, plan } = await read(
      `origin,destination,count,year,unit\n1881,1880,7,2024,elever\n${line}`
    );
    expect(errors(parsed)).toEqual([{ row: 3, column, key }]);
    expect(parsed.relations).toEqual([]);
    expect(plan.blocked).toBe(true);
    expect(plan.payload.relations).toEqual([]);
  });

  it('refuses a rounded that is neither yes nor no', async () => {
    const { parsed, plan } = await read(
      'från,till,antal,år,enhet,avrundat\n1814,1880,5,2024,elever,kanske'
    );
    expect(errors(parsed)).toEqual([
      { row: 2, column: 'avrundat', key: 'io.problem.invalidRounded' }
    ]);
    expect(plan.blocked).toBe(true);
  });

  it('refuses the same origin, destination, year and unit twice, naming the first row', async () => {
    const { parsed, plan } = await read(
      [
        'origin,destination,count,year,unit',
        '1814,1880,5,2024,elever',
        '1814,1880,6,2023,elever',
        '1814,1880,7,2024,pendlare',
        'Lekeberg,Örebro,8,2024,elever'
      ].join('\n')
    );
    expect(errors(parsed)).toEqual([{ row: 5, column: 'origin', key: 'io.problem.duplicateFlow' }]);
    expect(parsed.problems.find((p) => p.severity === 'error')?.params).toMatchObject({ first: 2 });
    expect(plan.blocked).toBe(true);
    expect(plan.payload.relations).toEqual([]);
  });

  it('refuses a file without the count or year column', async () => {
    const { parsed } = await read('origin,destination,count\n1814,1880,5');
    expect(errors(parsed)).toEqual([
      { row: null, column: 'year', key: 'io.problem.missingColumn' }
    ]);
  });
});

describe('a flow the map already has', () => {
  const held = (overrides: Parameters<typeof makeRelation>[0]) =>
    makeRelation({
      id: 'held',
      kind: 'flows_to',
      source_id: 'k-1814',
      target_id: 'k-1880',
      year: 2024,
      unit: 'elever',
      magnitude: 100,
      rounded: null,
      source: 'gammal.csv',
      version: 3,
      ...overrides
    });

  it('is updated (count, rounded, source at the version seen), not added again', async () => {
    const dataset = map();
    dataset.relations = [held({})];
    const { plan } = await read(
      'origin,destination,count,year,unit,source,rounded\n1814,1880,120,2024,elever,SCB,ja',
      dataset
    );
    expect(plan.payload.relations).toEqual([]);
    expect(plan.payload.relation_updates).toEqual([
      { id: 'held', version: 3, set: { magnitude: 120, rounded: true, source: 'SCB' } }
    ]);
    expect(plan.summary).toMatchObject({ relationsNew: 0, relationsUpdated: 1 });
  });

  it('is left as it is when the file says the same, and another year is added beside it', async () => {
    const dataset = map();
    dataset.relations = [held({ magnitude: 120, rounded: true, source: 'SCB' })];
    const { plan } = await read(
      'origin,destination,count,year,unit,source,rounded\n1814,1880,120,2024,elever,SCB,ja\n1814,1880,90,2023,elever,SCB,ja',
      dataset
    );
    expect(plan.payload.relation_updates).toEqual([]);
    expect(plan.payload.relations).toEqual([
      expect.objectContaining({ source_id: 'k-1814', year: 2023, magnitude: 90 })
    ]);
    expect(plan.summary).toMatchObject({
      relationsNew: 1,
      relationsSkipped: 1,
      relationsUpdated: 0
    });
  });

  it('keeps a known count when the file does not know it', async () => {
    const dataset = map();
    dataset.relations = [held({})];
    const { plan } = await read(
      'origin,destination,count,year,unit\n1814,1880,,2024,elever',
      dataset
    );
    expect(plan.payload.relation_updates).toEqual([]);
    expect(plan.summary.relationsSkipped).toBe(1);
  });
});
