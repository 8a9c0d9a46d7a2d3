// Test-data factories for the domain row types: complete rows with overridable fields.
import type {
  Dataset,
  IndicatorRow,
  MapRow,
  NodeRow,
  RelationRow,
  ThemeRow
} from '$lib/domain/model';

let sequence = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`;
const MAP_ID = '00000000-0000-4000-8000-000000000001';
const STAMP = '2026-01-01T00:00:00+00:00';

const bookkeeping = () => ({
  version: 1,
  created_at: STAMP,
  created_by: null,
  updated_at: STAMP,
  updated_by: null,
  deleted_at: null,
  deleted_by: null
});

export function makeMap(overrides: Partial<MapRow> = {}): MapRow {
  return {
    id: MAP_ID,
    title: 'Örebro län – regional karta',
    description: '',
    visibility: 'public',
    source: null,
    ...bookkeeping(),
    ...overrides
  };
}

export function makeNode(overrides: Partial<NodeRow> = {}): NodeRow {
  return {
    id: nextId(),
    map_id: MAP_ID,
    kind: 'organisation',
    title: 'Region Örebro län',
    description: '',
    url: null,
    municipality_code: null,
    lon: null,
    lat: null,
    themes: [],
    status: 'active',
    start_date: null,
    end_date: null,
    contact: '',
    source: null,
    verified_at: null,
    verified_by: null,
    ...bookkeeping(),
    ...overrides
  };
}

export function makeRelation(overrides: Partial<RelationRow> = {}): RelationRow {
  return {
    id: nextId(),
    map_id: MAP_ID,
    source_id: nextId(),
    target_id: nextId(),
    kind: 'participates_in',
    directed: true,
    magnitude: null,
    unit: null,
    year: null,
    score: null,
    rounded: null,
    themes: [],
    note: '',
    source: null,
    verified_at: null,
    verified_by: null,
    ...bookkeeping(),
    ...overrides
  };
}

export function makeTheme(overrides: Partial<ThemeRow> = {}): ThemeRow {
  return {
    id: nextId(),
    map_id: MAP_ID,
    key: 'juridik',
    label_sv: 'Juridik',
    label_en: 'Law',
    description: '',
    color: '#00507a',
    sort_order: 0,
    source: null,
    ...bookkeeping(),
    ...overrides
  };
}

export function makeIndicator(overrides: Partial<IndicatorRow> = {}): IndicatorRow {
  return {
    id: nextId(),
    map_id: MAP_ID,
    municipality_code: '1880',
    key: 'pupils',
    label_sv: 'Elever',
    label_en: 'Pupils',
    unit: '',
    year: '2024',
    value: 1,
    source: 'Skolverket',
    ...bookkeeping(),
    ...overrides
  };
}

export function makeDataset(overrides: Partial<Dataset> = {}): Dataset {
  return { map: makeMap(), nodes: [], relations: [], themes: [], indicators: [], ...overrides };
}
