// Cell values as a spreadsheet or CSV gives them → text, numbers, dates and
// municipality codes as the import needs them. Pure.
import type { CellValue } from '../types';

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** The text of a cell as the user typed it (dates as YYYY-MM-DD); trimmed unless asked not to. */
export function cellText(value: CellValue | undefined, trim = true): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return trim ? value.trim() : value;
}

export function isBlankRow(row: readonly CellValue[]): boolean {
  return row.every((cell) => cellText(cell) === '');
}

/** "1 200,5" / "1200.5" / 3 → number; '' → null; anything else → NaN. */
export function parseNumber(text: string): number | null {
  if (text === '') return null;
  const normalised = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** A date as YYYY-MM-DD from ISO text, an Excel date cell or an Excel serial number. */
export function parseDate(value: CellValue | undefined, text: string): string | null | undefined {
  if (text === '') return null;
  if (value instanceof Date) return isoDate(value) || undefined;
  if (typeof value === 'number' && value > 20000 && value < 80000 && Number.isInteger(value)) {
    // Excel's serial date (1900 system): day 25569 is 1970-01-01.
    return isoDate(new Date((value - 25569) * 86400000));
  }
  const match = ISO_DATE.exec(text.replace(/T.*$/, ''));
  if (!match) return undefined;
  const [, y, m, d] = match;
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== iso ? undefined : iso;
}

/** "1880", 1880, "180" (leading zero lost by Excel) → "1880" / "0180"; else null. */
export function parseMunicipalityCode(value: CellValue | undefined, text: string): string | null {
  const digits = typeof value === 'number' ? String(value) : text;
  if (!/^\d{1,4}$/.test(digits)) return null;
  return digits.padStart(4, '0');
}
