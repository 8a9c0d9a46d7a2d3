// Municipality indicators from a file, in three shapes: a wide CSV (one row per
// municipality, one column per indicator and year, as orebro-kommuner-statistik.csv:
// `gr_kostnad_per_elev_2024_kr` = gr_kostnad_per_elev in 2024, `…_2024_25` = the
// school year 2024/25), a long CSV (municipality code, indicator, year, value; source,
// labels and unit optional) and Kolada's JSON data response (`values: [{ kpi,
// municipality, period, values: [{ gender, status, value }] }]`, the total (T) kept).
// Every value keeps its year and source (the file's own source column, else
// "Kolada <kpi>" or the file's name). An unknown municipality code, a value that is
// not a number and a row given twice are errors with row and column; any error and
// nothing is written (the preview-then-commit of every import). Pure.
import type { IndicatorRow } from '$lib/domain/model';
import { MAX_LENGTH, PATTERN } from '$lib/domain/limits';
import { headerForm } from './columns';
import type { CellValue, ImportIndicator, RawTable } from './types';
import { cellText, isBlankRow, parseMunicipalityCode, parseNumber } from './validate/cells';
import type { Validated } from './validate/context';
import { preview, Problems } from './validate/problems';

export interface IndicatorContext {
  /** Municipality codes values may be given for (Sweden's 290, or the map's). */
  knownCodes: ReadonlySet<string>;
  /** The map's indicators: labels and units of keys it already has. */
  existing: readonly Pick<IndicatorRow, 'key' | 'label_sv' | 'label_en' | 'unit'>[];
  /** The source of values whose file gives none (the file's name). */
  fileSource: string;
}

const LONG_ALIASES = {
  code: ['kommunkod', 'municipality code', 'municipality_code', 'kod', 'code', 'municipality'],
  key: ['indikator', 'indicator', 'key', 'nyckel', 'kpi'],
  year: ['år', 'ar', 'year', 'period'],
  value: ['värde', 'varde', 'value'],
  source: ['källa', 'kalla', 'source'],
  label_sv: ['namn', 'label sv', 'benämning'],
  label_en: ['name', 'label en'],
  unit: ['enhet', 'unit']
} as const;
type LongField = keyof typeof LONG_ALIASES;
const NAME_COLUMNS = new Set(['kommun', 'kommunnamn', 'namn', 'name', 'municipality name']);

/** `<key>_<year>[_<rest>]`: the year YYYY or the school year YYYY_YY (YY = YYYY + 1). */
const WIDE_COLUMN = /^([a-z0-9][a-z0-9_]*?)_((?:19|20)\d{2})(?:_(\d{2}))?(_[a-z0-9_]*)?$/;

function fieldIndex(header: readonly string[]): Partial<Record<LongField, number>> {
  const index: Partial<Record<LongField, number>> = {};
  header.forEach((text, i) => {
    const form = headerForm(text);
    for (const [field, names] of Object.entries(LONG_ALIASES) as [LongField, readonly string[]][]) {
      if (index[field] === undefined && names.some((n) => headerForm(n) === form)) index[field] = i;
    }
  });
  return index;
}

/** Whether a CSV header is an indicator table, and which shape. */
export function indicatorShape(header: readonly string[]): 'long' | 'wide' | null {
  const index = fieldIndex(header);
  if (index.code === undefined) return null;
  if (index.key !== undefined && index.year !== undefined && index.value !== undefined)
    return 'long';
  return header.some((h) => WIDE_COLUMN.test(h.trim())) ? 'wide' : null;
}

/** A wide column's indicator key and year, or null. */
export function wideColumn(header: string): { key: string; year: string } | null {
  const m = WIDE_COLUMN.exec(header.trim());
  if (!m) return null;
  const [, key, year, next, rest] = m;
  const schoolYear = next !== undefined && Number(next) === (Number(year) + 1) % 100;
  if (next !== undefined && !schoolYear) return { key: key!, year: year! }; // 2024_12_31
  if (rest !== undefined && next === undefined && /^_\d/.test(rest)) return null;
  return { key: key!, year: schoolYear ? `${year}/${next}` : year! };
}

