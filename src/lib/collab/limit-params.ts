// The limits the edit and join messages name, as their params: a message says
// "at most {max} characters", the number is the schema's (lib/domain/limits).
// Shown with t(key, limitParams(key)). Pure.
import { MAX_LENGTH, RANGE } from '$lib/domain/limits';
import type { MessageKey } from '$lib/i18n/sv';
import type { MessageParams } from '$lib/i18n/translate';

const { year, magnitude } = RANGE.relations;

const PARAMS: Partial<Record<MessageKey, MessageParams>> = {
  'edit.error.titleTooLong': { max: MAX_LENGTH.nodes.title },
  'edit.error.descriptionTooLong': { max: MAX_LENGTH.nodes.description },
  'edit.error.contactTooLong': { max: MAX_LENGTH.nodes.contact },
  'edit.error.unitTooLong': { max: MAX_LENGTH.relations.unit },
  'edit.error.noteTooLong': { max: MAX_LENGTH.relations.note },
  'edit.error.magnitude': { min: magnitude.min },
  // Years as text: a number would be grouped ("1 900").
  'edit.error.year': { min: String(year.min), max: String(year.max) },
  'join.error.nameTooLong': { max: MAX_LENGTH.profiles.display_name }
};

/** The limit a message names, as its params (undefined for a message without one). */
export function limitParams(key: MessageKey): MessageParams | undefined {
  return PARAMS[key];
}
