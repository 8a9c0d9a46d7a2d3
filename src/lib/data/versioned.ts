// Optimistic concurrency: an update only applies to the version the user saw.
// The decision logic is independent of supabase-js so it can be unit-tested.
import { DataError, toDataError } from './errors';

export type SaveResult<Row> =
  | { ok: true; row: Row }
  | { ok: false; reason: 'conflict'; current: Row }
  | { ok: false; reason: 'error'; error: DataError };

export type InsertResult<Row> =
  { ok: true; row: Row } | { ok: false; reason: 'error'; error: DataError };

/** The shape of a supabase-js response that these helpers read. */
export interface QueryResponse<T> {
  data: T | null;
  error: unknown;
  status?: number;
}

export interface VersionedUpdate<Row extends { version: number }> {
  /** The update filtered by id and base version, returning the changed rows. */
  update: () => PromiseLike<QueryResponse<Row[]>>;
  /** Reads the row as it is now (null if it does not exist or cannot be seen). */
  fetchCurrent: () => PromiseLike<QueryResponse<Row>>;
  baseVersion: number;
}

export async function runVersionedUpdate<Row extends { version: number }>(
  op: VersionedUpdate<Row>
): Promise<SaveResult<Row>> {
  try {
    const updated = await op.update();
    if (updated.error) return failure(toDataError(updated.error, updated.status));
    const row = updated.data?.[0];
    if (row) return { ok: true, row };

    // Nothing changed: someone else saved first, the row is gone, or RLS hid it.
    const current = await op.fetchCurrent();
    if (current.error) return failure(toDataError(current.error, current.status));
    if (!current.data) {
      return failure(new DataError('not_found', 'The row does not exist or cannot be read'));
    }
    if (current.data.version === op.baseVersion) {
      // Same version but not updated: the update policy did not let us.
      return failure(new DataError('permission', 'The row is readable but not writable'));
    }
    return { ok: false, reason: 'conflict', current: current.data };
  } catch (error) {
    return failure(toDataError(error));
  }
}

export async function runInsert<Row>(
  insert: () => PromiseLike<QueryResponse<Row>>
): Promise<InsertResult<Row>> {
  try {
    const inserted = await insert();
    if (inserted.error) return failure(toDataError(inserted.error, inserted.status));
    if (!inserted.data) {
      return failure(new DataError('permission', 'The insert returned no row'));
    }
    return { ok: true, row: inserted.data };
  } catch (error) {
    return failure(toDataError(error));
  }
}

function failure(error: DataError): { ok: false; reason: 'error'; error: DataError } {
  return { ok: false, reason: 'error', error };
}
