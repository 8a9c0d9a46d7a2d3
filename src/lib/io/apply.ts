// Writes an import plan: one RPC call (public.import_items), which is one
// database transaction — everything is written or nothing is.
import type { DataClient } from '$lib/data/client';
import type { Json } from '$lib/data/database.types';
import { DataError, toDataError } from '$lib/data/errors';
import type { MessageKey } from '$lib/i18n/sv';
import type { ImportPayload, ImportPlan } from './plan';
import type { ProgressCallback } from './types';

export interface ImportResult {
  themes: number;
  nodes: number;
  updated: number;
  relations: number;
  indicators: number;
  /** Temporary key of each new node → its new id. */
  node_ids: Record<string, string>;
}

export type ApplyResult =
  { ok: true; result: ImportResult } | { ok: false; error: DataError; messageKey: MessageKey };

/** The message for a failed import; the map is unchanged in every case. */
export function applyErrorMessage(error: DataError): MessageKey {
  if (error.code === '40001') return 'io.apply.conflict';
  if (error.kind === 'permission' || error.kind === 'auth') return 'io.apply.permission';
  if (error.kind === 'foreign_key') return 'io.apply.reference';
  if (error.kind === 'unique') return 'io.apply.unique';
  if (error.kind === 'check') return 'io.apply.check';
  if (error.kind === 'network' || error.kind === 'unavailable') return 'io.apply.network';
  return 'io.apply.failed';
}

const isEmpty = (value: unknown) =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);

function compact<T extends object>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => !isEmpty(v))) as Partial<T>;
}

/**
 * The payload as sent: empty values (null, '', []) of new rows are left out, since
 * import_items fills in the same defaults; merges are sent as they are. Roughly
 * halves the request for typical spreadsheets.
 */
export function wirePayload(payload: ImportPayload): Json {
  const wire = {
    ...(payload.map ? { map: payload.map } : {}),
    themes: payload.themes.map(compact),
    nodes: payload.nodes.map(compact),
    updates: payload.updates,
    relations: payload.relations.map(compact),
    indicators: payload.indicators.map(compact)
  };
  return wire as unknown as Json;
}

function isImportResult(value: unknown): value is ImportResult {
  const v = value as Partial<ImportResult> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.nodes === 'number' &&
    typeof v.relations === 'number' &&
    typeof v.node_ids === 'object'
  );
}

export async function applyImport(
  client: DataClient,
  mapId: string,
  plan: ImportPlan,
  onProgress?: ProgressCallback
): Promise<ApplyResult> {
  if (plan.blocked) {
    const error = new DataError('invalid_data', 'The import plan has errors; nothing was sent');
    return { ok: false, error, messageKey: 'io.apply.blocked' };
  }
  const total =
    plan.payload.themes.length +
    plan.payload.nodes.length +
    plan.payload.updates.length +
    plan.payload.relations.length +
    plan.payload.indicators.length;
  onProgress?.({ phase: 'saving', done: 0, total });
  try {
    const { data, error, status } = await client.rpc('import_items', {
      p_map_id: mapId,
      p_payload: wirePayload(plan.payload)
    });
    if (error) {
      const dataError = toDataError(error, status);
      return { ok: false, error: dataError, messageKey: applyErrorMessage(dataError) };
    }
    if (!isImportResult(data)) {
      const dataError = new DataError('invalid_data', 'import_items returned an unexpected value');
      return { ok: false, error: dataError, messageKey: 'io.apply.failed' };
    }
    onProgress?.({ phase: 'done', done: total, total });
    return { ok: true, result: data };
  } catch (caught) {
    const dataError = toDataError(caught);
    return { ok: false, error: dataError, messageKey: applyErrorMessage(dataError) };
  }
}
