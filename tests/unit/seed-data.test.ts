// The seed generator (scripts/generate-seed.js, scripts/seed/) and the seeded regional
// map data in supabase/seed-data/. Generator behaviour is tested on small in-memory
// fixtures; the real data is only read, never changed.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSeed, isSeedUpToDate, main } from '../../scripts/generate-seed.js';
import { deterministicUuid } from '../../scripts/seed/ids.js';
import { parseCsv, readSeedSources, seedSqlFile } from '../../scripts/seed/sources.js';
import { buildSeedSql, sqlLiteral, sqlTextArray } from '../../scripts/seed/sql.js';
import type { Seed, SeedSources } from '../../scripts/seed/types.js';
import { validateSeed } from '../../scripts/seed/validate.js';

const MAP_ID = '00000000-0000-4000-8000-000000000001';
// The source documents live in ../shared beside the repository (as in CI);
// REGIONKARTAN_SHARED_DIR points elsewhere.
const SEEDS_DIR = join(
  process.env.REGIONKARTAN_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url)),
  'seeds'
);

// ---------------------------------------------------------------------------
// A small, valid fixture
// ---------------------------------------------------------------------------

function fixture(): SeedSources {
  return {
    'map.yaml': [
      `id: ${MAP_ID}`,
      'title: Testkarta',
      'visibility: public',
      'description: En karta för test.',
      'source: 000_test.txt § Inledning'
    ].join('\n'),
    'themes.yaml': [
      '- key: ska',
      '  label_sv: Systematiskt kvalitetsarbete',
      '  label_en: Systematic quality work',
      "  color: '#1565c0'",
      '  sort_order: 1',
      '  source: 000_test.txt § Teman'
    ].join('\n'),
    'nodes/municipalities.yaml': [
      '- key: kommun-1814',
      '  kind: municipality',
      '  title: Lekebergs kommun',
      "  municipality_code: '1814'",
      '  source: 000_test.txt § Kommuner',
      '- key: kommun-1880',
      '  kind: municipality',
      '  title: Örebro kommun',
      "  municipality_code: '1880'",
      '  themes: [ska]',
      '  source: 000_test.txt § Kommuner'
    ].join('\n'),
    'nodes/networks.yaml': [
      '- key: natverk',
      '  kind: network',
      "  title: O'Briens nätverk",
      '  status: dormant',
      "  start_date: '2019-09-01'",
      '  url: https://example.org/natverk',
      '  source: 000_test.txt § Nätverk'
    ].join('\n'),
    'relations.yaml': [
      '- from: kommun-1814',
      '  to: kommun-1880',
      '  kind: flows_to',
      '  note: Många elever.',
      '  source: 000_test.txt § Flöden',
      '- from: kommun-1880',
      '  to: natverk',
      '  kind: member_of',
      '  themes: [ska]',
      '  source: 000_test.txt § Nätverk'
    ].join('\n'),
    'indicators.yaml': [
      'csv: stats.csv',
      'municipality_column: kommunkod',
      'ignore_columns: [kommun]',
      'columns:',
      '  - column: folk_2024',
      '    key: folkmangd',
      '    label_sv: Folkmängd',
      '    label_en: Population',
      '    unit: personer',
      "    year: '2024'",
      '    source: SCB TAB638 BE0101N1',
      '  - column: kostnad',
      '    key: kostnad',
      '    label_sv: Kostnad',
      '    label_en: Cost',
      '    unit: kr',
      '    year: 2024/25',
      '    source: Skolverket'
    ].join('\n'),
    'stats.csv':
      'kommunkod,kommun,folk_2024,kostnad\n1814,Lekeberg,8606,\n1880,Örebro,160140,137100\n'
  };
}

/** The fixture with one file's text changed by `edit`. */
function edited(path: string, edit: (text: string) => string): SeedSources {
  const sources = fixture();
  sources[path] = edit(sources[path]!);
  return sources;
}

function mustValidate(sources: SeedSources): Seed {
  const { seed, errors } = validateSeed(sources);
  expect(errors).toEqual([]);
  return seed!;
}

