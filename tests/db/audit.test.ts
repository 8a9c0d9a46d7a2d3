// The audit trigger: every insert, update and delete on the map tables writes
// exactly one row to public.changes (with its actor and before/after images) and
// announces it with pg_notify on channel 'changes' for the live channel.
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asRole, createUser, freshDatabase } from '../helpers/db';
import {
  addMember,
  createIndicator,
  createMap,
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  createTheme,
  unique,
  type People,
  type Row
} from '../helpers/factories';

interface Change {
  id: number;
  map_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  before: Row | null;
  after: Row | null;
  actor: string | null;
}

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

async function lastChangeId(): Promise<number> {
  const res = await db.query<{ id: number | null }>(
    `select max(id)::int as id from public.changes`
  );
  return res.rows[0]!.id ?? 0;
}

async function changesSince(id: number): Promise<Change[]> {
  const res = await db.query<Change>(
    `select id::int, map_id, table_name, row_id, op, before, after, actor
     from public.changes where id > $1 order by id`,
    [id]
  );
  return res.rows;
}

/** The row as JSON, exactly as the audit trigger sees it (to_jsonb). */
async function rowJson(table: string, where: Row): Promise<Row | undefined> {
  const cols = Object.keys(where);
  const res = await db.query<{ j: Row }>(
    `select to_jsonb(t) as j from public.${table} t where ${cols.map((c, i) => `${c} = $${i + 1}`).join(' and ')}`,
    Object.values(where)
  );
  return res.rows[0]?.j;
}

/** Runs statements as a signed-in user in one committed transaction. */
function as<T>(sub: string, fn: Parameters<typeof asRole<T>>[3]): Promise<T> {
  return asRole(db, 'authenticated', sub, fn);
}

interface AuditedTable {
  table: string;
  /** Columns identifying a row (map_members has no id). */
  key: string[];
  /** A valid new row; dependencies are created by the owner beforehand. */
  newRow(): Promise<Row>;
  /** A row created by the owner, to update or delete. */
  existing(): Promise<Row>;
  change: Row;
  /** Who inserts/updates (editors for content, admins for maps and members) and deletes. */
  writer(): string;
  deleter(): string;
}

const keyOf = (spec: AuditedTable, row: Row): Row =>
  Object.fromEntries(spec.key.map((k) => [k, row[k]]));
const rowIdOf = (row: Row) => (row.id ?? row.user_id) as string;

const TABLES: AuditedTable[] = [
  {
    table: 'nodes',
    key: ['id'],
    newRow: async () => ({ map_id: mapId, kind: 'event', title: 'Nätverksträff' }),
    existing: async () => ({ id: await createNode(db, mapId) }),
    change: { title: 'Omdöpt' },
    writer: () => people.editor,
    deleter: () => people.admin
  },
  {
    table: 'relations',
    key: ['id'],
    newRow: async () => ({
      map_id: mapId,
      source_id: await createNode(db, mapId),
      target_id: await createNode(db, mapId),
      kind: 'flows_to',
      magnitude: 120,
      unit: 'elever',
      year: 2024
    }),
    existing: async () => ({
      id: await createRelation(db, mapId, await createNode(db, mapId), await createNode(db, mapId))
    }),
    change: { note: 'Ändrad' },
    writer: () => people.editor,
    deleter: () => people.admin
  },
  {
    table: 'themes',
    key: ['id'],
    newRow: async () => ({
      map_id: mapId,
      key: unique('t'),
      label_sv: 'Språk',
      label_en: 'Language',
      color: '#aa3300'
    }),
    existing: async () => ({ id: await createTheme(db, mapId) }),
    change: { label_en: 'Languages' },
    writer: () => people.editor,
    deleter: () => people.admin
  },
  {
    table: 'indicators',
    key: ['id'],
    newRow: async () => ({
      map_id: mapId,
      municipality_code: '1861',
      key: unique('i'),
      label_sv: 'Elever',
      label_en: 'Pupils',
      year: '2023/24',
      value: 812,
      source: 'Skolverket'
    }),
    existing: async () => ({ id: await createIndicator(db, mapId) }),
    change: { value: 900 },
    writer: () => people.editor,
    deleter: () => people.admin
  },
  {
    table: 'maps',
    key: ['id'],
    newRow: async () => ({ title: 'Ny karta', visibility: 'public' }),
    existing: async () => ({ id: await createSharedMap(db, people, 'private') }),
    change: { title: 'Ny titel' },
    writer: () => people.admin,
    deleter: () => people.admin
  },
  {
    table: 'map_members',
    key: ['map_id', 'user_id'],
    newRow: async () => ({
      map_id: mapId,
      user_id: await createUser(db, `${unique('m')}@example.se`),
      role: 'viewer'
    }),
    existing: async () => {
      const userId = await createUser(db, `${unique('m')}@example.se`);
      await addMember(db, mapId, userId, 'viewer');
      return { map_id: mapId, user_id: userId };
    },
    change: { role: 'editor' },
    writer: () => people.admin,
    deleter: () => people.admin
  }
];

