// CSV reading and writing, encodings and formula neutralisation.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, EXCEL_SV, parseCsv, STANDARD_CSV, toCsv } from '$lib/io/csv';
import { checkFileSize, decodeText, decodeWindows1252, MAX_IMPORT_BYTES } from '$lib/io/encoding';
import { isFormulaLike, neutraliseCell, restoreCell } from '$lib/io/spreadsheet-safety';
import { ImportFileError } from '$lib/io/types';

const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

function thrown(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('spreadsheet safety', () => {
  it.each(['=SUMMA(A1)', '+46 19', '-minus', '@SUM(1)', '\tx', '\rx'])('neutralises %j', (text) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(restoreCell(neutraliseCell(text))).toBe(text);
  });

  it.each(['Örebro', '-12', '+3,5', '-0.25', '1e5', '', "'vanlig text", 'a=b'])(
    'leaves %j alone',
    (text) => {
      expect(neutraliseCell(text)).toBe(text);
      expect(restoreCell(text)).toBe(text);
    }
  );
});

describe('encoding', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8('\uFEFFNamn;Typ\nLaxå;Kommun'))).toEqual({
      text: 'Namn;Typ\nLaxå;Kommun',
      encoding: 'utf-8'
    });
    expect(decodeText(utf8('Laxå')).text).toBe('Laxå');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, including – and €', () => {
    const bytes = Uint8Array.from([...latin1('Laxå Hällefors Örebro '), 0x96, 0x20, 0x80]);
    expect(decodeText(bytes)).toEqual({
      text: 'Laxå Hällefors Örebro – €',
      encoding: 'windows-1252'
    });
    expect(decodeWindows1252(Uint8Array.from([0x93, 0x61, 0x94]))).toBe('“a”');
  });

  it('refuses Windows-1252 bytes claimed as UTF-8, naming the line', () => {
    const error = thrown(() => decodeText(latin1('Namn\nNora\nLaxå'), 'utf-8'));
    expect(error.messageKey).toBe('io.error.notUtf8');
    expect(error.params).toEqual({ line: 3 });
  });

  it('keeps a genuine U+FFFD in valid UTF-8', () => {
    expect(decodeText(utf8('a\uFFFDb'), 'utf-8').text).toBe('a\uFFFDb');
  });

  it('refuses binary files and files over the limit', () => {
    expect(thrown(() => decodeText(Uint8Array.from([0x50, 0x4b, 3, 4, 0]))).messageKey).toBe(
      'io.error.binaryNotCsv'
    );
    expect(thrown(() => checkFileSize(MAX_IMPORT_BYTES + 1)).messageKey).toBe('io.error.tooLarge');
    expect(() => checkFileSize(MAX_IMPORT_BYTES)).not.toThrow();
  });
});

describe('parseCsv', () => {
  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('Namn;Typ;Beskrivning\na,b;c;d')).toBe(';');
    expect(detectDelimiter('"Namn;med;semikolon",Typ,Teman\n')).toBe(',');
    expect(detectDelimiter('Namn\tTyp\n')).toBe('\t');
  });

  it('reads quotes, escaped quotes and line breaks; numbers rows as Excel does', () => {
    const { table } = parseCsv(
      'Namn;Beskrivning\r\nA;"rad 1\r\nrad 2"\r\n\r\nB;"säger ""hej"""\r\n'
    );
    expect(table.header).toEqual(['Namn', 'Beskrivning']);
    expect(table.rows).toEqual([['A', 'rad 1\r\nrad 2'], [''], ['B', 'säger "hej"']]);
    expect(table.rowNumbers).toEqual([2, 3, 4]);
  });

  it('refuses an unclosed quote with the row it opens on', () => {
    const error = thrown(() => parseCsv('Namn,Typ\nA,Nätverk\n"B,Nätverk\nC,Nätverk\n'));
    expect(error.messageKey).toBe('io.error.unclosedQuote');
    expect(error.params).toEqual({ row: 3 });
  });

  it('reports rows with more cells than the header', () => {
    const { problems } = parseCsv('Namn;Typ\nA;Nätverk;extra\nB;Nätverk;\n');
    expect(problems).toEqual([
      expect.objectContaining({
        row: 2,
        messageKey: 'io.problem.extraCells',
        params: { row: 2, count: 3, expected: 2 }
      })
    ]);
  });

  it('refuses empty files and files without a header', () => {
    expect(thrown(() => parseCsv('  \n')).messageKey).toBe('io.error.empty');
    expect(thrown(() => parseCsv(';;\nA;B;C')).messageKey).toBe('io.error.noHeader');
  });
});

describe('toCsv', () => {
  const rows = [
    ['Namn', 'Värde', 'Text'],
    ['=SUMMA(A1)', 12.5, 'a;b'],
    ['"citat"', -3, 'rad\nbryt'],
    [' mellanslag ', null, '@x']
  ];

  it('writes Swedish Excel CSV: BOM, semicolons, decimal commas, CRLF, neutralised formulas', () => {
    expect(toCsv(rows, EXCEL_SV)).toBe(
      '\uFEFFNamn;Värde;Text\r\n' +
        '\'=SUMMA(A1);12,5;"a;b"\r\n' +
        '"""citat""";-3;"rad\nbryt"\r\n' +
        '" mellanslag ";;\'@x\r\n'
    );
  });

  it('writes standard CSV', () => {
    expect(toCsv(rows, STANDARD_CSV)).toBe(
      'Namn,Värde,Text\r\n' +
        "'=SUMMA(A1),12.5,a;b\r\n" +
        '"""citat""",-3,"rad\nbryt"\r\n' +
        '" mellanslag ",,\'@x\r\n'
    );
  });

  it('reads back what it writes', () => {
    for (const options of [EXCEL_SV, STANDARD_CSV]) {
      const { table } = parseCsv(toCsv(rows, options));
      expect(table.rows[1]).toEqual(['"citat"', '-3', 'rad\nbryt']);
      expect(table.rows[0]![0]).toBe("'=SUMMA(A1)");
    }
  });
});
