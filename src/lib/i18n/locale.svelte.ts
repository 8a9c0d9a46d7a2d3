// The current UI language: a small runes state, persisted in localStorage and
// mirrored to <html lang>. Components call t('key', { param }) directly; reading
// the locale inside t() makes every translated string reactive.
import { en } from './en';
import { sv, type MessageKey, type Messages } from './sv';
import {
  DEFAULT_LOCALE,
  isLocale,
  pluralKey,
  translate,
  type Locale,
  type MessageParams,
  type PluralKey
} from './translate';

const STORAGE_KEY = 'regionkartan.locale';
const dictionaries: Record<Locale, Messages> = { sv, en };

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE; // storage may be blocked (privacy settings)
  }
}

function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

class LocaleState {
  #current = $state<Locale>(DEFAULT_LOCALE);

  constructor() {
    this.#current = storedLocale();
    applyToDocument(this.#current);
  }

  get current(): Locale {
    return this.#current;
  }

  set(locale: Locale): void {
    this.#current = locale;
    applyToDocument(locale);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }
}

export const locale = new LocaleState();

export function t(key: MessageKey, params?: MessageParams): string {
  return translate(dictionaries[locale.current], locale.current, key, params);
}

/** A counted message: `tn('overview.sourceItems', 3)` → "3 uppgifter". */
export function tn(base: PluralKey, count: number, params?: MessageParams): string {
  return t(pluralKey(base, count), { ...params, count });
}

export function formatNumber(value: number): string {
  return value.toLocaleString(locale.current);
}

export type { Locale, MessageKey };
