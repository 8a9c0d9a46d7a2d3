// Constraints and validating triggers: each bad row is rejected with the right
// SQLSTATE and constraint, and a close-by valid row is accepted (so no case passes
// merely because its fixture is broken in some other way).
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, freshDatabase, sqlError } from '../helpers/db';
import {
  createMap,
  createNode,
  createTheme,
  insertRow,
  readRow,
  unique,
  type Row
} from '../helpers/factories';

let db: PGlite;
let mapA: string;
let mapB: string;
let a1: string;
let a2: string;
let b1: string;

beforeAll(async () => {
  db = await freshDatabase();
  mapA = await createMap(db);
  mapB = await createMap(db);
  a1 = await createNode(db, mapA);
  a2 = await createNode(db, mapA);
  b1 = await createNode(db, mapB);
  await createTheme(db, mapA, { key: 'skola' });
  await createTheme(db, mapB, { key: 'bara_b' });
  await createNode(db, mapA, { kind: 'municipality', title: 'Örebro', municipality_code: '1880' });
});
afterAll(async () => {
  await db.close();
});

const node = (fields: Row = {}): Row => ({ map_id: mapA, kind: 'project', title: 'P', ...fields });
const relation = (fields: Row = {}): Row => ({
  map_id: mapA,
  source_id: a1,
  target_id: a2,
  kind: 'flows_to',
  ...fields
});
const theme = (fields: Row = {}): Row => {
  const key = unique('t');
  return { map_id: mapA, key, label_sv: key, label_en: key, color: '#0a0B0c', ...fields };
};
const indicator = (fields: Row = {}): Row => ({
  map_id: mapA,
  municipality_code: '1814',
  key: unique('i'),
  label_sv: 'Elever',
  label_en: 'Pupils',
  year: '2024',
  value: 12,
  source: 'SCB',
  ...fields
});

interface Case {
  name: string;
  table: string;
  row: () => Row;
  code: string;
  constraint?: string;
  message?: string | RegExp;
}

