// Flows between municipalities from a CSV file (issue 12): one row per flow,
//   origin, destination, count, year, unit[, source, rounded]
// or in Swedish från/ursprung, till/destination, antal, år, enhet[, källa, avrundat].
// A municipality is named by its code (4 digits; 180 read as 0180) or its name as
// on the map, and must be a municipality on the map. Each row becomes a `flows_to`
// relation between the two municipality nodes, with the count as magnitude (an
// empty count or SCB's ".." = not known), the year, unit, source (the file's name
// when there is no source column) and whether the count was rounded (yes/no,
// ja/nej, true/false, 1/0; empty = not said). Unknown municipality, a count that is
// not a number or negative, a bad year, a rounded that is neither, and the same
// origin, destination, year and unit twice are errors with row and column: then no
// row is imported (the plan is blocked, nothing is written). What the map already
// has for a pair, year and unit is updated by the plan, not added again. Pure.
import { MAX_LENGTH, RANGE, isWithin } from '$lib/domain/limits';
import type { NodeRow } from '$lib/domain/model';
import { municipalityName } from '$lib/domain/municipalities';
import { headerForm } from './columns';
import type { CellValue, ImportRelation, RawTable } from './types';
import { cellText, isBlankRow, parseMunicipalityCode, parseNumber } from './validate/cells';
import type { Validated } from './validate/context';
import { preview, Problems } from './validate/problems';
import { titleForm } from './vocabulary';

const FLOW_ALIASES = {
  origin: ['origin', 'från', 'fran', 'ursprung', 'from'],
  destination: ['destination', 'till', 'to', 'mål'],
  count: ['count', 'antal', 'value', 'värde'],
  year: ['year', 'år', 'ar'],
  unit: ['unit', 'enhet'],
  source: ['source', 'källa', 'kalla'],
  rounded: ['rounded', 'avrundat', 'avrundad']
} as const;
type FlowField = keyof typeof FLOW_ALIASES;
const REQUIRED: readonly FlowField[] = ['origin', 'destination', 'count', 'year'];
/** A relation table names its kind; a flow table does not (every row is a flow). */
const KIND_COLUMNS = new Set(['type', 'typ', 'kind', 'relation', 'relationstyp']);

const YES = new Set(['yes', 'ja', 'true', 'sant', '1', 'x']);
const NO = new Set(['no', 'nej', 'false', 'falskt', '0']);
/** How statistics say "not known" in a count cell. */
const UNKNOWN_COUNTS = new Set(['', '..', '-', '–', 'okänt', 'okant', 'unknown']);

export interface FlowContext {
  /** The map's municipality nodes. */
  municipalities: readonly Pick<NodeRow, 'id' | 'title' | 'municipality_code'>[];
  /** The source of rows whose file gives none (the file's name). */
  fileSource: string;
}

function fieldIndex(header: readonly string[]): Partial<Record<FlowField, number>> {
  const index: Partial<Record<FlowField, number>> = {};
  header.forEach((text, i) => {
    const form = headerForm(text);
    for (const [field, names] of Object.entries(FLOW_ALIASES) as [FlowField, readonly string[]][]) {
      if (index[field] === undefined && names.some((n) => headerForm(n) === form)) index[field] = i;
    }
  });
  return index;
}

/** A CSV header of a flow table: origin, destination and count columns, and no kind column. */
export function isFlowTable(header: readonly string[]): boolean {
  const index = fieldIndex(header);
  return (
    index.origin !== undefined &&
    index.destination !== undefined &&
    index.count !== undefined &&
    !header.some((h) => KIND_COLUMNS.has(headerForm(h)))
  );
}

/** yes/no in Swedish or English → true/false; '' → null; anything else → undefined. */
export function parseRounded(text: string): boolean | null | undefined {
  const form = text.trim().toLowerCase();
  if (form === '') return null;
  if (YES.has(form)) return true;
  if (NO.has(form)) return false;
  return undefined;
}

