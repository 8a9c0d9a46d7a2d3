// Throughput of reading + validating + planning a large CSV (10 000 nodes and
// 10 000 relations, the same files as `npm run bench:import`), printed for the
// record and bounded generously so that a quadratic slip fails the test.
import { describe, expect, it } from 'vitest';
import { EXCEL_SV, toCsv } from '$lib/io/csv';
import { readImport } from '$lib/io/import';
import { buildImportPlan } from '$lib/io/plan';
import { emptyMap, seedThemes } from './fixtures/io-dataset';
import { importTables } from '../../scripts/bench/import-files.js';

const ROWS = 10_000;

function files() {
  const tables = importTables(
    ROWS,
    seedThemes().map((t) => t.label_sv)
  );
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { name: 'noder.csv', bytes: encode(toCsv(tables.nodes, EXCEL_SV)) },
    { name: 'relationer.csv', bytes: encode(toCsv(tables.relations, EXCEL_SV)) }
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