/** Labels and unit of a key: the map's, else the key itself. */
function described(key: string, ctx: IndicatorContext) {
  const known = ctx.existing.find((i) => i.key === key);
  return known
    ? { label_sv: known.label_sv, label_en: known.label_en, unit: known.unit }
    : { label_sv: key, label_en: key, unit: '' };
}

class IndicatorCollector {
  readonly problems = new Problems('indicators');
  readonly items: ImportIndicator[] = [];
  private readonly firstRow = new Map<string, number>();
  constructor(private readonly ctx: IndicatorContext) {}

  code(value: CellValue | undefined, row: number, column: string): string | null {
    const text = cellText(value);
    const code = parseMunicipalityCode(value, text);
    if (text === '') this.problems.error(row, column, 'io.problem.required');
    else if (!code) {
      this.problems.error(row, column, 'io.problem.invalidMunicipalityCode', {
        value: preview(text)
      });
    } else if (!this.ctx.knownCodes.has(code)) {
      this.problems.error(row, column, 'io.problem.unknownMunicipalityCode', { value: code });
    } else return code;
    return null;
  }

  /** Adds one value; a text that is not a number and a repeated value are errors. */
  add(
    row: number,
    column: string,
    fields: Omit<ImportIndicator, 'row' | 'value'>,
    raw: CellValue | undefined
  ): void {
    const text = typeof raw === 'number' ? String(raw) : cellText(raw);
    const value = typeof raw === 'number' ? raw : parseNumber(text);
    if (value === null) return; // an empty cell: no value
    if (!Number.isFinite(value)) {
      this.problems.error(row, column, 'io.problem.notANumber', { value: preview(text) });
      return;
    }
    const id = `${fields.municipality_code}|${fields.key}|${fields.year}`;
    const first = this.firstRow.get(id);
    if (first !== undefined) {
      this.problems.error(row, column, 'io.problem.duplicateIndicator', {
        value: `${fields.key} ${fields.year}`,
        code: fields.municipality_code,
        first
      });
      return;
    }
    this.firstRow.set(id, row);
    for (const field of ['label_sv', 'label_en', 'unit', 'source'] as const) {
      const max = MAX_LENGTH.indicators[field];
      if (fields[field].length > max) {
        this.problems.error(row, column, 'io.problem.tooLong', { max });
        return;
      }
    }
    this.items.push({ row, ...fields, value });
  }

  result(): Validated<ImportIndicator> {
    return { items: this.problems.errors ? [] : this.items, problems: this.problems.list };
  }
}

function readWide(table: RawTable, ctx: IndicatorContext): Validated<ImportIndicator> {
  const out = new IndicatorCollector(ctx);
  const codeIndex = fieldIndex(table.header).code!;
  const codeColumn = table.header[codeIndex]!;
  const columns: { index: number; header: string; key: string; year: string }[] = [];
  table.header.forEach((header, index) => {
    if (index === codeIndex || NAME_COLUMNS.has(headerForm(header))) return;
    const parsed = wideColumn(header);
    if (parsed && PATTERN.indicators.key.test(parsed.key)) {
      columns.push({ index, header: header.trim(), ...parsed });
    } else {
      out.problems.warning(null, header, 'io.problem.indicatorColumnNoYear', { column: header });
    }
  });
  eachRow(table, (row, rowNumber) => {
    const code = out.code(row[codeIndex], rowNumber, codeColumn);
    if (!code) return;
    for (const c of columns) {
      const fields = { municipality_code: code, key: c.key, year: c.year, source: ctx.fileSource };
      out.add(rowNumber, c.header, { ...fields, ...described(c.key, ctx) }, row[c.index]);
    }
  });
  return out.result();
}