describe.each(TABLES)('$table', (spec) => {
  it('an insert writes one change: op insert, no before, the new row as after, the actor', async () => {
    const values = await spec.newRow();
    const since = await lastChangeId();
    const actor = spec.writer();
    const cols = Object.keys(values);
    const row = await as(actor, async (tx) => {
      const res = await tx.query<Row>(
        `insert into public.${spec.table} (${cols.join(', ')})
         values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning *`,
        Object.values(values)
      );
      return res.rows[0]!;
    });

    const changes = await changesSince(since);
    const mine = changes.filter((c) => c.table_name === spec.table);
    expect(mine).toEqual([
      expect.objectContaining({
        table_name: spec.table,
        row_id: rowIdOf(row),
        map_id: (row.map_id ?? row.id) as string,
        op: 'insert',
        before: null,
        after: await rowJson(spec.table, keyOf(spec, row)),
        actor
      })
    ]);
    // Creating a map also makes its creator admin (one more audited row, same actor).
    const others = changes.filter((c) => c.table_name !== spec.table);
    expect(others).toEqual(
      spec.table === 'maps'
        ? [
            expect.objectContaining({
              table_name: 'map_members',
              row_id: actor,
              map_id: row.id,
              op: 'insert',
              after: expect.objectContaining({ role: 'admin' }),
              actor
            })
          ]
        : []
    );
  });

  it('an update writes one change with the row before and after, and the actor', async () => {
    const key = await spec.existing();
    const before = await rowJson(spec.table, key);
    const since = await lastChangeId();
    const actor = spec.writer();
    const sets = Object.keys(spec.change);
    const keys = Object.keys(key);
    await as(actor, (tx) =>
      tx.query(
        `update public.${spec.table} set ${sets.map((c, i) => `${c} = $${i + 1}`).join(', ')}
         where ${keys.map((c, i) => `${c} = $${sets.length + i + 1}`).join(' and ')}`,
        [...Object.values(spec.change), ...Object.values(key)]
      )
    );
    const after = await rowJson(spec.table, key);
    expect(after).toMatchObject(spec.change);

    expect(await changesSince(since)).toEqual([
      expect.objectContaining({
        table_name: spec.table,
        row_id: rowIdOf(before!),
        op: 'update',
        before,
        after,
        actor
      })
    ]);
  });

  it('a delete writes one change with the deleted row as before, and the actor', async () => {
    const key = await spec.existing();
    const before = await rowJson(spec.table, key);
    const since = await lastChangeId();
    const actor = spec.deleter();
    const keys = Object.keys(key);
    const deleted = await as(actor, (tx) =>
      tx.query(
        `delete from public.${spec.table} where ${keys.map((c, i) => `${c} = $${i + 1}`).join(' and ')}`,
        Object.values(key)
      )
    );
    expect(deleted.affectedRows).toBe(1);

    const changes = await changesSince(since);
    expect(changes.filter((c) => c.table_name === spec.table)).toEqual([
      expect.objectContaining({
        table_name: spec.table,
        row_id: rowIdOf(before!),
        op: 'delete',
        before,
        after: null,
        actor
      })
    ]);
    // Deleting a map cascades to its members, each audited as well.
    const others = changes.filter((c) => c.table_name !== spec.table);
    if (spec.table === 'maps') {
      expect(others.map((c) => [c.table_name, c.op, c.actor])).toEqual([
        ['map_members', 'delete', actor],
        ['map_members', 'delete', actor],
        ['map_members', 'delete', actor]
      ]);
    } else {
      expect(others).toEqual([]);
    }
  });
});

