// The RLS matrix again, this time through the real stack: PostgREST over
// PGlite, reached with supabase-js and JWTs minted by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canPresent, listMembers, setMayPresent } from '../../src/lib/data/members';
import { loadMap } from '../../src/lib/data/repository';
import { startTestStack, SEED_MAP_ID, type TestStack } from '../helpers/stack';

type Actor = 'anon' | 'nonMember' | 'viewer' | 'editor' | 'admin';
const actors: Actor[] = ['anon', 'nonMember', 'viewer', 'editor', 'admin'];

let stack: TestStack;
let privateMapId: string;
const userIds: Partial<Record<Actor, string>> = {};

beforeAll(async () => {
  stack = await startTestStack();
  const [row] = await stack.sql<{ id: string }>(
    `insert into maps (title, visibility) values ('Privat karta', 'private') returning id`
  );
  privateMapId = row!.id;
  userIds.nonMember = await stack.user('outsider');
  for (const role of ['viewer', 'editor', 'admin'] as const) {
    const id = await stack.user(role, { mapId: SEED_MAP_ID, role });
    await stack.sql(`insert into map_members (map_id, user_id, role) values ($1, $2, $3)`, [
      privateMapId,
      id,
      role
    ]);
    userIds[role] = id;
  }
});

afterAll(async () => {
  await stack?.stop();
});

async function clientFor(actor: Actor) {
  return stack.client(actor === 'anon' ? undefined : userIds[actor]);
}

async function newNode(mapId: string, title: string): Promise<string> {
  const [row] = await stack.sql<{ id: string }>(
    `insert into nodes (map_id, kind, title) values ($1, 'resource', $2) returning id`,
    [mapId, title]
  );
  return row!.id;
}

const maps = [
  { visibility: 'public', mapId: () => SEED_MAP_ID },
  { visibility: 'private', mapId: () => privateMapId }
] as const;

const canRead = (actor: Actor, visibility: string) =>
  visibility === 'public' || ['viewer', 'editor', 'admin'].includes(actor);
const canWrite = (actor: Actor) => actor === 'editor' || actor === 'admin';

describe.each(maps)('$visibility map through /rest/v1', ({ visibility, mapId }) => {
  it.each(actors)('%s reads nodes only when allowed', async (actor) => {
    const id = await newNode(mapId(), `läsbar ${actor}`);
    const client = await clientFor(actor);
    const { data, error } = await client.from('nodes').select('id,title').eq('id', id);
    expect(error).toBeNull();
    expect(data).toHaveLength(canRead(actor, visibility) ? 1 : 0);
  });

  it.each(actors)('%s inserts only as editor or admin', async (actor) => {
    const client = await clientFor(actor);
    const { data, error } = await client
      .from('nodes')
      .insert({ map_id: mapId(), kind: 'resource', title: `ny ${actor}` })
      .select('id');
    if (canWrite(actor)) {
      expect(error).toBeNull();
      expect(data).toHaveLength(1);
    } else {
      expect(error?.code).toBe('42501');
      const rows = await stack.sql(`select 1 from nodes where title = $1`, [`ny ${actor}`]);
      expect(rows).toHaveLength(0);
    }
  });

  it.each(actors)('%s updates only as editor or admin', async (actor) => {
    const id = await newNode(mapId(), `före ${actor}`);
    const client = await clientFor(actor);
    const { data, error } = await client
      .from('nodes')
      .update({ title: `efter ${actor}` })
      .eq('id', id)
      .select('id');
    expect(error).toBeNull();
    expect(data).toHaveLength(canWrite(actor) ? 1 : 0);
    const [row] = await stack.sql<{ title: string }>(`select title from nodes where id = $1`, [id]);
    expect(row!.title).toBe(canWrite(actor) ? `efter ${actor}` : `före ${actor}`);
  });

  it.each(actors)('%s soft-deletes only as editor or admin', async (actor) => {
    const id = await newNode(mapId(), `mjuk ${actor}`);
    const client = await clientFor(actor);
    const { error } = await client
      .from('nodes')
      .update({ deleted_at: new Date().toISOString() })
      .eq('id', id);
    expect(error).toBeNull();
    const [row] = await stack.sql<{ deleted_at: Date | null }>(
      `select deleted_at from nodes where id = $1`,
      [id]
    );
    expect(row!.deleted_at !== null).toBe(canWrite(actor));
  });

  it.each(actors)('%s hard-deletes only as admin', async (actor) => {
    const id = await newNode(mapId(), `hård ${actor}`);
    const client = await clientFor(actor);
    const { error } = await client.from('nodes').delete().eq('id', id);
    expect(error).toBeNull();
    const rows = await stack.sql(`select 1 from nodes where id = $1`, [id]);
    expect(rows).toHaveLength(actor === 'admin' ? 0 : 1);
  });
});

