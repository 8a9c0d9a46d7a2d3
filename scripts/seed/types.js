// @ts-check
// The shapes of the seed data on its way from supabase/seed-data/ to seed.sql.

/**
 * @typedef {{ id: string, title: string, description: string, visibility: string, source: string }} SeedMap
 * @typedef {{ key: string, label_sv: string, label_en: string, description: string,
 *   color: string, sort_order: number, source: string }} SeedTheme
 * @typedef {{ key: string, kind: string, title: string, description: string,
 *   url: string | null, municipality_code: string | null, lon: number | null,
 *   lat: number | null, themes: string[], status: string, start_date: string | null,
 *   end_date: string | null, contact: string, source: string, file: string }} SeedNode
 * @typedef {{ key: string, from: string, to: string, kind: string, magnitude: number | null,
 *   unit: string | null, year: number | null, score: number | null, themes: string[],
 *   note: string, source: string }} SeedRelation
 * @typedef {{ municipality_code: string, key: string, label_sv: string, label_en: string,
 *   unit: string, year: string, value: string, source: string }} SeedIndicator
 * @typedef {{ key: string, x: number, y: number }} SeedPosition  a node's place in the graph
 * @typedef {{ map: SeedMap, themes: SeedTheme[], nodes: SeedNode[],
 *   relations: SeedRelation[], indicators: SeedIndicator[], positions: SeedPosition[] }} Seed
 * @typedef {Record<string, string>} SeedSources  relative path (e.g. 'nodes/networks.yaml') → file text
 * @typedef {{ seed: Seed | null, errors: string[] }} ValidationResult
 */

export {};