const REJECTED: Case[] = [
  // relations
  {
    name: 'relation whose target is a node of another map',
    table: 'relations',
    row: () => relation({ target_id: b1 }),
    code: '23503',
    constraint: 'relations_map_id_target_id_fkey'
  },
  {
    name: 'relation whose source is a node of another map',
    table: 'relations',
    row: () => relation({ source_id: b1 }),
    code: '23503',
    constraint: 'relations_map_id_source_id_fkey'
  },
  {
    name: 'relation filed under a map other than its nodes’',
    table: 'relations',
    row: () => relation({ map_id: mapB }),
    code: '23503',
    constraint: 'relations_map_id_source_id_fkey'
  },
  {
    name: 'unknown relation kind',
    table: 'relations',
    row: () => relation({ kind: 'likes' }),
    code: '23514',
    constraint: 'relations_kind_check'
  },
  {
    name: 'negative magnitude',
    table: 'relations',
    row: () => relation({ magnitude: -1 }),
    code: '23514',
    constraint: 'relations_magnitude_check'
  },
  {
    name: 'score above 1',
    table: 'relations',
    row: () => relation({ kind: 'similar_to', score: 1.01 }),
    code: '23514',
    constraint: 'relations_score_check'
  },
  {
    name: 'score below 0',
    table: 'relations',
    row: () => relation({ kind: 'similar_to', score: -0.1 }),
    code: '23514',
    constraint: 'relations_score_check'
  },
  {
    name: 'self-relation',
    table: 'relations',
    row: () => relation({ target_id: a1 }),
    code: '23514',
    constraint: 'relations_not_self'
  },
  {
    name: 'relation year outside 1900..2100',
    table: 'relations',
    row: () => relation({ year: 1899 }),
    code: '23514',
    constraint: 'relations_year_check'
  },
  {
    name: 'relation with an unknown theme key',
    table: 'relations',
    row: () => relation({ themes: ['skola', 'okänt'] }),
    code: '23503',
    message: 'unknown theme: okänt'
  },
  // nodes
  {
    name: 'unknown node kind',
    table: 'nodes',
    row: () => node({ kind: 'school' }),
    code: '23514',
    constraint: 'nodes_kind_check'
  },
  {
    name: 'unknown node status',
    table: 'nodes',
    row: () => node({ status: 'paused' }),
    code: '23514',
    constraint: 'nodes_status_check'
  },
  {
    name: 'node with an unknown theme key',
    table: 'nodes',
    row: () => node({ themes: ['nope'] }),
    code: '23503',
    message: 'unknown theme: nope'
  },
  {
    name: 'node with a theme of another map',
    table: 'nodes',
    row: () => node({ themes: ['bara_b'] }),
    code: '23503',
    message: 'unknown theme: bara_b'
  },
  ...['188', '18800', '18a0', ' 1880'].map((code): Case => ({
    name: `municipality_code ${JSON.stringify(code)}`,
    table: 'nodes',
    row: () => node({ municipality_code: code }),
    code: '23514',
    constraint: 'nodes_municipality_code_check'
  })),
  ...[
    'javascript:alert(1)',
    'JAVASCRIPT://x',
    'ftp://example.se',
    'https://exa mple.se',
    'www.example.se'
  ].map((url): Case => ({
    name: `url ${JSON.stringify(url)}`,
    table: 'nodes',
    row: () => node({ url }),
    code: '23514',
    constraint: 'nodes_url_check'
  })),
  {
    name: 'lon without lat',
    table: 'nodes',
    row: () => node({ lon: 15.2 }),
    code: '23514',
    constraint: 'nodes_location_pair'
  },
  {
    name: 'lat without lon',
    table: 'nodes',
    row: () => node({ lat: 59.27 }),
    code: '23514',
    constraint: 'nodes_location_pair'
  },
  {
    name: 'longitude out of range',
    table: 'nodes',
    row: () => node({ lon: 181, lat: 59 }),
    code: '23514',
    constraint: 'nodes_lon_check'
  },
  {
    name: 'end_date before start_date',
    table: 'nodes',
    row: () => node({ start_date: '2025-08-01', end_date: '2025-07-31' }),
    code: '23514',
    constraint: 'nodes_dates_ordered'
  },
  {
    name: 'municipality node without code',
    table: 'nodes',
    row: () => node({ kind: 'municipality' }),
    code: '23514',
    constraint: 'nodes_municipality_has_code'
  },
  {
    name: 'second municipality node with the same code in a map',
    table: 'nodes',
    row: () => node({ kind: 'municipality', municipality_code: '1880', title: 'Örebro igen' }),
    code: '23505',
    constraint: 'nodes_one_municipality_per_code'
  },
  ...['', '   ', '\t', '\n \r\n'].map((title): Case => ({
    name: `node title ${JSON.stringify(title)}`,
    table: 'nodes',
    row: () => node({ title }),
    code: '23514',
    constraint: 'nodes_title_check'
  })),
  {
    name: 'node title over 200 characters',
    table: 'nodes',
    row: () => node({ title: 'x'.repeat(201) }),
    code: '23514',
    constraint: 'nodes_title_check'
  },
  // maps
  ...['', '  \t'].map((title): Case => ({
    name: `map title ${JSON.stringify(title)}`,
    table: 'maps',
    row: () => ({ title }),
    code: '23514',
    constraint: 'maps_title_check'
  })),
  {
    name: 'unknown map visibility',
    table: 'maps',
    row: () => ({ title: 'K', visibility: 'secret' }),
    code: '23514',
    constraint: 'maps_visibility_check'
  },
  // themes
  ...['red', '#fff', '#12345g', '#1234567', '123456'].map((color): Case => ({
    name: `theme colour ${JSON.stringify(color)}`,
    table: 'themes',
    row: () => theme({ color }),
    code: '23514',
    constraint: 'themes_color_check'
  })),
  ...['Skola', 'skola ö', '_x', ''].map((key): Case => ({
    name: `theme key ${JSON.stringify(key)}`,
    table: 'themes',
    row: () => theme({ key }),
    code: '23514',
    constraint: 'themes_key_check'
  })),
  {
    name: 'theme with blank Swedish label',
    table: 'themes',
    row: () => theme({ label_sv: ' ' }),
    code: '23514',
    constraint: 'themes_label_sv_check'
  },
  {
    name: 'duplicate theme key in a map',
    table: 'themes',
    row: () => theme({ key: 'skola' }),
    code: '23505',
    constraint: 'themes_map_id_key_key'
  },
  // indicators
  {
    name: 'indicator with bad municipality_code',
    table: 'indicators',
    row: () => indicator({ municipality_code: '999' }),
    code: '23514',
    constraint: 'indicators_municipality_code_check'
  },
  ...['24', '2024/2025', '2024-25'].map((year): Case => ({
    name: `indicator year ${JSON.stringify(year)}`,
    table: 'indicators',
    row: () => indicator({ year }),
    code: '23514',
    constraint: 'indicators_year_check'
  })),
  {
    name: 'indicator without source',
    table: 'indicators',
    row: () => indicator({ source: null }),
    code: '23502'
  },
  {
    name: 'indicator without value',
    table: 'indicators',
    row: () => indicator({ value: null }),
    code: '23502'
  },
  {
    name: 'indicator value NaN',
    table: 'indicators',
    row: () => indicator({ value: 'NaN' }),
    code: '23514',
    constraint: 'indicators_value_check'
  },
  ...(['label_sv', 'label_en', 'source'] as const).map((column): Case => ({
    name: `indicator with a blank ${column}`,
    table: 'indicators',
    row: () => indicator({ [column]: ' \t ' }),
    code: '23514',
    constraint: `indicators_${column}_check`
  })),
  {
    name: 'indicator with a too long unit',
    table: 'indicators',
    row: () => indicator({ unit: 'x'.repeat(41) }),
    code: '23514',
    constraint: 'indicators_unit_check'
  }
];

