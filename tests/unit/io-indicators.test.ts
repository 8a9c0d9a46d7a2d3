// Indicator imports in their three shapes (wide CSV, long CSV, Kolada's JSON data
// response): values with year and source; an unknown municipality code, a value
// that is not a number and a row given twice are refused with row and column, and
// the plan is blocked so that nothing is written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImport, type ImportFile } from '$lib/io/import';
import { wideColumn } from '$lib/io/indicators';
import { buildImportPlan } from '$lib/io/plan';
import { emptyMap } from './fixtures/io-dataset';
import { makeIndicator } from './factories';

const text = (name: string, body: string): ImportFile => ({
  name,
  bytes: new TextEncoder().encode(body)
});
const WIDE = readFileSync(
  new URL('../../supabase/seed-data/orebro-kommuner-statistik.csv', import.meta.url),
  'utf8'
);
const SWEDEN = new Set(
  (
    JSON.parse(
      readFileSync(new URL('../../static/geo/sverige-kommuner.geojson', import.meta.url), 'utf8')
    ) as { features: { properties: { kommunkod: string } }[] }
  ).features.map((f) => f.properties.kommunkod)
);

const existing = () => {
  const map = emptyMap([]);
  map.indicators = [
    makeIndicator({
      key: 'gr_kostnad_per_elev',
      label_sv: 'Kostnad per elev',
      label_en: 'Cost per pupil',
      unit: 'kr'
    })
  ];
  return map;
};

async function read(file: ImportFile) {
  const map = existing();
  const parsed = await readImport([file], map, { municipalityCodes: SWEDEN });
  return { parsed, plan: buildImportPlan(map, parsed) };
}

const errors = (parsed: Awaited<ReturnType<typeof read>>['parsed']) =>
  parsed.problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ row: p.row, column: p.column, key: p.messageKey }));

describe('wide CSV column names', () => {
  it.each([
    ['folkmangd_2024_12_31', { key: 'folkmangd', year: '2024' }],
    ['gr_elever_ak1_9_2024_25', { key: 'gr_elever_ak1_9', year: '2024/25' }],
    ['gr_kostnad_per_elev_2024_kr', { key: 'gr_kostnad_per_elev', year: '2024' }],
    [
      'gy_genomsnittligt_elevantal_kommunal_2023',
      { key: 'gy_genomsnittligt_elevantal_kommunal', year: '2023' }
    ],
    ['landareal_km2', null]
  ])('%s', (header, expected) => {
    expect(wideColumn(header)).toEqual(expected);
  });
});

