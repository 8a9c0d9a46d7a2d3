import { describe, expect, it } from 'vitest';
import { DataError, toDataError } from '$lib/data/errors';

describe('toDataError', () => {
  it.each([
    ['42501', 'permission', 'error.permission'],
    ['23514', 'check', 'error.check'],
    ['23503', 'foreign_key', 'error.foreignKey'],
    ['23505', 'unique', 'error.unique'],
    ['PGRST116', 'not_found', 'error.notFound'],
    ['PGRST301', 'auth', 'error.auth'],
    ['PGRST002', 'unavailable', 'error.unavailable']
  ])('maps code %s to %s', (code, kind, messageKey) => {
    const error = toDataError({ code, message: 'raw message', details: null, hint: null }, 400);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe(kind);
    expect(error.messageKey).toBe(messageKey);
    expect(error.code).toBe(code);
  });

  it('prefers the Postgres code over the HTTP status', () => {
    expect(toDataError({ code: '42501', message: 'denied' }, 401).kind).toBe('permission');
  });

  it('falls back to the HTTP status', () => {
    expect(toDataError({ code: '', message: 'x' }, 401).kind).toBe('auth');
    expect(toDataError({ code: '', message: 'x' }, 403).kind).toBe('permission');
    expect(toDataError({ code: '', message: 'x' }, 404).kind).toBe('not_found');
    expect(toDataError({ code: '', message: 'x' }, 503).kind).toBe('unavailable');
  });

  it('treats a response without status (fetch failed) as a network error', () => {
    const error = toDataError({ message: 'TypeError: fetch failed', code: '' }, 0);
    expect(error.kind).toBe('network');
    expect(error.messageKey).toBe('error.network');
    expect(toDataError(new TypeError('Failed to fetch')).kind).toBe('network');
  });

  it('recognises aborted requests', () => {
    expect(
      toDataError({ message: 'AbortError: The user aborted a request.', code: '' }, 0).kind
    ).toBe('aborted');
    expect(toDataError(new DOMException('aborted', 'AbortError')).kind).toBe('aborted');
  });

  it('passes a DataError through and maps anything else to unknown', () => {
    const original = new DataError('conflict' as never, 'x');
    expect(toDataError(original)).toBe(original);
    expect(toDataError('boom').kind).toBe('unknown');
    expect(toDataError({ code: 'XX000', message: 'internal' }, 500).kind).toBe('unknown');
    expect(toDataError(null).kind).toBe('unknown');
  });
});
