// The writes the editor makes, per table, on top of repository.ts: every update
// and delete carries the version the user saw; restore is an update of deleted_at.
import type { NodeRow, RelationRow } from '$lib/domain/model';
import type { DataClient } from './client';
import { createNode, createRelation, saveNode, saveRelation, softDelete } from './repository';
import { toRelationRow } from './rows';
import { toDataError } from './errors';
import type { InsertResult, SaveResult } from './versioned';

export type EditTable = 'nodes' | 'relations';
export type EditRow = NodeRow | RelationRow;

export interface EditRepo {
  create(table: EditTable, values: Record<string, unknown>): Promise<InsertResult<EditRow>>;
  update(
    table: EditTable,
    id: string,
    patch: Record<string, unknown>,
    baseVersion: number
  ): Promise<SaveResult<EditRow>>;
  softDelete(
    table: EditTable,
    id: string,
    baseVersion: number
  ): Promise<SaveResult<{ id: string; version: number }>>;
  /** Live relations touching a node (to bring back with a restored node). */
  relationsOf(nodeId: string): Promise<RelationRow[]>;
}

export function editRepo(client: DataClient): EditRepo {
  return {
    create: (table, values) =>
      table === 'nodes'
        ? createNode(client, values as Parameters<typeof createNode>[1])
        : createRelation(client, values as Parameters<typeof createRelation>[1]),
    update: (table, id, patch, baseVersion) =>
      table === 'nodes'
        ? saveNode(client, { ...patch, id } as Parameters<typeof saveNode>[1], baseVersion)
        : saveRelation(client, { ...patch, id } as Parameters<typeof saveRelation>[1], baseVersion),
    softDelete: (table, id, baseVersion) => softDelete(client, table, id, baseVersion),
    async relationsOf(nodeId) {
      const response = await client
        .from('relations')
        .select('*')
        .or(`source_id.eq.${nodeId},target_id.eq.${nodeId}`)
        .is('deleted_at', null);
      if (response.error) throw toDataError(response.error, response.status);
      return (response.data ?? []).map(toRelationRow);
    }
  };
}
