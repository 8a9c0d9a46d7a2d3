// Download names for the inventory's exports, e.g.
// "orebro-lan-regional-karta-noder-2026-11-22.csv". Pure.
import { fileStem } from '$lib/io/export';

export type ExportPart =
  'noder' | 'relationer' | 'kumu' | 'geojson' | 'sakerhetskopia' | 'tackning';

const EXTENSIONS: Record<ExportPart, string> = {
  noder: 'csv',
  relationer: 'csv',
  kumu: 'xlsx',
  geojson: 'geojson',
  sakerhetskopia: 'json',
  tackning: 'csv'
};

/** The reader's local calendar date as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function exportName(mapTitle: string, part: ExportPart, date: Date): string {
  return `${fileStem(mapTitle)}-${part}-${localDay(date)}.${EXTENSIONS[part]}`;
}
