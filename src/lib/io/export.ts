// Export entry points for the UI: file names, MIME types and contents.
import type { Coverage } from '$lib/analysis/coverage';
import type { Dataset, NodeRow, RelationRow } from '$lib/domain/model';
import type { Locale } from '$lib/i18n/translate';
import { EXCEL_SV, toCsv, type CsvOptions } from './csv';
import { datasetTables, type TableOptions } from './tabular';

/** What an export holds: the whole map, or what is shown with the current filters. */
export type ExportScope = 'map' | 'filtered';

/**
 * The rows of an export. 'filtered': only the nodes and relations that pass the
 * current filters (what the map, the graph and the lists show); the map's themes
 * and indicators stay whole (they are its vocabulary and statistics). The JSON
 * backup does not use this: it is always the whole map.
 */
export function exportSelection(
  dataset: Dataset,
  scope: ExportScope,
  shown: { nodes: readonly NodeRow[]; relations: readonly RelationRow[] }
): Dataset {
  if (scope === 'map') return dataset;
  const nodeIds = new Set(shown.nodes.map((n) => n.id));
  const relationIds = new Set(shown.relations.map((r) => r.id));
  return {
    ...dataset,
    nodes: dataset.nodes.filter((n) => nodeIds.has(n.id)),
    relations: dataset.relations.filter(
      (r) => relationIds.has(r.id) && nodeIds.has(r.source_id) && nodeIds.has(r.target_id)
    )
  };
}

export const CSV_MIME = 'text/csv;charset=utf-8';
export const JSON_MIME = 'application/json';

/** A file-name-safe form of a map title: "Örebro län – regional karta" → "orebro-lan-regional-karta". */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'karta';
}

/** Nodes and relations as two CSV texts (Swedish Excel by default). */
export function exportCsv(
  dataset: Dataset,
  csv: CsvOptions = EXCEL_SV,
  tables: Partial<TableOptions> = {}
): { nodes: string; relations: string } {
  const { nodes, relations } = datasetTables(dataset, { headers: 'sv', locale: 'sv', ...tables });
  return { nodes: toCsv(nodes, csv), relations: toCsv(relations, csv) };
}

/** The coverage matrix as CSV: one row per municipality, one column per theme, and totals. */
export function coverageCsv(
  coverage: Coverage,
  labels: { municipality: string; code: string; total: string; locale: Locale },
  options: CsvOptions = EXCEL_SV
): string {
  const themeLabel = (t: Coverage['themes'][number]) =>
    labels.locale === 'sv' ? t.label_sv : t.label_en;
  return toCsv(
    [
      [labels.municipality, labels.code, ...coverage.themes.map(themeLabel), labels.total],
      ...coverage.municipalities.map((m, i) => [
        m.title,
        m.code,
        ...coverage.cells[i]!.map((c) => c.count),
        coverage.rowTotals[i]!
      ]),
      [labels.total, null, ...coverage.columnTotals, null]
    ],
    options
  );
}
