// Row bookkeeping done by the stamp_row trigger: version, created/updated by/at,
// and the optimistic-concurrency contract the client relies on (update … where
// version = v changes 0 rows when somebody else saved first).
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, attempt, createUser, freshDatabase, type Actor } from '../helpers/db';
import {
  addMember,
  createIndicator,
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  createTheme,
  insertRow,
  readRow,
  unique,
  type People,
  type Row
} from '../helpers/factories';

let db: PGlite;
let people: People;
let coAdmin: string;
let mapA: string;
let mapB: string;

const user = (sub: string): Actor => ({ role: 'authenticated', sub });
const LONG_AGO = '2000-01-01T00:00:00.000Z';

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
  coAdmin = await createUser(db, `${unique('coadmin')}@example.se`);
  mapA = await createSharedMap(db, people, 'private');
  mapB = await createSharedMap(db, people, 'private');
});
afterAll(async () => {
  await db.close();
});

interface VersionedTable {
  table: 'maps' | 'themes' | 'nodes' | 'relations' | 'indicators';
  /** Creates a row in mapA as the database owner; returns its id. */
  setup(): Promise<string>;
  /** Two users allowed to update the row. */
  writers(): [string, string];
  /** The columns of a valid new row. */
  newRow(): Promise<Row>;
  column: string;
}

const TABLES: VersionedTable[] = [
  {
    table: 'maps',
    setup: async () => {
      const id = await createSharedMap(db, people, 'private');
      await addMember(db, id, coAdmin, 'admin');
      return id;
    },
    writers: () => [people.admin, coAdmin],
    newRow: async () => ({ title: 'Ny' }),
    column: 'title'
  },
  {
    table: 'themes',
    setup: () => createTheme(db, mapA),
    writers: () => [people.editor, people.admin],
    newRow: async () => ({
      map_id: mapA,
      key: unique('t'),
      label_sv: 'Ny',
      label_en: 'New',
      color: '#abcdef'
    }),
    column: 'label_sv'
  },
  {
    table: 'nodes',
    setup: () => createNode(db, mapA),
    writers: () => [people.editor, people.admin],
    newRow: async () => ({ map_id: mapA, kind: 'network', title: 'Ny' }),
    column: 'title'
  },
  {
    table: 'relations',
    setup: async () =>
      createRelation(db, mapA, await createNode(db, mapA), await createNode(db, mapA)),
    writers: () => [people.editor, people.admin],
    newRow: async () => ({
      map_id: mapA,
      source_id: await createNode(db, mapA),
      target_id: await createNode(db, mapA),
      kind: 'leads'
    }),
    column: 'note'
  },
  {
    table: 'indicators',
    setup: () => createIndicator(db, mapA),
    writers: () => [people.editor, people.admin],
    newRow: async () => ({
      map_id: mapA,
      municipality_code: '1880',
      key: unique('i'),
      label_sv: 'Ny',
      label_en: 'New',
      year: '2024',
      value: 1,
      source: 'SCB'
    }),
    column: 'label_sv'
  }
];

// Bookkeeping columns a client might try to forge on insert.
const FORGER = '00000000-0000-4000-8000-00000000dead';
const FORGED: Row = {
  version: 42,
  created_by: FORGER,
  created_at: LONG_AGO,
  updated_by: FORGER,
  updated_at: LONG_AGO
};

