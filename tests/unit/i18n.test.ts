import { describe, expect, it } from 'vitest';
import { NODE_KINDS, RELATION_KINDS, STATUSES } from '$lib/domain/kinds';
import { DATA_ERROR_MESSAGES } from '$lib/data/errors';
import { en } from '$lib/i18n/en';
import { sv } from '$lib/i18n/sv';
import { interpolate, isLocale, pluralKey, translate } from '$lib/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty messages', () => {
    for (const [key, value] of [...Object.entries(sv), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });

  it('label every node kind, relation kind and status', () => {
    const keys = [
      ...NODE_KINDS.flatMap((kind) => [`nodeKind.${kind}`, `nodeKinds.${kind}`]),
      ...RELATION_KINDS.map((kind) => `relationKind.${kind}`),
      ...STATUSES.map((status) => `status.${status}`)
    ];
    for (const key of keys) {
      expect(sv, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
    }
    expect(sv['relationKind.flows_to']).toBe('Flöde till');
    expect(en['status.dormant']).toBe('Dormant');
  });

  it('have a message for every data error kind', () => {
    for (const key of Object.values(DATA_ERROR_MESSAGES)) expect(sv).toHaveProperty([key]);
  });
});

describe('interpolate', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(interpolate('{count} uppgifter i {place}', 'sv', { count: 12345, place: 'Nora' })).toBe(
      `${(12345).toLocaleString('sv')} uppgifter i Nora`
    );
    expect(interpolate('{count} items', 'en', { count: 12345 })).toBe('12,345 items');
  });

  it('leaves unknown placeholders visible and ignores inherited properties', () => {
    expect(interpolate('Hej {name}, {toString}', 'sv', { other: 1 })).toBe(
      'Hej {name}, {toString}'
    );
  });

  it('returns the template unchanged without params', () => {
    expect(interpolate('{count}', 'sv')).toBe('{count}');
  });
});

describe('translate and plurals', () => {
  it('looks up the message in the given dictionary', () => {
    expect(translate(sv, 'sv', 'overview.sourceItems.other', { count: 3 })).toBe('3 uppgifter');
    expect(translate(en, 'en', 'overview.sourceItems.other', { count: 3 })).toBe('3 items');
  });

  it('chooses .one only for exactly one', () => {
    expect(pluralKey('overview.sourceItems', 1)).toBe('overview.sourceItems.one');
    expect(pluralKey('overview.sourceItems', 0)).toBe('overview.sourceItems.other');
    expect(pluralKey('overview.uncited', 2)).toBe('overview.uncited.other');
  });

  it('recognises the supported locales', () => {
    expect(isLocale('sv')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
