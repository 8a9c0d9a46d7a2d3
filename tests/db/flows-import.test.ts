// Flows through public.import_items (migration …130000_flow_rounded): a new flow
// carries `rounded`; a flow imported again updates the relation the map has
// (`relation_updates`: magnitude, rounded, source) only at the version the preview
// saw, else 40001 and nothing is written; viewers cannot import flows, and an
// update cannot reach a relation of another map.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attempt, freshDatabase, type Actor } from '../helpers/db';
import {
  actorFor,
  createNode,
  createPeople,
  createRelation,
  createSharedMap,
  readRow,
  type People
} from '../helpers/factories';

let db: PGlite;
let people: People;
let mapId: string;
let lekeberg: string;
let orebro: string;

beforeAll(async () => {
  db = await freshDatabase();
  people = await createPeople(db);
});

beforeEach(async () => {
  mapId = await createSharedMap(db, people, 'public');
  lekeberg = await createNode(db, mapId, {
    kind: 'municipality',
    title: 'Lekeberg',
    municipality_code: '1814'
  });
  orebro = await createNode(db, mapId, {
    kind: 'municipality',
    title: 'Örebro',
    municipality_code: '1880'
  });
});

function importAs(actor: Actor, body: Record<string, unknown>) {
  return attempt(db, actor, `select public.import_items($1, $2::jsonb) as result`, [
    mapId,
    JSON.stringify({ themes: [], nodes: [], updates: [], relations: [], indicators: [], ...body })
  ]);
}

const flow = (fields: Record<string, unknown> = {}) => ({
  source_id: lekeberg,
  target_id: orebro,
  kind: 'flows_to',
  magnitude: 120,
  unit: 'elever',
  year: 2024,
  source: 'SCB',
  ...fields
});

async function flows() {
  const res = await db.query<Record<string, unknown>>(
    `select id, magnitude::float8 as magnitude, year, unit, rounded, source, version
       from relations where map_id = $1 and kind = 'flows_to' order by year, unit`,
    [mapId]
  );
  return res.rows;
}

describe('flows through import_items', () => {
  it('writes rounded: true, false and not said (null)', async () => {
    const outcome = await importAs(actorFor(people, 'editor'), {
      relations: [
        flow({ rounded: true }),
        flow({ year: 2023, rounded: false }),
        flow({ year: 2022 })
      ]
    });
    expect(outcome.ok).toBe(true);
    expect((await flows()).map((f) => [f.year, f.rounded])).toEqual([
      [2022, null],
      [2023, false],
      [2024, true]
    ]);
  });

  it('updates a flow the map has at the version seen, and refuses a stale one writing nothing', async () => {
    const id = await createRelation(db, mapId, lekeberg, orebro, {
      kind: 'flows_to',
      magnitude: 100,
      unit: 'elever',
      year: 2024,
      source: 'gammal.csv'
    });
    const set = { magnitude: 120, rounded: true, source: 'SCB' };
    const stale = await importAs(actorFor(people, 'editor'), {
      relations: [flow({ year: 2023 })],
      relation_updates: [{ id, version: 7, set }]
    });
    expect(stale).toMatchObject({ ok: false, code: '40001' });
    expect(await flows()).toHaveLength(1);

    const ok = await importAs(actorFor(people, 'editor'), {
      relation_updates: [{ id, version: 1, set }]
    });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.rows[0]!.result).toMatchObject({ relations_updated: 1 });
    const row = await readRow(db, 'relations', id);
    expect(row).toMatchObject({ rounded: true, source: 'SCB', version: 2 });
    expect(Number(row!.magnitude)).toBe(120);
  });

  it('lets no viewer import flows, and no update reach another map', async () => {
    const viewer = await importAs(actorFor(people, 'viewer'), { relations: [flow()] });
    expect(viewer).toMatchObject({ ok: false, code: '42501' });

    const otherMap = await createSharedMap(db, people, 'public');
    const a = await createNode(db, otherMap, { kind: 'municipality', municipality_code: '1881' });
    const b = await createNode(db, otherMap, { kind: 'municipality', municipality_code: '1882' });
    const foreign = await createRelation(db, otherMap, a, b, { kind: 'flows_to', magnitude: 5 });
    const outcome = await importAs(actorFor(people, 'editor'), {
      relation_updates: [{ id: foreign, version: 1, set: { magnitude: 999 } }]
    });
    expect(outcome).toMatchObject({ ok: false, code: '40001' });
    expect(Number((await readRow(db, 'relations', foreign))!.magnitude)).toBe(5);
  });
});