describe.each(TABLES)('$table', (spec) => {
  it('an insert starts at version 1, stamped with the actor, whatever the client sends', async () => {
    const [writer] = spec.writers();
    const t0 = Date.now();
    const values = { ...(await spec.newRow()), ...FORGED };
    const id = await asRole(db, 'authenticated', writer, (tx) => insertRow(tx, spec.table, values));
    const row = (await readRow(db, spec.table, id))!;
    expect(row).toMatchObject({ version: 1, created_by: writer, updated_by: writer });
    expect((row.created_at as Date).getTime()).toBeGreaterThanOrEqual(t0 - 5_000);
    expect(row.updated_at).toEqual(row.created_at);
  });

  it('every update bumps version by one and stamps updated_at/updated_by with the actor', async () => {
    const id = await spec.setup();
    const [first, second] = spec.writers();
    const sql = `update public.${spec.table} set ${spec.column} = $2 where id = $1`;
    let previous = (await readRow(db, spec.table, id))!;
    expect(previous.version).toBe(1);

    const steps: [string, string][] = [
      [first, 'ett'],
      [second, 'två'],
      [first, 'två'] // an update that changes nothing is still an update
    ];
    for (const [i, [sub, value]] of steps.entries()) {
      expect(await attempt(db, user(sub), sql, [id, value])).toMatchObject({ affected: 1 });
      const row = (await readRow(db, spec.table, id))!;
      expect(row).toMatchObject({ version: i + 2, updated_by: sub, [spec.column]: value });
      expect((row.updated_at as Date).getTime()).toBeGreaterThan(
        (previous.updated_at as Date).getTime()
      );
      expect(row.created_at).toEqual(previous.created_at);
      previous = row;
    }
  });

  it('created_by, created_at and version cannot be overwritten by an update', async () => {
    const id = await spec.setup();
    const before = (await readRow(db, spec.table, id))!;
    const [writer] = spec.writers();
    const res = await attempt(
      db,
      user(writer),
      `update public.${spec.table}
       set created_by = $2, created_at = $3, version = 100, updated_by = $2 where id = $1`,
      [id, people.outsider, LONG_AGO]
    );
    expect(res).toMatchObject({ ok: true, affected: 1 });
    expect(await readRow(db, spec.table, id)).toMatchObject({
      created_by: before.created_by,
      created_at: before.created_at,
      version: 2,
      updated_by: writer
    });
  });

  it('an update against a stale version changes 0 rows (conflict detection)', async () => {
    const id = await spec.setup();
    const [alice, bob] = spec.writers();
    const sql = `update public.${spec.table} set ${spec.column} = $2
                 where id = $1 and version = $3 returning version`;
    // Both loaded version 1; Alice saves first.
    expect(await attempt(db, user(alice), sql, [id, 'Alice', 1])).toMatchObject({
      ok: true,
      affected: 1,
      rows: [{ version: 2 }]
    });
    // Bob's save against version 1 finds nothing to update: no silent lost update.
    expect(await attempt(db, user(bob), sql, [id, 'Bob', 1])).toEqual({
      ok: true,
      affected: 0,
      rows: []
    });
    expect(await readRow(db, spec.table, id)).toMatchObject({
      [spec.column]: 'Alice',
      version: 2,
      updated_by: alice
    });
    // After reloading, Bob saves against the current version.
    expect(await attempt(db, user(bob), sql, [id, 'Bob', 2])).toMatchObject({
      affected: 1,
      rows: [{ version: 3 }]
    });
  });

  it('the id cannot be changed', async () => {
    const id = await spec.setup();
    const [writer] = spec.writers();
    const res = await attempt(
      db,
      user(writer),
      `update public.${spec.table} set id = gen_random_uuid() where id = $1`,
      [id]
    );
    expect(res).toEqual({ ok: false, code: '23514', message: 'id cannot be changed' });
    expect(await readRow(db, spec.table, id)).toMatchObject({ version: 1 });
  });

  if (spec.table !== 'maps') {
    it('map_id cannot be changed, even by an editor of both maps', async () => {
      const id = await spec.setup();
      const res = await attempt(
        db,
        user(people.editor),
        `update public.${spec.table} set map_id = $2 where id = $1`,
        [id, mapB]
      );
      expect(res).toEqual({
        ok: false,
        code: '23514',
        message: 'an item cannot be moved to another map'
      });
      expect(await readRow(db, spec.table, id)).toMatchObject({ map_id: mapA, version: 1 });
    });
  }
});
