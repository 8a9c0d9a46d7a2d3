// A row's themes as one line of text in the user's language (unknown keys as
// they are), for the inventory tables' Teman column and its sorting. Pure.
import type { ThemeRow } from '$lib/domain/model';
import { themeLabel } from '$lib/explorer/filter-options';

export function themeNames(
  keys: readonly string[],
  themeByKey: ReadonlyMap<string, ThemeRow>,
  locale: string
): string {
  return keys
    .map((key) => {
      const theme = themeByKey.get(key);
      return theme ? themeLabel(theme, locale) : key;
    })
    .join(', ');
}
