// Validating an optional sheet of themes (key, Swedish and English label,
// colour): each row → an ImportTheme, or its problems. Pure.
import { PATTERN } from '$lib/domain/limits';
import { mapThemeColumns, REQUIRED_THEME_FIELDS } from '../columns';
import type { ImportTheme, RawTable } from '../types';
import { isBlankRow, parseNumber } from './cells';
import type { Validated, ValidationContext } from './context';
import { preview, Problems } from './problems';
import { checkColumns, RowReader } from './row-reader';

const PALETTE = ['#1565c0', '#5e35b1', '#2e7d32', '#c2185b', '#d84315', '#00695c', '#4e342e'];

/** A theme key from a label: "Psykisk hälsa" → "psykisk-halsa". */
export function themeKeyFrom(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** Validates an optional sheet of themes (key, Swedish and English label, colour). */
export function validateThemes(table: RawTable, ctx: ValidationContext): Validated<ImportTheme> {
  const problems = new Problems('themes');
  const mapping = mapThemeColumns(table.header);
  const names = { key: 'key', label_sv: 'label_sv' };
  if (!checkColumns(mapping, REQUIRED_THEME_FIELDS, problems, names)) {
    return { items: [], problems: problems.list };
  }
  const reader = new RowReader(mapping, problems);
  const items: ImportTheme[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    if (isBlankRow(row)) return;
    reader.start(row, rowNumber);
    const errorsBefore = problems.errors;
    const label_sv = reader.text('label_sv');
    const key = reader.text('key') || themeKeyFrom(label_sv);
    reader.require('label_sv', label_sv);
    if (!PATTERN.themes.key.test(key)) {
      problems.error(rowNumber, reader.column('key'), 'io.problem.invalidThemeKey', {
        value: preview(key)
      });
    }
    const color = reader.text('color') || PALETTE[items.length % PALETTE.length]!;
    if (!PATTERN.themes.color.test(color)) {
      problems.error(rowNumber, reader.column('color'), 'io.problem.invalidColor', {
        value: preview(color)
      });
    }
    const sortText = reader.text('sort_order');
    const sort = parseNumber(sortText);
    if (sort !== null && !Number.isInteger(sort)) {
      problems.error(rowNumber, reader.column('sort_order'), 'io.problem.notANumber', {
        value: preview(sortText)
      });
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.error(rowNumber, reader.column('key'), 'io.problem.duplicateRef', {
        value: key,
        first
      });
    } else seen.set(key, rowNumber);
    if (problems.errors > errorsBefore) return;
    items.push({
      row: rowNumber,
      key,
      label_sv,
      label_en: reader.text('label_en') || label_sv,
      description: reader.text('description'),
      color,
      sort_order: sort ?? items.length,
      source: reader.text('source') || null
    });
  });
  void ctx;
  return { items, problems: problems.list };
}
