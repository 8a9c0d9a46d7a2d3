// The choices the filter bar offers, derived from the dataset. Pure.
import type { Dataset, ThemeRow } from '$lib/domain/model';
import type { Filters } from './filters';

export interface FilterOption {
  value: string;
  label: string;
  /** A swatch colour (themes). */
  color?: string;
}

/** The municipalities of the dataset (its municipality nodes), by name in Swedish order. */
export function municipalityOptions(dataset: Dataset | null): FilterOption[] {
  const byCode = new Map<string, string>();
  for (const node of dataset?.nodes ?? []) {
    if (node.kind === 'municipality' && node.municipality_code) {
      byCode.set(node.municipality_code, node.title);
    }
  }
  return [...byCode]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** The label of a theme in the reader's language (Swedish when there is no English one). */
export function themeLabel(theme: Pick<ThemeRow, 'label_sv' | 'label_en'>, locale: string): string {
  return locale === 'en' && theme.label_en.trim() ? theme.label_en : theme.label_sv;
}

/** The themes in their configured order, then alphabetically in the reader's language. */
export function themeOptions(themes: readonly ThemeRow[], locale: string): FilterOption[] {
  return [...themes]
    .sort(
      (a, b) =>
        a.sort_order - b.sort_order ||
        themeLabel(a, locale).localeCompare(themeLabel(b, locale), locale)
    )
    .map((theme) => ({ value: theme.key, label: themeLabel(theme, locale), color: theme.color }));
}

/** The list with the value added, or removed when it is there. */
export function toggleValue<T extends string>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}

/** How many filter choices are active (each ticked box, plus one for a search text). */
export function activeFilterCount(filters: Filters): number {
  return (
    filters.themes.length +
    filters.nodeKinds.length +
    filters.relationKinds.length +
    filters.municipalities.length +
    filters.statuses.length +
    (filters.text.trim() ? 1 : 0)
  );
}

/** The list-valued filters, in the order the filter panel shows them. */
export const FILTER_GROUPS = [
  'themes',
  'nodeKinds',
  'relationKinds',
  'municipalities',
  'statuses'
] as const;
export type FilterGroupKey = (typeof FILTER_GROUPS)[number];

/** One active filter choice, shown as a chip; `without` is the filter change that removes it. */
export interface FilterChip {
  group: FilterGroupKey | 'text';
  value: string;
  without: Partial<Filters>;
}

/** Every active choice as a chip: the groups in order, each group's values as chosen, the text last. */
export function filterChips(filters: Filters): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const group of FILTER_GROUPS) {
    const values = filters[group] as readonly string[];
    for (const value of values) {
      chips.push({ group, value, without: { [group]: values.filter((v) => v !== value) } });
    }
  }
  const text = filters.text.trim();
  if (text) chips.push({ group: 'text', value: text, without: { text: '' } });
  return chips;
}
