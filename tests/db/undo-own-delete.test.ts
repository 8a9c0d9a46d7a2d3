// Undo of one's own delete: the editor who soft-deleted an item may restore it;
// restoring someone else's delete stays admin-only (deleted_by records who).
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, createUser, freshDatabase, type Actor } from '../helpers/db';
import {
  addMember,
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  readRow,
  unique,
  type People
} from '../helpers/factories';

let db: PGlite;
let people: People;
let otherEditor: string;
let mapId: string;

const user = (sub: string): Actor => ({ role: 'authenticated', sub });
const softDelete = (table: string) => `update public.${table} set deleted_at = now() where id = $1`;
const restore = (table: string) => `update public.${table} set deleted_at = null where id = $1`;
const affected = (n: number) => expect.objectContaining({ ok: true, affected: n });

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  otherEditor = await createUser(db, `${unique('editor2')}@example.se`);
  mapId = await createSharedMap(db, people, 'private');
  await addMember(db, mapId, otherEditor, 'editor');
});
afterAll(async () => {
  await db.close();
});

describe('restoring a soft-deleted item', () => {
  it.each(['nodes', 'relations'])('the deleter may restore their own delete (%s)', async (t) => {
    const id =
      t === 'nodes'
        ? await createNode(db, mapId)
        : await createRelation(db, mapId, await createNode(db, mapId), await createNode(db, mapId));
    expect(await attempt(db, user(people.editor), softDelete(t), [id])).toEqual(affected(1));
    expect(await readRow(db, t, id)).toMatchObject({ deleted_by: people.editor });

    // Another editor may not restore it …
    expect(await attempt(db, user(otherEditor), restore(t), [id])).toEqual({
      ok: false,
      code: '42501',
      message: 'only a map admin can restore a deleted item'
    });
    // … the deleter may, and the mark is cleared.
    expect(await attempt(db, user(people.editor), restore(t), [id])).toEqual(affected(1));
    expect(await readRow(db, t, id)).toMatchObject({ deleted_at: null, deleted_by: null });
  });

  it('keeps the deleter when a deleted item is edited, and an admin restores anything', async () => {
    const id = await createNode(db, mapId);
    await attempt(db, user(otherEditor), softDelete('nodes'), [id]);
    // Someone else editing the deleted row does not make them its deleter.
    await attempt(db, user(people.editor), `update public.nodes set title = 'X' where id = $1`, [
      id
    ]);
    expect(await readRow(db, 'nodes', id)).toMatchObject({ deleted_by: otherEditor });
    expect(await attempt(db, user(people.editor), restore('nodes'), [id])).toMatchObject({
      ok: false,
      code: '42501'
    });
    expect(await attempt(db, user(people.admin), restore('nodes'), [id])).toEqual(affected(1));
  });

  it('a user cannot make themselves the deleter by writing deleted_by', async () => {
    const id = await createNode(db, mapId);
    await attempt(db, user(otherEditor), softDelete('nodes'), [id]);
    const forge = `update public.nodes set deleted_by = $2 where id = $1`;
    await attempt(db, user(people.editor), forge, [id, people.editor]);
    expect(await readRow(db, 'nodes', id)).toMatchObject({ deleted_by: otherEditor });
    expect(await attempt(db, user(people.viewer), restore('nodes'), [id])).toEqual(affected(0));
  });
});
