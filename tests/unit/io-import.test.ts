// Reading the fixture files in tests/fixtures/import (made by
// scripts/make-import-fixtures.js): the realistic Kumu workbook and the CSV files
// import cleanly; every bad file is refused with a specific message, and its plan
// is blocked so that nothing can be written.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import { readImport, type ImportFile } from '$lib/io/import';
import { buildImportPlan } from '$lib/io/plan';
import { ImportFileError, type ParsedImport } from '$lib/io/types';
import type { EncodingChoice } from '$lib/io/encoding';
import { sv } from '$lib/i18n/sv';
import { translate } from '$lib/i18n/translate';
import { emptyMap, seedThemes } from './fixtures/io-dataset';
import { node } from './fixtures/dataset';

const fixture = (name: string): ImportFile => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)))
});

/** A map like the seeded one: its themes and some of its municipalities. */
function seededLike(): Dataset {
  const map = emptyMap(seedThemes());
  map.nodes = [
    node({ id: 'm-orebro', kind: 'municipality', title: 'Örebro', municipality_code: '1880' }),
    node({ id: 'm-lekeberg', kind: 'municipality', title: 'Lekeberg', municipality_code: '1814' }),
    node({
      id: 'm-karlskoga',
      kind: 'municipality',
      title: 'Karlskoga',
      municipality_code: '1883',
      description: 'Bergslagen'
    })
  ];
  return map;
}

const errors = (parsed: { problems: ParsedImport['problems'] }) =>
  parsed.problems.filter((p) => p.severity === 'error');
const message = (p: ParsedImport['problems'][number]) =>
  translate(sv, 'sv', p.messageKey, p.params);

async function fileError(files: ImportFile[], existing: Dataset, encoding?: EncodingChoice) {
  try {
    await readImport(files, existing, { encoding });
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('the Kumu workbook', () => {
  it('reads every element and connection, with Swedish/English/raw kinds and theme labels', async () => {
    const parsed = await readImport([fixture('kumu-orebro.xlsx')], seededLike());
    expect(errors(parsed)).toEqual([]);
    expect(parsed.format).toBe('xlsx');
    expect(parsed.nodes).toHaveLength(17);
    expect(parsed.relations).toHaveLength(21);
    // Kumu's Image column is not ours: a warning, not an error.
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        messageKey: 'io.problem.unknownColumn',
        column: 'Image'
      })
    );
    const byTitle = new Map(parsed.nodes.map((n) => [n.title, n]));
    expect(byTitle.get('REKO')).toMatchObject({
      kind: 'network',
      status: 'active',
      themes: ['vuxenutbildning']
    });
    expect(byTitle.get('RUC')).toMatchObject({
      kind: 'organisation',
      municipality_code: '1880',
      themes: ['forskning-ulf', 'styrning-ledning']
    });
    expect(byTitle.get('TABB – Tillsammans för alla barns bästa')).toMatchObject({
      kind: 'project',
      start_date: '2019-09-01',
      end_date: '2023-06-30',
      themes: ['skola-socialtjanst-halso-sjukvard', 'psykisk-halsa-skolavhopp']
    });
    expect(byTitle.get('Juridiskt stöd för små kommuner')).toMatchObject({
      kind: 'resource',
      status: 'planned'
    });
    expect(byTitle.get('Vux-dagen')).toMatchObject({ kind: 'event', status: 'ended' });
    // "www.vuxwebb.se" becomes a web address, with a warning saying so.
    expect(byTitle.get('VuxWebb')?.url).toBe('https://www.vuxwebb.se');
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({ messageKey: 'io.problem.urlFixed', row: 17 })
    );
    const kinds = new Set(parsed.relations.map((r) => r.kind));
    expect(kinds).toEqual(
      new Set([
        'leads',
        'hosts',
        'member_of',
        'assists',
        'participates_in',
        'part_of',
        'partner_of',
        'flows_to'
      ])
    );
  });

  it('plans merges for the municipalities already on the map and resolves every connection', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('kumu-orebro.xlsx')], existing);
    const plan = buildImportPlan(existing, parsed);
    expect(plan.blocked).toBe(false);
    // Örebro gets a description and a theme from the workbook (merge); Lekeberg and Karlskoga
    // add nothing (skip) — Karlskoga's own description is kept, an empty cell never clears it.
    expect(plan.matches.map((m) => [m.title, m.suggested])).toEqual([
      ['Örebro', 'merge'],
      ['Karlskoga', 'skip'],
      ['Lekeberg', 'skip']
    ]);
    expect(plan.payload.updates).toEqual([
      {
        id: 'm-orebro',
        version: 1,
        set: { description: 'Länets största kommun.', themes: ['statistik'] }
      }
    ]);
    expect(plan.summary).toMatchObject({
      nodesNew: 14,
      nodesMerged: 1,
      nodesSkipped: 2,
      relationsNew: 21
    });
    // Connections to existing municipalities use their ids; to new nodes, the payload keys.
    const gysamKey = plan.payload.nodes.find((n) => n.title === 'GySam')!.key;
    expect(plan.payload.relations).toContainEqual(
      expect.objectContaining({ source_id: 'm-lekeberg', target_key: gysamKey, kind: 'member_of' })
    );
    expect(plan.payload.relations).toContainEqual(
      expect.objectContaining({ source_id: 'm-lekeberg', target_id: 'm-orebro', kind: 'flows_to' })
    );
  });

  it('can skip a suggested merge', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('kumu-orebro.xlsx')], existing);
    const orebro = parsed.nodes.findIndex((n) => n.title === 'Örebro');
    const plan = buildImportPlan(existing, parsed, { decisions: new Map([[orebro, 'skip']]) });
    expect(plan.payload.updates).toEqual([]);
    expect(plan.summary.nodesSkipped).toBe(3);
  });

  it('into an empty map creates the municipalities too', async () => {
    const existing = emptyMap(seedThemes());
    const plan = buildImportPlan(
      existing,
      await readImport([fixture('kumu-orebro.xlsx')], existing)
    );
    expect(plan.blocked).toBe(false);
    expect(plan.summary).toMatchObject({ nodesNew: 17, relationsNew: 21, nodesMerged: 0 });
  });
});

