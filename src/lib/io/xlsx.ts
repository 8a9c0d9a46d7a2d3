// XLSX in Kumu's conventions: a sheet "Elements" (Label, Type, Description, Tags,
// …) and a sheet "Connections" (From, To, Type, …); Swedish sheet names (Noder,
// Relationer) work too. Our export adds a "Themes" sheet, which Kumu ignores, so
// that a workbook restores its themes into an empty map.
// Uses the universal builds of read-excel-file / write-excel-file (ArrayBuffer
// and Blob only), which run in the browser and in Node alike.
import readXlsxFile from 'read-excel-file/universal';
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import type { Dataset } from '$lib/domain/model';
import { looksLikeRelations } from './columns';
import { checkFileSize, sniffBinary, asBytes } from './encoding';
import { neutraliseCell } from './spreadsheet-safety';
import { datasetTables, type TableCell, type TableOptions } from './tabular';
import { ImportFileError, type CellValue, type RawTable } from './types';
import { wordForm } from './vocabulary';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SHEET_NAMES = {
  nodes: ['elements', 'element', 'noder', 'nodes', 'objekt', 'aktörer'],
  relations: ['connections', 'connection', 'relationer', 'relations', 'kopplingar', 'samband'],
  themes: ['themes', 'teman', 'tema']
} as const;

export interface Workbook {
  nodes: RawTable | null;
  relations: RawTable | null;
  themes: RawTable | null;
  /** The sheet names as found, for messages. */
  sheetNames: string[];
}

function toTable(data: CellValue[][]): RawTable | null {
  // read-excel-file drops empty rows only at the end; a header row is needed.
  const headerIndex = data.findIndex((row) =>
    row.some((c) => c !== null && String(c).trim() !== '')
  );
  if (headerIndex < 0) return null;
  const header = data[headerIndex]!.map((c) => (c === null ? '' : String(c)));
  const rows = data.slice(headerIndex + 1);
  return { header, rows, rowNumbers: rows.map((_, i) => headerIndex + i + 2) };
}

/** Reads the Elements / Connections (/ Themes) sheets of a workbook. */
export async function readWorkbook(input: ArrayBuffer | Uint8Array): Promise<Workbook> {
  const bytes = asBytes(input);
  checkFileSize(bytes.byteLength);
  const kind = sniffBinary(bytes);
  if (kind === 'ole') throw new ImportFileError('io.error.oldExcel');
  if (kind !== 'zip') throw new ImportFileError('io.error.notXlsx');
  let sheets: { sheet: string; data: CellValue[][] }[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    // Untrimmed: descriptions keep their spacing; validate.ts trims the short fields.
    sheets = (await readXlsxFile(buffer as ArrayBuffer, { trim: false })) as typeof sheets;
  } catch {
    throw new ImportFileError('io.error.notXlsx');
  }
  const find = (names: readonly string[]) =>
    sheets.find((s) => names.includes(wordForm(s.sheet) as never));
  let nodes = find(SHEET_NAMES.nodes);
  let relations = find(SHEET_NAMES.relations);
  const themes = find(SHEET_NAMES.themes);
  // Without known sheet names: the first sheet holds nodes, a sheet with From/To relations.
  if (!nodes && !relations) {
    for (const sheet of sheets) {
      const table = toTable(sheet.data);
      if (!table) continue;
      if (looksLikeRelations(table.header)) relations ??= sheet;
      else nodes ??= sheet;
    }
  }
  if (!nodes && !relations) {
    throw new ImportFileError('io.error.noSheets', {
      sheets: sheets.map((s) => s.sheet).join(', ')
    });
  }
  return {
    nodes: nodes ? toTable(nodes.data) : null,
    relations: relations ? toTable(relations.data) : null,
    themes: themes ? toTable(themes.data) : null,
    sheetNames: sheets.map((s) => s.sheet)
  };
}

function xlsxCell(value: TableCell, header: boolean): Cell {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return { value, type: Number };
  // Always typed as text: a neutralised "'=…" never becomes a formula.
  return { value: neutraliseCell(value), type: String, ...(header ? { fontWeight: 'bold' } : {}) };
}

function sheetData(rows: TableCell[][]): SheetData {
  return rows.map((row, i) => row.map((cell) => xlsxCell(cell, i === 0)));
}

/** The map as a Kumu-compatible workbook (Elements, Connections, Themes). */
export async function exportXlsx(
  dataset: Dataset,
  options: Partial<TableOptions> = {}
): Promise<Blob> {
  const tables = datasetTables(dataset, { headers: 'kumu', locale: 'sv', ...options });
  return writeXlsxFile([
    { sheet: 'Elements', data: sheetData(tables.nodes), stickyRowsCount: 1 },
    { sheet: 'Connections', data: sheetData(tables.relations), stickyRowsCount: 1 },
    { sheet: 'Themes', data: sheetData(tables.themes), stickyRowsCount: 1 }
  ]).toBlob();
}