describe('audit log, across tables', () => {
  it('a soft delete is audited as an update that sets deleted_at', async () => {
    const id = await createNode(db, mapId);
    const since = await lastChangeId();
    await as(people.editor, (tx) =>
      tx.query(`update public.nodes set deleted_at = now() where id = $1`, [id])
    );
    const [change, ...rest] = await changesSince(since);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ op: 'update', row_id: id, actor: people.editor });
    expect(change!.before!.deleted_at).toBeNull();
    expect(change!.after!.deleted_at).not.toBeNull();
  });

  it('a statement touching several rows writes one change per row', async () => {
    const ids = [await createNode(db, mapId), await createNode(db, mapId)];
    const since = await lastChangeId();
    await as(people.editor, (tx) =>
      tx.query(`update public.nodes set status = 'dormant' where id = any($1)`, [ids])
    );
    const changes = await changesSince(since);
    expect(changes.map((c) => c.row_id).sort()).toEqual([...ids].sort());
    expect(changes.every((c) => c.op === 'update' && c.actor === people.editor)).toBe(true);
  });

  it('hard-deleting a node audits the relations removed with it', async () => {
    const a = await createNode(db, mapId);
    const b = await createNode(db, mapId);
    const relation = await createRelation(db, mapId, a, b);
    const since = await lastChangeId();
    await as(people.admin, (tx) => tx.query(`delete from public.nodes where id = $1`, [a]));
    const changes = await changesSince(since);
    expect(changes.map((c) => [c.table_name, c.row_id, c.op, c.actor])).toEqual(
      expect.arrayContaining([
        ['nodes', a, 'delete', people.admin],
        ['relations', relation, 'delete', people.admin]
      ])
    );
    expect(changes).toHaveLength(2);
  });

  it('a write without a signed-in user (service role) is recorded with a null actor', async () => {
    const since = await lastChangeId();
    await asRole(db, 'service_role', null, (tx) =>
      tx.query(`insert into public.nodes (map_id, kind, title) values ($1, 'resource', 'X')`, [
        mapId
      ])
    );
    expect(await changesSince(since)).toEqual([
      expect.objectContaining({ table_name: 'nodes', op: 'insert', actor: null })
    ]);
  });

  it('a rolled-back transaction leaves neither the row nor a change', async () => {
    const since = await lastChangeId();
    const nodesBefore = await db.query(`select id from public.nodes`);
    await expect(
      as(people.editor, async (tx) => {
        await tx.query(
          `insert into public.nodes (map_id, kind, title) values ($1, 'project', 'Y')`,
          [mapId]
        );
        expect(
          (await tx.query(`select id from public.changes where id > $1`, [since])).rows
        ).toHaveLength(1);
        throw new Error('abort');
      })
    ).rejects.toThrow('abort');
    expect(await changesSince(since)).toEqual([]);
    expect((await db.query(`select id from public.nodes`)).rows).toEqual(nodesBefore.rows);
  });

  it('a write that fails a constraint leaves no change', async () => {
    const since = await lastChangeId();
    await expect(
      as(people.editor, (tx) =>
        tx.query(`insert into public.nodes (map_id, kind, title) values ($1, 'project', ' ')`, [
          mapId
        ])
      )
    ).rejects.toMatchObject({ code: '23514' });
    expect(await changesSince(since)).toEqual([]);
  });
});

describe("notifications on channel 'changes'", () => {
  async function collect(): Promise<{ payloads: Row[]; stop: () => Promise<void> }> {
    const payloads: Row[] = [];
    const stop = await db.listen('changes', (p) => payloads.push(JSON.parse(p) as Row));
    return { payloads, stop: () => stop() };
  }
  async function waitFor(payloads: Row[], n: number) {
    const deadline = Date.now() + 10_000;
    while (payloads.length < n && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('announces each committed change with its id, map, table, row and op', async () => {
    const { payloads, stop } = await collect();
    try {
      const since = await lastChangeId();
      const id = await as(people.editor, async (tx) => {
        const res = await tx.query<{ id: string }>(
          `insert into public.nodes (map_id, kind, title) values ($1, 'project', 'Live') returning id`,
          [mapId]
        );
        return res.rows[0]!.id;
      });
      await waitFor(payloads, 1);
      const [change] = await changesSince(since);
      expect(payloads).toEqual([
        { id: change!.id, map_id: mapId, table: 'nodes', row_id: id, op: 'insert' }
      ]);
    } finally {
      await stop();
    }
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const { payloads, stop } = await collect();
    try {
      await expect(
        as(people.editor, async (tx) => {
          await tx.query(
            `insert into public.nodes (map_id, kind, title) values ($1, 'project', 'Ångrad')`,
            [mapId]
          );
          throw new Error('abort');
        })
      ).rejects.toThrow('abort');
      // A committed change afterwards: once it has arrived, anything earlier would have too.
      const otherMap = await createMap(db, { visibility: 'public' });
      await waitFor(payloads, 1);
      expect(payloads).toEqual([
        expect.objectContaining({ table: 'maps', row_id: otherMap, op: 'insert' })
      ]);
    } finally {
      await stop();
    }
  });

  it('sends one notification per changed row', async () => {
    const ids = [
      await createNode(db, mapId),
      await createNode(db, mapId),
      await createNode(db, mapId)
    ];
    const { payloads, stop } = await collect();
    try {
      await as(people.editor, (tx) =>
        tx.query(`update public.nodes set contact = 'x@example.se' where id = any($1)`, [ids])
      );
      // A later change: once it has arrived, any extra notification of the update would have too.
      const sentinel = await createMap(db, { visibility: 'public' });
      await waitFor(payloads, 4);
      expect(payloads.at(-1)).toMatchObject({ table: 'maps', row_id: sentinel, op: 'insert' });
      expect(
        payloads
          .slice(0, -1)
          .map((p) => [p.table, p.op, p.row_id])
          .sort()
      ).toEqual(ids.map((id) => ['nodes', 'update', id]).sort());
    } finally {
      await stop();
    }
  });
});