describe('good CSV files', () => {
  it('reads UTF-8 nodes and relations together, by name and municipality name', async () => {
    const existing = seededLike();
    const parsed = await readImport(
      [fixture('relationer-utf8.csv'), fixture('noder-utf8.csv')],
      existing
    );
    expect(errors(parsed)).toEqual([]);
    expect(parsed.encoding).toBe('utf-8');
    const network = parsed.nodes.find((n) => n.title === 'Fritidshemsnätverket')!;
    // "Hällefors" is defined as a municipality in the same file.
    expect(network).toMatchObject({
      kind: 'network',
      municipality_code: '1863',
      themes: ['fritidshem']
    });
    expect(network.description).toBe(
      'Nätverk för fritidshem i Hällefors, Ljusnarsberg och Nora.\nTräffas varje termin.'
    );
    expect(parsed.nodes.find((n) => n.title === 'Kvalitetsdialog i Bergslagen')?.description).toBe(
      'Gemensam "SKA"-modell'
    );
    const plan = buildImportPlan(existing, parsed);
    expect(plan.blocked).toBe(false);
    expect(plan.summary).toMatchObject({ nodesNew: 4, relationsNew: 3 });
  });

  it("reads Swedish Excel's semicolon CSV in Windows-1252 (detected), with decimal commas", async () => {
    const parsed = await readImport([fixture('noder-excel-sv-1252.csv')], seededLike());
    expect(errors(parsed)).toEqual([]);
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.nodes.map((n) => n.title)).toEqual([
      'Lindesberg',
      'Laxå',
      'Hälsofrämjande skola – Lindesberg',
      'Förskolenätverket Laxå–Lindesberg'
    ]);
    expect(parsed.nodes[2]).toMatchObject({
      lon: 15.2245,
      lat: 59.5941,
      themes: ['halsa-trygghet-framtidstro']
    });
    expect(parsed.nodes[3]).toMatchObject({
      status: 'dormant',
      themes: ['forskola'],
      municipality_code: '1860'
    });
  });

  it('reads the same file when the user says Windows-1252', async () => {
    const parsed = await readImport([fixture('noder-excel-sv-1252.csv')], seededLike(), {
      encoding: 'windows-1252'
    });
    expect(parsed.nodes[1]?.title).toBe('Laxå');
  });
});

