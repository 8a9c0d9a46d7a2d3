// Identity in the schema: profiles from sign-up metadata, profile visibility by
// shared membership, hashed join codes no API role can read, and join_map's roles.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, createUser, freshDatabase, sqlError } from '../helpers/db';
import { addMember, createMap, createPeople, unique, type People } from '../helpers/factories';

let db: PGlite;
let people: People;
let publicMap: string;
let linkMap: string;
let privateMap: string;
const CODE = 'K7P-Q2M';

const asUser = (sub: string) => ({ role: 'authenticated' as const, sub });
const anon = { role: 'anon' as const, sub: null };

async function newUser(meta: Record<string, unknown> = {}): Promise<string> {
  const res = await db.query<{ id: string }>(
    `insert into auth.users (email, raw_user_meta_data) values ($1, $2) returning id`,
    [`${unique('u')}@example.se`, JSON.stringify(meta)]
  );
  return res.rows[0]!.id;
}

async function join(sub: string, mapId: string, code?: string | null) {
  return attempt(db, asUser(sub), `select public.join_map($1, $2) as role`, [mapId, code ?? null]);
}

async function roleOf(mapId: string, userId: string): Promise<string | undefined> {
  const res = await db.query<{ role: string }>(
    `select role from map_members where map_id = $1 and user_id = $2`,
    [mapId, userId]
  );
  return res.rows[0]?.role;
}

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  publicMap = await createMap(db, { visibility: 'public' });
  linkMap = await createMap(db, { visibility: 'link' });
  privateMap = await createMap(db, { visibility: 'private' });
  for (const mapId of [publicMap, linkMap]) {
    await db.query(
      `insert into map_join_codes (map_id, code_hash) values ($1, join_code_hash($1, $2))`,
      [mapId, CODE]
    );
  }
  await addMember(db, publicMap, people.viewer, 'viewer');
  await addMember(db, publicMap, people.editor, 'editor');
  await addMember(db, publicMap, people.admin, 'admin');
});

afterAll(async () => {
  await db.close();
});

describe('profiles from sign-up', () => {
  it('takes display name, organisation and municipality from the user metadata', async () => {
    const id = await newUser({
      display_name: '  Anna Berg ',
      organisation: 'Region Örebro län',
      municipality_code: '1880'
    });
    const res = await db.query(`select * from profiles where id = $1`, [id]);
    expect(res.rows[0]).toMatchObject({
      display_name: 'Anna Berg',
      organisation: 'Region Örebro län',
      municipality_code: '1880'
    });
  });

  it('falls back to the e-mail name and drops an invalid municipality code', async () => {
    const res = await db.query<{ id: string }>(
      `insert into auth.users (email, raw_user_meta_data)
       values ('karl.lind@example.se', '{"municipality_code": "18"}') returning id`
    );
    const profile = await db.query(
      `select display_name, municipality_code from profiles where id = $1`,
      [res.rows[0]!.id]
    );
    expect(profile.rows[0]).toEqual({ display_name: 'karl.lind', municipality_code: null });
  });

  it('rejects an empty or too long display name and a bad municipality code on update', async () => {
    const id = await newUser({ display_name: 'Eva' });
    for (const [column, value] of [
      ['display_name', ' \t '],
      ['display_name', 'x'.repeat(81)],
      ['municipality_code', '188A']
    ] as const) {
      const error = await sqlError(() =>
        db.query(`update profiles set ${column} = $1 where id = $2`, [value, id])
      );
      expect(error?.code, `${column}=${value}`).toBe('23514');
    }
  });
});

describe('profiles RLS', () => {
  it('anon reads no profiles', async () => {
    const out = await attempt(db, anon, `select id from profiles`);
    expect(out.ok ? out.rows : out.code).toSatisfy(
      (v: unknown) => (Array.isArray(v) && v.length === 0) || v === '42501'
    );
  });

  it('a user reads their own profile and those of people sharing a map, no one else', async () => {
    const out = await attempt(db, asUser(people.viewer), `select id from profiles`);
    expect(out.ok).toBe(true);
    const ids = out.ok ? out.rows.map((r) => r.id) : [];
    expect(ids).toEqual(expect.arrayContaining([people.viewer, people.editor, people.admin]));
    expect(ids).not.toContain(people.outsider);
  });

  it('an outsider reads only their own profile', async () => {
    const out = await attempt(db, asUser(people.outsider), `select id from profiles`);
    expect(out.ok && out.rows.map((r) => r.id)).toEqual([people.outsider]);
  });

  it('a user updates only their own profile', async () => {
    const own = await attempt(
      db,
      asUser(people.editor),
      `update profiles set organisation = 'Skolverket' where id = $1`,
      [people.editor]
    );
    expect(own.ok && own.affected).toBe(1);
    const other = await attempt(
      db,
      asUser(people.editor),
      `update profiles set display_name = 'Hackad' where id = $1`,
      [people.viewer]
    );
    expect(other.ok && other.affected).toBe(0);
    const res = await db.query<{ display_name: string }>(
      `select display_name from profiles where id = $1`,
      [people.viewer]
    );
    expect(res.rows[0]!.display_name).not.toBe('Hackad');
  });

  it('a user cannot insert a profile for someone else', async () => {
    const bare = await createUser(db, `${unique('bare')}@example.se`);
    await db.query(`delete from profiles where id = $1`, [bare]);
    const other = await attempt(
      db,
      asUser(people.outsider),
      `insert into profiles (id, display_name) values ($1, 'Fel')`,
      [bare]
    );
    expect(other.ok ? 'ok' : other.code).toBe('42501');
    const self = await attempt(
      db,
      asUser(bare),
      `insert into profiles (id, display_name) values ($1, 'Rätt')`,
      [bare]
    );
    expect(self.ok).toBe(true);
  });
});

