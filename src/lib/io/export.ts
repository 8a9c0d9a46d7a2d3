// Export entry points for the UI: file names, MIME types and contents.
import type { Dataset } from '$lib/domain/model';
import { EXCEL_SV, toCsv, type CsvOptions } from './csv';
import { datasetTables, type TableOptions } from './tabular';

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
  tables: TableOptions = { headers: 'sv', locale: 'sv' }
): { nodes: string; relations: string } {
  const { nodes, relations } = datasetTables(dataset, tables);
  return { nodes: toCsv(nodes, csv), relations: toCsv(relations, csv) };
}
