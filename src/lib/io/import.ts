// From the files a user picked to a ParsedImport for the preview: format and
// encoding detection, the size limit, then parsing and validation. Nothing here
// writes; buildImportPlan (plan.ts) and applyImport (apply.ts) come after.
import type { Dataset } from '$lib/domain/model';
import { MUNICIPALITIES } from '$lib/domain/municipalities';
import type { Locale } from '$lib/i18n/translate';
import { looksLikeRelations } from './columns';
import { readCsv } from './csv';
import {
  asBytes,
  checkFileSize,
  MAX_IMPORT_BYTES,
  sniffBinary,
  type EncodingChoice
} from './encoding';
import { decodeText } from './encoding';
import { isFlowTable, readFlowTable } from './flows';
import {
  indicatorShape,
  isKoladaResponse,
  readIndicatorTable,
  readKolada,
  type IndicatorContext
} from './indicators';
import { parseBackup } from './json-backup';
import {
  ImportFileError,
  type ImportFormat,
  type ParsedImport,
  type ProgressCallback,
  type StepProgress,
  type RawTable,
  type TextEncodingName
} from './types';
import type { ValidationContext } from './validate/context';
import { validateNodes } from './validate/nodes';
import { validateRelations } from './validate/relations';
import { validateThemes } from './validate/themes';
import { readWorkbook } from './xlsx';

export interface ImportFile {
  name: string;
  bytes: ArrayBuffer | Uint8Array;
}

export interface ReadImportOptions {
  /** For CSV: 'auto' (default), or what the user says the file is. */
  encoding?: EncodingChoice;
  /** Language of the lists in problem messages. */
  locale?: Locale;
  onProgress?: ProgressCallback<StepProgress>;
  /**
   * Municipality codes indicator values may be given for (Sweden's, from
   * static/geo); by default the county's and the map's municipality nodes'.
   */
  municipalityCodes?: ReadonlySet<string>;
}

export function detectFormat(file: ImportFile): ImportFormat {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.json')) return 'json-backup';
  if (/\.(csv|txt|tsv)$/.test(name)) return 'csv';
  const bytes = asBytes(file.bytes);
  if (sniffBinary(bytes) === 'zip') return 'xlsx';
  const start = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return start.startsWith('{') ? 'json-backup' : 'csv';
}

/** push(...items) overflows the call stack for some 100 000 items; this does not. */
function append<T>(target: T[], ...lists: readonly T[][]): void {
  for (const list of lists) for (const item of list) target.push(item);
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function context(
  existing: Dataset,
  options: ReadImportOptions,
  extraThemes: ValidationContext['themes'] = []
): ValidationContext {
  return {
    locale: options.locale ?? 'sv',
    themes: [...existing.themes, ...extraThemes],
    municipalities: existing.nodes
      .filter((n) => n.kind === 'municipality' && n.municipality_code)
      .map((n) => ({ code: n.municipality_code!, name: n.title })),
    onProgress: options.onProgress
  };
}

function indicatorContext(
  existing: Dataset,
  options: ReadImportOptions,
  fileName: string
): IndicatorContext {
  const codes =
    options.municipalityCodes ??
    new Set([
      ...MUNICIPALITIES.map((m) => m.code),
      ...existing.nodes.flatMap((n) => (n.municipality_code ? [n.municipality_code] : []))
    ]);
  return { knownCodes: codes, existing: existing.indicators, fileSource: fileName };
}

/** A JSON file: Kolada's data response, or else a backup. */
function readJson(file: ImportFile, existing: Dataset, options: ReadImportOptions): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(decodeText(asBytes(file.bytes), 'utf-8').text);
  } catch {
    throw new ImportFileError('io.error.invalidJson');
  }
  if (!isKoladaResponse(json)) return parseBackup(file.bytes);
  const result = empty('kolada-json', 'utf-8');
  const indicators = readKolada(json, indicatorContext(existing, options, file.name));
  result.indicators = indicators.items;
  result.problems = indicators.problems;
  return result;
}

function empty(format: ImportFormat, encoding: TextEncodingName | null): ParsedImport {
  return {
    format,
    encoding,
    themes: [],
    nodes: [],
    relations: [],
    indicators: [],
    map: null,
    problems: []
  };
}

