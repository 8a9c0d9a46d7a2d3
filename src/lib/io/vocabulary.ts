// Words a file may use for node kinds, relation kinds, statuses and themes: the
// raw keys, the Swedish and English labels (from the dictionaries), and for
// labels like "Nätverk eller forum" each alternative alone ("nätverk", "forum").
// All comparisons are case-insensitive.
import {
  NODE_KINDS,
  RELATION_KINDS,
  STATUSES,
  type NodeKind,
  type RelationKind,
  type Status
} from '$lib/domain/kinds';
import { en } from '$lib/i18n/en';
import { sv, type MessageKey } from '$lib/i18n/sv';
import type { Locale } from '$lib/i18n/translate';

const DICTIONARIES = { sv, en } as const;

/** Lower case, NFC, single spaces, dashes and underscores as spaces. */
export function wordForm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[_–—-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The comparable form of a title (also used to match existing items). */
export const titleForm = wordForm;

function alternatives(label: string): string[] {
  const whole = wordForm(label);
  const parts = whole.split(/ (?:eller|or|och|and) /);
  return parts.length > 1 ? [whole, ...parts] : [whole];
}

function buildLookup<T extends string>(values: readonly T[], prefix: string): Map<string, T> {
  const lookup = new Map<string, T>();
  for (const value of values) {
    lookup.set(wordForm(value), value);
    for (const dictionary of Object.values(DICTIONARIES)) {
      const label = (dictionary as Record<string, string>)[`${prefix}.${value}`];
      if (label)
        for (const word of alternatives(label)) if (!lookup.has(word)) lookup.set(word, value);
    }
  }
  return lookup;
}

const NODE_KIND_WORDS = buildLookup(NODE_KINDS, 'nodeKind');
// Plural labels ("Kommuner", "Nätverk och forum") are accepted too.
for (const [word, kind] of buildLookup(NODE_KINDS, 'nodeKinds')) {
  if (!NODE_KIND_WORDS.has(word)) NODE_KIND_WORDS.set(word, kind);
}
const RELATION_KIND_WORDS = buildLookup(RELATION_KINDS, 'relationKind');
const STATUS_WORDS = buildLookup(STATUSES, 'status');

export const lookupNodeKind = (text: string): NodeKind | null =>
  NODE_KIND_WORDS.get(wordForm(text)) ?? null;
export const lookupRelationKind = (text: string): RelationKind | null =>
  RELATION_KIND_WORDS.get(wordForm(text)) ?? null;
export const lookupStatus = (text: string): Status | null =>
  STATUS_WORDS.get(wordForm(text)) ?? null;

function label(locale: Locale, key: string): string {
  return (DICTIONARIES[locale] as Record<string, string>)[key] ?? key;
}

export const nodeKindLabel = (kind: NodeKind, locale: Locale) =>
  label(locale, `nodeKind.${kind}` satisfies MessageKey);
export const relationKindLabel = (kind: RelationKind, locale: Locale) =>
  label(locale, `relationKind.${kind}` satisfies MessageKey);
export const statusLabel = (status: Status, locale: Locale) =>
  label(locale, `status.${status}` satisfies MessageKey);

/** "kommun, organisation, nätverk eller forum, …" for a problem message. */
export function allowedNodeKinds(locale: Locale): string {
  return NODE_KINDS.map((k) => nodeKindLabel(k, locale).toLocaleLowerCase(locale)).join(', ');
}
export function allowedRelationKinds(locale: Locale): string {
  return RELATION_KINDS.map((k) => relationKindLabel(k, locale).toLocaleLowerCase(locale)).join(
    ', '
  );
}
export function allowedStatuses(locale: Locale): string {
  return STATUSES.map((s) => statusLabel(s, locale).toLocaleLowerCase(locale)).join(', ');
}

export interface ThemeWords {
  key: string;
  label_sv: string;
  label_en: string;
}

/** Resolves a theme by key or Swedish/English label. */
export class ThemeLookup {
  private readonly words = new Map<string, string>();
  private readonly themes: ThemeWords[] = [];

  constructor(themes: Iterable<ThemeWords>) {
    for (const theme of themes) this.add(theme);
  }

  add(theme: ThemeWords): void {
    if (this.themes.some((t) => t.key === theme.key)) return;
    this.themes.push(theme);
    for (const word of [theme.key, theme.label_sv, theme.label_en]) {
      const form = wordForm(word);
      if (form && !this.words.has(form)) this.words.set(form, theme.key);
    }
  }

  resolve(text: string): string | null {
    return this.words.get(wordForm(text)) ?? null;
  }

  /** The themes' labels in the locale, for "use one of: …". */
  allowed(locale: Locale): string {
    if (this.themes.length === 0) return '–';
    return this.themes.map((t) => (locale === 'sv' ? t.label_sv : t.label_en)).join(', ');
  }
}

/** Multi-valued cells (themes): Kumu separates with "|", Excel users often with ";". */
export function splitList(text: string): string[] {
  return text
    .split(/[|;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