describe('map_join_codes', () => {
  it.each([
    ['anon', () => anon],
    ['admin', () => asUser(people.admin)],
    ['service_role', () => ({ role: 'service_role' as const, sub: null })]
  ])('is unreadable and unwritable for %s', async (_name, actor) => {
    const read = await attempt(db, actor(), `select * from map_join_codes`);
    expect(read.ok ? 'ok' : read.code).toBe('42501');
    const write = await attempt(
      db,
      actor(),
      `insert into map_join_codes (map_id, code_hash) values ($1, repeat('a', 64))`,
      [publicMap]
    );
    expect(write.ok ? 'ok' : write.code).toBe('42501');
  });

  it('stores only a hash that ignores case, spaces and dashes', async () => {
    const res = await db.query<{ a: string; b: string }>(
      `select join_code_hash($1, 'k7p q2m') as a, join_code_hash($1, 'K7PQ2M') as b`,
      [publicMap]
    );
    expect(res.rows[0]!.a).toBe(res.rows[0]!.b);
    expect(res.rows[0]!.a).toMatch(/^[0-9a-f]{64}$/);
    expect(res.rows[0]!.a).not.toContain('K7P');
  });

  it('join_code_hash cannot be called by API roles', async () => {
    const out = await attempt(db, asUser(people.outsider), `select join_code_hash($1, 'x')`, [
      publicMap
    ]);
    expect(out.ok ? 'ok' : out.code).toBe('42501');
  });
});

describe('join_map', () => {
  it('without a code makes a newcomer viewer', async () => {
    const id = await newUser();
    const out = await join(id, publicMap);
    expect(out.ok && out.rows[0]!.role).toBe('viewer');
    expect(await roleOf(publicMap, id)).toBe('viewer');
  });

  it('with the right code (any case, dashes) makes a newcomer editor', async () => {
    const id = await newUser();
    const out = await join(id, linkMap, 'k7pq2m');
    expect(out.ok && out.rows[0]!.role).toBe('editor');
    expect(await roleOf(linkMap, id)).toBe('editor');
  });

  it('with a wrong code makes a newcomer viewer only', async () => {
    const id = await newUser();
    const out = await join(id, publicMap, 'AAAAAA');
    expect(out.ok && out.rows[0]!.role).toBe('viewer');
  });

  it('a code of another map does not make an editor', async () => {
    const otherMap = await createMap(db, { visibility: 'public' });
    const id = await newUser();
    const out = await join(id, otherMap, CODE);
    expect(out.ok && out.rows[0]!.role).toBe('viewer');
  });

  it('upgrades a viewer with the code, never downgrades an editor or admin', async () => {
    const id = await newUser();
    await join(id, publicMap);
    const up = await join(id, publicMap, CODE);
    expect(up.ok && up.rows[0]!.role).toBe('editor');
    const again = await join(id, publicMap);
    expect(again.ok && again.rows[0]!.role).toBe('editor');
    const admin = await join(people.admin, publicMap, 'wrong1');
    expect(admin.ok && admin.rows[0]!.role).toBe('admin');
    expect(await roleOf(publicMap, people.admin)).toBe('admin');
  });

  it('refuses a private map to a non-member, even with a code', async () => {
    await db.query(
      `insert into map_join_codes (map_id, code_hash) values ($1, join_code_hash($1, $2))`,
      [privateMap, CODE]
    );
    const id = await newUser();
    const out = await join(id, privateMap, CODE);
    expect(out.ok ? 'ok' : out.code).toBe('42501');
    expect(await roleOf(privateMap, id)).toBeUndefined();
  });

  it('refuses an unknown map and anonymous callers', async () => {
    const id = await newUser();
    const unknown = await join(id, '00000000-0000-4000-8000-00000000dead');
    expect(unknown.ok ? 'ok' : unknown.code).toBe('42501');
    const out = await attempt(db, anon, `select public.join_map($1)`, [publicMap]);
    expect(out.ok ? 'ok' : out.code).toBe('42501');
  });

  it('stops guessing after ten wrong codes in 15 minutes', async () => {
    const id = await newUser();
    for (let i = 0; i < 10; i++) {
      const out = await join(id, publicMap, `WRONG${i}`);
      expect(out.ok).toBe(true);
    }
    const blocked = await join(id, publicMap, CODE);
    expect(blocked.ok ? 'ok' : blocked.code).toBe('PT429');
    expect(await roleOf(publicMap, id)).toBe('viewer');
  });

  it('my_maps lists the caller’s maps with roles', async () => {
    const id = await newUser();
    await join(id, publicMap);
    await join(id, linkMap, CODE);
    const out = await attempt(db, asUser(id), `select map_id, role from public.my_maps()`);
    expect(out.ok && out.rows).toEqual(
      expect.arrayContaining([
        { map_id: publicMap, role: 'viewer' },
        { map_id: linkMap, role: 'editor' }
      ])
    );
  });

  it('joining records the membership in the audit log', async () => {
    const id = await newUser();
    await join(id, publicMap);
    const res = await db.query(
      `select table_name, op, actor from changes where row_id = $1 and map_id = $2`,
      [id, publicMap]
    );
    expect(res.rows).toEqual([{ table_name: 'map_members', op: 'insert', actor: id }]);
  });
});
