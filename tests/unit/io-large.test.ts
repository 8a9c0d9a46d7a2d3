// Large files are read, validated and planned completely: 10 000 nodes and
// 10 000 relations (the same files as `npm run bench:import`, which reports how
// fast), and a file near the size limit. How fast is the benchmark's, not a test's.
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

describe('large imports', () => {
  it(`reads, validates and plans ${ROWS} nodes + ${ROWS} relations`, async () => {
    const existing = emptyMap(seedThemes());
    const parsed = await readImport(files(), existing);
    const plan = buildImportPlan(existing, parsed);
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(plan.summary.nodesNew).toBe(ROWS);
    expect(plan.summary.relationsNew).toBe(ROWS);
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
