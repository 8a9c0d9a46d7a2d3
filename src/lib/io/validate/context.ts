// What validating a table needs besides the table, what it gives back, and the
// parts the node and relation tables share (progress, theme lists). Pure.
import type { Locale } from '$lib/i18n/translate';
import type { Problem, ProgressCallback, RawTable, StepProgress } from '../types';
import { splitList, type ThemeLookup, type ThemeWords } from '../vocabulary';
import { isBlankRow } from './cells';
import { preview, type Problems } from './problems';
import type { RowReader } from './row-reader';

export interface ValidationContext {
  locale: Locale;
  /** Themes the map has, plus themes the same import creates. */
  themes: readonly ThemeWords[];
  /** Municipalities known by code and name (the map's municipality nodes). */
  municipalities: readonly { code: string; name: string }[];
  onProgress?: ProgressCallback<StepProgress>;
}

export interface Validated<T> {
  items: T[];
  problems: Problem[];
}

const PROGRESS_EVERY = 500;

function reportProgress(ctx: ValidationContext, done: number, total: number) {
  if (ctx.onProgress && (done % PROGRESS_EVERY === 0 || done === total)) {
    ctx.onProgress({ phase: 'validating', done, total });
  }
}

/**
 * Checks each row that is not blank with the reader at that row (`check` gets its
 * spreadsheet row number), reporting progress as it goes.
 */
export function forEachRow<F extends string>(
  table: RawTable,
  ctx: ValidationContext,
  reader: RowReader<F>,
  check: (rowNumber: number) => void
): void {
  const total = table.rows.length;
  table.rows.forEach((row, i) => {
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    reportProgress(ctx, i + 1, total);
    if (isBlankRow(row)) return;
    reader.start(row, rowNumber);
    check(rowNumber);
  });
}

/** The theme keys a cell names (by key or label), each once; unknown ones are errors. */
export function themeList(
  text: string,
  column: string,
  row: number,
  themes: ThemeLookup,
  locale: Locale,
  problems: Problems
): string[] {
  const keys: string[] = [];
  for (const part of splitList(text)) {
    const key = themes.resolve(part);
    if (!key) {
      problems.error(row, column, 'io.problem.unknownTheme', {
        value: preview(part),
        allowed: themes.allowed(locale)
      });
    } else if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}