describe('bad files leave nothing to write and say why', () => {
  it('malformed CSV: an unclosed quote, with its row', async () => {
    const error = await fileError([fixture('bad-unclosed-quote.csv')], seededLike());
    expect(error.messageKey).toBe('io.error.unclosedQuote');
    expect(error.params).toEqual({ row: 3 });
    expect(translate(sv, 'sv', error.messageKey, error.params)).toMatch(/^Rad 3: ett citattecken/);
  });

  it('wrong encoding: Windows-1252 bytes claimed to be UTF-8', async () => {
    const error = await fileError([fixture('bad-latin1-claimed-utf8.csv')], seededLike(), 'utf-8');
    expect(error.messageKey).toBe('io.error.notUtf8');
    expect(error.params).toEqual({ line: 3 });
    expect(translate(sv, 'sv', error.messageKey, error.params)).toContain(
      'Spara som UTF-8 eller välj Windows-1252'
    );
  });

  it('missing required columns', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('bad-missing-columns.csv')], existing);
    expect(errors(parsed).map(message)).toEqual([
      'Kolumnen Typ saknas. Filen behöver minst kolumnerna: Namn, Typ.'
    ]);
    expect(parsed.nodes).toEqual([]);
    expect(buildImportPlan(existing, parsed).blocked).toBe(true);
  });

  it('unknown kinds, themes and statuses, by row and column', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('bad-unknown-kind-theme.csv')], existing);
    const found = errors(parsed).map((p) => [p.row, p.column, p.messageKey]);
    expect(found).toEqual([
      [3, 'Typ', 'io.problem.unknownKind'],
      [4, 'Teman', 'io.problem.unknownTheme'],
      [5, 'Status', 'io.problem.unknownStatus']
    ]);
    expect(message(errors(parsed)[0]!)).toBe(
      "Rad 3, kolumn Typ: okänd typ 'Nätverket' – använd en av: kommun, organisation, nätverk eller forum, projekt eller aktivitet, resurs, händelse eller möte."
    );
    expect(message(errors(parsed)[1]!)).toMatch(
      /^Rad 4, kolumn Teman: okänt tema 'Idrott' – använd ett av: Systematiskt kvalitetsarbete \(SKA\), Statistik och analys, /
    );
    expect(parsed.nodes.map((n) => n.title)).toEqual(['GySam']);
    expect(buildImportPlan(existing, parsed).blocked).toBe(true);
  });

  it('a relation to an unknown node', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('bad-relation-unknown-node.csv')], existing);
    expect(errors(parsed)).toEqual([]);
    const plan = buildImportPlan(existing, parsed);
    expect(plan.blocked).toBe(true);
    expect(plan.problems.map(message)).toEqual([
      "Rad 3, kolumn Till: 'Finns inte-nätverket' finns varken i filen eller på kartan. Kontrollera stavningen."
    ]);
  });

  it('formulas in cells', async () => {
    const existing = seededLike();
    const parsed = await readImport([fixture('bad-formulas.csv')], existing);
    expect(errors(parsed).map((p) => [p.row, p.column, p.messageKey])).toEqual([
      [2, 'Namn', 'io.problem.formula'],
      [3, 'Beskrivning', 'io.problem.formula'],
      [4, 'Beskrivning', 'io.problem.formula']
    ]);
    // A description starting with "- " is ordinary text.
    expect(parsed.nodes.map((n) => [n.title, n.description])).toEqual([
      ['Nätverk Y', '- punkt ett']
    ]);
    expect(buildImportPlan(existing, parsed).blocked).toBe(true);
  });

  it('a 50 MB file is refused before anything is parsed', async () => {
    // Bytes that cannot be read, only measured: any read before the size check throws.
    const huge = new Proxy(new Uint8Array(0), {
      get(target, key) {
        if (key === 'byteLength') return 50 * 1024 * 1024;
        throw new Error(`read ${String(key)} of a file that is too large`);
      }
    });
    for (const name of ['stor.csv', 'stor.xlsx', 'stor.json']) {
      const error = await fileError([{ name, bytes: huge }], seededLike());
      expect(error.messageKey).toBe('io.error.tooLarge');
      expect(error.params).toEqual({ size: '50,0', limit: '20,0' });
    }
  });

  it('an old .xls or a workbook passed as CSV is named for what it is', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await fileError([{ name: 'gammal.xlsx', bytes: xls }], seededLike())).messageKey).toBe(
      'io.error.oldExcel'
    );
    const xlsx = fixture('kumu-orebro.xlsx');
    expect(
      (await fileError([{ name: 'karta.csv', bytes: xlsx.bytes }], seededLike())).messageKey
    ).toBe('io.error.binaryNotCsv');
  });
});
