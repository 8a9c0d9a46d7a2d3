// The limits the edit and join messages name come from lib/domain/limits as params.
import { describe, expect, it } from 'vitest';
import { nodeForm, relationForm, validateNode, validateRelation } from '$lib/collab/forms';
import { limitParams } from '$lib/collab/limit-params';
import { MAX_LENGTH, RANGE } from '$lib/domain/limits';
import { en } from '$lib/i18n/en';
import { sv, type MessageKey } from '$lib/i18n/sv';
import { translate } from '$lib/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('limitParams', () => {
  it('fills every {min} and {max} of the edit and join messages, and nothing else', () => {
    const keys = (Object.keys(sv) as MessageKey[]).filter((key) =>
      /^(edit|join)\.error\./.test(key)
    );
    for (const key of keys) {
      const wanted = placeholders(sv[key]).filter((name) => name === 'min' || name === 'max');
      expect(Object.keys(limitParams(key) ?? {}).sort(), key).toEqual(wanted);
    }
  });

  it('gives a too-long title its limit, formatted for the locale', () => {
    const key = validateNode({
      ...nodeForm(),
      title: 'x'.repeat(MAX_LENGTH.nodes.title + 1)
    }).title!;
    expect(translate(en, 'en', key, limitParams(key))).toBe(
      `The name can be at most ${MAX_LENGTH.nodes.title} characters.`
    );
    const description = 'edit.error.descriptionTooLong';
    expect(translate(sv, 'sv', description, limitParams(description))).toBe(
      `Beskrivningen får vara högst ${MAX_LENGTH.nodes.description.toLocaleString('sv')} tecken.`
    );
  });

  it('writes the years of the year range without grouping', () => {
    const key = validateRelation({ ...relationForm(), year: '1800' }).year!;
    const { min, max } = RANGE.relations.year;
    expect(translate(sv, 'sv', key, limitParams(key))).toBe(
      `Året ska vara ett heltal mellan ${min} och ${max}.`
    );
  });
});
