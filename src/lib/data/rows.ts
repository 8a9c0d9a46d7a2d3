// Narrowing of database rows to the domain's row types. The schema's check
// constraints guarantee the values; this keeps the types honest and turns a
// schema drift into a clear error instead of a silent wrong label.
import type { Tables } from '$lib/domain/database.types';
import { isNodeKind, isRelationKind, isStatus } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';
import { DataError } from './errors';

export function toNodeRow(row: Tables<'nodes'>): NodeRow {
  const { kind, status } = row;
  if (!isNodeKind(kind) || !isStatus(status)) {
    throw new DataError(
      'invalid_data',
      `Node ${row.id} has an unknown kind or status (${kind}, ${status})`
    );
  }
  return { ...row, kind, status };
}

export function toRelationRow(row: Tables<'relations'>): RelationRow {
  const { kind } = row;
  if (!isRelationKind(kind)) {
    throw new DataError('invalid_data', `Relation ${row.id} has an unknown kind (${kind})`);
  }
  return { ...row, kind };
}