describe('generator: ids and SQL literals', () => {
  it('derives stable version-5-style UUIDs from map, table and key', () => {
    const id = deterministicUuid(MAP_ID, 'nodes', 'kommun-1814');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid(MAP_ID, 'nodes', 'kommun-1814')).toBe(id);
    expect(deterministicUuid(MAP_ID, 'themes', 'kommun-1814')).not.toBe(id);
    expect(deterministicUuid(MAP_ID, 'nodes', 'kommun-1880')).not.toBe(id);
    expect(
      deterministicUuid('00000000-0000-4000-8000-000000000002', 'nodes', 'kommun-1814')
    ).not.toBe(id);
  });

  it('escapes SQL strings and writes text arrays', () => {
    expect(sqlLiteral("O'Brien's")).toBe("'O''Brien''s'");
    expect(sqlLiteral(null)).toBe('null');
    expect(sqlLiteral(2.5)).toBe('2.5');
    expect(sqlTextArray([])).toBe("'{}'::text[]");
    expect(sqlTextArray(['a', "b'c"])).toBe("array['a', 'b''c']::text[]");
  });

  it('parses the CSV, keeping empty cells empty', () => {
    expect(parseCsv('a,b,c\n1,,"x,""y"""\n')).toEqual({
      header: ['a', 'b', 'c'],
      rows: [['1', '', 'x,"y"']]
    });
  });
});