/**
 * Reads one XLSX workbook, one JSON backup or Kolada data response, or one or more
 * CSV files (nodes, relations told apart by their From/To columns, flows between
 * municipalities by origin, destination and count without a kind (flows.ts), or
 * indicators told apart by a municipality code column with years; see indicators.ts).
 * Throws ImportFileError when a file cannot be read at all.
 */
export async function readImport(
  files: readonly ImportFile[],
  existing: Dataset,
  options: ReadImportOptions = {}
): Promise<ParsedImport> {
  if (files.length === 0) throw new ImportFileError('io.error.noFile');
  for (const file of files) checkFileSize(asBytes(file.bytes).byteLength);
  const totalBytes = files.reduce((sum, f) => sum + asBytes(f.bytes).byteLength, 0);
  checkFileSize(totalBytes, MAX_IMPORT_BYTES);
  const formats = files.map(detectFormat);
  if (files.length > 1 && formats.some((f) => f !== 'csv')) {
    throw new ImportFileError('io.error.mixedFiles');
  }
  options.onProgress?.({ phase: 'reading', done: 0, total: files.length });

  if (formats[0] === 'json-backup') {
    const parsed = readJson(files[0]!, existing, options);
    options.onProgress?.({ phase: 'reading', done: 1, total: 1 });
    return parsed;
  }

  if (formats[0] === 'xlsx') {
    const workbook = await readWorkbook(files[0]!.bytes);
    options.onProgress?.({ phase: 'reading', done: 1, total: 1 });
    await tick();
    const result = empty('xlsx', null);
    const themes = workbook.themes
      ? validateThemes(workbook.themes, context(existing, options))
      : null;
    if (themes) {
      result.themes = themes.items;
      append(result.problems, themes.problems);
    }
    const ctx = context(existing, options, result.themes);
    if (workbook.nodes) {
      const nodes = validateNodes(workbook.nodes, ctx);
      result.nodes = nodes.items;
      append(result.problems, nodes.problems);
    }
    await tick();
    if (workbook.relations) {
      const relations = validateRelations(workbook.relations, ctx);
      result.relations = relations.items;
      append(result.problems, relations.problems);
    }
    return result;
  }

  const result = empty('csv', null);
  const ctx = context(existing, options);
  const tables: { table: RawTable; relations: boolean; problems: ParsedImport['problems'] }[] = [];
  for (const [i, file] of files.entries()) {
    const csv = readCsv(file.bytes, options.encoding ?? 'auto');
    result.encoding ??= csv.encoding;
    if (isFlowTable(csv.table.header)) {
      const flows = readFlowTable(csv.table, {
        municipalities: existing.nodes.filter((n) => n.kind === 'municipality'),
        fileSource: file.name
      });
      append(result.relations, flows.items);
      append(
        result.problems,
        csv.problems.map((p) => ({ ...p, table: 'relations' as const })),
        flows.problems
      );
      continue;
    }
    if (indicatorShape(csv.table.header)) {
      const indicators = readIndicatorTable(
        csv.table,
        indicatorContext(existing, options, file.name)
      );
      append(result.indicators, indicators.items);
      append(
        result.problems,
        csv.problems.map((p) => ({ ...p, table: 'indicators' as const })),
        indicators.problems
      );
      continue;
    }
    const relations = looksLikeRelations(csv.table.header);
    tables.push({
      table: csv.table,
      relations,
      problems: csv.problems.map((p) => ({ ...p, table: relations ? 'relations' : 'nodes' }))
    });
    options.onProgress?.({ phase: 'reading', done: i + 1, total: files.length });
    await tick();
  }
  // Nodes first, so relations may refer to them.
  for (const entry of tables.filter((t) => !t.relations)) {
    const nodes = validateNodes(entry.table, ctx);
    append(result.nodes, nodes.items);
    append(result.problems, entry.problems, nodes.problems);
  }
  for (const entry of tables.filter((t) => t.relations)) {
    const relations = validateRelations(entry.table, ctx);
    append(result.relations, relations.items);
    append(result.problems, entry.problems, relations.problems);
  }
  // A row that the parser already refused is not imported.
  const refused = new Set(
    result.problems
      .filter((p) => p.messageKey === 'io.problem.extraCells')
      .map((p) => `${p.table}:${p.row}`)
  );
  result.nodes = result.nodes.filter((n) => !refused.has(`nodes:${n.row}`));
  result.relations = result.relations.filter((r) => !refused.has(`relations:${r.row}`));
  return result;
}
