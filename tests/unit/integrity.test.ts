import { describe, expect, it } from 'vitest';
import { dropDanglingRelations } from '$lib/domain/integrity';
import { makeNode, makeRelation } from './factories';

describe('dropDanglingRelations', () => {
  it('keeps relations between loaded nodes and drops those to missing nodes', () => {
    const [a, b] = [makeNode(), makeNode()];
    const kept = makeRelation({ source_id: a.id, target_id: b.id });
    const toDeleted = makeRelation({ source_id: a.id, target_id: 'gone' });
    const fromDeleted = makeRelation({ source_id: 'gone', target_id: b.id });
    expect(dropDanglingRelations([a, b], [kept, toDeleted, fromDeleted])).toEqual([kept]);
  });
});
