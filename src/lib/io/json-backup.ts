// The app's own backup: one JSON file with a whole map. Importing a backup into
// an empty map gives the same data; only ids, timestamps, versions and actors are
// new (relation ends are remapped to the new node ids).
import { z } from 'zod/mini';
import {
  NODE_KINDS,
  RELATION_KINDS,
  STATUSES,
  VISIBILITIES,
  type Visibility
} from '$lib/domain/kinds';
import { MAX_LENGTH, PATTERN, RANGE } from '$lib/domain/limits';
import type { Dataset } from '$lib/domain/model';
import { checkFileSize, decodeText } from './encoding';
import { ImportFileError, type ParsedImport, type Problem } from './types';

export const BACKUP_FORMAT = 'regionkartan-backup';
export const BACKUP_VERSION = 1;

const text = (max: number) => z.string().check(z.maxLength(max));
const title = (max: number) =>
  z.string().check(
    z.maxLength(max),
    z.refine((s) => s.trim() !== '', 'empty')
  );
const nullableText = z.nullable(z.string());
const date = z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)));
const code = z.string().check(z.regex(PATTERN.nodes.municipality_code));
const between = (range: { min: number; max: number }) => [z.gte(range.min), z.lte(range.max)];

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exported_at: z.string(),
  map: z.object({
    title: title(MAX_LENGTH.maps.title),
    description: text(MAX_LENGTH.maps.description),
    visibility: z.optional(z.enum(VISIBILITIES)),
    source: nullableText
  }),
  themes: z.array(
    z.object({
      key: z.string().check(z.regex(PATTERN.themes.key)),
      label_sv: title(MAX_LENGTH.themes.label_sv),
      label_en: title(MAX_LENGTH.themes.label_en),
      description: z.string(),
      color: z.string().check(z.regex(PATTERN.themes.color)),
      sort_order: z.number().check(z.int()),
      source: nullableText
    })
  ),
  nodes: z.array(
    z.object({
      id: z.string().check(z.minLength(1)),
      kind: z.enum(NODE_KINDS),
      title: title(MAX_LENGTH.nodes.title),
      description: text(MAX_LENGTH.nodes.description),
      url: z.nullable(z.string().check(z.regex(PATTERN.nodes.url))),
      municipality_code: z.nullable(code),
      lon: z.nullable(z.number().check(...between(RANGE.nodes.lon))),
      lat: z.nullable(z.number().check(...between(RANGE.nodes.lat))),
      themes: z.array(z.string()),
      status: z.enum(STATUSES),
      start_date: date,
      end_date: date,
      contact: text(MAX_LENGTH.nodes.contact),
      source: nullableText
    })
  ),
  relations: z.array(
    z.object({
      id: z.optional(z.string()),
      source_id: z.string().check(z.minLength(1)),
      target_id: z.string().check(z.minLength(1)),
      kind: z.enum(RELATION_KINDS),
      magnitude: z.nullable(z.number().check(z.gte(RANGE.relations.magnitude.min))),
      unit: z.nullable(text(MAX_LENGTH.relations.unit)),
      year: z.nullable(z.number().check(z.int(), ...between(RANGE.relations.year))),
      score: z.nullable(z.number().check(...between(RANGE.relations.score))),
      themes: z.array(z.string()),
      note: text(MAX_LENGTH.relations.note),
      source: nullableText,
      // Absent in backups made before flows said whether a value was rounded.
      rounded: z.optional(z.nullable(z.boolean()))
    })
  ),
  indicators: z.array(
    z.object({
      municipality_code: code,
      key: z.string().check(z.regex(PATTERN.indicators.key)),
      label_sv: z.string(),
      label_en: z.string(),
      unit: z.string(),
      year: z.string().check(z.regex(PATTERN.indicators.year)),
      value: z.number(),
      source: z.string()
    })
  )
});
export type Backup = z.infer<typeof backupSchema>;

