// What validating a table needs besides the table, what it gives back, and the
// parts the node and relation tables share (progress, theme lists). Pure.
import type { Locale } from '$lib/i18n/translate';
import type { Problem, ProgressCallback, StepProgress } from '../types';
import { splitList, type ThemeLookup, type ThemeWords } from '../vocabulary';
import { preview, type Problems } from './problems';

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

export function reportProgress(ctx: ValidationContext, done: number, total: number) {
  if (ctx.onProgress && (done % PROGRESS_EVERY === 0 || done === total)) {
    ctx.onProgress({ phase: 'validating', done, total });
  }
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
