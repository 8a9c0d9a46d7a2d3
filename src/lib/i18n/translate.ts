// Pure message lookup and interpolation, shared by the locale state and tests.
import type { MessageKey, Messages } from './sv';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

export type MessageParams = Readonly<Record<string, string | number>>;

type PluralBase<K> = K extends `${infer Base}.one`
  ? `${Base}.other` extends MessageKey
    ? Base
    : never
  : never;
/** The bases of keys that come in a `.one` / `.other` pair, e.g. 'overview.sourceItems'. */
export type PluralKey = PluralBase<MessageKey>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Fills `{name}` placeholders; numbers are formatted for the locale. Unknown placeholders stay visible. */
export function interpolate(template: string, locale: Locale, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = params[name];
    return typeof value === 'number' ? value.toLocaleString(locale) : String(value);
  });
}

export function translate(
  messages: Messages,
  locale: Locale,
  key: MessageKey,
  params?: MessageParams
): string {
  return interpolate(messages[key], locale, params);
}

/** Chooses `<base>.one` for exactly 1 and `<base>.other` otherwise (enough for sv and en). */
export function pluralKey(base: PluralKey, count: number): MessageKey {
  return count === 1 ? `${base}.one` : `${base}.other`;
}
