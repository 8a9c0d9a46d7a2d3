// The twelve municipalities of Örebro län with their kommunkod (SCB), in the
// order people look for them (alphabetical in Swedish). Proper names: not translated.
export const MUNICIPALITIES = [
  { code: '1882', name: 'Askersund' },
  { code: '1862', name: 'Degerfors' },
  { code: '1861', name: 'Hallsberg' },
  { code: '1863', name: 'Hällefors' },
  { code: '1883', name: 'Karlskoga' },
  { code: '1881', name: 'Kumla' },
  { code: '1860', name: 'Laxå' },
  { code: '1814', name: 'Lekeberg' },
  { code: '1885', name: 'Lindesberg' },
  { code: '1864', name: 'Ljusnarsberg' },
  { code: '1884', name: 'Nora' },
  { code: '1880', name: 'Örebro' }
] as const;

export type MunicipalityCode = (typeof MUNICIPALITIES)[number]['code'];

export function municipalityName(code: string | null | undefined): string | null {
  return MUNICIPALITIES.find((m) => m.code === code)?.name ?? null;
}
