// Validating a table of nodes (Kumu "Elements"): each row → an ImportNode, or
// its problems by row and column. The limits are the schema's (lib/domain). Pure.
import { DEFAULT_STATUS, type NodeKind } from '$lib/domain/kinds';
import { isWithin, MAX_LENGTH, PATTERN, RANGE } from '$lib/domain/limits';
import { EXPORT_HEADERS, mapNodeColumns, REQUIRED_NODE_FIELDS, type NodeField } from '../columns';
import type { ImportNode, RawTable } from '../types';
import {
  allowedNodeKinds,
  allowedStatuses,
  lookupNodeKind,
  lookupStatus,
  ThemeLookup,
  titleForm
} from '../vocabulary';
import { cellText, parseDate, parseMunicipalityCode, parseNumber } from './cells';
import { forEachRow, themeList, type Validated, type ValidationContext } from './context';
import { preview, Problems } from './problems';
import { checkColumns, RowReader } from './row-reader';

/** Municipality codes by name: the map's, and those the table itself defines. */
function municipalitiesByName(
  table: RawTable,
  ctx: ValidationContext,
  reader: RowReader<NodeField>
): Map<string, string> {
  const byName = new Map<string, string>();
  for (const m of ctx.municipalities) byName.set(titleForm(m.name), m.code);
  const codeField = reader.has('municipality_code') ? 'municipality_code' : 'municipality_name';
  table.rows.forEach((row) => {
    reader.row = row;
    if (lookupNodeKind(cellText(reader.raw('kind'))) !== 'municipality') return;
    const code = parseMunicipalityCode(reader.raw(codeField), cellText(reader.raw(codeField)));
    const title = cellText(reader.raw('title'));
    if (code && title) byName.set(titleForm(title), code);
  });
  return byName;
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

  const municipalityByName = municipalitiesByName(table, ctx, reader);

  const items: ImportNode[] = [];
  const seenTitles = new Map<string, number>();
  const seenRefs = new Map<string, number>();

  forEachRow(table, ctx, reader, (rowNumber) => {
    const before = problems.errors;
    const col = (f: Parameters<typeof reader.column>[0]) => reader.column(f);

    const title = reader.text('title');
    reader.require('title', title);
    reader.maxLength('title', title, MAX_LENGTH.nodes.title);

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
    reader.maxLength('description', description, MAX_LENGTH.nodes.description);

    let url: string | null = reader.text('url') || null;
    if (url && !PATTERN.nodes.url.test(url)) {
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
    if (lon !== null && !isWithin(lon, RANGE.nodes.lon)) {
      problems.error(rowNumber, col('lon'), 'io.problem.invalidLongitude', {
        value: preview(lonText)
      });
    }
    if (lat !== null && !isWithin(lat, RANGE.nodes.lat)) {
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
    const status = statusText === '' ? DEFAULT_STATUS : lookupStatus(statusText);
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
    reader.maxLength('contact', contact, MAX_LENGTH.nodes.contact);
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
