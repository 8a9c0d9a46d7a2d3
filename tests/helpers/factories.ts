// Small factories for database tests. They write as the database owner (no RLS,
// auth.uid() is null), so tests can set up any situation and then act as an API role.
import type { PGlite, Results, Transaction } from '@electric-sql/pglite';
import { createUser, type Actor } from './db';

export interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<Results<T>>;
}

export type Visibility = 'private' | 'link' | 'public';
export type MemberRole = 'viewer' | 'editor' | 'admin';
export type Row = Record<string, unknown>;

let counter = 0;
/** A short unique suffix for keys and e-mail addresses. */
export function unique(prefix = 'k'): string {
  counter += 1;
  return `${prefix}${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Inserts one row into public.<table> and returns its id. */
export async function insertRow(
  db: Queryable | PGlite | Transaction,
  table: string,
  values: Row
): Promise<string> {
  const columns = Object.keys(values);
  const sql =
    `insert into public.${table} (${columns.map((c) => `"${c}"`).join(', ')}) ` +
    `values (${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`;
  const res = await (db as Queryable).query<{ id: string }>(sql, Object.values(values));
  return res.rows[0]!.id;
}

/** Reads one row of public.<table> by id as the owner (bypassing RLS), or undefined. */
export async function readRow(db: PGlite, table: string, id: string): Promise<Row | undefined> {
  const res = await db.query<Row>(`select * from public.${table} where id = $1`, [id]);
  return res.rows[0];
}

export function createMap(db: Queryable | PGlite, fields: Row = {}): Promise<string> {
  return insertRow(db, 'maps', { title: 'Testkarta', visibility: 'private', ...fields });
}

export function createNode(db: Queryable | PGlite, mapId: string, fields: Row = {}) {
  return insertRow(db, 'nodes', { map_id: mapId, kind: 'organisation', title: 'Nod', ...fields });
}

export function createRelation(
  db: Queryable | PGlite,
  mapId: string,
  sourceId: string,
  targetId: string,
  fields: Row = {}
) {
  return insertRow(db, 'relations', {
    map_id: mapId,
    source_id: sourceId,
    target_id: targetId,
    kind: 'collaborates_with',
    ...fields
  });
}

export function createTheme(db: Queryable | PGlite, mapId: string, fields: Row = {}) {
  const key = unique('tema');
  return insertRow(db, 'themes', {
    map_id: mapId,
    key,
    label_sv: key,
    label_en: key,
    color: '#336699',
    ...fields
  });
}

export function createIndicator(db: Queryable | PGlite, mapId: string, fields: Row = {}) {
  return insertRow(db, 'indicators', {
    map_id: mapId,
    municipality_code: '1880',
    key: unique('ind'),
    label_sv: 'Elever',
    label_en: 'Pupils',
    year: '2024',
    value: 1,
    source: 'SCB',
    ...fields
  });
}

export async function addMember(
  db: Queryable | PGlite,
  mapId: string,
  userId: string,
  role: MemberRole
): Promise<void> {
  await (db as Queryable).query(
    `insert into public.map_members (map_id, user_id, role) values ($1, $2, $3)`,
    [mapId, userId, role]
  );
}

/** Signed-in users with a fixed relation to every map made by createSharedMap. */
export interface People {
  outsider: string;
  viewer: string;
  editor: string;
  admin: string;
}

export async function createPeople(db: PGlite): Promise<People> {
  return {
    outsider: await createUser(db, `${unique('outsider')}@example.se`),
    viewer: await createUser(db, `${unique('viewer')}@example.se`),
    editor: await createUser(db, `${unique('editor')}@example.se`),
    admin: await createUser(db, `${unique('admin')}@example.se`)
  };
}

/** A map whose members are people.viewer/editor/admin in those roles. */
export async function createSharedMap(
  db: PGlite,
  people: People,
  visibility: Visibility,
  fields: Row = {}
): Promise<string> {
  const mapId = await createMap(db, { visibility, title: `Karta ${unique('m')}`, ...fields });
  await addMember(db, mapId, people.viewer, 'viewer');
  await addMember(db, mapId, people.editor, 'editor');
  await addMember(db, mapId, people.admin, 'admin');
  return mapId;
}

export type ActorName = 'anon' | 'outsider' | 'viewer' | 'editor' | 'admin';
export const ACTOR_NAMES: ActorName[] = ['anon', 'outsider', 'viewer', 'editor', 'admin'];

export function actorFor(people: People, name: ActorName): Actor {
  return name === 'anon'
    ? { role: 'anon', sub: null }
    : { role: 'authenticated', sub: people[name] };
}
