// Throughput of reading + validating + planning a large CSV (10 000 nodes and
// 10 000 relations), printed for the record and bounded generously so that a
// quadratic slip fails the test.
import { describe, expect, it } from 'vitest';
import { EXCEL_SV, toCsv } from '$lib/io/csv';
import { readImport } from '$lib/io/import';
import { buildImportPlan } from '$lib/io/plan';
import { emptyMap, seedThemes } from './fixtures/io-dataset';

const ROWS = 10_000;

function files() {
  const themes = seedThemes();
  const nodes = [
    [
      'Namn',
      'Typ',
      'Beskrivning',
      'Teman',
      'Kommunkod',
      'Status',
      'Startdatum',
      'Longitud',
      'Latitud'
    ],
    ...Array.from({ length: ROWS }, (_, i) => [
      `Resurs ${i}`,
      i % 3 ? 'Resurs' : 'Nätverk',
      `Beskrivning av resurs ${i}; med "citat" och åäö`,
      `${themes[i % themes.length]!.label_sv} | ${themes[(i + 3) % themes.length]!.key}`,
      String(1860 + (i % 25)),
      i % 2 ? 'Aktiv' : 'Planerad',
      '2024-01-15',
      15 + (i % 100) / 100,
      59 + (i % 100) / 100
    ])
  ];
  const relations = [
    ['Från', 'Till', 'Typ', 'Omfattning'],
    ...Array.from({ length: ROWS }, (_, i) => [
      `Resurs ${i}`,
      `Resurs ${(i * 7 + 1) % ROWS}`,
      'Samverkar med',
      i % 50
    ])
  ];
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { name: 'noder.csv', bytes: encode(toCsv(nodes, EXCEL_SV)) },
    { name: 'relationer.csv', bytes: encode(toCsv(relations, EXCEL_SV)) }
  ];
}

describe('import performance', () => {
  it(`reads, validates and plans ${ROWS} nodes + ${ROWS} relations`, async () => {
    const input = files();
    const bytes = input.reduce((sum, f) => sum + f.bytes.byteLength, 0);
    const existing = emptyMap(seedThemes());
    const started = performance.now();
    const parsed = await readImport(input, existing);
    const validated = performance.now();
    const plan = buildImportPlan(existing, parsed);
    const planned = performance.now();
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(plan.summary.nodesNew).toBe(ROWS);
    expect(plan.summary.relationsNew).toBe(ROWS);
    const rowsPerSecond = Math.round((2 * ROWS) / ((validated - started) / 1000));
    console.info(
      `import: ${(bytes / 1024 / 1024).toFixed(1)} MB, ${2 * ROWS} rows parsed+validated in ` +
        `${Math.round(validated - started)} ms (${rowsPerSecond} rows/s), planned in ${Math.round(planned - validated)} ms`
    );
    expect(validated - started).toBeLessThan(15_000);
    expect(planned - validated).toBeLessThan(5_000);
  });

  it('handles the row count of a file near the size limit (no call-stack overflow)', async () => {
    const rows = 130_000;
    const text = ['Namn;Typ', ...Array.from({ length: rows }, (_, i) => `Resurs ${i};Resurs`)].join(
      '\n'
    );
    const parsed = await readImport(
      [{ name: 'stor.csv', bytes: new TextEncoder().encode(text) }],
      emptyMap()
    );
    expect(parsed.nodes).toHaveLength(rows);
  });
});
