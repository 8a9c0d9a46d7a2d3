// Writes an import plan in one database transaction — everything is written or
// nothing is: one RPC call (public.import_items), or for a large import its parts
// sent one by one (import_parts) and then written at once (public.import_staged).
import type { DataClient } from '$lib/data/client';
import type { Json } from '$lib/domain/database.types';
import { DataError, toDataError } from '$lib/data/errors';
import type { MessageKey } from '$lib/i18n/sv';
import type { ImportPayload, ImportPlan } from './plan';
import type { ProgressCallback } from './types';

export interface ImportResult {
  themes: number;
  nodes: number;
  updated: number;
  relations: number;
  /** Existing relations given new values (a flow imported again). */
  relations_updated?: number;
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

/** The tables of a payload in the order import_items writes them. */
const TABLES = [
  'themes',
  'nodes',
  'updates',
  'relations',
  'relation_updates',
  'indicators'
] as const;
type Table = (typeof TABLES)[number];

/** The payload as sent: every table's items, and the map's title when restoring. */
export type WirePayload = { map?: ImportPayload['map'] } & Record<Table, object[]>;

/** A slice of a wire payload; the parts in order join to the whole. */
export type WirePart = { map?: ImportPayload['map'] } & Partial<Record<Table, object[]>>;

/**
 * The payload as sent: empty values (null, '', []) of new rows are left out, since
 * import_items fills in the same defaults; merges are sent as they are. Roughly
 * halves the request for typical spreadsheets.
 */
export function wirePayload(payload: ImportPayload): WirePayload {
  return {
    ...(payload.map ? { map: payload.map } : {}),
    themes: payload.themes.map(compact),
    nodes: payload.nodes.map(compact),
    updates: payload.updates,
    relations: payload.relations.map(compact),
    relation_updates: payload.relation_updates,
    indicators: payload.indicators.map(compact)
  };
}

/** A part as the database's JSON type (its items are plain JSON values). */
const asJson = (part: WirePart) => part as unknown as NonNullable<Json>;

/** Items per part when a large import is sent in parts (one request each, ~0.3 MB). */
export const PART_ITEMS = 2000;

/**
 * Cuts a wire payload into parts of at most `size` items, tables in the order
 * import_items writes them; the map's title travels in the first part. A payload
 * of at most `size` items is one part.
 */
export function splitPayload(wire: WirePayload, size = PART_ITEMS): WirePart[] {
  const parts: WirePart[] = [wire.map ? { map: wire.map } : {}];
  let count = 0;
  for (const table of TABLES) {
    for (const item of wire[table]) {
      if (count === size) {
        parts.push({});
        count = 0;
      }
      (parts[parts.length - 1]![table] ??= []).push(item);
      count++;
    }
  }
  return parts;
}

/** How many items a payload writes (the map's title not counted). */
export function payloadRows(payload: ImportPayload): number {
  return TABLES.reduce((sum, table) => sum + payload[table].length, 0);
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

function failure(error: DataError): ApplyResult {
  return { ok: false, error, messageKey: applyErrorMessage(error) };
}

export interface ApplyOptions {
  /** Items per part (default PART_ITEMS). */
  partItems?: number;
  /** The clock for WaitProgress.since (tests). */
  now?: () => number;
  /** The id of a staged import (tests; default a random UUID). */
  importId?: string;
}

/**
 * Sends the parts of a large import to import_parts, one request each, reporting
 * real progress; removes them again if one fails.
 */
async function stageParts(
  client: DataClient,
  mapId: string,
  importId: string,
  parts: WirePart[],
  onProgress?: ProgressCallback
): Promise<DataError | null> {
  onProgress?.({ phase: 'sending', done: 0, total: parts.length });
  for (const [part, payload] of parts.entries()) {
    const { error, status } = await client
      .from('import_parts')
      .insert({ import_id: importId, part, map_id: mapId, payload: asJson(payload) });
    if (error) return toDataError(error, status);
    onProgress?.({ phase: 'sending', done: part + 1, total: parts.length });
  }
  return null;
}

/** Removes what was staged for an import that did not go through (best effort). */
async function discardParts(client: DataClient, importId: string): Promise<void> {
  try {
    await client.from('import_parts').delete().eq('import_id', importId);
  } catch {
    // left behind: import_staged removes a user's parts older than a day
  }
}

/**
 * Writes an import plan in one transaction. A plan of at most `partItems` items is
 * one call of import_items. A larger one is first sent in parts (phase 'sending',
 * with real progress), then import_staged writes all of it at once (phase
 * 'writing': its progress cannot be known, only how long it has taken). Either
 * way everything is written or nothing is.
 */
export async function applyImport(
  client: DataClient,
  mapId: string,
  plan: ImportPlan,
  onProgress?: ProgressCallback,
  options: ApplyOptions = {}
): Promise<ApplyResult> {
  if (plan.blocked) {
    const error = new DataError('invalid_data', 'The import plan has errors; nothing was sent');
    return { ok: false, error, messageKey: 'io.apply.blocked' };
  }
  const now = options.now ?? Date.now;
  const parts = splitPayload(wirePayload(plan.payload), options.partItems ?? PART_ITEMS);
  const staged = parts.length > 1 ? (options.importId ?? crypto.randomUUID()) : null;
  try {
    if (staged) {
      const error = await stageParts(client, mapId, staged, parts, onProgress);
      if (error) {
        await discardParts(client, staged);
        return failure(error);
      }
    }
    onProgress?.({ phase: 'writing', rows: payloadRows(plan.payload), since: now() });
    const { data, error, status } = staged
      ? await client.rpc('import_staged', {
          p_map_id: mapId,
          p_import_id: staged,
          p_parts: parts.length
        })
      : await client.rpc('import_items', { p_map_id: mapId, p_payload: asJson(parts[0]!) });
    if (error) {
      if (staged) await discardParts(client, staged);
      return failure(toDataError(error, status));
    }
    if (!isImportResult(data)) {
      const dataError = new DataError('invalid_data', 'import_items returned an unexpected value');
      return { ok: false, error: dataError, messageKey: 'io.apply.failed' };
    }
    return { ok: true, result: data };
  } catch (caught) {
    if (staged) await discardParts(client, staged);
    return failure(toDataError(caught));
  }
}
