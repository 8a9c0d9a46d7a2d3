// A large import is sent in parts (import_parts) and written by import_staged in
// one transaction. Only editors of the map may stage; each user sees, uses and
// removes only their own parts; a missing part or a bad row writes nothing.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attempt, createUser, freshDatabase, type Actor } from '../helpers/db';
import {
  actorFor,
  addMember,
  createPeople,
  createSharedMap,
  unique,
  type People
} from '../helpers/factories';

let db: PGlite;
let people: People;
let otherEditor: string;
let mapId: string;

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  otherEditor = await createUser(db, `${unique('editor2')}@example.se`);
});

beforeEach(async () => {
  mapId = await createSharedMap(db, people, 'public');
  await addMember(db, mapId, otherEditor, 'editor');
});

const editor = () => actorFor(people, 'editor');
const other = (): Actor => ({ role: 'authenticated', sub: otherEditor });

const node = (key: string) => ({ key, kind: 'network', title: `Nätverk ${key}` });
const relation = (from: string, to: string) => ({
  source_key: from,
  target_key: to,
  kind: 'collaborates_with'
});

/** Three parts: two nodes, one node + a relation, a relation. */
function parts() {
  return [
    { nodes: [node('a'), node('b')] },
    { nodes: [node('c')], relations: [relation('a', 'b')] },
    { relations: [relation('b', 'c')] }
  ];
}

function stage(actor: Actor, importId: string, part: number, payload: unknown, map = mapId) {
  return attempt(
    db,
    actor,
    `insert into import_parts (import_id, part, map_id, payload) values ($1, $2, $3, $4::jsonb)`,
    [importId, part, map, JSON.stringify(payload)]
  );
}

async function stageAll(actor: Actor, payloads: unknown[]) {
  const importId = crypto.randomUUID();
  for (const [i, payload] of payloads.entries()) {
    expect(await stage(actor, importId, i, payload)).toMatchObject({ ok: true });
  }
  return importId;
}

function commit(actor: Actor, importId: string, n: number) {
  return attempt(db, actor, `select public.import_staged($1, $2, $3) as result`, [
    mapId,
    importId,
    n
  ]);
}

async function counts() {
  const res = await db.query<{ n: number; r: number; c: number; p: number }>(
    `select (select count(*)::int from nodes where map_id = $1) n,
            (select count(*)::int from relations where map_id = $1) r,
            (select count(*)::int from changes where map_id = $1) c,
            (select count(*)::int from import_parts where map_id = $1) p`,
    [mapId]
  );
  return res.rows[0]!;
}

describe('import_staged', () => {
  it('writes all parts in one go, in order, with an audit row each, and removes the parts', async () => {
    const importId = await stageAll(editor(), parts());
    const before = await counts();
    expect(before.p).toBe(3);
    const outcome = await commit(editor(), importId, 3);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.rows[0]!.result).toMatchObject({ nodes: 3, relations: 2, updated: 0 });
    const after = await counts();
    expect(after).toEqual({ n: before.n + 3, r: before.r + 2, c: before.c + 5, p: 0 });
    // The relation in part 3 joined a node of part 1 with one of part 2.
    const ends = await db.query<{ source: string; target: string }>(
      `select s.title as source, t.title as target from relations r
       join nodes s on s.id = r.source_id join nodes t on t.id = r.target_id
       where r.map_id = $1 order by s.title`,
      [mapId]
    );
    expect(ends.rows).toEqual([
      { source: 'Nätverk a', target: 'Nätverk b' },
      { source: 'Nätverk b', target: 'Nätverk c' }
    ]);
  });

  it('writes nothing when a part is missing', async () => {
    const importId = await stageAll(editor(), parts().slice(0, 2));
    const before = await counts();
    expect(await commit(editor(), importId, 3)).toMatchObject({ ok: false, code: '22023' });
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when a row of the last part is bad, and keeps the parts for a retry', async () => {
    const bad = parts();
    bad[2] = { relations: [relation('b', 'c'), relation('c', 'finns-inte')] };
    const importId = await stageAll(editor(), bad);
    const before = await counts();
    expect(await commit(editor(), importId, 3)).toMatchObject({ ok: false, code: '23503' });
    expect(await counts()).toEqual(before);
  });

  it('carries the map title of the first part to import_items (admins only)', async () => {
    const admin = actorFor(people, 'admin');
    const importId = await stageAll(admin, [
      { map: { title: 'Återställd', description: '', source: null }, nodes: [node('x')] },
      { nodes: [node('y')] }
    ]);
    expect(await commit(admin, importId, 2)).toMatchObject({ ok: true });
    const map = await db.query<{ title: string }>(`select title from maps where id = $1`, [mapId]);
    expect(map.rows[0]!.title).toBe('Återställd');
  });

  it('uses only the caller’s own parts: another editor can neither see, use nor remove them', async () => {
    const importId = await stageAll(editor(), parts());
    const seen = await attempt(db, other(), `select * from import_parts where import_id = $1`, [
      importId
    ]);
    expect(seen).toMatchObject({ ok: true, rows: [] });
    const removed = await attempt(db, other(), `delete from import_parts where import_id = $1`, [
      importId
    ]);
    expect(removed).toMatchObject({ ok: true, affected: 0 });
    const before = await counts();
    expect(await commit(other(), importId, 3)).toMatchObject({ ok: false, code: '22023' });
    expect(await counts()).toEqual(before);
    // Nor can anyone stage a part in someone else's name.
    const forged = await attempt(
      db,
      other(),
      `insert into import_parts (import_id, part, map_id, payload, created_by)
       values ($1, 9, $2, '{}'::jsonb, $3)`,
      [importId, mapId, people.editor]
    );
    expect(forged).toMatchObject({ ok: false, code: '42501' });
  });

  it.each(['viewer', 'outsider'] as const)('%s may not stage or write', async (name) => {
    const importId = crypto.randomUUID();
    expect(await stage(actorFor(people, name), importId, 0, parts()[0])).toMatchObject({
      ok: false,
      code: '42501'
    });
    expect(await commit(actorFor(people, name), importId, 1)).toMatchObject({
      ok: false,
      code: '42501'
    });
  });

  it('anon cannot stage or call it', async () => {
    const anon: Actor = { role: 'anon', sub: null };
    const importId = crypto.randomUUID();
    const staged = await stage(anon, importId, 0, parts()[0]);
    expect(staged).toMatchObject({ ok: false, code: '42501' });
    expect(staged.ok ? '' : staged.message).toMatch(/permission denied/);
    expect(await commit(anon, importId, 1)).toMatchObject({ ok: false, code: '42501' });
  });

  it('parts cannot be changed once sent', async () => {
    const importId = await stageAll(editor(), parts().slice(0, 1));
    const changed = await attempt(
      db,
      editor(),
      `update import_parts set payload = '{}'::jsonb where import_id = $1`,
      [importId]
    );
    expect(changed).toMatchObject({ ok: false, code: '42501' });
  });

  it("removes the caller's parts older than a day when writing", async () => {
    const old = await stageAll(editor(), parts().slice(0, 1));
    await db.query(
      `update import_parts set created_at = now() - interval '2 days' where import_id = $1`,
      [old]
    );
    const fresh = await stageAll(editor(), parts().slice(0, 1));
    expect(await commit(editor(), fresh, 1)).toMatchObject({ ok: true });
    expect((await counts()).p).toBe(0);
  });
});
