// Loading and saving one map's rows through supabase-js. Reads exclude
// soft-deleted rows; every write is checked against the version the user saw.
import type {
  Dataset,
  NodeInsert,
  NodePatch,
  NodeRow,
  RelationInsert,
  RelationPatch,
  RelationRow
} from '$lib/domain/model';
import { dropDanglingRelations } from '$lib/domain/integrity';
import type { DataClient } from './client';
import { DataError, toDataError } from './errors';
import { toNodeRow, toRelationRow } from './rows';
import {
  runInsert,
  runVersionedUpdate,
  type InsertResult,
  type QueryResponse,
  type SaveResult
} from './versioned';

/** Hosted Supabase caps a response at 1000 rows by default; larger maps are read in pages. */
export const PAGE_SIZE = 1000;

/** Reads every page of a query ordered by a unique column. */
export async function fetchAllPages<Row>(
  page: (from: number, to: number) => PromiseLike<QueryResponse<Row[]>>,
  pageSize = PAGE_SIZE
): Promise<Row[]> {
  const rows: Row[] = [];
  for (let from = 0; ; from += pageSize) {
    const response = await page(from, from + pageSize - 1);
    if (response.error) throw toDataError(response.error, response.status);
    const chunk = response.data ?? [];
    rows.push(...chunk);
    if (chunk.length < pageSize) return rows;
  }
}

/** Loads a map with its nodes, relations, themes, indicators and graph positions; throws DataError. */
export async function loadMap(
  client: DataClient,
  mapId: string,
  signal?: AbortSignal
): Promise<Dataset> {
  const abortable = signal ?? new AbortController().signal;
  try {
    const [mapResponse, nodes, relations, themes, indicators, positions] = await Promise.all([
      client.from('maps').select('*').eq('id', mapId).abortSignal(abortable).maybeSingle(),
      fetchAllPages((from, to) =>
        client
          .from('nodes')
          .select('*')
          .eq('map_id', mapId)
          .is('deleted_at', null)
          .order('id')
          .range(from, to)
          .abortSignal(abortable)
      ),
      fetchAllPages((from, to) =>
        client
          .from('relations')
          .select('*')
          .eq('map_id', mapId)
          .is('deleted_at', null)
          .order('id')
          .range(from, to)
          .abortSignal(abortable)
      ),
      fetchAllPages((from, to) =>
        client
          .from('themes')
          .select('*')
          .eq('map_id', mapId)
          .is('deleted_at', null)
          .order('sort_order')
          .order('key')
          .range(from, to)
          .abortSignal(abortable)
      ),
      fetchAllPages((from, to) =>
        client
          .from('indicators')
          .select('*')
          .eq('map_id', mapId)
          .is('deleted_at', null)
          .order('id')
          .range(from, to)
          .abortSignal(abortable)
      ),
      fetchAllPages((from, to) =>
        client
          .from('node_positions')
          .select('*')
          .eq('map_id', mapId)
          .order('id')
          .range(from, to)
          .abortSignal(abortable)
      )
    ]);
    signal?.throwIfAborted();
    if (mapResponse.error) throw toDataError(mapResponse.error, mapResponse.status);
    const map = mapResponse.data;
    if (!map || map.deleted_at !== null) {
      throw new DataError('not_found', `Map ${mapId} does not exist or cannot be read`);
    }
    const nodeRows = nodes.map(toNodeRow);
    return {
      map,
      nodes: nodeRows,
      relations: dropDanglingRelations(nodeRows, relations.map(toRelationRow)),
      themes,
      indicators,
      positions
    };
  } catch (error) {
    throw signal?.aborted ? new DataError('aborted', 'Loading was aborted') : toDataError(error);
  }
}

export function saveNode(
  client: DataClient,
  patch: NodePatch,
  baseVersion: number
): Promise<SaveResult<NodeRow>> {
  const { id, ...changes } = patch;
  return runVersionedUpdate({
    baseVersion,
    update: async () => {
      const response = await client
        .from('nodes')
        .update(changes)
        .eq('id', id)
        .eq('version', baseVersion)
        .select();
      return { ...response, data: response.data?.map(toNodeRow) ?? null };
    },
    fetchCurrent: () => fetchNode(client, id)
  });
}

export function saveRelation(
  client: DataClient,
  patch: RelationPatch,
  baseVersion: number
): Promise<SaveResult<RelationRow>> {
  const { id, ...changes } = patch;
  return runVersionedUpdate({
    baseVersion,
    update: async () => {
      const response = await client
        .from('relations')
        .update(changes)
        .eq('id', id)
        .eq('version', baseVersion)
        .select();
      return { ...response, data: response.data?.map(toRelationRow) ?? null };
    },
    fetchCurrent: () => fetchRelation(client, id)
  });
}

export type SoftDeletable = 'nodes' | 'relations' | 'themes';

/** Soft delete: sets deleted_at (restorable by an admin), with the same version check. */
export function softDelete(
  client: DataClient,
  table: SoftDeletable,
  id: string,
  baseVersion: number,
  now: () => Date = () => new Date()
): Promise<SaveResult<{ id: string; version: number; deleted_at: string | null }>> {
  const deleted_at = now().toISOString();
  return runVersionedUpdate({
    baseVersion,
    update: () =>
      client
        .from(table)
        .update({ deleted_at })
        .eq('id', id)
        .eq('version', baseVersion)
        .select('id, version, deleted_at'),
    fetchCurrent: () =>
      client.from(table).select('id, version, deleted_at').eq('id', id).maybeSingle()
  });
}

export function createNode(client: DataClient, node: NodeInsert): Promise<InsertResult<NodeRow>> {
  return runInsert(async () => {
    const response = await client.from('nodes').insert(node).select().single();
    return { ...response, data: response.data ? toNodeRow(response.data) : null };
  });
}

export function createRelation(
  client: DataClient,
  relation: RelationInsert
): Promise<InsertResult<RelationRow>> {
  return runInsert(async () => {
    const response = await client.from('relations').insert(relation).select().single();
    return { ...response, data: response.data ? toRelationRow(response.data) : null };
  });
}

async function fetchNode(client: DataClient, id: string): Promise<QueryResponse<NodeRow>> {
  const response = await client.from('nodes').select('*').eq('id', id).maybeSingle();
  return { ...response, data: response.data ? toNodeRow(response.data) : null };
}

async function fetchRelation(client: DataClient, id: string): Promise<QueryResponse<RelationRow>> {
  const response = await client.from('relations').select('*').eq('id', id).maybeSingle();
  return { ...response, data: response.data ? toRelationRow(response.data) : null };
}