function readLong(table: RawTable, ctx: IndicatorContext): Validated<ImportIndicator> {
  const out = new IndicatorCollector(ctx);
  const index = fieldIndex(table.header);
  const column = (field: LongField) => table.header[index[field]!]!.trim();
  const cell = (row: readonly CellValue[], field: LongField) =>
    index[field] === undefined ? '' : cellText(row[index[field]!]);
  eachRow(table, (row, rowNumber) => {
    const before = out.problems.errors;
    const code = out.code(row[index.code!], rowNumber, column('code'));
    const key = cell(row, 'key');
    const year = cell(row, 'year');
    if (!PATTERN.indicators.key.test(key)) {
      out.problems.error(rowNumber, column('key'), 'io.problem.invalidIndicatorKey', {
        value: preview(key)
      });
    }
    if (!PATTERN.indicators.year.test(year)) {
      out.problems.error(rowNumber, column('year'), 'io.problem.invalidIndicatorYear', {
        value: preview(year)
      });
    }
    if (!code || out.problems.errors > before) return;
    const known = described(key, ctx);
    out.add(
      rowNumber,
      column('value'),
      {
        municipality_code: code,
        key,
        year,
        label_sv: cell(row, 'label_sv') || known.label_sv,
        label_en: cell(row, 'label_en') || known.label_en,
        unit: cell(row, 'unit') || known.unit,
        source: cell(row, 'source') || ctx.fileSource
      },
      row[index.value!]
    );
  });
  return out.result();
}

function eachRow(table: RawTable, visit: (row: CellValue[], rowNumber: number) => void): void {
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) visit(row, table.rowNumbers[i] ?? i + 2);
  });
}

/** Reads an indicator CSV of either shape (see indicatorShape). */
export function readIndicatorTable(
  table: RawTable,
  ctx: IndicatorContext
): Validated<ImportIndicator> {
  return indicatorShape(table.header) === 'long' ? readLong(table, ctx) : readWide(table, ctx);
}

interface KoladaValue {
  kpi?: unknown;
  municipality?: unknown;
  period?: unknown;
  values?: unknown;
}

/** Whether parsed JSON is Kolada's data response. */
export function isKoladaResponse(json: unknown): json is { values: KoladaValue[] } {
  if (typeof json !== 'object' || json === null || !('values' in json)) return false;
  const values = (json as { values: unknown }).values;
  return Array.isArray(values) && values.every((v) => typeof v === 'object' && v && 'kpi' in v);
}

/**
 * Kolada's data response: one row per entry of `values` (row n = its n-th entry),
 * the total (gender T, or the only one) as the value.
 */
export function readKolada(
  json: { values: KoladaValue[] },
  ctx: IndicatorContext
): Validated<ImportIndicator> {
  const out = new IndicatorCollector(ctx);
  json.values.forEach((entry, i) => {
    const row = i + 1;
    const before = out.problems.errors;
    const kpi = String(entry.kpi ?? '');
    const key = kpi.toLowerCase();
    const year = String(entry.period ?? '');
    const code = out.code(String(entry.municipality ?? ''), row, 'municipality');
    if (!PATTERN.indicators.key.test(key)) {
      out.problems.error(row, 'kpi', 'io.problem.invalidIndicatorKey', { value: preview(kpi) });
    }
    if (!PATTERN.indicators.year.test(year)) {
      out.problems.error(row, 'period', 'io.problem.invalidIndicatorYear', {
        value: preview(year)
      });
    }
    const byGender = Array.isArray(entry.values) ? (entry.values as Record<string, unknown>[]) : [];
    const total =
      byGender.find((v) => v.gender === 'T') ?? (byGender.length === 1 ? byGender[0] : undefined);
    if (!code || out.problems.errors > before || !total) return;
    const raw = total.value;
    const cell: CellValue = typeof raw === 'number' || typeof raw === 'string' ? raw : null;
    out.add(
      row,
      'value',
      { municipality_code: code, key, year, ...described(key, ctx), source: `Kolada ${kpi}` },
      cell
    );
  });
  return out.result();
}
