// File names and checks for the PNG exports of the map and the graph. Pure.
export type ExportView = 'karta' | 'graf';

/** e.g. regionkartan-karta-2026-11-22.png, in the reader's local calendar date. */
export function exportFileName(view: ExportView, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `regionkartan-${view}-${day}.png`;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}
