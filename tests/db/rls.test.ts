// The row level security matrix: who may read and write what, per map visibility.
// Each table below is the specification; every cell is one test. A denied read
// returns no rows, a denied insert fails with an RLS violation, and a denied
// update or delete silently changes 0 rows (Postgres filters the rows away).
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, createUser, freshDatabase, type Actor, type Outcome } from '../helpers/db';
import {
  actorFor,
  addMember,
  createIndicator,
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  createTheme,
  readRow,
  unique,
  type ActorName,
  type People,
  type Visibility
} from '../helpers/factories';

interface Cell {
  visibility: Visibility;
  actor: string;
  op: string;
  allowed: boolean;
  expected: 'allowed' | 'denied';
}

/** Parses a whitespace-aligned yes/no table into one cell per actor × operation. */
function matrix(text: string): Cell[] {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const ops = header!.slice(2);
  return lines.flatMap(([visibility, actor, ...answers]) => {
    expect(answers).toHaveLength(ops.length);
    return ops.map((op, i) => ({
      visibility: visibility as Visibility,
      actor: actor!,
      op,
      allowed: answers[i] === 'yes',
      expected: answers[i] === 'yes' ? ('allowed' as const) : ('denied' as const)
    }));
  });
}

const CELL = '$visibility map · $actor · $op → $expected';

const rlsViolation = (table: string) =>
  expect.objectContaining({
    ok: false,
    code: '42501',
    message: `new row violates row-level security policy for table "${table}"`
  });
const permissionDenied = (table: string) =>
  expect.objectContaining({
    ok: false,
    code: '42501',
    message: `permission denied for table ${table}`
  });
const changed = (n: number) => expect.objectContaining({ ok: true, affected: n });

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

// ---------------------------------------------------------------------------
// Map content: nodes, relations, themes, indicators share one policy set.
// ---------------------------------------------------------------------------

const CONTENT_MATRIX = matrix(`
  visibility  actor     read  insert  update  soft-delete  hard-delete
  public      anon      yes   no      no      no           no
  public      outsider  yes   no      no      no           no
  public      viewer    yes   no      no      no           no
  public      editor    yes   yes     yes     yes          no
  public      admin     yes   yes     yes     yes          yes
  link        anon      yes   no      no      no           no
  link        outsider  yes   no      no      no           no
  link        viewer    yes   no      no      no           no
  link        editor    yes   yes     yes     yes          no
  link        admin     yes   yes     yes     yes          yes
  private     anon      no    no      no      no           no
  private     outsider  no    no      no      no           no
  private     viewer    yes   no      no      no           no
  private     editor    yes   yes     yes     yes          no
  private     admin     yes   yes     yes     yes          yes
`);

interface ContentTable {
  table: 'nodes' | 'relations' | 'themes' | 'indicators';
  /** Creates the row the test acts on; returns its id and the parameters for insertSql. */
  setup(mapId: string): Promise<{ id: string; insertParams: unknown[] }>;
  insertSql: string;
  column: string;
}

const CONTENT_TABLES: ContentTable[] = [
  {
    table: 'nodes',
    setup: async (mapId) => ({ id: await createNode(db, mapId), insertParams: [mapId] }),
    insertSql: `insert into public.nodes (map_id, kind, title) values ($1, 'project', 'Ny nod') returning id`,
    column: 'title'
  },
  {
    table: 'relations',
    setup: async (mapId) => {
      const a = await createNode(db, mapId);
      const b = await createNode(db, mapId);
      return { id: await createRelation(db, mapId, a, b), insertParams: [mapId, a, b] };
    },
    insertSql: `insert into public.relations (map_id, source_id, target_id, kind)
                values ($1, $2, $3, 'funds') returning id`,
    column: 'note'
  },
  {
    table: 'themes',
    setup: async (mapId) => ({
      id: await createTheme(db, mapId),
      insertParams: [mapId, unique('ny')]
    }),
    insertSql: `insert into public.themes (map_id, key, label_sv, label_en, color)
                values ($1, $2, 'Ny', 'New', '#112233') returning id`,
    column: 'label_sv'
  },
  {
    table: 'indicators',
    setup: async (mapId) => ({
      id: await createIndicator(db, mapId),
      insertParams: [mapId, unique('ny')]
    }),
    insertSql: `insert into public.indicators (map_id, municipality_code, key, label_sv, label_en, year, value, source)
                values ($1, '1814', $2, 'Ny', 'New', '2023', 7, 'SCB') returning id`,
    column: 'label_sv'
  }
];

