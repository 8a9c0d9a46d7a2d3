// Turning a file's bytes into text, with the checks that come before any parsing:
// the size limit, Excel files given as CSV, and the encoding. Excel's "CSV
// (semikolonavgränsad)" in Swedish Windows writes Windows-1252, not UTF-8.
import { ImportFileError, type TextEncodingName } from './types';

/** Files larger than this are refused before anything is read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type EncodingChoice = 'auto' | TextEncodingName;

/** Throws a clear error when a file is too large to import. */
export function checkFileSize(byteLength: number, limit = MAX_IMPORT_BYTES): void {
  if (byteLength > limit) {
    throw new ImportFileError('io.error.tooLarge', {
      size: megabytes(byteLength),
      limit: megabytes(limit)
    });
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',');
}

export function asBytes(input: ArrayBuffer | Uint8Array): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** ZIP (XLSX, DOCX …) starts with "PK\x03\x04"; old Excel (.xls) with the OLE header. */
export function sniffBinary(bytes: Uint8Array): 'zip' | 'ole' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'zip';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return 'ole';
  }
  return null;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The 1-based line number of a character offset in a text. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Decodes a text file. With 'auto', a UTF-8 BOM or valid UTF-8 means UTF-8 and
 * anything else is read as Windows-1252. When UTF-8 is chosen explicitly and the
 * bytes are not valid UTF-8 (U+FFFD replacement characters appear), the file is
 * refused with the line of the first bad character instead of importing "Ã¶".
 */
export function decodeText(
  input: ArrayBuffer | Uint8Array,
  choice: EncodingChoice = 'auto'
): { text: string; encoding: TextEncodingName } {
  const bytes = asBytes(input);
  checkFileSize(bytes.byteLength);
  const binary = sniffBinary(bytes);
  if (binary) throw new ImportFileError('io.error.binaryNotCsv');
  if (bytes.includes(0)) throw new ImportFileError('io.error.binaryNotCsv');

  if (choice === 'windows-1252')
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  const bom = hasUtf8Bom(bytes);
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const bad = text.indexOf('\uFFFD');
  // A file may legitimately contain U+FFFD itself (EF BF BD); only decoding errors count.
  const invalid = bad >= 0 && !isValidUtf8(bytes);
  if (!invalid) return { text, encoding: 'utf-8' };
  if (choice === 'auto' && !bom)
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  throw new ImportFileError('io.error.notUtf8', { line: lineOf(text, bad) });
}

// Windows-1252's characters at 0x80–0x9F (Node 20's TextDecoder decodes them as
// Latin-1 control characters; browsers already map them). Undefined bytes stay as they are.
const CP1252_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ'
};

export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0)] ?? c);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