const ACCEPTED: { name: string; table: string; row: () => Row }[] = [
  {
    name: 'a node using every optional field',
    table: 'nodes',
    row: () =>
      node({
        url: 'https://www.orebro.se/skola?x=1',
        municipality_code: '1880',
        lon: 15.2134,
        lat: 59.2741,
        themes: ['skola'],
        status: 'planned',
        start_date: '2025-08-01',
        end_date: '2025-08-01'
      })
  },
  { name: 'an http url', table: 'nodes', row: () => node({ url: 'http://example.se' }) },
  {
    name: 'a municipality node with a code already used in another map',
    table: 'nodes',
    row: () => node({ map_id: mapB, kind: 'municipality', municipality_code: '1880' })
  },
  {
    name: 'a title with inner spaces',
    table: 'nodes',
    row: () => node({ title: ' Örebro  län ' })
  },
  { name: 'magnitude 0', table: 'relations', row: () => relation({ magnitude: 0 }) },
  ...[0, 1, 0.5].map((score) => ({
    name: `score ${score}`,
    table: 'relations',
    row: () => relation({ kind: 'similar_to', score })
  })),
  {
    name: 'a relation with a known theme',
    table: 'relations',
    row: () => relation({ themes: ['skola'] })
  },
  { name: 'a colour in upper case', table: 'themes', row: () => theme({ color: '#ABCDEF' }) },
  {
    name: 'a school-year indicator',
    table: 'indicators',
    row: () => indicator({ year: '2023/24' })
  }
];

describe('rejected rows', () => {
  it.each(REJECTED)('$name → $code', async (c) => {
    const error = await sqlError(() => insertRow(db, c.table, c.row()));
    expect(error).not.toBeNull();
    expect(error!.code).toBe(c.code);
    if (c.constraint) expect(error!.constraint).toBe(c.constraint);
    if (c.message) expect(error!.message).toMatch(c.message);
  });
});

describe('accepted rows', () => {
  it.each(ACCEPTED)('$name', async (c) => {
    const id = await insertRow(db, c.table, c.row());
    expect(await readRow(db, c.table, id)).toBeDefined();
  });
});

describe('other rules', () => {
  it('an unknown theme key is rejected on update too, and a known one accepted', async () => {
    const id = await createNode(db, mapA);
    const update = (themes: string[]) =>
      sqlError(() => db.query(`update public.nodes set themes = $2 where id = $1`, [id, themes]));
    expect(await update(['skola', 'saknas'])).toMatchObject({
      code: '23503',
      message: 'unknown theme: saknas'
    });
    expect(await update(['skola'])).toBeNull();
  });

  it('a municipality node may be re-created once the old one is soft-deleted', async () => {
    const map = await createMap(db);
    const old = await createNode(db, map, { kind: 'municipality', municipality_code: '1814' });
    const again = () => createNode(db, map, { kind: 'municipality', municipality_code: '1814' });
    expect(await sqlError(again)).toMatchObject({ code: '23505' });
    await db.query(`update public.nodes set deleted_at = now() where id = $1`, [old]);
    expect(await sqlError(again)).toBeNull();
  });

  it('an unknown member role is rejected', async () => {
    const user = await createUser(db, `${unique('u')}@example.se`);
    const error = await sqlError(() =>
      db.query(`insert into public.map_members (map_id, user_id, role) values ($1, $2, 'owner')`, [
        mapA,
        user
      ])
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'map_members_role_check' });
  });
});

describe('relations.directed is derived from the kind', () => {
  const KINDS: [string, boolean][] = [
    ['flows_to', true],
    ['similar_to', false],
    ['member_of', true],
    ['participates_in', true],
    ['leads', true],
    ['hosts', true],
    ['assists', true],
    ['prepares_for', true],
    ['part_of', true],
    ['partner_of', false],
    ['collaborates_with', false],
    ['funds', true]
  ];

  it.each(KINDS)('%s → directed = %s', async (kind, directed) => {
    const id = await insertRow(db, 'relations', relation({ kind }));
    expect(await readRow(db, 'relations', id)).toMatchObject({ kind, directed });
  });

  it('cannot be written on insert', async () => {
    const error = await sqlError(() =>
      insertRow(db, 'relations', relation({ kind: 'similar_to', directed: true }))
    );
    expect(error).toMatchObject({ code: '428C9' });
  });

  it('cannot be written on update, and follows a change of kind', async () => {
    const id = await insertRow(db, 'relations', relation({ kind: 'flows_to' }));
    const error = await sqlError(() =>
      db.query(`update public.relations set directed = false where id = $1`, [id])
    );
    expect(error).toMatchObject({ code: '428C9' });
    expect(await readRow(db, 'relations', id)).toMatchObject({ directed: true });

    await db.query(`update public.relations set kind = 'similar_to' where id = $1`, [id]);
    expect(await readRow(db, 'relations', id)).toMatchObject({ directed: false });
  });
});
