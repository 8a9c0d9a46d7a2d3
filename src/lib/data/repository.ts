// Loading and saving one map's rows through supabase-js. Reads exclude
// soft-deleted rows; every write is checked against the version the user saw.
import { ascending } from 'd3-array';
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
import { MAX_UUID, NIL_UUID, rangesAfter, type IdRange } from './id-ranges';
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

/**
 * A large table is read in this many lanes side by side after its first page,
 * each a range of the ids: the server works on one page while the browser
 * takes in another (a map of 50 000 relations is 50 pages).
 */
export const LANES = 4;

/** One page: the rows with ids after `after` up to and including `upTo`, in id order. */
export type IdPage<Row> = (
  after: string,
  upTo: string,
  size: number
) => PromiseLike<QueryResponse<Row[]>>;

/**
 * Reads every row of a query in id order: keyset pages, each the rows after
 * the last id of the one before (with an index on (map_id, id) a page costs the
 * same wherever it falls, and rows written meanwhile do not shift the pages as
 * with offsets). When the first page is full, the rest is read in `lanes`
 * ranges of ids side by side.
 */
export async function fetchAllById<Row extends { id: string }>(
  page: IdPage<Row>,
  pageSize = PAGE_SIZE,
  lanes = LANES
): Promise<Row[]> {
  const readRange = async ({ after, upTo }: IdRange, stopAfterFirst = false): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let last = after; ;) {
      const response = await page(last, upTo, pageSize);
      if (response.error) throw toDataError(response.error, response.status);
      const chunk = response.data ?? [];
      rows.push(...chunk);
      if (chunk.length < pageSize || stopAfterFirst) return rows;
      last = chunk[chunk.length - 1]!.id;
    }
  };
  const first = await readRange({ after: NIL_UUID, upTo: MAX_UUID }, true);
  if (first.length < pageSize) return first;
  const rest = await Promise.all(rangesAfter(first.at(-1)!.id, lanes).map((r) => readRange(r)));
  return first.concat(...rest);
}

/** A query of a map's table (supabase-js's filter builder), narrowed and paged by these. */
interface MapQuery<Q> {
  eq(column: 'map_id', value: string): Q;
  is(column: 'deleted_at', value: null): Q;
  gt(column: 'id', value: string): Q;
  lte(column: 'id', value: string): Q;
  order(column: 'id'): Q;
  limit(count: number): Q;
  abortSignal(signal: AbortSignal): Q;
}

/** A query's pages for fetchAllById: its rows with ids after `after` up to `upTo`, in id order. */
function keysetPages<Q extends MapQuery<Q> & PromiseLike<QueryResponse<{ id: string }[]>>>(
  query: () => Q
) {
  return (after: string, upTo: string, size: number): Q =>
    query().gt('id', after).lte('id', upTo).order('id').limit(size);
}

/** Loads a map with its nodes, relations, themes, indicators and graph positions; throws DataError. */
export async function loadMap(
  client: DataClient,
  mapId: string,
  signal?: AbortSignal
): Promise<Dataset> {
  const abortable = signal ?? new AbortController().signal;
  try {
    // Each table: the map's rows (not soft-deleted), in keyset pages.
    const ofMap = <Q extends MapQuery<Q>>(query: Q) =>
      query.eq('map_id', mapId).abortSignal(abortable);
    const live = <Q extends MapQuery<Q>>(query: Q) => ofMap(query).is('deleted_at', null);
    const [mapResponse, nodes, relations, themes, indicators, positions] = await Promise.all([
      client.from('maps').select('*').eq('id', mapId).abortSignal(abortable).maybeSingle(),
      fetchAllById(keysetPages(() => live(client.from('nodes').select('*')))),
      fetchAllById(keysetPages(() => live(client.from('relations').select('*')))),
      fetchAllById(keysetPages(() => live(client.from('themes').select('*')))),
      fetchAllById(keysetPages(() => live(client.from('indicators').select('*')))),
      fetchAllById(keysetPages(() => ofMap(client.from('node_positions').select('*'))))
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
      themes: themes.sort((a, b) => a.sort_order - b.sort_order || ascending(a.key, b.key)),
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
