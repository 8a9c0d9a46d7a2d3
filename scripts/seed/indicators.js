// @ts-check
// indicators.yaml and its CSV: statistics per municipality, one indicator per
// described CSV column, and the series (indicator-series.js).
import { PATTERN } from '../../src/lib/domain/limits.js';
import { asItemList, isObject, ItemContext, where } from './checks.js';
import { validateSeries } from './indicator-series.js';
import { parseCsv, parseYamlFile } from './sources.js';

/** @typedef {import('./types.js').SeedIndicator} SeedIndicator */

const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @param {Map<string, string>} municipalityCodes  the municipality nodes' codes (→ their keys)
 * @returns {SeedIndicator[]}
 */
export function validateIndicators(sources, errors, municipalityCodes) {
  /** @type {SeedIndicator[]} */
  const indicators = [];
  const indDoc = parseYamlFile(sources, 'indicators.yaml', errors);
  if (isObject(indDoc)) {
    const c = new ItemContext(errors, 'indicators.yaml', indDoc);
    c.onlyKeys(['csv', 'municipality_column', 'ignore_columns', 'columns', 'series']);
    const csvPath = c.requiredString('csv');
    const codeColumn = c.requiredString('municipality_column');
    const ignored = Array.isArray(indDoc.ignore_columns) ? indDoc.ignore_columns.map(String) : [];
    const csvText = csvPath ? sources[csvPath] : undefined;
    if (csvPath && csvText === undefined) c.error(`the CSV file "${csvPath}" is missing`);
    /** @type {{ column: string, key: string, label_sv: string, label_en: string, unit: string, year: string, source: string }[]} */
    const columns = [];
    const seenColumns = new Set();
    const seenMeasures = new Set();
    asItemList(indDoc.columns, 'indicators.yaml: columns', errors).forEach((item, i) => {
      const ic = new ItemContext(
        errors,
        where('indicators.yaml: columns', i, item, 'column'),
        item
      );
      ic.onlyKeys(['column', 'key', 'label_sv', 'label_en', 'unit', 'year', 'source']);
      const column = ic.requiredString('column');
      if (column && seenColumns.has(column)) ic.error(`column "${column}" is described twice`);
      seenColumns.add(column);
      const key = ic.requiredString('key');
      if (key && !PATTERN.indicators.key.test(key))
        ic.error(`invalid indicator key "${key}" (a-z0-9_)`);
      const rawYear = item.year;
      const year = typeof rawYear === 'number' ? String(rawYear) : ic.requiredString('year');
      if (year && !PATTERN.indicators.year.test(year))
        ic.error(`"year" must look like 2024 or 2024/25`);
      if (seenMeasures.has(`${key}|${year}`))
        ic.error(`indicator "${key}" ${year} is defined twice`);
      seenMeasures.add(`${key}|${year}`);
      columns.push({
        column,
        key,
        label_sv: ic.requiredString('label_sv'),
        label_en: ic.requiredString('label_en'),
        unit: ic.optionalString('unit') ?? '',
        year,
        source: ic.requiredString('source')
      });
    });

    if (csvText !== undefined) {
      const { header, rows } = parseCsv(csvText);
      const codeIndex = header.indexOf(codeColumn);
      if (codeIndex < 0) c.error(`the CSV has no column "${codeColumn}"`);
      for (const h of header) {
        if (h !== codeColumn && !ignored.includes(h) && !seenColumns.has(h)) {
          c.error(`CSV column "${h}" is not described in "columns" (or listed in ignore_columns)`);
        }
      }
      for (const col of columns) {
        if (col.column && !header.includes(col.column)) {
          c.error(`column "${col.column}" is not in ${csvPath}`);
        }
      }
      const seenCodes = new Set();
      rows.forEach((row, r) => {
        const rowWhere = `${csvPath}: row ${r + 2}`;
        if (row.length !== header.length) {
          errors.push(`${rowWhere}: ${row.length} cells, expected ${header.length}`);
          return;
        }
        const code = (row[codeIndex] ?? '').trim();
        if (!PATTERN.indicators.municipality_code.test(code)) {
          errors.push(`${rowWhere}: "${code}" is not a four-digit municipality code`);
          return;
        }
        if (seenCodes.has(code)) errors.push(`${rowWhere}: municipality ${code} appears twice`);
        seenCodes.add(code);
        if (!municipalityCodes.has(code)) {
          errors.push(`${rowWhere}: no municipality node has code ${code}`);
        }
        for (const col of columns) {
          const value = (row[header.indexOf(col.column)] ?? '').trim();
          if (value === '') continue;
          if (!NUMBER_RE.test(value)) {
            errors.push(`${rowWhere}: "${col.column}" is not a number ("${value}")`);
            continue;
          }
          indicators.push({
            municipality_code: code,
            key: col.key,
            label_sv: col.label_sv,
            label_en: col.label_en,
            unit: col.unit,
            year: col.year,
            value,
            source: col.source
          });
        }
      });
    }
    if (indDoc.series !== undefined) {
      indicators.push(...validateSeries(sources, indDoc.series, errors, municipalityCodes));
    }
    const seen = new Set();
    for (const ind of indicators) {
      const id = `${ind.municipality_code}:${ind.key}:${ind.year}`;
      if (seen.has(id))
        errors.push(
          `indicators.yaml: ${ind.key} ${ind.year} of ${ind.municipality_code} is given twice`
        );
      seen.add(id);
    }
  } else if (indDoc !== undefined) errors.push('indicators.yaml: expected a mapping');
  return indicators;
}
