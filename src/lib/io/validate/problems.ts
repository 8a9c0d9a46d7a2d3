// The problems found in one table of an import, by row and column. Pure.
import type { MessageKey } from '$lib/i18n/sv';
import type { MessageParams } from '$lib/i18n/translate';
import type { ImportTable, Problem } from '../types';

/** Shortens a value for a message. */
export function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Collects problems for one table; row problems carry {row} and {column} in their params. */
export class Problems {
  readonly list: Problem[] = [];
  errors = 0;
  constructor(private readonly table: ImportTable) {}

  error(row: number | null, column: string | null, key: MessageKey, params: MessageParams = {}) {
    this.push('error', row, column, key, params);
  }
  warning(row: number | null, column: string | null, key: MessageKey, params: MessageParams = {}) {
    this.push('warning', row, column, key, params);
  }
  private push(
    severity: Problem['severity'],
    row: number | null,
    column: string | null,
    messageKey: MessageKey,
    params: MessageParams
  ) {
    if (severity === 'error') this.errors++;
    const full: Record<string, string | number> = { ...params };
    if (row !== null) full.row = row;
    if (column !== null) full.column = column;
    this.list.push({ table: this.table, row, column, severity, messageKey, params: full });
  }
}
