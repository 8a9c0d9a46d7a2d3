// Validating a table of relations (Kumu "Connections"): each row → an
// ImportRelation whose ends are still the texts the file used (plan.ts resolves
// them), or its problems by row and column. The limits are the schema's
// (lib/domain). Pure.
import { isWithin, MAX_LENGTH, RANGE } from '$lib/domain/limits';
import { EXPORT_HEADERS, mapRelationColumns, REQUIRED_RELATION_FIELDS } from '../columns';
import type { ImportRelation, RawTable } from '../types';
import { allowedRelationKinds, lookupRelationKind, ThemeLookup, wordForm } from '../vocabulary';
import { parseNumber } from './cells';
import { forEachRow, themeList, type Validated, type ValidationContext } from './context';
import { preview, Problems } from './problems';
import { checkColumns, RowReader } from './row-reader';

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

  forEachRow(table, ctx, reader, (rowNumber) => {
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
    if (magnitude !== null && !isWithin(magnitude, RANGE.relations.magnitude)) {
      problems.error(rowNumber, col('magnitude'), 'io.problem.negative');
    }
    const score = number('score');
    if (score !== null && !isWithin(score, RANGE.relations.score)) {
      const { min, max } = RANGE.relations.score;
      problems.error(rowNumber, col('score'), 'io.problem.scoreRange', { min, max });
    }
    const year = number('year');
    if (year !== null && (!Number.isInteger(year) || !isWithin(year, RANGE.relations.year))) {
      // Years as text: a number would be grouped ("1 900").
      const { min, max } = RANGE.relations.year;
      problems.error(rowNumber, col('year'), 'io.problem.yearRange', {
        value: year,
        min: String(min),
        max: String(max)
      });
    }
    const unit = reader.text('unit') || null;
    if (unit) reader.maxLength('unit', unit, MAX_LENGTH.relations.unit);
    const note = reader.longText('note');
    reader.maxLength('note', note, MAX_LENGTH.relations.note);
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
      source: reader.text('source') || null,
      rounded: null
    });
  });
  return { items, problems: problems.list };
}