/** The backup of a loaded map. Rows are sorted so the same data gives the same file. */
export function createBackup(dataset: Dataset, now: Date = new Date()): Backup {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exported_at: now.toISOString(),
    map: {
      title: dataset.map.title,
      description: dataset.map.description,
      visibility: dataset.map.visibility as Visibility,
      source: dataset.map.source
    },
    themes: [...dataset.themes]
      .sort((a, b) => a.sort_order - b.sort_order || a.key.localeCompare(b.key))
      .map((t) => ({
        key: t.key,
        label_sv: t.label_sv,
        label_en: t.label_en,
        description: t.description,
        color: t.color,
        sort_order: t.sort_order,
        source: t.source
      })),
    nodes: [...dataset.nodes].sort(byId).map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      description: n.description,
      url: n.url,
      municipality_code: n.municipality_code,
      lon: n.lon,
      lat: n.lat,
      themes: [...n.themes],
      status: n.status,
      start_date: n.start_date,
      end_date: n.end_date,
      contact: n.contact,
      source: n.source
    })),
    relations: [...dataset.relations].sort(byId).map((r) => ({
      id: r.id,
      source_id: r.source_id,
      target_id: r.target_id,
      kind: r.kind,
      magnitude: r.magnitude,
      unit: r.unit,
      year: r.year,
      score: r.score,
      themes: [...r.themes],
      note: r.note,
      source: r.source,
      rounded: r.rounded
    })),
    indicators: [...dataset.indicators].sort(byId).map((i) => ({
      municipality_code: i.municipality_code,
      key: i.key,
      label_sv: i.label_sv,
      label_en: i.label_en,
      unit: i.unit,
      year: i.year,
      value: i.value,
      source: i.source
    }))
  };
}

export function backupJson(dataset: Dataset, now?: Date): string {
  return `${JSON.stringify(createBackup(dataset, now), null, 2)}\n`;
}

const TABLES = new Set(['themes', 'nodes', 'relations', 'indicators']);

/** Reads a backup file: structure errors become problems with their path. */
export function parseBackup(bytes: ArrayBuffer | Uint8Array): ParsedImport {
  checkFileSize(bytes.byteLength);
  const { text: source } = decodeText(bytes, 'utf-8');
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    throw new ImportFileError('io.error.invalidJson');
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new ImportFileError('io.error.notBackup');
  const version = (json as { version?: unknown }).version;
  if (version !== BACKUP_VERSION) {
    throw new ImportFileError('io.error.backupVersion', { version: String(version) });
  }
  const result = backupSchema.safeParse(json);
  if (!result.success) {
    const problems: Problem[] = result.error.issues.slice(0, 200).map((issue) => {
      const [table, index] = issue.path;
      const inTable = typeof table === 'string' && TABLES.has(table) && typeof index === 'number';
      const path = issue.path.map(String).join('.');
      return {
        table: inTable ? (table as Problem['table']) : null,
        row: inTable ? index + 1 : null,
        column: issue.path.length > 2 ? String(issue.path[issue.path.length - 1]) : null,
        severity: 'error',
        messageKey: 'io.problem.backupField',
        params: { path }
      };
    });
    return { ...emptyImport(), problems };
  }
  return backupToImport(result.data);
}

function emptyImport(): ParsedImport {
  return {
    format: 'json-backup',
    encoding: 'utf-8',
    themes: [],
    nodes: [],
    relations: [],
    indicators: [],
    map: null,
    problems: []
  };
}

export function backupToImport(backup: Backup): ParsedImport {
  return {
    ...emptyImport(),
    map: {
      title: backup.map.title,
      description: backup.map.description,
      source: backup.map.source
    },
    themes: backup.themes.map((t, i) => ({ row: i + 1, ...t })),
    nodes: backup.nodes.map(({ id, ...n }, i) => ({
      row: i + 1,
      ref: id,
      statusGiven: true,
      ...n
    })),
    relations: backup.relations.map((r, i) => ({
      row: i + 1,
      from: r.source_id,
      to: r.target_id,
      fromColumn: 'source_id',
      toColumn: 'target_id',
      kind: r.kind,
      magnitude: r.magnitude,
      unit: r.unit,
      year: r.year,
      score: r.score,
      themes: r.themes,
      note: r.note,
      source: r.source,
      rounded: r.rounded ?? null
    })),
    indicators: backup.indicators.map((ind, i) => ({ row: i + 1, ...ind }))
  };
}
