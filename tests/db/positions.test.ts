// Stored graph positions (migration 20261204120000_positions): who may read and
// write them, per map visibility and role; a position belongs to a node of the
// same map and goes with it; every change is audited (so live clients hear of it).
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, freshDatabase, sqlError } from '../helpers/db';
import {
  ACTOR_NAMES,
  actorFor,
  createMap,
  createNode,
  createPeople,
  createSharedMap,
  readRow,
  type ActorName,
  type People,
  type Visibility
} from '../helpers/factories';

let db: PGlite;
let people: People;
const maps = {} as Record<Visibility, string>;

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  for (const visibility of ['public', 'link', 'private'] as const) {
    maps[visibility] = await createSharedMap(db, people, visibility);
  }
});
afterAll(async () => {
  await db.close();
});

/** Who may do what: reading follows the map, writing needs an editor (or admin). */
const MAY_READ: Record<Visibility, ActorName[]> = {
  public: ['anon', 'outsider', 'viewer', 'editor', 'admin'],
  link: ['anon', 'outsider', 'viewer', 'editor', 'admin'],
  private: ['viewer', 'editor', 'admin']
};
const MAY_WRITE: ActorName[] = ['editor', 'admin'];

const cells = (['public', 'link', 'private'] as const).flatMap((visibility) =>
  ACTOR_NAMES.map((actor) => ({ visibility, actor }))
);

async function placed(mapId: string): Promise<string> {
  const id = await createNode(db, mapId);
  await db.query(`insert into public.node_positions (id, map_id, x, y) values ($1, $2, 10, 20)`, [
    id,
    mapId
  ]);
  return id;
}

describe.each(cells)('$visibility map · $actor', ({ visibility, actor }) => {
  const mayRead = MAY_READ[visibility].includes(actor);
  const mayWrite = MAY_WRITE.includes(actor);

  it(`reads positions: ${mayRead ? 'yes' : 'no'}`, async () => {
    const id = await placed(maps[visibility]);
    const res = await attempt(
      db,
      actorFor(people, actor),
      `select id, x, y from public.node_positions where id = $1`,
      [id]
    );
    expect(res).toMatchObject({ ok: true, rows: mayRead ? [{ id, x: 10, y: 20 }] : [] });
  });

  it(`places a node: ${mayWrite ? 'yes' : 'no'}`, async () => {
    const mapId = maps[visibility];
    const id = await createNode(db, mapId);
    const res = await attempt(
      db,
      actorFor(people, actor),
      `insert into public.node_positions (id, map_id, x, y) values ($1, $2, 1.5, -2.5) returning id`,
      [id, mapId]
    );
    if (mayWrite) expect(res).toMatchObject({ ok: true, affected: 1 });
    else expect(res).toMatchObject({ ok: false, code: '42501' });
    expect(await readRow(db, 'node_positions', id)).toEqual(
      mayWrite ? expect.objectContaining({ x: 1.5, y: -2.5 }) : undefined
    );
  });

  it(`moves a node: ${mayWrite ? 'yes' : 'no'}`, async () => {
    const id = await placed(maps[visibility]);
    const res = await attempt(
      db,
      actorFor(people, actor),
      `update public.node_positions set x = 99 where id = $1`,
      [id]
    );
    // A denied update or delete changes 0 rows (the policy filters them away).
    expect(res).toMatchObject({ ok: true, affected: mayWrite ? 1 : 0 });
    expect(await readRow(db, 'node_positions', id)).toMatchObject({ x: mayWrite ? 99 : 10 });
  });

  it(`clears a position: ${mayWrite ? 'yes' : 'no'}`, async () => {
    const id = await placed(maps[visibility]);
    const res = await attempt(
      db,
      actorFor(people, actor),
      `delete from public.node_positions where id = $1`,
      [id]
    );
    // A denied update or delete changes 0 rows (the policy filters them away).
    expect(res).toMatchObject({ ok: true, affected: mayWrite ? 1 : 0 });
    expect((await readRow(db, 'node_positions', id)) === undefined).toBe(mayWrite);
  });
});

describe('node_positions rows', () => {
  it('belong to a node of the same map and go with it', async () => {
    const other = await createMap(db);
    const id = await createNode(db, maps.public);
    const wrongMap = await sqlError(() =>
      db.query(`insert into public.node_positions (id, map_id, x, y) values ($1, $2, 0, 0)`, [
        id,
        other
      ])
    );
    expect(wrongMap).toMatchObject({ code: '23503' });
    const node = await placed(maps.public);
    await db.query(`delete from public.nodes where id = $1`, [node]);
    expect(await readRow(db, 'node_positions', node)).toBeUndefined();
  });

  it('are audited with the editor who moved them', async () => {
    const id = await placed(maps.public);
    const editor = actorFor(people, 'editor');
    await attempt(db, editor, `update public.node_positions set y = 5 where id = $1`, [id]);
    const { rows } = await db.query<{
      table_name: string;
      op: string;
      actor: string | null;
      map_id: string;
    }>(`select table_name, op, actor, map_id from public.changes where row_id = $1 order by id`, [
      id
    ]);
    expect(rows.filter((r) => r.table_name === 'node_positions')).toEqual([
      { table_name: 'node_positions', op: 'insert', actor: null, map_id: maps.public },
      { table_name: 'node_positions', op: 'update', actor: people.editor, map_id: maps.public }
    ]);
    expect(await readRow(db, 'node_positions', id)).toMatchObject({
      y: 5,
      updated_by: people.editor
    });
  });

  it('refuse coordinates that are not finite numbers of a sane size', async () => {
    const id = await createNode(db, maps.public);
    for (const x of ['NaN', 'Infinity', '1e9']) {
      const refused = await sqlError(() =>
        db.query(`insert into public.node_positions (id, map_id, x, y) values ($1, $2, $3, 0)`, [
          id,
          maps.public,
          x
        ])
      );
      expect(refused).toMatchObject({ code: '23514', constraint: 'node_positions_finite' });
    }
  });
});
