// @ts-check
// indicators.yaml's `series`: one indicator over many years, read from a CSV with
// one row per municipality and one column per year (the population 1968–2025).
// Each year takes its source from the first `sources` entry whose years hold it.
import { PATTERN } from '../../src/lib/domain/limits.js';
import { asItemList, ItemContext, where } from './checks.js';
import { parseCsv } from './sources.js';

/** @typedef {import('./types.js').SeedIndicator} SeedIndicator */

const NUMBER_RE = /^-?\d+(\.\d+)?$/;
const YEAR_COLUMN = /^[0-9]{4}$/;
const YEARS_RE = /^([0-9]{4})–([0-9]{4})$/;

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {unknown} list  indicators.yaml's `series`
 * @param {string[]} errors
 * @param {Map<string, string>} municipalityCodes
 * @returns {SeedIndicator[]}
 */
export function validateSeries(sources, list, errors, municipalityCodes) {
  /** @type {SeedIndicator[]} */
  const indicators = [];
  asItemList(list, 'indicators.yaml: series', errors).forEach((item, i) => {
    const c = new ItemContext(errors, where('indicators.yaml: series', i, item, 'key'), item);
    c.onlyKeys([
      'csv',
      'municipality_column',
      'ignore_columns',
      'key',
      'label_sv',
      'label_en',
      'unit',
      'sources'
    ]);
    const csvPath = c.requiredString('csv');
    const codeColumn = c.requiredString('municipality_column');
    const ignored = Array.isArray(item.ignore_columns) ? item.ignore_columns.map(String) : [];
    const key = c.requiredString('key');
    if (key && !PATTERN.indicators.key.test(key))
      c.error(`invalid indicator key "${key}" (a-z0-9_)`);
    const fields = {
      key,
      label_sv: c.requiredString('label_sv'),
      label_en: c.requiredString('label_en'),
      unit: c.optionalString('unit') ?? ''
    };
    /** @type {{ from: number, to: number, source: string }[]} */
    const spans = [];
    asItemList(item.sources, `${c.where}: sources`, errors).forEach((span, j) => {
      const sc = new ItemContext(errors, `${c.where}: sources: item ${j + 1}`, span);
      sc.onlyKeys(['years', 'source']);
      const years = YEARS_RE.exec(sc.requiredString('years'));
      if (!years) sc.error('"years" must look like 1968–2024');
      spans.push({
        from: Number(years?.[1]),
        to: Number(years?.[2]),
        source: sc.requiredString('source')
      });
    });
    const csvText = csvPath ? sources[csvPath] : undefined;
    if (csvText === undefined) {
      if (csvPath) c.error(`the CSV file "${csvPath}" is missing`);
      return;
    }
    const { header, rows } = parseCsv(csvText);
    const codeIndex = header.indexOf(codeColumn);
    if (codeIndex < 0) c.error(`the CSV has no column "${codeColumn}"`);
    const yearColumns = header.flatMap((h, index) => {
      if (h === codeColumn || ignored.includes(h)) return [];
      if (!YEAR_COLUMN.test(h)) {
        c.error(`CSV column "${h}" is not a year (or listed in ignore_columns)`);
        return [];
      }
      const span = spans.find((s) => Number(h) >= s.from && Number(h) <= s.to);
      if (!span) c.error(`no "sources" entry covers the year ${h}`);
      return span ? [{ index, year: h, source: span.source }] : [];
    });
    rows.forEach((row, r) => {
      const rowWhere = `${csvPath}: row ${r + 2}`;
      const code = (row[codeIndex] ?? '').trim();
      if (!municipalityCodes.has(code)) {
        errors.push(`${rowWhere}: no municipality node has code "${code}"`);
        return;
      }
      for (const { index, year, source } of yearColumns) {
        const value = (row[index] ?? '').trim();
        if (value === '') continue; // the municipality did not exist that year
        if (!NUMBER_RE.test(value)) {
          errors.push(`${rowWhere}: ${year} is not a number ("${value}")`);
          continue;
        }
        indicators.push({ municipality_code: code, ...fields, year, value, source });
      }
    });
  });
  return indicators;
}