describe('indicator imports', () => {
  it('reads the wide CSV of the county: every filled cell with its year, the file as source', async () => {
    const { parsed, plan } = await read(text('statistik.csv', WIDE));
    expect(errors(parsed)).toEqual([]);
    // landareal_km2 has no year in its name: a warning, not read.
    expect(parsed.problems.map((p) => p.column)).toEqual(['landareal_km2']);
    const laxa = parsed.indicators.filter((i) => i.municipality_code === '1860');
    expect(laxa.find((i) => i.key === 'gr_kostnad_per_elev')).toMatchObject({
      year: '2024',
      value: 145900,
      label_sv: 'Kostnad per elev', // the map's label for a key it has
      unit: 'kr',
      source: 'statistik.csv',
      row: 3
    });
    expect(laxa.find((i) => i.key === 'ak9_meritvarde_17')).toMatchObject({
      year: '2024/25',
      value: 211.6
    });
    // Laxå's empty upper-secondary cost is no value.
    expect(laxa.some((i) => i.key === 'gy_kostnad_per_elev')).toBe(false);
    expect(plan.blocked).toBe(false);
    // The map's one value (the factory's municipality and year) is kept, not doubled.
    expect(plan.summary).toMatchObject({
      indicatorsNew: parsed.indicators.length - 1,
      indicatorsSkipped: 1
    });
  });

  it('reads a long CSV with its own sources, also for municipalities outside the county', async () => {
    const { parsed, plan } = await read(
      text(
        'long.csv',
        'kommunkod;indikator;år;värde;källa\n0180;n15033;2023;12,5;Kolada N15033\n1880;n15033;2023;11;Kolada N15033\n'
      )
    );
    expect(errors(parsed)).toEqual([]);
    expect(parsed.indicators).toEqual([
      expect.objectContaining({
        municipality_code: '0180',
        key: 'n15033',
        year: '2023',
        value: 12.5,
        source: 'Kolada N15033',
        label_sv: 'n15033'
      }),
      expect.objectContaining({ municipality_code: '1880', value: 11 })
    ]);
    expect(plan.payload.indicators).toHaveLength(2);
  });

  it('reads Kolada’s data response: the total of each municipality and period', async () => {
    const body = JSON.stringify({
      values: [
        {
          kpi: 'N15033',
          municipality: '1860',
          period: 2023,
          values: [
            { gender: 'K', status: '', value: 10 },
            { gender: 'T', status: '', value: 9.5 },
            { gender: 'M', status: '', value: 9 }
          ]
        },
        {
          kpi: 'N15033',
          municipality: '1863',
          period: 2023,
          values: [{ gender: 'T', status: 'B', value: null }]
        }
      ]
    });
    const { parsed, plan } = await read(text('kolada.json', body));
    expect(parsed.format).toBe('kolada-json');
    expect(errors(parsed)).toEqual([]);
    expect(parsed.indicators).toEqual([
      {
        row: 1,
        municipality_code: '1860',
        key: 'n15033',
        year: '2023',
        value: 9.5,
        label_sv: 'n15033',
        label_en: 'n15033',
        unit: '',
        source: 'Kolada N15033'
      }
    ]);
    expect(plan.blocked).toBe(false);
  });

  it('refuses an unknown code, a non-number and a repeated row in a long CSV with row and column', async () => {
    const { parsed, plan } = await read(
      text(
        'bad.csv',
        [
          'kommunkod,indikator,år,värde',
          '9999,n1,2023,1',
          '1880,n1,2023,många',
          '1880,n1,2024,2',
          '1880,n1,2024,3'
        ].join('\n')
      )
    );
    expect(errors(parsed)).toEqual([
      { row: 2, column: 'kommunkod', key: 'io.problem.unknownMunicipalityCode' },
      { row: 3, column: 'värde', key: 'io.problem.notANumber' },
      { row: 5, column: 'värde', key: 'io.problem.duplicateIndicator' }
    ]);
    expect(plan.blocked).toBe(true);
    expect(parsed.indicators).toEqual([]);
  });

  it('refuses the same in a wide CSV and in Kolada’s response', async () => {
    const wide = await read(
      text(
        'bad-wide.csv',
        'kommunkod,kommun,x_2024\n1880,Örebro,1\n1814,Lekeberg,ett\n1880,Örebro,2\n0000,?,3\n'
      )
    );
    expect(errors(wide.parsed)).toEqual([
      { row: 3, column: 'x_2024', key: 'io.problem.notANumber' },
      { row: 4, column: 'x_2024', key: 'io.problem.duplicateIndicator' },
      { row: 5, column: 'kommunkod', key: 'io.problem.unknownMunicipalityCode' }
    ]);
    expect(wide.plan.blocked).toBe(true);
    const entry = (municipality: string, value: unknown) => ({
      kpi: 'N1',
      municipality,
      period: 2023,
      values: [{ gender: 'T', status: '', value }]
    });
    const kolada = await read(
      text(
        'k.json',
        JSON.stringify({
          values: [entry('1880', 1), entry('1880', 2), entry('1799', 3), entry('1814', 'x')]
        })
      )
    );
    expect(errors(kolada.parsed)).toEqual([
      { row: 2, column: 'value', key: 'io.problem.duplicateIndicator' },
      { row: 3, column: 'municipality', key: 'io.problem.unknownMunicipalityCode' },
      { row: 4, column: 'value', key: 'io.problem.notANumber' }
    ]);
    expect(kolada.plan.blocked).toBe(true);
    expect(kolada.plan.payload.indicators).toEqual([]);
  });

  it('without Sweden’s codes, knows the county’s municipalities only', async () => {
    const map = existing();
    const parsed = await readImport(
      [text('l.csv', 'kod,indikator,år,värde\n0180,n1,2023,1\n1880,n1,2023,1\n')],
      map
    );
    expect(errors(parsed)).toEqual([
      { row: 2, column: 'kod', key: 'io.problem.unknownMunicipalityCode' }
    ]);
  });
});
