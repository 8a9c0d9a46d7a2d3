// CSV in and out. Reading: the delimiter (comma, semicolon or tab) is taken from
// the header line; an unclosed quote refuses the file with the row where it
// opened. Writing: RFC 4180 quoting, CRLF line ends, formula neutralisation and,
// for Swedish Excel, a UTF-8 BOM, semicolons and decimal commas.
import Papa from 'papaparse';
import { decodeText, type EncodingChoice } from './encoding';
import { neutraliseCell } from './spreadsheet-safety';
import { ImportFileError, type Problem, type RawTable, type TextEncodingName } from './types';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

/** The delimiter that occurs most often, outside quotes, in the first line. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Delimiter)) {
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
    }
  }
  let best: Delimiter = ',';
  let most = 0;
  for (const [delimiter, count] of counts) {
    if (count > most) [best, most] = [delimiter, count];
  }
  return best;
}

export interface ParsedCsv {
  table: RawTable;
  delimiter: Delimiter;
  problems: Problem[];
}

/** Parses CSV text into a header and data rows. Throws ImportFileError when unreadable. */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): ParsedCsv {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new ImportFileError('io.error.empty');
  const result = Papa.parse<string[]>(source, { delimiter, skipEmptyLines: false });
  const quoteError = result.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new ImportFileError('io.error.unclosedQuote', { row: (quoteError.row ?? 0) + 1 });
  }
  const [header = [], ...rows] = result.data;
  // A final line break gives one empty record: drop trailing empty records.
  while (rows.length && rows[rows.length - 1]!.every((cell) => cell.trim() === '')) rows.pop();
  if (header.every((cell) => cell.trim() === '')) throw new ImportFileError('io.error.noHeader');

  const problems: Problem[] = [];
  rows.forEach((row, i) => {
    if (row.length > header.length && row.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push({
        table: null,
        row: i + 2,
        column: null,
        severity: 'error',
        messageKey: 'io.problem.extraCells',
        params: { row: i + 2, count: row.length, expected: header.length }
      });
    }
  });
  return {
    table: { header, rows, rowNumbers: rows.map((_, i) => i + 2) },
    delimiter,
    problems
  };
}

/** Decodes and parses a CSV file's bytes. */
export function readCsv(
  bytes: ArrayBuffer | Uint8Array,
  encoding: EncodingChoice = 'auto'
): ParsedCsv & { encoding: TextEncodingName } {
  const decoded = decodeText(bytes, encoding);
  return { ...parseCsv(decoded.text), encoding: decoded.encoding };
}

export interface CsvOptions {
  delimiter?: Delimiter;
  /** Start with a UTF-8 byte order mark (Excel then reads å ä ö correctly). */
  bom?: boolean;
  /** Write decimals with a comma (Swedish Excel). */
  decimalComma?: boolean;
}

/** Swedish Excel: BOM, semicolons, decimal commas. */
export const EXCEL_SV: CsvOptions = { delimiter: ';', bom: true, decimalComma: true };
/** Plain RFC 4180 for other programs. */
export const STANDARD_CSV: CsvOptions = { delimiter: ',', bom: false, decimalComma: false };

export type CsvCell = string | number | null | undefined;

function formatCell(value: CsvCell, options: Required<CsvOptions>): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number'
      ? options.decimalComma
        ? String(value).replace('.', ',')
        : String(value)
      : neutraliseCell(value);
  const needsQuotes =
    text.includes(options.delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes rows (the first being the header) as CSV text. */
export function toCsv(
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = EXCEL_SV
): string {
  const full: Required<CsvOptions> = { ...EXCEL_SV, ...options } as Required<CsvOptions>;
  const body = rows.map((row) => row.map((cell) => formatCell(cell, full)).join(full.delimiter));
  return (full.bom ? '\uFEFF' : '') + body.join('\r\n') + '\r\n';
}
