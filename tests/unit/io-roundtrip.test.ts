// Every export format read back in: exporting a map and importing the file into
// an empty map gives the same data (ids, timestamps and actors aside). The JSON
// backup carries everything; CSV and XLSX carry nodes and relations (XLSX also
// themes), and the CSV round trip starts from a map that already has the themes.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import { backupJson, createBackup } from '$lib/io/json-backup';
import { exportCsv } from '$lib/io/export';
import { readImport } from '$lib/io/import';
import { buildImportPlan } from '$lib/io/plan';
import { STANDARD_CSV, EXCEL_SV } from '$lib/io/csv';
import { exportXlsx } from '$lib/io/xlsx';
import {
  applyInMemory,
  emptyMap,
  normalise,
  seedThemes,
  trickyDataset
} from './fixtures/io-dataset';

const encode = (text: string) => new TextEncoder().encode(text);

async function importInto(
  target: Dataset,
  files: { name: string; bytes: Uint8Array }[],
  restoreMap = false
) {
  const parsed = await readImport(files, target);
  const plan = buildImportPlan(target, parsed, { restoreMap });
  return { parsed, plan, result: applyInMemory(target, plan.payload) };
}

describe('JSON backup round trip', () => {
  it('restores the same map, themes, nodes, relations and indicators into an empty map', async () => {
    const original = trickyDataset();
    const { plan, result } = await importInto(
      emptyMap(),
      [{ name: 'kopia.json', bytes: encode(backupJson(original)) }],
      true
    );
    expect(plan.problems).toEqual([]);
    expect(plan.summary).toMatchObject({
      themesNew: original.themes.length,
      nodesNew: original.nodes.length,
      relationsNew: original.relations.length,
      indicatorsNew: original.indicators.length
    });
    expect(normalise(result)).toEqual(normalise(original));
  });

  it('is stable: the backup of the restored map equals the original one but for ids and sharing', async () => {
    const original = trickyDataset();
    const { result } = await importInto(
      emptyMap(),
      [{ name: 'kopia.json', bytes: encode(backupJson(original)) }],
      true
    );
    // Visibility is deliberately not restored: sharing a map is decided where it is restored.
    expect(result.map.visibility).toBe('private');
    const content = (d: Dataset) => {
      const { map, nodes, relations, ...rest } = createBackup(d, new Date(0));
      const byName = new Map(nodes.map((n) => [n.id, `${n.title}/${n.municipality_code}`]));
      const { visibility: _visibility, ...mapContent } = map;
      void _visibility;
      return {
        ...rest,
        map: mapContent,
        nodes: nodes
          .map(({ id: _id, ...n }) => n)
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        relations: relations
          .map(({ id: _id, source_id, target_id, ...r }) => ({
            ...r,
            from: byName.get(source_id),
            to: byName.get(target_id)
          }))
          .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
      };
    };
    expect(content(result)).toEqual(content(original));
  });

  it('importing the same backup twice adds nothing the second time', async () => {
    const original = trickyDataset();
    const files = [{ name: 'kopia.json', bytes: encode(backupJson(original)) }];
    const once = (await importInto(emptyMap(), files)).result;
    const { plan } = await importInto(once, files);
    expect(plan.summary.nodesNew).toBe(0);
    expect(plan.summary.relationsNew).toBe(0);
    expect(plan.summary.indicatorsNew).toBe(0);
    expect(plan.payload.updates).toEqual([]);
  });
});

describe('CSV round trip', () => {
  it.each([
    ['Swedish Excel (BOM, semicolon, decimal comma)', EXCEL_SV, 'sv' as const],
    ['standard (comma, point)', STANDARD_CSV, 'en' as const]
  ])('%s', async (_name, options, headers) => {
    const original = trickyDataset();
    const csv = exportCsv(original, options, { headers, locale: headers });
    const { plan, result } = await importInto(emptyMap(seedThemes()), [
      { name: 'relationer.csv', bytes: encode(csv.relations) },
      { name: 'noder.csv', bytes: encode(csv.nodes) }
    ]);
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const expected = normalise({ ...original, indicators: [] });
    const actual = normalise(result);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(actual.relations).toEqual(expected.relations);
  });
});

describe('XLSX round trip', () => {
  it('restores nodes, relations and themes from a Kumu-style workbook', async () => {
    const original = trickyDataset();
    const blob = await exportXlsx(original);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const { plan, result } = await importInto(emptyMap(), [{ name: 'karta.xlsx', bytes }]);
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const expected = normalise({ ...original, indicators: [] });
    const actual = normalise(result);
    expect(actual.themes).toEqual(expected.themes);
    expect(actual.nodes).toEqual(expected.nodes);
    expect(actual.relations).toEqual(expected.relations);
  });
});
