// public.import_items: one call writes a whole import plan in one transaction.
// Editors and admins may import; viewers, outsiders and anon may not. Any bad
// part (here: a relation whose end resolves to nothing) leaves the map untouched.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attempt, freshDatabase, type Actor } from '../helpers/db';
import {
  actorFor,
  createNode,
  createPeople,
  createSharedMap,
  createTheme,
  type People
} from '../helpers/factories';

let db: PGlite;
let people: People;
let mapId: string;
let themeKey: string;
let existingId: string;

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
});

// Each test gets its own map, so counts are per test.
beforeEach(async () => {
  mapId = await createSharedMap(db, people, 'public');
  await createTheme(db, mapId, { key: 'juridik', label_sv: 'Juridik', label_en: 'Law' });
  themeKey = 'juridik';
  existingId = await createNode(db, mapId, {
    kind: 'municipality',
    title: 'Nora',
    municipality_code: '1884'
  });
});

function payload(overrides: Record<string, unknown> = {}) {
  return {
    themes: [
      {
        key: 'fritidshem',
        label_sv: 'Fritidshem',
        label_en: 'Leisure-time centres',
        description: '',
        color: '#d84315',
        sort_order: 4,
        source: null
      }
    ],
    nodes: [
      {
        key: 'n1',
        kind: 'network',
        title: 'GySam',
        description: 'Gymnasiesamverkan',
        url: null,
        municipality_code: null,
        lon: null,
        lat: null,
        themes: [themeKey],
        status: 'active',
        start_date: null,
        end_date: null,
        contact: '',
        source: 'test § 1'
      },
      {
        key: 'n2',
        kind: 'resource',
        title: 'Fritidsstöd',
        description: '',
        url: 'https://example.se',
        municipality_code: '1884',
        lon: 15.0,
        lat: 59.5,
        themes: ['fritidshem'],
        status: 'planned',
        start_date: '2024-01-01',
        end_date: '2024-12-31',
        contact: 'a@b.se',
        source: null
      }
    ],
    updates: [],
    relations: [
      {
        source_id: existingId,
        target_key: 'n1',
        kind: 'member_of',
        magnitude: null,
        unit: null,
        year: null,
        score: null,
        themes: [],
        note: '',
        source: null
      },
      {
        source_key: 'n2',
        target_key: 'n1',
        kind: 'assists',
        magnitude: 3,
        unit: 'timmar',
        year: 2024,
        score: null,
        themes: ['fritidshem'],
        note: 'not',
        source: null
      }
    ],
    indicators: [
      {
        municipality_code: '1884',
        key: 'elever',
        label_sv: 'Elever',
        label_en: 'Pupils',
        unit: 'st',
        year: '2024',
        value: 1200,
        source: 'SCB'
      }
    ],
    ...overrides
  };
}

async function counts() {
  const res = await db.query<{ t: number; n: number; r: number; i: number; c: number }>(
    `select (select count(*)::int from themes where map_id = $1) t,
            (select count(*)::int from nodes where map_id = $1) n,
            (select count(*)::int from relations where map_id = $1) r,
            (select count(*)::int from indicators where map_id = $1) i,
            (select count(*)::int from changes where map_id = $1) c`,
    [mapId]
  );
  return res.rows[0]!;
}

function importAs(actor: Actor, body: unknown, map = mapId) {
  return attempt(db, actor, `select public.import_items($1, $2::jsonb) as result`, [
    map,
    JSON.stringify(body)
  ]);
}

