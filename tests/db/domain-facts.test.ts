// The domain facts (src/lib/domain/kinds.js, limits.js) against the live schema:
// the check constraints, the generated `directed` column and the status default as
// Postgres reports them after every migration (pg_catalog, information_schema), not
// as a migration file spells them. Changing either side alone fails here.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUS,
  NODE_KINDS,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  RELATION_KINDS,
  ROUND_STATUSES,
  STATUSES,
  SYMMETRIC_RELATION_KINDS,
  VISIBILITIES
} from '$lib/domain/kinds';
import { MAX_LENGTH, PATTERN, RANGE } from '$lib/domain/limits';
import { freshDatabase } from '../helpers/db';

type Queryable = Pick<PGlite | Transaction, 'query'>;
type ByColumn<T> = Record<string, Record<string, T>>;

/** Schema constraints that are not domain facts, with where they are handled instead. */
const NOT_DOMAIN = new Set([
  'changes.op', // the audit log's operations, written by its trigger only
  'map_members.role', // member roles: MAP_ROLES in lib/wire/identity.js
  'map_join_codes.role', // the role a join code grants: MAP_ROLES in lib/wire/identity.js
  'import_parts.part', // the number of a staged import part (lib/io/apply.ts)
  'map_join_codes.code_hash' // a sha-256, written by join_map only
]);

/** The text values in `ARRAY['a'::text, 'b'::text]`. */
const arrayValues = (text: string) => [...text.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);

function put<T>(into: ByColumn<T>, table: string, column: string, value: T): void {
  if (NOT_DOMAIN.has(`${table}.${column}`)) return;
  (into[table] ??= {})[column] = value;
}

