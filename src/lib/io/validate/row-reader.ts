// Reading a table's rows by field: the header check (missing, unknown and
// duplicate columns), and each cell with the formula check and the apostrophe
// removal. Pure.
import type { ColumnMapping } from '../columns';
import { restoreCell } from '../spreadsheet-safety';
import type { CellValue } from '../types';
import { cellText } from './cells';
import { preview, type Problems } from './problems';

/** Reports missing required columns (errors) and unknown or repeated ones (warnings). */
export function checkColumns<F extends string>(
  mapping: ColumnMapping<F>,
  required: readonly F[],
  problems: Problems,
  names: Partial<Record<F, string>>
): boolean {
  const missing = required.filter((field) => mapping.index[field] === undefined);
  for (const field of missing) {
    problems.error(null, names[field] ?? field, 'io.problem.missingColumn', {
      column: names[field] ?? field,
      required: required.map((f) => names[f] ?? f).join(', ')
    });
  }
  for (const { header } of mapping.unknown) {
    problems.warning(null, header, 'io.problem.unknownColumn', { column: header });
  }
  for (const { header } of mapping.duplicates) {
    problems.warning(null, header, 'io.problem.duplicateColumn', { column: header });
  }
  return missing.length === 0;
}

/** Reads one row by field, with the formula check and the apostrophe removal. */
export class RowReader<F extends string> {
  constructor(
    private readonly mapping: ColumnMapping<F>,
    private readonly problems: Problems
  ) {}
  row: CellValue[] = [];
  rowNumber = 0;
  /** Fields of the current row refused as formulas (not also reported as missing). */
  private readonly refused = new Set<F>();

  start(row: CellValue[], rowNumber: number): void {
    this.row = row;
    this.rowNumber = rowNumber;
    this.refused.clear();
  }
  /** Reports a required field that is empty (unless it was already refused). */
  require(field: F, value: string): void {
    if (value === '' && !this.refused.has(field)) {
      this.problems.error(this.rowNumber, this.column(field), 'io.problem.required');
    }
  }

  column(field: F): string {
    return this.mapping.header[field] ?? field;
  }
  raw(field: F): CellValue | undefined {
    const index = this.mapping.index[field];
    return index === undefined ? undefined : this.row[index];
  }
  /** The trimmed text of a field; formula-like cells are refused, neutralised ones restored. */
  text(field: F): string {
    return this.read(field, true);
  }
  /** Like text(), but keeps leading/trailing spaces of a non-empty value (descriptions, notes). */
  longText(field: F): string {
    return this.read(field, false);
  }
  private read(field: F, trim: boolean): string {
    const raw = this.raw(field);
    const text = cellText(raw);
    if (typeof raw === 'string' && (text.startsWith('=') || text.startsWith('@'))) {
      this.refused.add(field);
      this.problems.error(this.rowNumber, this.column(field), 'io.problem.formula', {
        value: preview(text)
      });
      return '';
    }
    if (text === '') return '';
    return restoreCell(trim ? text : cellText(raw, false));
  }
  has(field: F): boolean {
    return this.mapping.index[field] !== undefined;
  }
  /** Reports a text longer than `max` characters (a column's limit in lib/domain/limits). */
  maxLength(field: F, text: string, max: number): void {
    if (text.length > max) {
      this.problems.error(this.rowNumber, this.column(field), 'io.problem.tooLong', { max });
    }
  }
}
