import { describe, expect, it } from 'vitest';
import { runInsert, runVersionedUpdate, type QueryResponse } from '$lib/data/versioned';

type Row = { id: string; version: number; title: string };
const row = (version: number, title = 'TABB'): Row => ({ id: 'n1', version, title });
const ok = <T>(data: T | null): QueryResponse<T> => ({ data, error: null, status: 200 });
const fail = (code: string, status = 400): QueryResponse<never> => ({
  data: null,
  error: { code, message: 'raw', details: null, hint: null },
  status
});

describe('runVersionedUpdate', () => {
  it('returns the updated row when the version matched', async () => {
    const result = await runVersionedUpdate({
      baseVersion: 1,
      update: async () => ok([row(2, 'new')]),
      fetchCurrent: async () => {
        throw new Error('must not be called');
      }
    });
    expect(result).toEqual({ ok: true, row: row(2, 'new') });
  });

  it('reports a conflict with the current row when someone saved first', async () => {
    const result = await runVersionedUpdate({
      baseVersion: 1,
      update: async () => ok([]),
      fetchCurrent: async () => ok(row(3, 'theirs'))
    });
    expect(result).toEqual({ ok: false, reason: 'conflict', current: row(3, 'theirs') });
  });

  it('reports not found when the row is gone or unreadable', async () => {
    const result = await runVersionedUpdate<Row>({
      baseVersion: 1,
      update: async () => ok([]),
      fetchCurrent: async () => ok<Row>(null)
    });
    expect(result).toMatchObject({ ok: false, reason: 'error', error: { kind: 'not_found' } });
  });

  it('reports a permission error (not a conflict) when the row is unchanged but was not updated', async () => {
    const result = await runVersionedUpdate({
      baseVersion: 4,
      update: async () => ok([]),
      fetchCurrent: async () => ok(row(4))
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'error',
      error: { kind: 'permission', messageKey: 'error.permission' }
    });
  });

  it('maps database errors of the update', async () => {
    const result = await runVersionedUpdate<Row>({
      baseVersion: 1,
      update: async () => fail('23514'),
      fetchCurrent: async () => ok(row(1))
    });
    expect(result).toMatchObject({ ok: false, reason: 'error', error: { kind: 'check' } });
  });

  it('maps errors of the follow-up read and thrown errors', async () => {
    const readFailed = await runVersionedUpdate<Row>({
      baseVersion: 1,
      update: async () => ok([]),
      fetchCurrent: async () => fail('', 0)
    });
    expect(readFailed).toMatchObject({ ok: false, error: { kind: 'network' } });

    const thrown = await runVersionedUpdate<Row>({
      baseVersion: 1,
      update: async () => {
        throw new TypeError('Failed to fetch');
      },
      fetchCurrent: async () => ok(row(1))
    });
    expect(thrown).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});

describe('runInsert', () => {
  it('returns the inserted row', async () => {
    expect(await runInsert(async () => ok(row(1)))).toEqual({ ok: true, row: row(1) });
  });

  it('maps errors', async () => {
    expect(await runInsert(async () => fail('23505', 409))).toMatchObject({
      ok: false,
      reason: 'error',
      error: { kind: 'unique', messageKey: 'error.unique' }
    });
    expect(await runInsert(async () => fail('42501', 403))).toMatchObject({
      ok: false,
      error: { kind: 'permission' }
    });
  });
});
