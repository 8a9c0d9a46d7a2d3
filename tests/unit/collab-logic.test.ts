import { describe, expect, it } from 'vitest';
import { conflictFields, joinTexts, mergedPatch } from '$lib/collab/conflict';
import {
  changedFields,
  isSafeUrl,
  nodeForm,
  nodeValues,
  parseNumber,
  relationForm,
  relationValues,
  validateNode,
  validateRelation
} from '$lib/collab/forms';
import { changedColumns, describeChange, relativeTime } from '$lib/collab/history';
import { UndoStack, undoKey } from '$lib/collab/undo';

describe('node form', () => {
  it('requires a title, https urls only, a municipality code for a municipality, ordered dates', () => {
    expect(validateNode(nodeForm())).toEqual({ title: 'edit.error.titleRequired' });
    const form = {
      ...nodeForm({ title: 'X', kind: 'municipality' }),
      url: 'javascript:alert(1)',
      start_date: '2026-05-01',
      end_date: '2026-01-01'
    };
    expect(validateNode(form)).toEqual({
      url: 'edit.error.urlHttps',
      municipality_code: 'edit.error.municipalityRequired',
      end_date: 'edit.error.datesOrder'
    });
    expect(validateNode({ ...nodeForm({ title: 'x'.repeat(201) }) }).title).toBe(
      'edit.error.titleTooLong'
    );
  });

  it('accepts only https addresses', () => {
    expect(isSafeUrl('https://skolverket.se/a?b=1')).toBe(true);
    for (const bad of [
      'http://x.se',
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<b>',
      'https://a b.se',
      ' https://x.se'
    ]) {
      expect(isSafeUrl(bad), bad).toBe(false);
    }
  });

  it('turns the form into values and a patch of what changed', () => {
    const values = nodeValues({ ...nodeForm({ title: ' Ny ' }), url: ' ', contact: ' a ' });
    expect(values).toMatchObject({ title: 'Ny', url: null, contact: 'a', municipality_code: null });
    expect(
      changedFields(
        { title: 'Ny', url: null, themes: ['a'] },
        { title: 'Ny', url: 'https://x', themes: ['a'] }
      )
    ).toEqual({
      url: 'https://x'
    });
  });
});

describe('relation form', () => {
  it('needs two different ends, magnitude ≥ 0 and a plausible year', () => {
    expect(validateRelation(relationForm())).toEqual({
      source_id: 'edit.error.endRequired',
      target_id: 'edit.error.endRequired'
    });
    const form = {
      ...relationForm({ source_id: 'a', target_id: 'a' }),
      magnitude: '-1',
      year: '1850'
    };
    expect(validateRelation(form)).toEqual({
      target_id: 'edit.error.sameEnds',
      magnitude: 'edit.error.magnitude',
      year: 'edit.error.year'
    });
    expect(
      validateRelation({ ...form, target_id: 'b', magnitude: '1 200,5', year: '2024' })
    ).toEqual({});
    expect(
      validateRelation({ ...form, target_id: 'b', magnitude: 'många', year: '' }).magnitude
    ).toBe('edit.error.magnitude');
  });

  it('parses Swedish numbers', () => {
    expect(parseNumber('1 200,5')).toBe(1200.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('12a')).toBeNaN();
    expect(
      relationValues({
        ...relationForm({ source_id: 'a', target_id: 'b' }),
        magnitude: '0',
        unit: ' '
      })
    ).toMatchObject({
      magnitude: 0,
      unit: null,
      year: null
    });
  });

  it('keeps whether a flow is rounded, and says nothing of it for other kinds', () => {
    const flow = relationForm({ kind: 'flows_to', source_id: 'a', target_id: 'b', rounded: true });
    expect(flow.rounded).toBe('yes');
    expect(relationValues(flow).rounded).toBe(true);
    expect(relationValues({ ...flow, rounded: 'no' }).rounded).toBe(false);
    expect(relationValues({ ...flow, rounded: '' }).rounded).toBeNull();
    expect(relationForm({ kind: 'flows_to', rounded: null }).rounded).toBe('');
    expect(relationValues({ ...flow, kind: 'collaborates_with' }).rounded).toBeNull();
  });
});

describe('conflict', () => {
  it('asks only about my fields that differ from theirs, and merges the choices', () => {
    const fields = conflictFields(
      { title: 'Min titel', description: 'samma' },
      { title: 'Deras titel', description: 'samma', contact: 'deras' }
    );
    expect(fields).toEqual([
      { field: 'title', mine: 'Min titel', theirs: 'Deras titel', text: true }
    ]);
    expect(mergedPatch(fields, { title: 'theirs' })).toEqual({});
    expect(mergedPatch(fields, { title: 'mine' })).toEqual({ title: 'Min titel' });
    expect(mergedPatch(fields, { title: 'both' })).toEqual({ title: 'Min titel / Deras titel' });
    expect(joinTexts('description', 'a', 'b')).toBe('a\n\nb');
    expect(joinTexts('description', ' ', 'b')).toBe('b');
  });
});

describe('undo', () => {
  it('keeps the last edits (bounded), and a new edit clears redo', () => {
    const stack = new UndoStack<number>(20);
    for (let i = 1; i <= 25; i++) stack.push(i);
    expect(stack.size).toBe(20);
    const last = stack.takeUndo()!;
    expect(last).toBe(25);
    stack.undone(last);
    expect(stack.canRedo).toBe(true);
    stack.push(26);
    expect(stack.canRedo).toBe(false);
    const e = stack.takeUndo()!;
    stack.putBack(e, 'undo');
    expect(stack.peekUndo()).toBe(26);
  });

  it('reads Ctrl+Z / Ctrl+Shift+Z, never while typing', () => {
    const key = (k: string, extra: object = {}, tagName = 'DIV') =>
      undoKey({
        key: k,
        ctrlKey: true,
        metaKey: false,
        shiftKey: false,
        altKey: false,
        target: { tagName } as unknown as EventTarget,
        ...extra
      });
    expect(key('z')).toBe('undo');
    expect(key('Z', { shiftKey: true })).toBe('redo');
    expect(key('y')).toBe('redo');
    expect(key('z', {}, 'INPUT')).toBeNull();
    expect(key('z', { ctrlKey: false })).toBeNull();
  });
});

describe('history', () => {
  const row = (op: string, before: object | null, after: object | null) => ({
    id: 1,
    op,
    before: before as Record<string, unknown> | null,
    after: after as Record<string, unknown> | null,
    actor: 'u',
    at: '2026-01-01T00:00:00Z'
  });

  it('names the changed fields and recognises soft delete and restore', () => {
    expect(
      changedColumns({ title: 'a', version: 1, note: 'x' }, { title: 'b', version: 2, note: 'x' })
    ).toEqual(['title']);
    expect(describeChange(row('update', { deleted_at: null }, { deleted_at: 'x' })).kind).toBe(
      'softDelete'
    );
    expect(describeChange(row('update', { deleted_at: 'x' }, { deleted_at: null })).kind).toBe(
      'restore'
    );
    expect(describeChange(row('update', { title: 'a' }, { title: 'b' }))).toMatchObject({
      kind: 'update',
      fields: ['title']
    });
    expect(describeChange(row('insert', null, { title: 'a' })).kind).toBe('insert');
  });

  it('says when in words', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(relativeTime('2026-01-01T00:55:00Z', now, 'sv')).toBe('för 5 minuter sedan');
    expect(relativeTime('2026-01-01T00:59:50Z', now, 'en')).toBe('now');
    expect(relativeTime('2026-01-01T00:00:00Z', now, 'sv')).toBe('för 1 timme sedan');
  });
});