describe('import_items', () => {
  it('writes themes, nodes, relations and indicators and maps keys to new ids', async () => {
    const before = await counts();
    const outcome = await importAs(actorFor(people, 'editor'), payload());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const result = outcome.rows[0]!.result as Record<string, unknown>;
    expect(result).toMatchObject({ themes: 1, nodes: 2, updated: 0, relations: 2, indicators: 1 });
    const ids = result.node_ids as Record<string, string>;
    expect(Object.keys(ids).sort()).toEqual(['n1', 'n2']);

    const after = await counts();
    expect(after.t - before.t).toBe(1);
    expect(after.n - before.n).toBe(2);
    expect(after.r - before.r).toBe(2);
    expect(after.i - before.i).toBe(1);

    const node = (
      await db.query<Record<string, unknown>>(`select * from nodes where id = $1`, [ids.n2])
    ).rows[0]!;
    expect(node).toMatchObject({
      title: 'Fritidsstöd',
      kind: 'resource',
      municipality_code: '1884',
      lon: 15,
      lat: 59.5,
      themes: ['fritidshem'],
      status: 'planned',
      contact: 'a@b.se',
      created_by: people.editor,
      version: 1
    });
    const rel = (
      await db.query<Record<string, unknown>>(
        `select * from relations where source_id = $1 and target_id = $2`,
        [ids.n2, ids.n1]
      )
    ).rows[0]!;
    expect(rel).toMatchObject({
      kind: 'assists',
      unit: 'timmar',
      year: 2024,
      note: 'not',
      themes: ['fritidshem']
    });
    expect(Number(rel.magnitude)).toBe(3);
    const member = await db.query(
      `select 1 from relations where source_id = $1 and target_id = $2 and kind = 'member_of'`,
      [existingId, ids.n1]
    );
    expect(member.rows).toHaveLength(1);
    // Every row went through the audit trigger with the importer as actor.
    const audit = await db.query<{ actor: string }>(
      `select distinct actor from changes where map_id = $1 and table_name in ('nodes','relations') and op = 'insert' and actor is not null`,
      [mapId]
    );
    expect(audit.rows.map((r) => r.actor)).toEqual([people.editor]);
  });

  it('writes nothing when one relation points at an unknown node', async () => {
    const before = await counts();
    const bad = payload();
    bad.relations.push({
      source_key: 'n1',
      target_key: 'does-not-exist',
      kind: 'leads',
      magnitude: null,
      unit: null,
      year: null,
      score: null,
      themes: [],
      note: '',
      source: null
    } as never);
    const outcome = await importAs(actorFor(people, 'editor'), bad);
    expect(outcome).toMatchObject({ ok: false, code: '23503' });
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when a relation points at a node of another map', async () => {
    const otherMap = await createSharedMap(db, people, 'public');
    const foreign = await createNode(db, otherMap, { title: 'Främmande' });
    const before = await counts();
    const bad = payload({
      relations: [{ source_id: foreign, target_key: 'n1', kind: 'member_of', themes: [], note: '' }]
    });
    const outcome = await importAs(actorFor(people, 'editor'), bad);
    expect(outcome).toMatchObject({ ok: false, code: '23503' });
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when a late row breaks a constraint (unknown theme on the last node)', async () => {
    const before = await counts();
    const bad = payload();
    (bad.nodes as Record<string, unknown>[]).push({
      ...bad.nodes[0],
      key: 'n3',
      title: 'Sist',
      themes: ['finns-inte']
    });
    const outcome = await importAs(actorFor(people, 'editor'), bad);
    expect(outcome.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('merges into an existing node only at the version seen in the preview', async () => {
    const merge = {
      updates: [
        { id: existingId, version: 1, set: { description: 'Bergslagen', themes: [themeKey] } }
      ],
      themes: [],
      nodes: [],
      relations: [],
      indicators: []
    };
    const ok = await importAs(actorFor(people, 'editor'), merge);
    expect(ok.ok).toBe(true);
    const row = (
      await db.query<Record<string, unknown>>(
        `select description, themes, version, title from nodes where id = $1`,
        [existingId]
      )
    ).rows[0]!;
    expect(row).toMatchObject({
      description: 'Bergslagen',
      themes: [themeKey],
      version: 2,
      title: 'Nora'
    });

    // The same plan again is stale (version 1, the row is at 2): nothing at all is written.
    const before = await counts();
    const stale = { ...payload(), updates: merge.updates };
    const outcome = await importAs(actorFor(people, 'editor'), stale);
    expect(outcome).toMatchObject({ ok: false, code: '40001' });
    expect(await counts()).toEqual(before);
  });

  it('writes one audit row per item, each with its row as written', async () => {
    const last = await db.query<{ id: number }>(
      `select coalesce(max(id), 0)::int as id from changes`
    );
    const outcome = await importAs(actorFor(people, 'editor'), payload());
    expect(outcome.ok).toBe(true);
    const audit = await db.query<{ table_name: string; op: string; n: number; actors: string[] }>(
      `select table_name, op, count(*)::int as n, array_agg(distinct actor::text) as actors
       from changes where map_id = $1 and id > $2 group by table_name, op order by table_name`,
      [mapId, last.rows[0]!.id]
    );
    expect(audit.rows).toEqual([
      { table_name: 'indicators', op: 'insert', n: 1, actors: [people.editor] },
      { table_name: 'nodes', op: 'insert', n: 2, actors: [people.editor] },
      { table_name: 'relations', op: 'insert', n: 2, actors: [people.editor] },
      { table_name: 'themes', op: 'insert', n: 1, actors: [people.editor] }
    ]);
    const node = await db.query<{ title: string; after_title: string }>(
      `select n.title, c.after ->> 'title' as after_title
       from nodes n join changes c on c.row_id = n.id and c.op = 'insert'
       where n.map_id = $1 and n.title = 'GySam'`,
      [mapId]
    );
    expect(node.rows).toEqual([{ title: 'GySam', after_title: 'GySam' }]);
  });

  it('merges several nodes at once, or none when one of them is stale', async () => {
    const second = await createNode(db, mapId, { kind: 'network', title: 'Andra' });
    const third = await createNode(db, mapId, { kind: 'network', title: 'Tredje' });
    await db.query(`update nodes set description = 'ändrad' where id = $1`, [third]); // now version 2
    const merge = (version: number) => ({
      updates: [
        { id: existingId, version: 1, set: { description: 'Ett' } },
        { id: second, version: 1, set: { contact: 'a@b.se', status: 'dormant' } },
        { id: third, version, set: { url: 'https://example.se' } }
      ]
    });
    const before = await counts();
    const stale = await importAs(actorFor(people, 'editor'), merge(1));
    expect(stale).toMatchObject({ ok: false, code: '40001' });
    expect(stale.ok ? '' : stale.message).toContain(third);
    expect(await counts()).toEqual(before);
    const rows = await db.query<{ id: string; version: number }>(
      `select id, version from nodes where id = any($1) order by title`,
      [[existingId, second, third]]
    );
    expect(rows.rows.map((r) => r.version).sort()).toEqual([1, 1, 2]);

    const ok = await importAs(actorFor(people, 'editor'), merge(2));
    expect(ok).toMatchObject({ ok: true, rows: [{ result: { updated: 3 } }] });
    const merged = await db.query<Record<string, unknown>>(
      `select title, description, contact, status, url, version, updated_by from nodes
       where id = any($1) order by title`,
      [[existingId, second, third]]
    );
    expect(merged.rows).toEqual([
      expect.objectContaining({ title: 'Andra', contact: 'a@b.se', status: 'dormant', version: 2 }),
      expect.objectContaining({ title: 'Nora', description: 'Ett', version: 2 }),
      expect.objectContaining({
        title: 'Tredje',
        description: 'ändrad',
        url: 'https://example.se',
        version: 3,
        updated_by: people.editor
      })
    ]);
    const audit = await db.query<{ n: number }>(
      `select count(*)::int as n from changes where op = 'update' and actor = $1 and row_id = any($2)`,
      [people.editor, [existingId, second, third]]
    );
    expect(audit.rows[0]!.n).toBe(3);
  });

  it('refuses merging the same node twice in one import (the second is stale)', async () => {
    const before = await counts();
    const outcome = await importAs(actorFor(people, 'editor'), {
      updates: [
        { id: existingId, version: 1, set: { description: 'A' } },
        { id: existingId, version: 1, set: { description: 'B' } }
      ]
    });
    expect(outcome).toMatchObject({ ok: false, code: '40001' });
    expect(await counts()).toEqual(before);
  });

  it('refuses duplicate or missing temporary keys', async () => {
    const bad = payload();
    bad.nodes[1]!.key = 'n1';
    expect(await importAs(actorFor(people, 'editor'), bad)).toMatchObject({
      ok: false,
      code: '22023'
    });
  });

  it.each(['admin', 'editor'] as const)('%s may import', async (name) => {
    const outcome = await importAs(actorFor(people, name), payload());
    expect(outcome.ok).toBe(true);
  });

  it.each(['viewer', 'outsider'] as const)('%s is refused and nothing is written', async (name) => {
    const before = await counts();
    const outcome = await importAs(actorFor(people, name), payload());
    expect(outcome).toMatchObject({ ok: false, code: '42501' });
    expect(await counts()).toEqual(before);
  });

  it('anon cannot even call it', async () => {
    const before = await counts();
    const outcome = await importAs({ role: 'anon', sub: null }, payload());
    expect(outcome).toMatchObject({ ok: false, code: '42501' });
    expect(outcome.ok ? '' : outcome.message).toMatch(/permission denied/);
    expect(await counts()).toEqual(before);
  });

  it("changes the map's title only for an admin (restoring a backup)", async () => {
    const body = {
      map: { title: 'Återställd', description: 'Från kopia', source: 'backup' },
      themes: [],
      nodes: [],
      relations: [],
      indicators: []
    };
    expect(await importAs(actorFor(people, 'editor'), body)).toMatchObject({
      ok: false,
      code: '42501'
    });
    expect(await importAs(actorFor(people, 'admin'), body)).toMatchObject({ ok: true });
    const map = (
      await db.query<Record<string, unknown>>(
        `select title, description, source from maps where id = $1`,
        [mapId]
      )
    ).rows[0];
    expect(map).toEqual({ title: 'Återställd', description: 'Från kopia', source: 'backup' });
  });
});