describe.each(CONTENT_TABLES)('$table', (spec) => {
  it.each(CONTENT_MATRIX)(CELL, async (cell) => {
    const mapId = maps[cell.visibility];
    const actor = actorFor(people, cell.actor as ActorName);
    const { id, insertParams } = await spec.setup(mapId);
    const before = await readRow(db, spec.table, id);
    const t = spec.table;

    switch (cell.op) {
      case 'read': {
        const res = await attempt(db, actor, `select id from public.${t} where id = $1`, [id]);
        expect(res).toMatchObject({ ok: true, rows: cell.allowed ? [{ id }] : [] });
        break;
      }
      case 'insert': {
        const res = await attempt(db, actor, spec.insertSql, insertParams);
        if (cell.allowed) {
          expect(res).toMatchObject({ ok: true, affected: 1 });
          const newId = (res as Extract<Outcome, { ok: true }>).rows[0]!.id as string;
          expect(await readRow(db, t, newId)).toMatchObject({ map_id: mapId });
        } else {
          expect(res).toEqual(rlsViolation(t));
        }
        break;
      }
      case 'update': {
        const sql = `update public.${t} set ${spec.column} = 'Ändrad' where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        expect(await readRow(db, t, id)).toMatchObject(
          cell.allowed
            ? { [spec.column]: 'Ändrad', version: 2 }
            : { [spec.column]: before![spec.column], version: 1 }
        );
        break;
      }
      case 'soft-delete': {
        const sql = `update public.${t} set deleted_at = now() where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        const after = await readRow(db, t, id);
        expect(after!.deleted_at === null).toBe(!cell.allowed);
        break;
      }
      case 'hard-delete': {
        const sql = `delete from public.${t} where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        expect(await readRow(db, t, id)).toEqual(cell.allowed ? undefined : before);
        break;
      }
      default:
        throw new Error(`unknown operation ${cell.op}`);
    }
  });
});

describe('restoring a soft-deleted node', () => {
  it.each(['private', 'public'] as const)(
    'is refused for an editor and allowed for an admin (%s map)',
    async (visibility) => {
      const mapId = maps[visibility];
      const id = await createNode(db, mapId, { deleted_at: new Date().toISOString() });
      const restore = `update public.nodes set deleted_at = null where id = $1`;

      expect(await attempt(db, actorFor(people, 'editor'), restore, [id])).toEqual({
        ok: false,
        code: '42501',
        message: 'only a map admin can restore a deleted item'
      });
      expect((await readRow(db, 'nodes', id))!.deleted_at).not.toBeNull();

      // A viewer cannot even reach the row.
      expect(await attempt(db, actorFor(people, 'viewer'), restore, [id])).toEqual(changed(0));

      expect(await attempt(db, actorFor(people, 'admin'), restore, [id])).toEqual(changed(1));
      expect((await readRow(db, 'nodes', id))!.deleted_at).toBeNull();
    }
  );

  it('an editor may still soft-delete and edit a deleted node without restoring it', async () => {
    const id = await createNode(db, maps.private);
    const editor = actorFor(people, 'editor');
    await attempt(db, editor, `update public.nodes set deleted_at = now() where id = $1`, [id]);
    expect(
      await attempt(db, editor, `update public.nodes set title = 'Efter' where id = $1`, [id])
    ).toEqual(changed(1));
    expect(await readRow(db, 'nodes', id)).toMatchObject({ title: 'Efter', version: 3 });
    expect((await readRow(db, 'nodes', id))!.deleted_at).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Maps: anyone signed in creates; readers read; only admins change or delete.
// ---------------------------------------------------------------------------

const MAPS_MATRIX = matrix(`
  visibility  actor     read  update  soft-delete  hard-delete
  public      anon      yes   no      no           no
  public      outsider  yes   no      no           no
  public      viewer    yes   no      no           no
  public      editor    yes   no      no           no
  public      admin     yes   yes     yes          yes
  link        anon      yes   no      no           no
  link        outsider  yes   no      no           no
  link        admin     yes   yes     yes          yes
  private     anon      no    no      no           no
  private     outsider  no    no      no           no
  private     viewer    yes   no      no           no
  private     editor    yes   no      no           no
  private     admin     yes   yes     yes          yes
`);

describe('maps', () => {
  it.each(MAPS_MATRIX)(CELL, async (cell) => {
    const id = await createSharedMap(db, people, cell.visibility);
    const actor = actorFor(people, cell.actor as ActorName);
    const before = await readRow(db, 'maps', id);

    switch (cell.op) {
      case 'read': {
        const res = await attempt(db, actor, `select id from public.maps where id = $1`, [id]);
        expect(res).toMatchObject({ ok: true, rows: cell.allowed ? [{ id }] : [] });
        break;
      }
      case 'update': {
        const sql = `update public.maps set title = 'Ny titel', visibility = 'public' where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        expect(await readRow(db, 'maps', id)).toMatchObject(
          cell.allowed
            ? { title: 'Ny titel', visibility: 'public', version: 2 }
            : { title: before!.title, visibility: cell.visibility, version: 1 }
        );
        break;
      }
      case 'soft-delete': {
        const sql = `update public.maps set deleted_at = now() where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        expect((await readRow(db, 'maps', id))!.deleted_at === null).toBe(!cell.allowed);
        break;
      }
      case 'hard-delete': {
        const nodeId = await createNode(db, id);
        const sql = `delete from public.maps where id = $1`;
        expect(await attempt(db, actor, sql, [id])).toEqual(changed(cell.allowed ? 1 : 0));
        expect(await readRow(db, 'maps', id)).toEqual(cell.allowed ? undefined : before);
        // The map's content goes with it (or stays).
        expect((await readRow(db, 'nodes', nodeId)) === undefined).toBe(cell.allowed);
        break;
      }
      default:
        throw new Error(`unknown operation ${cell.op}`);
    }
  });

  it('anon cannot create a map', async () => {
    expect(
      await attempt(db, { role: 'anon', sub: null }, `insert into public.maps (title) values ('X')`)
    ).toEqual(rlsViolation('maps'));
  });

  it.each(['private', 'link', 'public'] as const)(
    'a signed-in user creates a %s map, gets it back (insert … returning) and becomes its admin',
    async (visibility) => {
      const creator = await createUser(db, `${unique('creator')}@example.se`);
      const res = await attempt(
        db,
        { role: 'authenticated', sub: creator },
        `insert into public.maps (title, visibility) values ('Min karta', $1) returning id, created_by`,
        [visibility]
      );
      expect(res).toMatchObject({ ok: true, rows: [{ created_by: creator }] });
      const mapId = (res as Extract<Outcome, { ok: true }>).rows[0]!.id as string;
      const members = await db.query(
        `select user_id, role from public.map_members where map_id = $1`,
        [mapId]
      );
      expect(members.rows).toEqual([{ user_id: creator, role: 'admin' }]);
    }
  );

  it('a creator removed from their private map no longer reads it', async () => {
    const creator = await createUser(db, `${unique('creator')}@example.se`);
    const asCreator: Actor = { role: 'authenticated', sub: creator };
    const created = await attempt(
      db,
      asCreator,
      `insert into public.maps (title) values ('Privat') returning id`
    );
    const mapId = (created as Extract<Outcome, { ok: true }>).rows[0]!.id as string;
    await addMember(db, mapId, people.admin, 'admin');
    const removed = await attempt(
      db,
      actorFor(people, 'admin'),
      `delete from public.map_members where map_id = $1 and user_id = $2`,
      [mapId, creator]
    );
    expect(removed).toEqual(changed(1));
    const read = await attempt(db, asCreator, `select id from public.maps where id = $1`, [mapId]);
    expect(read).toMatchObject({ ok: true, rows: [] });
  });

  it('a user cannot create a map in somebody else’s name', async () => {
    const creator = await createUser(db, `${unique('creator')}@example.se`);
    const res = await attempt(
      db,
      { role: 'authenticated', sub: creator },
      `insert into public.maps (title, visibility, created_by) values ('X', 'public', $1) returning created_by`,
      [people.admin]
    );
    expect(res).toMatchObject({ ok: true, rows: [{ created_by: creator }] });
  });
});

// ---------------------------------------------------------------------------
// Map members: visible to the map's members, managed by its admins only.
// ---------------------------------------------------------------------------

const MEMBERS_MATRIX = matrix(`
  visibility  actor     read  insert  update  delete
  public      anon      no    no      no      no
  public      outsider  no    no      no      no
  public      viewer    yes   no      no      no
  public      editor    yes   no      no      no
  public      admin     yes   yes     yes     yes
  private     anon      no    no      no      no
  private     outsider  no    no      no      no
  private     viewer    yes   no      no      no
  private     editor    yes   no      no      no
  private     admin     yes   yes     yes     yes
`);

describe('map_members', () => {
  it.each(MEMBERS_MATRIX)(CELL, async (cell) => {
    const mapId = await createSharedMap(db, people, cell.visibility);
    const actor = actorFor(people, cell.actor as ActorName);
    const rolesNow = async () =>
      (
        await db.query<{ user_id: string; role: string }>(
          `select user_id, role from public.map_members where map_id = $1 order by user_id`,
          [mapId]
        )
      ).rows;
    const before = await rolesNow();

    switch (cell.op) {
      case 'read': {
        const sql = `select user_id from public.map_members where map_id = $1`;
        const res = await attempt(db, actor, sql, [mapId]);
        expect(res).toMatchObject({ ok: true });
        expect((res as Extract<Outcome, { ok: true }>).rows).toHaveLength(cell.allowed ? 3 : 0);
        break;
      }
      case 'insert': {
        const newcomer = await createUser(db, `${unique('new')}@example.se`);
        const sql = `insert into public.map_members (map_id, user_id, role) values ($1, $2, 'editor')`;
        const res = await attempt(db, actor, sql, [mapId, newcomer]);
        expect(res).toEqual(cell.allowed ? changed(1) : rlsViolation('map_members'));
        expect(await rolesNow()).toHaveLength(cell.allowed ? 4 : 3);
        break;
      }
      case 'update': {
        const sql = `update public.map_members set role = 'admin' where map_id = $1 and user_id = $2`;
        const res = await attempt(db, actor, sql, [mapId, people.viewer]);
        expect(res).toEqual(changed(cell.allowed ? 1 : 0));
        const viewerRow = (await rolesNow()).find((r) => r.user_id === people.viewer);
        expect(viewerRow!.role).toBe(cell.allowed ? 'admin' : 'viewer');
        break;
      }
      case 'delete': {
        const sql = `delete from public.map_members where map_id = $1 and user_id = $2`;
        const res = await attempt(db, actor, sql, [mapId, people.viewer]);
        expect(res).toEqual(changed(cell.allowed ? 1 : 0));
        expect(await rolesNow()).toHaveLength(cell.allowed ? 2 : 3);
        break;
      }
      default:
        throw new Error(`unknown operation ${cell.op}`);
    }
    if (!cell.allowed && cell.op !== 'read') expect(await rolesNow()).toEqual(before);
  });

  it('an editor cannot promote themself', async () => {
    const mapId = await createSharedMap(db, people, 'private');
    const res = await attempt(
      db,
      actorFor(people, 'editor'),
      `update public.map_members set role = 'admin' where map_id = $1 and user_id = $2`,
      [mapId, people.editor]
    );
    expect(res).toEqual(changed(0));
  });

  it('an admin of one map cannot add members to another', async () => {
    const other = await createSharedMap(db, people, 'private');
    const mine = await createSharedMap(db, people, 'private');
    const stranger = await createUser(db, `${unique('s')}@example.se`);
    await addMember(db, mine, stranger, 'admin');
    const res = await attempt(
      db,
      { role: 'authenticated', sub: stranger },
      `insert into public.map_members (map_id, user_id, role) values ($1, $2, 'admin')`,
      [other, stranger]
    );
    expect(res).toEqual(rlsViolation('map_members'));
  });
});

// ---------------------------------------------------------------------------
// The audit log: readable like the map, never writable through the API.
// ---------------------------------------------------------------------------

const CHANGES_MATRIX = matrix(`
  visibility  actor         read  insert  update  delete
  public      anon          yes   no      no      no
  public      outsider      yes   no      no      no
  public      viewer        yes   no      no      no
  public      editor        yes   no      no      no
  public      admin         yes   no      no      no
  public      service_role  yes   no      no      no
  private     anon          no    no      no      no
  private     outsider      no    no      no      no
  private     viewer        yes   no      no      no
  private     editor        yes   no      no      no
  private     admin         yes   no      no      no
  private     service_role  yes   no      no      no
`);

describe('changes', () => {
  it.each(CHANGES_MATRIX)(CELL, async (cell) => {
    const mapId = maps[cell.visibility];
    await createNode(db, mapId); // at least one change row
    const actor: Actor =
      cell.actor === 'service_role'
        ? { role: 'service_role', sub: null }
        : actorFor(people, cell.actor as ActorName);
    const countNow = async () =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from public.changes where map_id = $1`,
          [mapId]
        )
      ).rows[0]!.n;
    const before = await countNow();

    const sql = {
      read: `select id from public.changes where map_id = $1`,
      insert: `insert into public.changes (map_id, table_name, row_id, op)
               values ($1, 'nodes', gen_random_uuid(), 'insert')`,
      update: `update public.changes set actor = null, after = null where map_id = $1`,
      delete: `delete from public.changes where map_id = $1`
    }[cell.op]!;
    const res = await attempt(db, actor, sql, [mapId]);

    if (cell.op === 'read') {
      expect(res).toMatchObject({ ok: true });
      const rows = (res as Extract<Outcome, { ok: true }>).rows;
      // Membership changes (user ids, roles) are for the map's members only.
      const isMember = !['anon', 'outsider'].includes(cell.actor);
      const membershipRows = (
        await db.query<{ n: number }>(
          `select count(*)::int as n from public.changes where map_id = $1 and table_name = 'map_members'`,
          [mapId]
        )
      ).rows[0]!.n;
      const readable = isMember ? before : before - membershipRows;
      expect(rows.length).toBe(cell.allowed ? readable : 0);
      expect(before).toBeGreaterThan(0);
      expect(membershipRows).toBeGreaterThan(0);
    } else {
      // No API role holds the privilege at all: an error, never a silent 0 rows.
      expect(res).toEqual(permissionDenied('changes'));
    }
    expect(await countNow()).toBe(before);
  });
});