describe('writes through the API', () => {
  it('refuses an anonymous write without a token and with the anon key', async () => {
    const raw = await fetch(`${stack.url}/rest/v1/nodes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ map_id: SEED_MAP_ID, kind: 'resource', title: 'anonym' })
    });
    expect(raw.status).toBe(401);
    const forged = await fetch(`${stack.url}/rest/v1/nodes`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${stack.anonKey.slice(0, -4)}AAAA`
      },
      body: JSON.stringify({ map_id: SEED_MAP_ID, kind: 'resource', title: 'förfalskad' })
    });
    expect(forged.status).toBe(401);
    expect(
      await stack.sql(`select 1 from nodes where title in ('anonym', 'förfalskad')`)
    ).toHaveLength(0);
  });

  it('detects a stale version: 0 rows change and the newer save survives', async () => {
    const id = await newNode(SEED_MAP_ID, 'versionerad');
    const editor = await clientFor('editor');
    const first = await editor
      .from('nodes')
      .update({ title: 'A' })
      .eq('id', id)
      .eq('version', 1)
      .select('version');
    expect(first.data).toEqual([{ version: 2 }]);
    const stale = await editor
      .from('nodes')
      .update({ title: 'B' })
      .eq('id', id)
      .eq('version', 1)
      .select('version');
    expect(stale.error).toBeNull();
    expect(stale.data).toEqual([]);
    const [row] = await stack.sql<{ title: string; version: number }>(
      `select title, version from nodes where id = $1`,
      [id]
    );
    expect(row).toEqual({ title: 'A', version: 2 });
  });

  it('records the actor of every write in changes', async () => {
    const editor = await clientFor('editor');
    const { data } = await editor
      .from('nodes')
      .insert({ map_id: SEED_MAP_ID, kind: 'network', title: 'Granskat nätverk' })
      .select('id')
      .single();
    await editor.from('nodes').update({ description: 'ändrad' }).eq('id', data!.id);
    const changes = await stack.sql<{ op: string; actor: string }>(
      `select op, actor from changes where row_id = $1 order by id`,
      [data!.id]
    );
    expect(changes).toEqual([
      { op: 'insert', actor: userIds.editor },
      { op: 'update', actor: userIds.editor }
    ]);
  });
});

describe('members and presenting rights (data/members.ts)', () => {
  it('lists the members to members only, admins first', async () => {
    const members = await listMembers(await clientFor('viewer'), privateMapId);
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [userIds.admin, 'admin'],
      [userIds.editor, 'editor'],
      [userIds.viewer, 'viewer']
    ]);
    expect(await listMembers(await clientFor('nonMember'), privateMapId)).toEqual([]);
  });

  it('only an admin gives an editor the right to present', async () => {
    const editor = await clientFor('editor');
    expect(await canPresent(editor, privateMapId)).toBe(false);
    await expect(setMayPresent(editor, privateMapId, userIds.editor!, true)).rejects.toMatchObject({
      kind: 'permission'
    });
    expect(await canPresent(editor, privateMapId)).toBe(false);

    await setMayPresent(await clientFor('admin'), privateMapId, userIds.editor!, true);
    expect(await canPresent(editor, privateMapId)).toBe(true);
    const listed = await listMembers(editor, privateMapId);
    expect(listed.find((m) => m.userId === userIds.editor)?.mayPresent).toBe(true);

    await setMayPresent(await clientFor('admin'), privateMapId, userIds.editor!, false);
    expect(await canPresent(editor, privateMapId)).toBe(false);
  });
});

describe('loading a map larger than a page (data/repository.ts)', () => {
  it('reads every row once, in keyset pages, to members only', async () => {
    const [map] = await stack.sql<{ id: string }>(
      `insert into maps (title, visibility) values ('Stor karta', 'private') returning id`
    );
    const mapId = map!.id;
    await stack.sql(`insert into map_members (map_id, user_id, role) values ($1, $2, 'viewer')`, [
      mapId,
      userIds.viewer
    ]);
    // 2 345 nodes in a ring of as many relations: three pages each, the last one short.
    const nodeIds = (
      await stack.sql<{ id: string }>(
        `insert into nodes (map_id, kind, title)
         select $1, 'resource', 'Resurs ' || n from generate_series(1, 2345) n returning id`,
        [mapId]
      )
    ).map((r) => r.id);
    await stack.sql(
      `insert into relations (map_id, source_id, target_id, kind)
       select $1, ids[n], ids[n % 2345 + 1], 'collaborates_with'
       from (select $2::uuid[] ids) i, generate_series(1, 2345) n`,
      [mapId, nodeIds]
    );
    await stack.sql(
      `insert into node_positions (id, map_id, x, y)
       select id, $1, 0, 0 from unnest($2::uuid[]) id`,
      [mapId, nodeIds]
    );

    const dataset = await loadMap(await clientFor('viewer'), mapId);
    expect(new Set(dataset.nodes.map((n) => n.id))).toEqual(new Set(nodeIds));
    expect(dataset.nodes).toHaveLength(2345);
    expect(new Set(dataset.relations.map((r) => r.id)).size).toBe(2345);
    expect(new Set(dataset.positions?.map((p) => p.id))).toEqual(new Set(nodeIds));
    expect(dataset.positions).toHaveLength(2345);

    await expect(loadMap(await clientFor('nonMember'), mapId)).rejects.toMatchObject({
      kind: 'not_found'
    });
  });
});