/** The column facts the check constraints of schema public state, by table and column. */
async function schemaFacts(db: Queryable) {
  const { rows } = await db.query<{ table: string; def: string }>(
    `select t.relname as table, pg_get_constraintdef(c.oid) as def
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and c.contype = 'c'
      order by t.relname, c.conname`
  );
  const lists: ByColumn<string[]> = {};
  const maxLength: ByColumn<number> = {};
  const range: ByColumn<{ min?: number; max?: number }> = {};
  const pattern: ByColumn<{ source: string; flags: string }> = {};
  for (const { table, def } of rows) {
    // kind = ANY (ARRAY['municipality'::text, …])
    const list = /^CHECK \(\((\w+) = ANY \(ARRAY\[(.*)\]\)\)\)$/s.exec(def);
    if (list) put(lists, table, list[1]!, arrayValues(list[2]!).sort());
    // length(description) <= 20000, length(btrim(title, ' …'::text)) <= 200
    for (const m of def.matchAll(/length\((?:btrim\()?(\w+)\b[^<]*<= (\d+)\)/gs)) {
      put(maxLength, table, m[1]!, Number(m[2]));
    }
    // (year >= 1900), (lat >= ('-90'::integer)::double precision), (score <= (1)::numeric)
    for (const m of def.matchAll(/\((\w+) (>=|<=) \(*'?(-?\d+(?:\.\d+)?)'?/g)) {
      const bounds = range[table]?.[m[1]!] ?? {};
      bounds[m[2] === '>=' ? 'min' : 'max'] = Number(m[3]);
      put(range, table, m[1]!, bounds);
    }
    // key ~ '^[a-z0-9]…$'::text, url ~* '^https?://…'::text
    for (const m of def.matchAll(/\((\w+) (~\*?) '((?:[^']|'')*)'::text\)/g)) {
      const source = new RegExp(m[3]!.replaceAll("''", "'")).source;
      put(pattern, table, m[1]!, { source, flags: m[2] === '~*' ? 'i' : '' });
    }
  }
  const columns = await db.query<{ generated: string | null; default: string | null }>(
    `select (select generation_expression from information_schema.columns
              where table_schema = 'public' and table_name = 'relations'
                and column_name = 'directed') as generated,
            (select column_default from information_schema.columns
              where table_schema = 'public' and table_name = 'nodes'
                and column_name = 'status') as default`
  );
  const { generated, default: statusDefault } = columns.rows[0]!;
  return {
    lists,
    maxLength,
    range,
    pattern,
    // (kind <> ALL (ARRAY['similar_to'::text, …])): directed unless one of these
    undirected: /^\(kind <> ALL \(ARRAY\[(.*)\]\)\)$/.exec(generated ?? '')?.[1],
    statusDefault
  };
}

const sorted = (values: readonly string[]) => [...values].sort();

let db: PGlite;
let schema: Awaited<ReturnType<typeof schemaFacts>>;

beforeAll(async () => {
  db = await freshDatabase();
  schema = await schemaFacts(db);
});
afterAll(async () => {
  await db.close();
});

describe('the domain facts are the schema’s', () => {
  it('node kinds, relation kinds, statuses, visibilities and workshop values are the allowed values', () => {
    expect(schema.lists).toEqual({
      maps: { visibility: sorted(VISIBILITIES) },
      nodes: { kind: sorted(NODE_KINDS), status: sorted(STATUSES) },
      relations: { kind: sorted(RELATION_KINDS) },
      rounds: { status: sorted(ROUND_STATUSES) },
      proposals: { kind: sorted(PROPOSAL_KINDS), status: sorted(PROPOSAL_STATUSES) }
    });
  });

  it('the symmetric relation kinds are those the schema stores as undirected', () => {
    expect(schema.undirected).toBeDefined();
    expect(arrayValues(schema.undirected!).sort()).toEqual(sorted(SYMMETRIC_RELATION_KINDS));
  });

  it('the default status is the column default', () => {
    expect(schema.statusDefault).toBe(`'${DEFAULT_STATUS}'::text`);
  });

  it('text limits are the schema’s, column by column', () => {
    expect(schema.maxLength).toEqual(MAX_LENGTH);
  });

  it('numeric bounds are the schema’s, column by column', () => {
    expect(schema.range).toEqual(RANGE);
  });

  it('patterns are the schema’s, column by column', () => {
    const domain: ByColumn<{ source: string; flags: string }> = {};
    for (const [table, columns] of Object.entries(PATTERN)) {
      for (const [column, re] of Object.entries(columns)) {
        put(domain, table, column, { source: re.source, flags: re.flags });
      }
    }
    expect(schema.pattern).toEqual(domain);
  });
});

describe('a schema change is seen', () => {
  /** Runs `ddl`, reads the facts and undoes the change (DDL is transactional). */
  async function factsAfter(ddl: string) {
    let facts: Awaited<ReturnType<typeof schemaFacts>> | undefined;
    await db
      .transaction(async (tx) => {
        await tx.exec(ddl);
        facts = await schemaFacts(tx);
        throw new Error('roll back');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'roll back') throw error;
      });
    return facts!;
  }

  it('a new relation kind, a shorter title, a wider year and a new key pattern', async () => {
    const facts = await factsAfter(`
      alter table public.relations drop constraint relations_kind_check;
      alter table public.relations add constraint relations_kind_check
        check (kind in ('flows_to', 'mentors'));
      alter table public.nodes drop constraint nodes_title_check;
      alter table public.nodes add constraint nodes_title_check
        check (length(btrim(title, E' \\t\\n\\r\\f\\x0B')) between 1 and 150);
      alter table public.relations drop constraint relations_year_check;
      alter table public.relations add constraint relations_year_check
        check (year between 1800 and 2100);
      alter table public.themes drop constraint themes_key_check;
      alter table public.themes add constraint themes_key_check check (key ~ '^[a-z]+$');
    `);
    expect(facts.lists.relations).toEqual({ kind: ['flows_to', 'mentors'] });
    expect(facts.maxLength.nodes).toEqual({ ...MAX_LENGTH.nodes, title: 150 });
    expect(facts.range.relations!.year).toEqual({ min: 1800, max: 2100 });
    expect(facts.pattern.themes!.key).toEqual({ source: '^[a-z]+$', flags: '' });
    // …and the unchanged rest still reads as before.
    expect(facts.maxLength.maps).toEqual(MAX_LENGTH.maps);
    expect(facts.lists.nodes).toEqual(schema.lists.nodes);
  });
});
