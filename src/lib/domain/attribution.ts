// Attributions for the reference data the app shows (boundaries, lakes, statistics).
// Keep in sync with static/geo/ATTRIBUTION.md and supabase/seed-data/indicators.yaml.

export type AttributionId =
  'scb-boundaries' | 'osm-lakes' | 'skolverket-statistics' | 'scb-statistics';

export interface Attribution {
  id: AttributionId;
  /** The attribution text as shown in the Swedish UI. */
  text_sv: string;
  /** The attribution text as shown in the English UI. */
  text_en: string;
  /** The licence of the data (or a note that none was found). */
  licence: string;
  /** Where the data or its licence is described. */
  url?: string;
}

export const ATTRIBUTIONS = [
  {
    id: 'scb-boundaries',
    text_sv: 'Kommun- och länsgränser: Källa: SCB',
    text_en: 'Municipal and county boundaries: Source: Statistics Sweden (SCB)',
    licence: 'CC0 1.0',
    url: 'https://www.scb.se'
  },
  {
    id: 'osm-lakes',
    text_sv: 'Sjöar: © OpenStreetMap contributors',
    text_en: 'Lakes: © OpenStreetMap contributors',
    licence: 'ODbL 1.0',
    url: 'https://www.openstreetmap.org/copyright'
  },
  {
    id: 'skolverket-statistics',
    text_sv: 'Skolstatistik: Källa: Skolverket',
    text_en: 'School statistics: Source: Swedish National Agency for Education (Skolverket)',
    licence: 'Sveriges officiella statistik; ingen uttrycklig öppen licens angiven',
    url: 'https://www.skolverket.se'
  },
  {
    id: 'scb-statistics',
    text_sv: 'Befolkning och landareal: Källa: SCB',
    text_en: 'Population and land area: Source: Statistics Sweden (SCB)',
    licence: 'CC0 1.0',
    url: 'https://www.scb.se'
  }
] as const satisfies readonly Attribution[];

/** The attributions to show with the map: boundaries and lakes. */
export const MAP_ATTRIBUTION_IDS: readonly AttributionId[] = ['scb-boundaries', 'osm-lakes'];

/** The attributions to show with indicator values. */
export const STATISTICS_ATTRIBUTION_IDS: readonly AttributionId[] = [
  'scb-statistics',
  'skolverket-statistics'
];
