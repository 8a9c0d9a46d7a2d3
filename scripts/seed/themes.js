// @ts-check
// themes.yaml: the map's themes.
import { PATTERN } from '../../src/lib/domain/limits.js';
import { asItemList, ItemContext, where } from './checks.js';
import { parseYamlFile } from './sources.js';

/** @typedef {import('./types.js').SeedTheme} SeedTheme */

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @returns {{ themes: SeedTheme[], themeKeys: Set<string> }}
 */
export function validateThemes(sources, errors) {
  /** @type {SeedTheme[]} */
  const themes = [];
  /** @type {Set<string>} */
  const themeKeys = new Set();
  asItemList(parseYamlFile(sources, 'themes.yaml', errors), 'themes.yaml', errors).forEach(
    (item, i) => {
      const c = new ItemContext(errors, where('themes.yaml', i, item), item);
      c.onlyKeys(['key', 'label_sv', 'label_en', 'description', 'color', 'sort_order', 'source']);
      const key = c.requiredString('key');
      if (key && !PATTERN.themes.key.test(key)) c.error(`invalid theme key "${key}" (a-z0-9_-)`);
      if (key && themeKeys.has(key)) c.error(`duplicate theme key "${key}"`);
      themeKeys.add(key);
      const color = c.requiredString('color');
      if (color && !PATTERN.themes.color.test(color))
        c.error(`"color" must be #rrggbb, got "${color}"`);
      const sortOrder = c.optionalNumber('sort_order') ?? 0;
      if (!Number.isInteger(sortOrder)) c.error(`"sort_order" must be an integer`);
      themes.push({
        key,
        label_sv: c.requiredString('label_sv'),
        label_en: c.requiredString('label_en'),
        description: c.optionalString('description') ?? '',
        color,
        sort_order: sortOrder,
        source: c.requiredString('source')
      });
    }
  );
  return { themes, themeKeys };
}
