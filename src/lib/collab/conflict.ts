// A save that lost the race: my changes, the version I started from and theirs.
// For each field I changed that they changed too (differently), the user picks.
export type FieldChoice = 'mine' | 'theirs' | 'both';

export interface ConflictField {
  field: string;
  mine: unknown;
  theirs: unknown;
  /** Text on both sides: "both" (keep the two texts) is offered. */
  text: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of my patch whose value differs from theirs (the ones to decide on). */
export function conflictFields(
  mine: Readonly<Record<string, unknown>>,
  theirs: Readonly<Record<string, unknown>>
): ConflictField[] {
  return Object.keys(mine)
    .filter((field) => !same(mine[field], theirs[field]))
    .map((field) => ({
      field,
      mine: mine[field],
      theirs: theirs[field],
      text: typeof mine[field] === 'string' && typeof theirs[field] === 'string'
    }));
}

/** Joins two texts so that neither is lost (title on one line, longer texts as paragraphs). */
export function joinTexts(field: string, mine: string, theirs: string): string {
  if (!mine.trim()) return theirs;
  if (!theirs.trim()) return mine;
  return field === 'title' || field === 'unit' ? `${mine} / ${theirs}` : `${mine}\n\n${theirs}`;
}

/** The patch to save over their version: only the fields where mine (or both) was chosen. */
export function mergedPatch(
  fields: readonly ConflictField[],
  choices: Readonly<Record<string, FieldChoice>>
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    const choice = choices[f.field] ?? 'mine';
    if (choice === 'mine') patch[f.field] = f.mine;
    else if (choice === 'both' && f.text) {
      patch[f.field] = joinTexts(f.field, String(f.mine), String(f.theirs));
    }
  }
  return patch;
}
