// The node and relation forms: values as typed (strings), checked with the same
// rules as the database before anything is sent, and turned into row values.
import {
  DEFAULT_STATUS,
  RELATION_KIND_FACTS,
  type NodeKind,
  type RelationKind,
  type Status
} from '$lib/domain/kinds';
import { isWithin, MAX_LENGTH, RANGE } from '$lib/domain/limits';
import type { NodeRow, RelationRow } from '$lib/domain/model';
import type { MessageKey } from '$lib/i18n/sv';

export interface NodeForm {
  title: string;
  kind: NodeKind;
  description: string;
  url: string;
  municipality_code: string;
  themes: string[];
  status: Status;
  start_date: string;
  end_date: string;
  contact: string;
  lon: number | null;
  lat: number | null;
}

export interface RelationForm {
  kind: RelationKind;
  source_id: string;
  target_id: string;
  magnitude: string;
  unit: string;
  year: string;
  /** For a flow: whether its count is rounded — 'yes', 'no' or '' (not said). */
  rounded: RoundedChoice;
  note: string;
}

export const ROUNDED_CHOICES = ['', 'yes', 'no'] as const;
export type RoundedChoice = (typeof ROUNDED_CHOICES)[number];

export type FormErrors = Partial<Record<string, MessageKey>>;

export function nodeForm(row?: Partial<NodeRow>): NodeForm {
  return {
    title: row?.title ?? '',
    kind: row?.kind ?? 'organisation',
    description: row?.description ?? '',
    url: row?.url ?? '',
    municipality_code: row?.municipality_code ?? '',
    themes: [...(row?.themes ?? [])],
    status: row?.status ?? DEFAULT_STATUS,
    start_date: row?.start_date ?? '',
    end_date: row?.end_date ?? '',
    contact: row?.contact ?? '',
    lon: row?.lon ?? null,
    lat: row?.lat ?? null
  };
}

export function relationForm(row?: Partial<RelationRow>): RelationForm {
  return {
    kind: row?.kind ?? 'collaborates_with',
    source_id: row?.source_id ?? '',
    target_id: row?.target_id ?? '',
    magnitude: row?.magnitude == null ? '' : String(row.magnitude),
    unit: row?.unit ?? '',
    year: row?.year == null ? '' : String(row.year),
    rounded: row?.rounded == null ? '' : row.rounded ? 'yes' : 'no',
    note: row?.note ?? ''
  };
}

/** Only https addresses without spaces are accepted: no javascript:, data: or http:. */
export function isSafeUrl(value: string): boolean {
  if (!/^https:\/\/[^\s]+$/i.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export function validateNode(form: NodeForm): FormErrors {
  const errors: FormErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = 'edit.error.titleRequired';
  else if (title.length > MAX_LENGTH.nodes.title) errors.title = 'edit.error.titleTooLong';
  if (form.url.trim() && !isSafeUrl(form.url.trim())) errors.url = 'edit.error.urlHttps';
  if (form.kind === 'municipality' && !form.municipality_code) {
    errors.municipality_code = 'edit.error.municipalityRequired';
  }
  if (form.start_date && form.end_date && form.end_date < form.start_date) {
    errors.end_date = 'edit.error.datesOrder';
  }
  if (form.description.length > MAX_LENGTH.nodes.description) {
    errors.description = 'edit.error.descriptionTooLong';
  }
  if (form.contact.length > MAX_LENGTH.nodes.contact) errors.contact = 'edit.error.contactTooLong';
  return errors;
}

/** "1 200,5" → 1200.5; '' → null; anything else → NaN. */
export function parseNumber(value: string): number | null {
  const text = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!text) return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}

export function validateRelation(form: RelationForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.source_id) errors.source_id = 'edit.error.endRequired';
  if (!form.target_id) errors.target_id = 'edit.error.endRequired';
  else if (form.target_id === form.source_id) errors.target_id = 'edit.error.sameEnds';
  const magnitude = parseNumber(form.magnitude);
  if (magnitude !== null && !isWithin(magnitude, RANGE.relations.magnitude)) {
    errors.magnitude = 'edit.error.magnitude';
  }
  const year = parseNumber(form.year);
  if (year !== null && !(Number.isInteger(year) && isWithin(year, RANGE.relations.year))) {
    errors.year = 'edit.error.year';
  }
  if (form.unit.trim().length > MAX_LENGTH.relations.unit) errors.unit = 'edit.error.unitTooLong';
  if (form.note.length > MAX_LENGTH.relations.note) errors.note = 'edit.error.noteTooLong';
  return errors;
}

export function nodeValues(form: NodeForm) {
  return {
    title: form.title.trim(),
    kind: form.kind,
    description: form.description,
    url: form.url.trim() || null,
    municipality_code: form.municipality_code || null,
    themes: [...form.themes],
    status: form.status,
    start_date: form.start_date || null,
    end_date: form.end_date || null,
    contact: form.contact.trim(),
    lon: form.lon,
    lat: form.lat
  };
}

export function relationValues(form: RelationForm) {
  return {
    kind: form.kind,
    source_id: form.source_id,
    target_id: form.target_id,
    magnitude: parseNumber(form.magnitude),
    unit: form.unit.trim() || null,
    year: parseNumber(form.year),
    // Said only of flows: for any other kind the count is not an amount that moves.
    rounded:
      RELATION_KIND_FACTS[form.kind].flow && form.rounded !== '' ? form.rounded === 'yes' : null,
    note: form.note
  };
}

/** The fields of `values` that differ from the row (what an update sends). */
export function changedFields<T extends Record<string, unknown>>(
  row: Readonly<Record<string, unknown>>,
  values: T
): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of Object.keys(values) as (keyof T & string)[]) {
    if (JSON.stringify(values[key] ?? null) !== JSON.stringify(row[key] ?? null)) {
      patch[key] = values[key];
    }
  }
  return patch;
}
