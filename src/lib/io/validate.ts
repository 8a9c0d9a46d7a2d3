// Rows → typed import items plus every problem, by row and column. Pure: a table
// in, data out. Row numbers are the ones Excel shows (header = row 1).
import type { NodeKind } from '$lib/domain/kinds';
import type { MessageKey } from '$lib/i18n/sv';
import type { Locale, MessageParams } from '$lib/i18n/translate';
import {
  EXPORT_HEADERS,
  mapNodeColumns,
  mapRelationColumns,
  mapThemeColumns,
  REQUIRED_NODE_FIELDS,
  REQUIRED_RELATION_FIELDS,
  REQUIRED_THEME_FIELDS,
  type ColumnMapping
} from './columns';
import { restoreCell } from './spreadsheet-safety';
import type {
  CellValue,
  ImportNode,
  ImportRelation,
  ImportTable,
  ImportTheme,
  Problem,
  ProgressCallback,
  StepProgress,
  RawTable
} from './types';
import {
  allowedNodeKinds,
  allowedRelationKinds,
  allowedStatuses,
  lookupNodeKind,
  lookupRelationKind,
  lookupStatus,
  splitList,
  ThemeLookup,
  wordForm,
  type ThemeWords
} from './vocabulary';

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

const MAX_TITLE = 200;
const MAX_TEXT = 20000;
const MAX_CONTACT = 500;
const MAX_UNIT = 40;
const PROGRESS_EVERY = 500;
const URL_PATTERN = /^https?:\/\/[^\s]+$/i;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const THEME_KEY = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Collects problems for one table; row problems carry {row} and {column} in their params. */
class Problems {
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

/** The text of a cell as the user typed it (dates as YYYY-MM-DD); trimmed unless asked not to. */
export function cellText(value: CellValue | undefined, trim = true): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return trim ? value.trim() : value;
}

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** Reads one row by field, with the formula check and the apostrophe removal. */
class RowReader<F extends string> {
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
}

/** Shortens a value for a message. */
function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function checkColumns<F extends string>(
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

function isBlankRow(row: readonly CellValue[]): boolean {
  return row.every((cell) => cellText(cell) === '');
}

/** "1 200,5" / "1200.5" / 3 → number; '' → null; anything else → NaN. */
export function parseNumber(text: string): number | null {
  if (text === '') return null;
  const normalised = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) return Number.NaN;
  return Number(normalised);
}

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

/** The comparable form of a title (also used to match existing items). */
export const titleForm = wordForm;