export function readFlowTable(table: RawTable, ctx: FlowContext): Validated<ImportRelation> {
  const problems = new Problems('relations');
  const index = fieldIndex(table.header);
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length) {
    for (const field of missing) {
      problems.error(null, FLOW_ALIASES[field][0], 'io.problem.missingColumn', {
        column: FLOW_ALIASES[field][0],
        required: REQUIRED.map((f) => FLOW_ALIASES[f][0]).join(', ')
      });
    }
    return { items: [], problems: problems.list };
  }
  const used = new Set(Object.values(index));
  table.header.forEach((h, i) => {
    if (!used.has(i) && h.trim()) problems.warning(null, h, 'io.problem.unknownColumn');
  });
  const column = (field: FlowField) => table.header[index[field]!]!.trim();
  const cell = (row: readonly CellValue[], field: FlowField) =>
    index[field] === undefined ? '' : cellText(row[index[field]!]);

  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const m of ctx.municipalities) {
    if (!m.municipality_code) continue;
    byCode.set(m.municipality_code, m.id);
    byName.set(titleForm(m.title), m.id);
    // The plain name too ("Lekeberg" for "Lekebergs kommun"), as statistics write it.
    const plain = municipalityName(m.municipality_code);
    if (plain && !byName.has(titleForm(plain))) byName.set(titleForm(plain), m.id);
  }
  const municipality = (row: readonly CellValue[], field: FlowField, rowNumber: number) => {
    const raw = row[index[field]!];
    const text = cell(row, field);
    const code = parseMunicipalityCode(raw, text);
    const id = code ? byCode.get(code) : byName.get(titleForm(text));
    if (text === '') problems.error(rowNumber, column(field), 'io.problem.required');
    else if (!id) {
      problems.error(rowNumber, column(field), 'io.problem.unknownMunicipality', {
        value: preview(text)
      });
    }
    return id ?? null;
  };

  const items: ImportRelation[] = [];
  const firstRow = new Map<string, number>();
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const rowNumber = table.rowNumbers[i] ?? i + 2;
    const before = problems.errors;
    const from = municipality(row, 'origin', rowNumber);
    const to = municipality(row, 'destination', rowNumber);

    const countText = cell(row, 'count');
    const raw = row[index.count!];
    const count = UNKNOWN_COUNTS.has(countText.toLowerCase())
      ? null
      : typeof raw === 'number'
        ? raw
        : parseNumber(countText);
    if (count !== null && !Number.isFinite(count)) {
      problems.error(rowNumber, column('count'), 'io.problem.notANumber', {
        value: preview(countText)
      });
    } else if (count !== null && count < 0) {
      problems.error(rowNumber, column('count'), 'io.problem.negative');
    }

    const yearText = cell(row, 'year');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || !isWithin(year, RANGE.relations.year)) {
      problems.error(rowNumber, column('year'), 'io.problem.yearRange', {
        value: preview(yearText) || '–',
        min: RANGE.relations.year.min,
        max: RANGE.relations.year.max
      });
    }

    const unit = cell(row, 'unit') || null;
    if (unit !== null && unit.length > MAX_LENGTH.relations.unit) {
      problems.error(rowNumber, column('unit'), 'io.problem.tooLong', {
        max: MAX_LENGTH.relations.unit
      });
    }
    const rounded = parseRounded(cell(row, 'rounded'));
    if (rounded === undefined) {
      problems.error(rowNumber, column('rounded'), 'io.problem.invalidRounded', {
        value: preview(cell(row, 'rounded'))
      });
    }

    if (from && to && from === to) {
      problems.error(rowNumber, column('destination'), 'io.problem.selfRelation', {
        value: cell(row, 'destination')
      });
    }
    if (problems.errors > before || !from || !to) return;

    const id = `${from}|${to}|${year}|${unit ?? ''}`;
    const first = firstRow.get(id);
    if (first !== undefined) {
      problems.error(rowNumber, column('origin'), 'io.problem.duplicateFlow', {
        value: `${cell(row, 'origin')} → ${cell(row, 'destination')} ${year} ${unit ?? ''}`.trim(),
        first
      });
      return;
    }
    firstRow.set(id, rowNumber);
    items.push({
      row: rowNumber,
      from,
      to,
      fromColumn: column('origin'),
      toColumn: column('destination'),
      kind: 'flows_to',
      magnitude: count,
      unit,
      year,
      score: null,
      themes: [],
      note: '',
      source: cell(row, 'source') || ctx.fileSource,
      rounded: rounded ?? null
    });
  });
  return { items: problems.errors ? [] : items, problems: problems.list };
}
