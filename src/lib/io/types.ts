// Shared shapes of the import/export pipeline. Every user-facing text is an i18n
// key with its params, so the same problem reads well in Swedish and English.
import type { NodeKind, RelationKind, Status } from '$lib/domain/kinds';
import type { MessageKey } from '$lib/i18n/sv';
import type { MessageParams } from '$lib/i18n/translate';

export interface IoMessage {
  messageKey: MessageKey;
  params: MessageParams;
}

/** Which table of an import a row belongs to. */
export type ImportTable = 'nodes' | 'relations' | 'themes' | 'indicators';

/**
 * One validation problem. `row` is the row number the user sees in Excel (the
 * header is row 1, the first data row is row 2), or null for the whole file.
 * `column` is the header text as written in the file. Errors block the import;
 * warnings are shown but do not.
 */
export interface Problem extends IoMessage {
  table: ImportTable | null;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
}

/** A whole-file failure (too large, unreadable, wrong encoding …): nothing can be previewed. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly messageKey: MessageKey;
  readonly params: MessageParams;

  constructor(messageKey: MessageKey, params: MessageParams = {}) {
    super(`${messageKey} ${JSON.stringify(params)}`);
    this.messageKey = messageKey;
    this.params = params;
  }
}

/** A table as read from a file: the header texts and the data rows as cell values. */
export interface RawTable {
  /** The header row as written. */
  header: string[];
  /** Data rows; `rowNumbers[i]` is the spreadsheet row number of `rows[i]`. */
  rows: CellValue[][];
  rowNumbers: number[];
}

export type CellValue = string | number | boolean | Date | null;

/** A theme to create (keys that already exist in the map are not re-created). */
export interface ImportTheme {
  row: number | null;
  key: string;
  label_sv: string;
  label_en: string;
  description: string;
  color: string;
  sort_order: number;
  source: string | null;
}

/** A node read from a file. `ref` is the file's own id for it (ID column, backup id). */
export interface ImportNode {
  row: number | null;
  ref: string | null;
  kind: NodeKind;
  title: string;
  description: string;
  url: string | null;
  municipality_code: string | null;
  lon: number | null;
  lat: number | null;
  themes: string[];
  status: Status;
  /** False when the file left the status empty (then 'active' is assumed for new nodes). */
  statusGiven: boolean;
  start_date: string | null;
  end_date: string | null;
  contact: string;
  source: string | null;
}

/** A relation read from a file; its ends are still the texts the file used. */
export interface ImportRelation {
  row: number | null;
  from: string;
  to: string;
  /** The header texts of the From/To columns, for problems about unresolved ends. */
  fromColumn: string;
  toColumn: string;
  kind: RelationKind;
  magnitude: number | null;
  unit: string | null;
  year: number | null;
  score: number | null;
  themes: string[];
  note: string;
  source: string | null;
  /** The magnitude was rounded (true), is exact (false), or the file does not say (null). */
  rounded: boolean | null;
}

export interface ImportIndicator {
  row: number | null;
  municipality_code: string;
  key: string;
  label_sv: string;
  label_en: string;
  unit: string;
  year: string;
  value: number;
  source: string;
}

/** Everything a file contributed, before it is matched against the map. */
export interface ParsedImport {
  format: ImportFormat;
  /** The text encoding used to read a CSV file. */
  encoding: TextEncodingName | null;
  themes: ImportTheme[];
  nodes: ImportNode[];
  relations: ImportRelation[];
  indicators: ImportIndicator[];
  /** Map title/description/source from a backup, offered for restoring. */
  map: { title: string; description: string; source: string | null } | null;
  problems: Problem[];
}

export type ImportFormat = 'csv' | 'xlsx' | 'json-backup' | 'kolada-json';
export type TextEncodingName = 'utf-8' | 'windows-1252';

/** A long step whose size is known: how far it has come (0 … total). */
export interface StepProgress {
  phase: 'reading' | 'validating' | 'planning' | 'sending';
  done: number;
  total: number;
}

/**
 * A step whose progress cannot be known from outside: the one database
 * transaction that writes `rows` items. `since` (ms since the epoch) is when it
 * began, so that the time it has taken can be shown instead of a percentage.
 */
export interface WaitProgress {
  phase: 'writing';
  rows: number;
  since: number;
}

export type ImportProgress = StepProgress | WaitProgress;

/** Reports how far a long step has come (reading, checking and planning report StepProgress). */
export type ProgressCallback<P extends ImportProgress = ImportProgress> = (progress: P) => void;
