// The generated supabase/seed.sql against the real schema (PGlite with every
// migration): it must load in one transaction and pass every constraint and trigger.
import { readFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/db';

const MAP_ID = '00000000-0000-4000-8000-000000000001';
const MUNICIPALITIES: Record<string, string> = {
  '1814': 'Lekeberg',
  '1860': 'Laxå',
  '1861': 'Hallsberg',
  '1862': 'Degerfors',
  '1863': 'Hällefors',
  '1864': 'Ljusnarsberg',
  '1880': 'Örebro',
  '1881': 'Kumla',
  '1882': 'Askersund',
  '1883': 'Karlskoga',
  '1884': 'Nora',
  '1885': 'Lindesberg'
};

let db: PGlite;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const res = await db.query<T>(sql, params);
  expect(res.rows).toHaveLength(1);
  return res.rows[0]!;
}

beforeAll(async () => {
  db = await freshDatabase();
  const sql = await readFile(new URL('../../supabase/seed.sql', import.meta.url), 'utf8');
  await db.transaction(async (tx) => {
    await tx.exec(sql);
  });
});

afterAll(async () => {
  await db?.close();
});

describe('supabase/seed.sql', () => {
  it('creates exactly one map, the public Örebro län map', async () => {
    const res = await db.query<{ id: string; title: string; visibility: string; source: string }>(
      `select id, title, visibility, source from public.maps where deleted_at is null`
    );
    expect(res.rows).toEqual([
      {
        id: MAP_ID,
        title: 'Örebro län – regional karta',
        visibility: 'public',
        source: expect.stringMatching(/\S/)
      }
    ]);
  });

  it('has the 12 municipalities of Örebro län with their kommunkod and no point location', async () => {
    const res = await db.query<{ code: string; title: string; lon: number | null }>(
      `select municipality_code as code, title, lon from public.nodes
       where map_id = $1 and kind = 'municipality' order by municipality_code`,
      [MAP_ID]
    );
    expect(res.rows.map((r) => r.code)).toEqual(Object.keys(MUNICIPALITIES).sort());
    for (const row of res.rows) {
      expect(row.title).toContain(MUNICIPALITIES[row.code]!.slice(0, 4));
      expect(row.lon).toBeNull();
    }
  });

  it('has at least 40 nodes and 40 relations, all on the seeded map', async () => {
    const n = await one<{ nodes: number; relations: number; other: number }>(
      `select (select count(*)::int from public.nodes where map_id = $1) as nodes,
              (select count(*)::int from public.relations where map_id = $1) as relations,
              (select count(*)::int from public.nodes where map_id <> $1) as other`,
      [MAP_ID]
    );
    expect(n.nodes).toBeGreaterThanOrEqual(40);
    expect(n.relations).toBeGreaterThanOrEqual(40);
    expect(n.other).toBe(0);
  });

  it('gives every node and relation a non-empty source citing a seed document', async () => {
    const missing = await one<{ nodes: number; relations: number }>(
      `select
         (select count(*)::int from public.nodes where coalesce(btrim(source), '') = '') as nodes,
         (select count(*)::int from public.relations where coalesce(btrim(source), '') = '') as relations`
    );
    expect(missing).toEqual({ nodes: 0, relations: 0 });
    const uncited = await one<{ count: number }>(
      `select count(*)::int as count from (
         select source from public.nodes union all select source from public.relations
       ) s where source !~ '^[0-9]{3}_[0-9a-f]{16}\\.txt § '`
    );
    expect(uncited.count).toBe(0);
  });

  it('has 17 themes with Swedish and English labels and distinct colours', async () => {
    const t = await one<{ count: number; labelled: number; colours: number; keys: number }>(
      `select count(*)::int as count,
              count(*) filter (where btrim(label_sv) <> '' and btrim(label_en) <> '')::int as labelled,
              count(distinct lower(color))::int as colours,
              count(distinct key)::int as keys
       from public.themes where map_id = $1`,
      [MAP_ID]
    );
    expect(t).toEqual({ count: 17, labelled: 17, colours: 17, keys: 17 });
  });

  it('stores the Lekeberg → Örebro flow without a magnitude and Laxå ~ Hällefors undirected', async () => {
    const flow = await one<{ magnitude: string | null; directed: boolean }>(
      `select r.magnitude, r.directed from public.relations r
       join public.nodes s on s.id = r.source_id join public.nodes t on t.id = r.target_id
       where r.kind = 'flows_to' and s.municipality_code = '1814' and t.municipality_code = '1880'`
    );
    expect(flow).toEqual({ magnitude: null, directed: true });
    const similar = await one<{ directed: boolean }>(
      `select r.directed from public.relations r
       join public.nodes s on s.id = r.source_id join public.nodes t on t.id = r.target_id
       where r.kind = 'similar_to'
         and array[s.municipality_code, t.municipality_code] @> array['1860', '1863']`
    );
    expect(similar.directed).toBe(false);
  });

  it('has indicators with year and source for all 12 municipalities', async () => {
    const res = await db.query<{ code: string; n: number; bad: number }>(
      `select municipality_code as code, count(*)::int as n,
              count(*) filter (where btrim(source) = '' or btrim(year) = '' or value is null)::int as bad
       from public.indicators where map_id = $1 group by municipality_code order by 1`,
      [MAP_ID]
    );
    expect(res.rows.map((r) => r.code)).toEqual(Object.keys(MUNICIPALITIES).sort());
    for (const row of res.rows) {
      expect(row.n).toBeGreaterThanOrEqual(10);
      expect(row.bad).toBe(0);
    }
    // Spot check against the CSV: Örebro's population on 31 Dec 2024 (SCB).
    const pop = await one<{ value: string; year: string; source: string }>(
      `select value::text as value, year, source from public.indicators
       where map_id = $1 and municipality_code = '1880' and key = 'folkmangd' and year = '2024'`,
      [MAP_ID]
    );
    expect(pop).toEqual({ value: '160140', year: '2024', source: expect.stringContaining('SCB') });
    // Empty CSV cells are not seeded (Laxå has no own upper-secondary cost per pupil).
    const empty = await db.query(
      `select 1 from public.indicators
       where map_id = $1 and municipality_code = '1860' and key = 'gy_kostnad_per_elev'`,
      [MAP_ID]
    );
    expect(empty.rows).toHaveLength(0);
  });

  it('has a graph picture: a stored position for every node, so a load runs no layout', async () => {
    const counts = await one<{ nodes: number; placed: number }>(
      `select (select count(*)::int from public.nodes) as nodes,
              (select count(*)::int from public.nodes n
                where exists (select 1 from public.node_positions p where p.id = n.id)) as placed`
    );
    expect(counts.placed).toBe(counts.nodes);
  });

  it('was accepted by the schema: themes on nodes are known, every insert is audited', async () => {
    const unknownThemes = await one<{ count: number }>(
      `select count(*)::int as count from public.nodes n, unnest(n.themes) k
       where not exists (select 1 from public.themes t where t.map_id = n.map_id and t.key = k)`
    );
    expect(unknownThemes.count).toBe(0);
    const audit = await one<{ audited: number; rows: number }>(
      `select (select count(*)::int from public.changes where op = 'insert') as audited,
              (select (select count(*) from public.maps) + (select count(*) from public.themes)
                    + (select count(*) from public.nodes) + (select count(*) from public.relations)
                    + (select count(*) from public.indicators)
                    + (select count(*) from public.node_positions))::int as rows`
    );
    expect(audit.audited).toBe(audit.rows);
  });
});