function themeList(
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

function reportProgress(ctx: ValidationContext, done: number, total: number) {
  if (ctx.onProgress && (done % PROGRESS_EVERY === 0 || done === total)) {
    ctx.onProgress({ phase: 'validating', done, total });
  }
}

/** Validates a table of nodes (Kumu "Elements"). */
export function validateNodes(table: RawTable, ctx: ValidationContext): Validated<ImportNode> {
  const problems = new Problems('nodes');
  const mapping = mapNodeColumns(table.header);
  const names = EXPORT_HEADERS[ctx.locale].nodes;
  if (!checkColumns(mapping, REQUIRED_NODE_FIELDS, problems, names)) {
    return { items: [], problems: problems.list };
  }
  const themes = new ThemeLookup(ctx.themes);
  const reader = new RowReader(mapping, problems);

  // Municipalities by name: the map's, and those this file itself defines.
  const municipalityByName = new Map<string, string>();
  for (const m of ctx.municipalities) municipalityByName.set(titleForm(m.name), m.code);
  const codeField = reader.has('municipality_code') ? 'municipality_code' : 'municipality_name';
  table.rows.forEach((row) => {
    reader.row = row;
    if (lookupNodeKind(cellText(reader.raw('kind'))) !== 'municipality') return;
    const code = parseMunicipalityCode(reader.raw(codeField), cellText(reader.raw(codeField)));
    const title = cellText(reader.raw('title'));
    if (code && title) municipalityByName.set(titleForm(title), code);
  });

  const items: ImportNode[] = [];
  const seenTitles = new Map<string, number>();
  const seenRefs = new Map<string, number>();
  const total = table.rows.length;

  table.rows.forEach((row, i) => {
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    reportProgress(ctx, i + 1, total);
    if (isBlankRow(row)) return;
    reader.start(row, rowNumber);
    const before = problems.errors;
    const col = (f: Parameters<typeof reader.column>[0]) => reader.column(f);

    const title = reader.text('title');
    reader.require('title', title);
    if (title.length > MAX_TITLE) {
      problems.error(rowNumber, col('title'), 'io.problem.tooLong', { max: MAX_TITLE });
    }

    const kindText = reader.text('kind');
    let kind: NodeKind | null = null;
    reader.require('kind', kindText);
    if (kindText !== '') {
      kind = lookupNodeKind(kindText);
      if (!kind) {
        problems.error(rowNumber, col('kind'), 'io.problem.unknownKind', {
          value: preview(kindText),
          allowed: allowedNodeKinds(ctx.locale)
        });
      }
    }

    const description = reader.longText('description');
    if (description.length > MAX_TEXT) {
      problems.error(rowNumber, col('description'), 'io.problem.tooLong', { max: MAX_TEXT });
    }

    let url: string | null = reader.text('url') || null;
    if (url && !URL_PATTERN.test(url)) {
      if (/^www\.[^\s]+$/i.test(url)) {
        problems.warning(rowNumber, col('url'), 'io.problem.urlFixed', { value: preview(url) });
        url = `https://${url}`;
      } else {
        problems.error(rowNumber, col('url'), 'io.problem.invalidUrl', { value: preview(url) });
      }
    }

    let municipality_code: string | null = null;
    const codeText = reader.text('municipality_code');
    const nameText = codeText === '' ? reader.text('municipality_name') : '';
    if (codeText !== '') {
      municipality_code = parseMunicipalityCode(reader.raw('municipality_code'), codeText);
      if (!municipality_code) {
        problems.error(rowNumber, col('municipality_code'), 'io.problem.invalidMunicipalityCode', {
          value: preview(codeText)
        });
      }
    } else {
      const name = nameText;
      if (name !== '') {
        municipality_code =
          municipalityByName.get(titleForm(name)) ??
          parseMunicipalityCode(reader.raw('municipality_name'), name);
        if (!municipality_code) {
          problems.error(rowNumber, col('municipality_name'), 'io.problem.unknownMunicipality', {
            value: preview(name)
          });
        }
      }
    }
    // A municipality without any code or name (a wrong one is reported above).
    if (kind === 'municipality' && codeText === '' && nameText === '') {
      const column = reader.has('municipality_code')
        ? col('municipality_code')
        : reader.has('municipality_name')
          ? col('municipality_name')
          : col('kind');
      problems.error(rowNumber, column, 'io.problem.municipalityNeedsCode');
    }

    const lonText = reader.text('lon');
    const latText = reader.text('lat');
    const lon = parseNumber(lonText);
    const lat = parseNumber(latText);
    if (lon !== null && (Number.isNaN(lon) || lon < -180 || lon > 180)) {
      problems.error(rowNumber, col('lon'), 'io.problem.invalidLongitude', {
        value: preview(lonText)
      });
    }
    if (lat !== null && (Number.isNaN(lat) || lat < -90 || lat > 90)) {
      problems.error(rowNumber, col('lat'), 'io.problem.invalidLatitude', {
        value: preview(latText)
      });
    }
    if ((lon === null) !== (lat === null)) {
      problems.error(
        rowNumber,
        lon === null ? col('lon') : col('lat'),
        'io.problem.coordinatePair'
      );
    }

    const themeKeys = themeList(
      reader.text('themes'),
      col('themes'),
      rowNumber,
      themes,
      ctx.locale,
      problems
    );

    const statusText = reader.text('status');
    const status = statusText === '' ? 'active' : lookupStatus(statusText);
    if (!status) {
      problems.error(rowNumber, col('status'), 'io.problem.unknownStatus', {
        value: preview(statusText),
        allowed: allowedStatuses(ctx.locale)
      });
    }

    const start = parseDate(reader.raw('start_date'), reader.text('start_date'));
    const end = parseDate(reader.raw('end_date'), reader.text('end_date'));
    if (start === undefined) {
      problems.error(rowNumber, col('start_date'), 'io.problem.invalidDate', {
        value: preview(reader.text('start_date'))
      });
    }
    if (end === undefined) {
      problems.error(rowNumber, col('end_date'), 'io.problem.invalidDate', {
        value: preview(reader.text('end_date'))
      });
    }
    if (start && end && start > end) {
      problems.error(rowNumber, col('end_date'), 'io.problem.endBeforeStart', { start, end });
    }

    const contact = reader.text('contact');
    if (contact.length > MAX_CONTACT) {
      problems.error(rowNumber, col('contact'), 'io.problem.tooLong', { max: MAX_CONTACT });
    }
    const ref = reader.text('ref') || null;
    if (ref) {
      const first = seenRefs.get(ref);
      if (first !== undefined) {
        problems.error(rowNumber, col('ref'), 'io.problem.duplicateRef', {
          value: preview(ref),
          first
        });
      } else seenRefs.set(ref, rowNumber);
    }
    if (title !== '') {
      const identity = `${titleForm(title)}\u0000${municipality_code ?? ''}`;
      const first = seenTitles.get(identity);
      if (first !== undefined) {
        problems.error(rowNumber, col('title'), 'io.problem.duplicateRow', {
          value: preview(title),
          first
        });
      } else seenTitles.set(identity, rowNumber);
    }

    const errorsNow = problems.errors;
    if (errorsNow > before || !kind || !status) return;
    items.push({
      row: rowNumber,
      ref,
      kind,
      title,
      description,
      url,
      municipality_code,
      lon,
      lat,
      themes: themeKeys,
      status,
      statusGiven: statusText !== '',
      start_date: start ?? null,
      end_date: end ?? null,
      contact,
      source: reader.text('source') || null
    });
  });
  return { items, problems: problems.list };
}

/** Validates a table of relations (Kumu "Connections"). Ends are resolved later (plan.ts). */
export function validateRelations(
  table: RawTable,
  ctx: ValidationContext
): Validated<ImportRelation> {
  const problems = new Problems('relations');
  const mapping = mapRelationColumns(table.header);
  const names = EXPORT_HEADERS[ctx.locale].relations;
  if (!checkColumns(mapping, REQUIRED_RELATION_FIELDS, problems, names)) {
    return { items: [], problems: problems.list };
  }
  const themes = new ThemeLookup(ctx.themes);
  const reader = new RowReader(mapping, problems);
  const items: ImportRelation[] = [];
  const total = table.rows.length;

  table.rows.forEach((row, i) => {
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    reportProgress(ctx, i + 1, total);
    if (isBlankRow(row)) return;
    reader.start(row, rowNumber);
    const errorsBefore = problems.errors;
    const col = (f: Parameters<typeof reader.column>[0]) => reader.column(f);

    const from = reader.text('from');
    const to = reader.text('to');
    reader.require('from', from);
    reader.require('to', to);
    if (from !== '' && wordForm(from) === wordForm(to)) {
      problems.error(rowNumber, col('to'), 'io.problem.selfRelation', { value: preview(from) });
    }
    const kindText = reader.text('kind');
    const kind = kindText === '' ? null : lookupRelationKind(kindText);
    reader.require('kind', kindText);
    if (kindText !== '' && !kind) {
      problems.error(rowNumber, col('kind'), 'io.problem.unknownRelationKind', {
        value: preview(kindText),
        allowed: allowedRelationKinds(ctx.locale)
      });
    }

    const number = (field: 'magnitude' | 'score' | 'year') => {
      const text = reader.text(field);
      const value = parseNumber(text);
      if (value !== null && Number.isNaN(value)) {
        problems.error(rowNumber, col(field), 'io.problem.notANumber', { value: preview(text) });
        return null;
      }
      return value;
    };
    const magnitude = number('magnitude');
    if (magnitude !== null && magnitude < 0) {
      problems.error(rowNumber, col('magnitude'), 'io.problem.negative');
    }
    const score = number('score');
    if (score !== null && (score < 0 || score > 1)) {
      problems.error(rowNumber, col('score'), 'io.problem.scoreRange');
    }
    const year = number('year');
    if (year !== null && (!Number.isInteger(year) || year < 1900 || year > 2100)) {
      problems.error(rowNumber, col('year'), 'io.problem.yearRange', { value: year });
    }
    const unit = reader.text('unit') || null;
    if (unit && unit.length > MAX_UNIT) {
      problems.error(rowNumber, col('unit'), 'io.problem.tooLong', { max: MAX_UNIT });
    }
    const note = reader.longText('note');
    if (note.length > MAX_TEXT)
      problems.error(rowNumber, col('note'), 'io.problem.tooLong', { max: MAX_TEXT });
    const themeKeys = themeList(
      reader.text('themes'),
      col('themes'),
      rowNumber,
      themes,
      ctx.locale,
      problems
    );

    const errorsNow = problems.errors;
    if (errorsNow > errorsBefore || !kind) return;
    items.push({
      row: rowNumber,
      from,
      to,
      fromColumn: col('from'),
      toColumn: col('to'),
      kind,
      magnitude,
      unit,
      year,
      score,
      themes: themeKeys,
      note,
      source: reader.text('source') || null
    });
  });
  return { items, problems: problems.list };
}

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
    if (!THEME_KEY.test(key)) {
      problems.error(rowNumber, reader.column('key'), 'io.problem.invalidThemeKey', {
        value: preview(key)
      });
    }
    const color = reader.text('color') || PALETTE[items.length % PALETTE.length]!;
    if (!COLOR.test(color)) {
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