describe('generator: SQL output', () => {
  it('is deterministic: the same input gives byte-identical SQL, whatever the file order', () => {
    const a = generateSeed(fixture());
    const reversed = Object.fromEntries(Object.entries(fixture()).reverse());
    const b = generateSeed(reversed);
    expect(a.errors).toEqual([]);
    expect(a.sql).not.toBeNull();
    expect(b.sql).toBe(a.sql);
  });

  it('writes a generated-file header, inserts in dependency order, and no begin/commit', () => {
    const sql = generateSeed(fixture()).sql!;
    expect(sql.startsWith('-- GENERATED FILE')).toBe(true);
    expect(sql).toContain('--   nodes/networks.yaml');
    const order = [
      'public.maps',
      'public.themes',
      'public.nodes',
      'public.relations',
      'public.indicators'
    ].map((t) => sql.indexOf(`insert into ${t} `));
    expect(order.every((pos) => pos > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(sql).not.toMatch(/^\s*(begin|commit)\b/im);
  });

  it('escapes quotes, leaves a flow without magnitude null, and skips empty CSV cells', () => {
    const seed = mustValidate(fixture());
    const sql = buildSeedSql(seed, ['x.yaml']);
    expect(sql).toContain("'O''Briens nätverk'");
    expect(sql).toContain("'2019-09-01'::date");
    const flow = seed.relations.find((r) => r.kind === 'flows_to')!;
    expect(flow.magnitude).toBeNull();
    // 2 municipalities × 2 columns, minus Lekeberg's empty cost cell.
    expect(seed.indicators).toHaveLength(3);
    expect(
      seed.indicators.find((i) => i.municipality_code === '1814' && i.key === 'kostnad')
    ).toBeUndefined();
    expect(seed.indicators.find((i) => i.key === 'kostnad')?.year).toBe('2024/25');
    // The relation's ends are the nodes' deterministic ids.
    expect(sql).toContain(`'${deterministicUuid(MAP_ID, 'nodes', 'kommun-1814')}'`);
  });
});

describe('generator: validation', () => {
  function errorsOf(sources: SeedSources): string[] {
    const { seed, errors } = validateSeed(sources);
    expect(seed).toBeNull();
    expect(generateSeed(sources).sql).toBeNull();
    return errors;
  }

  it('accepts the fixture', () => {
    expect(validateSeed(fixture()).errors).toEqual([]);
  });

  it('reads a series by year and refuses a year no source covers or given twice', () => {
    const series = (years: string) =>
      edited('indicators.yaml', (t) =>
        [
          t,
          'series:',
          '  - csv: pop.csv',
          '    municipality_column: kommunkod',
          '    key: folkmangd',
          '    label_sv: Folkmängd',
          '    label_en: Population',
          '    sources:',
          `      - years: ${years}`,
          '        source: SCB'
        ].join('\n')
      );
    const withCsv = (sources: SeedSources, header: string) => ({
      ...sources,
      'pop.csv': `kommunkod,${header}\n1814,,8000\n1880,150000,160000\n`
    });
    const ok = mustValidate(withCsv(series('2022–2023'), '2022,2023'));
    expect(ok.indicators.filter((i) => i.year === '2022' || i.year === '2023')).toHaveLength(3);
    expect(errorsOf(withCsv(series('2022–2022'), '2022,2023'))).toEqual([
      'indicators.yaml: series: item 1 ("folkmangd"): no "sources" entry covers the year 2023'
    ]);
    expect(errorsOf(withCsv(series('2023–2024'), '2023,2024'))).toEqual([
      'indicators.yaml: folkmangd 2024 of 1814 is given twice',
      'indicators.yaml: folkmangd 2024 of 1880 is given twice'
    ]);
  });

  it('rejects a duplicate node key, naming the file and item', () => {
    const errors = errorsOf(
      edited('nodes/networks.yaml', (t) =>
        t.concat('\n- key: kommun-1814\n  kind: network\n  title: Dubblett\n  source: s § x')
      )
    );
    expect(errors).toEqual([
      'nodes/networks.yaml: item 2 ("kommun-1814"): duplicate node key "kommun-1814" (first defined in nodes/municipalities.yaml)'
    ]);
  });

  it('reads the graph picture and refuses a place for an unknown node or not two numbers', () => {
    const withPositions = (yaml: string) => ({ ...fixture(), 'positions.yaml': yaml });
    const seed = mustValidate(withPositions('kommun-1814: [12.5, -3]\n'));
    expect(seed.positions).toEqual([{ key: 'kommun-1814', x: 12.5, y: -3 }]);
    const sql = buildSeedSql(seed, ['positions.yaml']);
    expect(sql).toContain('insert into public.node_positions (id, map_id, x, y) values');
    expect(sql).toContain(
      `('${deterministicUuid(MAP_ID, 'nodes', 'kommun-1814')}', '${MAP_ID}', 12.5, -3)`
    );
    expect(mustValidate(fixture()).positions).toEqual([]); // the file is optional
    expect(
      errorsOf(withPositions('finns-inte: [1, 2]\nkommun-1814: [1]\nkommun-1880: [1, 2e9]\n'))
    ).toEqual([
      'positions.yaml (finns-inte): no node has the key "finns-inte"',
      expect.stringMatching(/^positions\.yaml \(kommun-1814\): must be \[x, y\]/),
      expect.stringMatching(/^positions\.yaml \(kommun-1880\): must be \[x, y\]/)
    ]);
    expect(errorsOf(withPositions('- [1, 2]\n'))).toEqual([
      'positions.yaml: must map node keys to [x, y]'
    ]);
  });

  it('rejects a relation whose end is not a node', () => {
    const errors = errorsOf(
      edited('relations.yaml', (t) => t.replace('to: natverk', 'to: finns-inte'))
    );
    expect(errors).toEqual([
      expect.stringMatching(/^relations\.yaml: item 2 .*unknown node "finns-inte" in "to"/)
    ]);
  });

  it('rejects an unknown theme on a node and on a relation', () => {
    const nodeErrors = errorsOf(
      edited('nodes/municipalities.yaml', (t) => t.replace('themes: [ska]', 'themes: [juridik]'))
    );
    expect(nodeErrors).toEqual([
      expect.stringMatching(
        /^nodes\/municipalities\.yaml: item 2 \("kommun-1880"\): unknown theme "juridik"/
      )
    ]);
    const relErrors = errorsOf(
      edited('relations.yaml', (t) => t.replace('themes: [ska]', 'themes: [x]'))
    );
    expect(relErrors).toEqual([
      expect.stringMatching(/^relations\.yaml: item 2 .*unknown theme "x"/)
    ]);
  });

  it('rejects a missing source on a node, a relation and an indicator column', () => {
    const nodeErrors = errorsOf(
      edited('nodes/networks.yaml', (t) => t.replace('  source: 000_test.txt § Nätverk', ''))
    );
    expect(nodeErrors).toEqual([
      expect.stringMatching(
        /^nodes\/networks\.yaml: item 1 \("natverk"\): missing or empty "source"/
      )
    ]);
    const relErrors = errorsOf(
      edited('relations.yaml', (t) =>
        t.replace('  source: 000_test.txt § Flöden', '  source: "  "')
      )
    );
    expect(relErrors).toEqual([
      expect.stringMatching(/^relations\.yaml: item 1 .*missing or empty "source"/)
    ]);
    const indErrors = errorsOf(
      edited('indicators.yaml', (t) => t.replace('    source: Skolverket', ''))
    );
    expect(indErrors).toEqual([
      expect.stringMatching(
        /^indicators\.yaml: columns: item 2 \("kostnad"\): missing or empty "source"/
      )
    ]);
  });

  it('rejects unknown fields, kinds and statuses, bad dates and non-https urls', () => {
    const errors = errorsOf(
      edited('nodes/networks.yaml', (t) =>
        t
          .replace('kind: network', 'kind: forum')
          .replace('status: dormant', 'status: sleeping')
          .replace("start_date: '2019-09-01'", "start_date: '2019-02-30'")
          .replace('https://example.org', 'http://example.org')
          .concat('\n  colour: red')
      )
    );
    expect(errors.join('\n')).toMatch(/unknown node kind "forum"/);
    expect(errors.join('\n')).toMatch(/unknown status "sleeping"/);
    expect(errors.join('\n')).toMatch(/"start_date" must be a YYYY-MM-DD date/);
    expect(errors.join('\n')).toMatch(/"url" must start with https:\/\//);
    expect(errors.join('\n')).toMatch(/unknown field "colour"/);
    expect(
      errorsOf(edited('relations.yaml', (t) => t.replace('kind: member_of', 'kind: likes')))
    ).toEqual([expect.stringMatching(/unknown relation kind "likes"/)]);
  });

  it('rejects a duplicate relation, also for a symmetric kind given the other way round', () => {
    const twice = (t: string) =>
      `${t}\n- from: kommun-1814\n  to: kommun-1880\n  kind: similar_to\n  source: s § x\n- from: kommun-1880\n  to: kommun-1814\n  kind: similar_to\n  source: s § y`;
    expect(errorsOf(edited('relations.yaml', twice))).toEqual([
      expect.stringMatching(
        /^relations\.yaml: item 4 .*duplicate relation kommun-1880 similar_to kommun-1814/
      )
    ]);
  });

  it('rejects CSV columns that are not described and rows for unknown municipalities', () => {
    const errors = errorsOf(
      edited(
        'stats.csv',
        (t) =>
          t.replace('kostnad\n', 'kostnad,extra\n').replace(/\n(\d{4},[^\n]*)/g, '\n$1,1') +
          '1999,X,1,2,3\n'
      )
    );
    expect(errors).toContain(
      'indicators.yaml: CSV column "extra" is not described in "columns" (or listed in ignore_columns)'
    );
    expect(errors).toContain('stats.csv: row 4: no municipality node has code 1999');
  });
});

describe('generator: --check', () => {
  let dir: string;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  async function writeFixture(sources: SeedSources): Promise<{ dataDir: string; sqlFile: string }> {
    dir = await mkdtemp(join(tmpdir(), 'seed-check-'));
    const dataDir = join(dir, 'seed-data');
    for (const [path, text] of Object.entries(sources)) {
      await mkdir(dirname(join(dataDir, path)), { recursive: true });
      await writeFile(join(dataDir, path), text);
    }
    return { dataDir, sqlFile: join(dir, 'seed.sql') };
  }

  it('passes for a freshly generated seed.sql and fails once the data changes (stale file)', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const paths = await writeFixture(fixture());

    expect(await main(['--check'], paths)).toBe(1); // no seed.sql yet
    expect(await main([], paths)).toBe(0); // generate
    expect(await main(['--check'], paths)).toBe(0);

    // Change the data, not the SQL: the committed seed.sql is now stale.
    const nodesFile = join(paths.dataDir, 'nodes/networks.yaml');
    await writeFile(nodesFile, (await readFile(nodesFile, 'utf8')).replace('dormant', 'active'));
    expect(await main(['--check'], paths)).toBe(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('out of date'));

    // A hand edit of the SQL is caught as well.
    expect(await main([], paths)).toBe(0);
    await writeFile(paths.sqlFile, (await readFile(paths.sqlFile, 'utf8')) + '\n-- edited\n');
    expect(await main(['--check'], paths)).toBe(1);
  });

  it('exits 1 with the problems listed when the data is invalid', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const paths = await writeFixture(
      edited('relations.yaml', (t) => t.replace('to: natverk', 'to: x'))
    );
    expect(await main([], paths)).toBe(1);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('relations.yaml: item 2'));
    expect(existsSync(paths.sqlFile)).toBe(false);
  });

  it('compares byte for byte', () => {
    expect(isSeedUpToDate('a\n', 'a\n')).toBe(true);
    expect(isSeedUpToDate('a\r\n', 'a\n')).toBe(false);
    expect(isSeedUpToDate(null, 'a\n')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The real seeded map
// ---------------------------------------------------------------------------

describe('the seeded regional map (supabase/seed-data)', () => {
  let sources: SeedSources;
  let seed: Seed;
  const byKey = (key: string) => seed.nodes.find((n) => n.key === key);
  const has = (from: string, kind: string, to: string) =>
    seed.relations.find((r) => r.from === from && r.kind === kind && r.to === to);

  beforeAll(async () => {
    sources = await readSeedSources();
    seed = mustValidate(sources);
  });

  it('is valid and supabase/seed.sql is generated from it (up to date)', async () => {
    const { sql } = generateSeed(sources);
    expect(sql).not.toBeNull();
    expect(isSeedUpToDate(await readFile(seedSqlFile, 'utf8'), sql!)).toBe(true);
  });

  it('has a graph picture with a place for every node (npm run seed:layout)', () => {
    expect(seed.positions.map((p) => p.key).sort()).toEqual(seed.nodes.map((n) => n.key).sort());
  });

  it('has at least 40 nodes and 40 relations, every one with a seed-document citation', () => {
    expect(seed.nodes.length).toBeGreaterThanOrEqual(40);
    expect(seed.relations.length).toBeGreaterThanOrEqual(40);
    const citation = /^\d{3}_[0-9a-f]{16}\.txt § \S/;
    for (const item of [...seed.nodes, ...seed.relations, ...seed.themes]) {
      for (const part of item.source.split('; ')) expect(part).toMatch(citation);
    }
  });

  it('has the 12 municipalities by kommunkod, matching the boundary file, without point locations', () => {
    const codes = seed.nodes
      .filter((n) => n.kind === 'municipality')
      .map((n) => n.municipality_code)
      .sort();
    expect(codes).toEqual([
      '1814',
      '1860',
      '1861',
      '1862',
      '1863',
      '1864',
      '1880',
      '1881',
      '1882',
      '1883',
      '1884',
      '1885'
    ]);
    for (const code of codes) expect(byKey(`kommun-${code}`)?.lon).toBeNull();
    const geo = JSON.parse(
      readFileSync(new URL('../../static/geo/orebro-lan-kommuner.geojson', import.meta.url), 'utf8')
    ) as { features: { properties: { kommunkod: string } }[] };
    expect(geo.features.map((f) => f.properties.kommunkod).sort()).toEqual(codes);
  });

  it('has the 17 themes with distinct colours that contrast with white (≥ 3:1)', () => {
    expect(seed.themes).toHaveLength(17);
    expect(new Set(seed.themes.map((t) => t.color.toLowerCase())).size).toBe(17);
    const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    for (const t of seed.themes) {
      const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(t.color.slice(i, i + 2), 16) / 255));
      const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      expect(1.05 / (luminance + 0.05), t.key).toBeGreaterThanOrEqual(3);
    }
  });

  it('has the flow Lekeberg → Örebro with no magnitude, and Laxå ~ Hällefors', () => {
    const flow = has('kommun-1814', 'flows_to', 'kommun-1880');
    expect(flow).toBeDefined();
    expect(flow!.magnitude).toBeNull();
    expect(flow!.unit).toBeNull();
    expect(
      has('kommun-1860', 'similar_to', 'kommun-1863') ??
        has('kommun-1863', 'similar_to', 'kommun-1860')
    ).toBeDefined();
  });

  it('has the relations named in the sources', () => {
    const required: [string, string, string][] = [
      ['kommun-1883', 'leads', 'syv-natverk'],
      ['kommun-1883', 'hosts', 'gysam-ike-administration'],
      ['gysam-ike-administration', 'part_of', 'gysam'],
      ['kommun-1882', 'participates_in', 'tabb'],
      ['kommun-1862', 'participates_in', 'tabb'],
      ['kommun-1880', 'participates_in', 'tabb'],
      ['kommun-1884', 'participates_in', 'tabb'],
      ['sakkunnigstodet', 'assists', 'tjanstemannastodet'],
      ['tjanstemannastodet', 'prepares_for', 'ssr'],
      ['tjanstemannastodet', 'prepares_for', 'kc-rd'],
      ['ruc', 'part_of', 'orebro-universitet'],
      ['region-orebro-lan', 'partner_of', 'orebro-universitet']
    ];
    for (const [from, kind, to] of required) {
      expect(has(from, kind, to), `${from} ${kind} ${to}`).toBeDefined();
    }
    const tabb = seed.relations.filter((r) => r.to === 'tabb' && r.kind === 'participates_in');
    expect(tabb.map((r) => r.from).sort()).toEqual([
      'kommun-1862',
      'kommun-1880',
      'kommun-1882',
      'kommun-1884'
    ]);
  });

  it('has the learning project participants: all municipalities but Ljusnarsberg, Degerfors, Nora, plus Sydnärkes', () => {
    const participants = seed.relations
      .filter((r) => r.to === 'forvaltningsovergripande-uppdraget' && r.kind === 'participates_in')
      .map((r) => r.from)
      .sort();
    expect(participants).toEqual(
      [
        'kommun-1814',
        'kommun-1860',
        'kommun-1861',
        'kommun-1863',
        'kommun-1880',
        'kommun-1881',
        'kommun-1882',
        'kommun-1883',
        'kommun-1885',
        'sydnarkes-utbildningsforbund'
      ].sort()
    );
  });

  it('makes every municipality a member of Sakkunnigstödet, Tjänstemannastödet and KC/RD', () => {
    for (const network of ['sakkunnigstodet', 'tjanstemannastodet', 'kc-rd']) {
      const members = seed.relations.filter(
        (r) => r.to === network && r.kind === 'member_of' && r.from.startsWith('kommun-')
      );
      expect(members, network).toHaveLength(12);
    }
  });

  it('covers the ten activities of the activity plan 2019–2022', () => {
    const activities = seed.relations.filter(
      (r) => r.to === 'kunskapslyft-aktivitetsplan' && r.kind === 'part_of'
    );
    expect(activities.length).toBeGreaterThanOrEqual(10);
    expect(byKey('tabb')).toMatchObject({ kind: 'project', end_date: '2023-06-30' });
    expect(byKey('digitalisering-morgondagens-skola')?.status).toBe('planned');
    expect(byKey('ikt-pedagognatverk')?.status).toBe('dormant');
  });

  it('gives themes to the nodes the sources support', () => {
    expect(byKey('kommun-1882')?.themes).toEqual(expect.arrayContaining(['ska', 'forskning-ulf']));
    expect(byKey('kommun-1880')?.themes).toContain('statistik');
    expect(byKey('forvaltningsovergripande-uppdraget')?.themes).toContain('juridik');
  });

  it('seeds the population series 1968–2025 with its source by year', () => {
    const series = seed.indicators.filter(
      (i) => i.municipality_code === '1860' && i.key === 'folkmangd'
    );
    expect(series.map((i) => i.year)).toEqual(
      Array.from({ length: 2025 - 1967 }, (_, k) => String(1968 + k))
    );
    expect(series[0]).toMatchObject({ value: '9334', source: expect.stringContaining('TAB638') });
    expect(series.at(-1)).toMatchObject({
      value: '5397',
      source: expect.stringContaining('TAB5557')
    });
    // Lekeberg exists from 1994 (split off from Örebro): no earlier values.
    const lekeberg = seed.indicators.filter(
      (i) => i.municipality_code === '1814' && i.key === 'folkmangd'
    );
    expect(lekeberg[0]?.year).toBe('1994');
  });

  it('has indicators for all 12 municipalities, each with a year and a source', () => {
    const codes = new Set(seed.indicators.map((i) => i.municipality_code));
    expect(codes.size).toBe(12);
    for (const ind of seed.indicators) {
      expect(ind.year).toMatch(/^\d{4}(\/\d{2})?$/);
      expect(ind.source.trim()).not.toBe('');
    }
    const pop = seed.indicators.find(
      (i) => i.municipality_code === '1814' && i.key === 'folkmangd' && i.year === '2025'
    );
    expect(pop?.value).toBe('8608');
  });

  // The seed documents live beside the repository (../shared/seeds); every
  // citation's section must occur in the cited document.
  describe('citations against the seed documents', () => {
    it('finds the seed documents beside the repository', () => {
      expect(
        existsSync(SEEDS_DIR),
        `${SEEDS_DIR} is missing: check out ../shared beside the repo`
      ).toBe(true);
    });

    const normalise = (s: string) =>
      s
        .toLowerCase()
        .normalize('NFC')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();

    it('finds every cited section in its document', () => {
      const documents = new Map<string, string>();
      const missing: string[] = [];
      const items = [seed.map, ...seed.themes, ...seed.nodes, ...seed.relations];
      for (const item of items) {
        for (const part of item.source.split('; ')) {
          const [, file, section] = /^(\S+\.txt) § (.+)$/.exec(part) ?? [];
          if (!file || !section) {
            missing.push(part);
            continue;
          }
          if (!documents.has(file)) {
            const path = join(SEEDS_DIR, file);
            documents.set(file, existsSync(path) ? normalise(readFileSync(path, 'utf8')) : '');
          }
          if (!documents.get(file)!.includes(normalise(section))) missing.push(part);
        }
      }
      expect(missing).toEqual([]);
    });
  });
});
