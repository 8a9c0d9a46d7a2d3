// "Last verified" (verified_at, verified_by) on nodes and relations: an editor
// sets it, the verifier is always the signed-in user, the version is bumped and
// the audit log records the change with its actor. Viewers cannot set it.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, freshDatabase } from '../helpers/db';
import {
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  type People,
  type Row
} from '../helpers/factories';

let db: PGlite;
let people: People;
let mapId: string;

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  mapId = await createSharedMap(db, people, 'private');
});
afterAll(async () => {
  await db.close();
});

const WHEN = '2026-11-22T10:15:00.000Z';

async function verify(table: string, id: string, sub: string, verifiedBy: string | null) {
  return asRole(db, 'authenticated', sub, async (tx) => {
    const res = await tx.query<Row>(
      `update public.${table} set verified_at = $1, verified_by = $2 where id = $3 returning *`,
      [WHEN, verifiedBy, id]
    );
    return res.rows;
  });
}

async function lastChange(table: string, id: string) {
  const res = await db.query<{ op: string; actor: string; before: Row; after: Row }>(
    `select op, actor, before, after from public.changes
     where table_name = $1 and row_id = $2 order by id desc limit 1`,
    [table, id]
  );
  return res.rows[0];
}

describe.each(['nodes', 'relations'])('%s', (table) => {
  const create = async () =>
    table === 'nodes'
      ? createNode(db, mapId)
      : createRelation(db, mapId, await createNode(db, mapId), await createNode(db, mapId));

  it('starts unverified', async () => {
    const id = await create();
    const res = await db.query<Row>(
      `select verified_at, verified_by from public.${table} where id = $1`,
      [id]
    );
    expect(res.rows[0]).toEqual({ verified_at: null, verified_by: null });
  });

  it('an editor sets it; the verifier is the editor, the version bumps and the audit records it', async () => {
    const id = await create();
    const rows = await verify(table, id, people.editor, null);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.verified_at as string).toISOString()).toBe(WHEN);
    expect(rows[0]!.verified_by).toBe(people.editor);
    expect(rows[0]!.version).toBe(2);

    const change = await lastChange(table, id);
    expect(change?.op).toBe('update');
    expect(change?.actor).toBe(people.editor);
    expect(change?.before.verified_at).toBeNull();
    expect(new Date(change?.after.verified_at as string).toISOString()).toBe(WHEN);
    expect(change?.after.verified_by).toBe(people.editor);
  });

  it('cannot name someone else as the verifier', async () => {
    const id = await create();
    const rows = await verify(table, id, people.editor, people.admin);
    expect(rows[0]!.verified_by).toBe(people.editor);
  });

  it('other edits keep the verifier; clearing verified_at clears it', async () => {
    const id = await create();
    await verify(table, id, people.editor, null);
    const column = table === 'nodes' ? 'description' : 'note';
    const kept = await asRole(db, 'authenticated', people.admin, async (tx) =>
      tx.query<Row>(
        `update public.${table} set ${column} = 'x', verified_by = $2 where id = $1 returning verified_by`,
        [id, people.admin]
      )
    );
    expect(kept.rows[0]!.verified_by).toBe(people.editor);
    const cleared = await asRole(db, 'authenticated', people.editor, async (tx) =>
      tx.query<Row>(
        `update public.${table} set verified_at = null where id = $1 returning verified_by`,
        [id]
      )
    );
    expect(cleared.rows[0]!.verified_by).toBeNull();
  });

  it('a viewer cannot set it', async () => {
    const id = await create();
    const rows = await verify(table, id, people.viewer, null);
    expect(rows).toHaveLength(0);
    const res = await db.query<Row>(`select verified_at from public.${table} where id = $1`, [id]);
    expect(res.rows[0]!.verified_at).toBeNull();
  });
});
