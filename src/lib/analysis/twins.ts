// Twin municipalities ("tvillingkommuner"), explainable: for chosen indicators and
// weights, every value is standardised over the municipalities in scope (z-score:
// minus the mean, divided by the standard deviation of those that have it), and
// two municipalities are as far apart as their weighted z-scores (Euclidean or
// cosine). Each indicator's share of a distance says why two are alike and where
// they differ. Each indicator is read at its newest year in scope.
//
// Missing values: an indicator a municipality lacks is left out of that pair's
// distance, and the distance is scaled up to the full weight (as if the missing
// indicators had differed as much, on average, as the shared ones); a pair sharing
// less than half of the weight is not compared. Pure and deterministic: ties are
// broken by municipality code.
import type { IndicatorRow, NodeRow } from '$lib/domain/model';
import type { TwinMetric, TwinScope, TwinView } from '$lib/explorer/url-state';

export type { TwinMetric };

export interface WeightedIndicator {
  key: string;
  /** 0 … 10; 0 leaves the indicator out. */
  weight: number;
}

export interface TwinSettings {
  indicators: readonly WeightedIndicator[];
  metric: TwinMetric;
}

/**
 * The default: the pupils' socio-economic background, as Skolverket's SALSA and
 * Kolada's "liknande kommuner" for schools use it (parents' education, foreign
 * background), and the municipality's size. Outcomes (grades, eligibility) and
 * costs are left out on purpose: twins are found by their circumstances, so that
 * their results can then be compared ("tvillingskolor").
 */
export const DEFAULT_TWIN_SETTINGS: TwinSettings = {
  indicators: [
    { key: 'gr_andel_foraldrar_eftergymnasial_ak1_9', weight: 1 },
    { key: 'gr_andel_utlandsk_bakgrund_ak1_9', weight: 1 },
    { key: 'folkmangd', weight: 1 }
  ],
  metric: 'euclidean'
};

/** A pair is compared only when it shares at least this share of the weight. */
export const MIN_SHARED_WEIGHT = 0.5;

export type IndicatorValue = Pick<IndicatorRow, 'municipality_code' | 'key' | 'year' | 'value'>;

/** The standardised table: per indicator its year, mean and sd; per municipality its z-scores. */
export interface TwinTable {
  indicators: {
    key: string;
    weight: number;
    year: string;
    mean: number;
    sd: number;
    count: number;
  }[];
  /** code → z-score per indicator (in `indicators` order), null where missing. */
  z: Map<string, (number | null)[]>;
  /** code → raw value per indicator, null where missing. */
  raw: Map<string, (number | null)[]>;
  /** Municipalities in scope lacking at least one chosen indicator. */
  incomplete: string[];
}

/**
 * Standardises the chosen indicators over the municipalities in `scope` (codes),
 * each at its newest year among them. Indicators of weight 0, or without values,
 * are dropped.
 */
export function standardise(
  values: readonly IndicatorValue[],
  scope: readonly string[],
  settings: TwinSettings
): TwinTable {
  const inScope = new Set(scope);
  const codes = [...inScope].sort();
  const chosen = settings.indicators.filter((i) => i.weight > 0);
  const indicators: TwinTable['indicators'] = [];
  const columns: Map<string, number>[] = [];
  for (const { key, weight } of chosen) {
    const rows = values.filter((v) => v.key === key && inScope.has(v.municipality_code));
    if (rows.length === 0) continue;
    const year = rows.reduce((newest, r) => (r.year > newest ? r.year : newest), rows[0]!.year);
    const column = new Map(
      rows.filter((r) => r.year === year).map((r) => [r.municipality_code, Number(r.value)])
    );
    // Summed in code order, so the result does not depend on the order of the rows.
    const xs = codes.flatMap((code) => (column.has(code) ? [column.get(code)!] : []));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    indicators.push({ key, weight, year, mean, sd, count: xs.length });
    columns.push(column);
  }
  const z = new Map<string, (number | null)[]>();
  const raw = new Map<string, (number | null)[]>();
  const incomplete: string[] = [];
  for (const code of codes) {
    const own = columns.map((c) => c.get(code) ?? null);
    raw.set(code, own);
    z.set(
      code,
      own.map((x, i) => {
        if (x === null) return null;
        const { mean, sd } = indicators[i]!;
        return sd > 0 ? (x - mean) / sd : 0;
      })
    );
    if (own.some((x) => x === null)) incomplete.push(code);
  }
  return { indicators, z, raw, incomplete };
}

export interface Contribution {
  key: string;
  /** This indicator's share of the distance (0 … 1; the shares sum to 1), null if missing. */
  share: number | null;
  /** The two z-scores (a's, b's), null where missing. */
  za: number | null;
  zb: number | null;
}

export interface Twin {
  code: string;
  distance: number;
  /** 0 … 1, 1 = the same: 1 / (1 + d) for Euclidean, 1 − d / 2 for cosine. */
  similarity: number;
  contributions: Contribution[];
  /** Indicators left out for a missing value. */
  missing: number;
}

/** The distance between two municipalities of a table, or null if they share too little. */
export function compare(
  table: TwinTable,
  a: string,
  b: string,
  metric: TwinMetric
): Omit<Twin, 'code'> | null {
  const za = table.z.get(a);
  const zb = table.z.get(b);
  if (!za || !zb) return null;
  const total = table.indicators.reduce((s, i) => s + i.weight, 0);
  const shared = table.indicators.flatMap((ind, i) =>
    za[i] !== null && zb[i] !== null ? [{ i, w: ind.weight, x: za[i]!, y: zb[i]! }] : []
  );
  const sharedWeight = shared.reduce((s, p) => s + p.w, 0);
  if (total === 0 || sharedWeight < MIN_SHARED_WEIGHT * total) return null;
  const terms = new Map<number, number>();
  let distance: number;
  if (metric === 'euclidean') {
    for (const p of shared) terms.set(p.i, p.w * (p.x - p.y) ** 2);
    const sum = [...terms.values()].reduce((s, t) => s + t, 0);
    distance = Math.sqrt((sum * total) / sharedWeight);
  } else {
    // 1 − cos = Σ (w/2)(x/|x| − y/|y|)², a sum of non-negative terms per indicator.
    const nx = Math.sqrt(shared.reduce((s, p) => s + p.w * p.x ** 2, 0));
    const ny = Math.sqrt(shared.reduce((s, p) => s + p.w * p.y ** 2, 0));
    if (nx === 0 || ny === 0) return null; // an average municipality has no direction
    for (const p of shared) terms.set(p.i, (p.w / 2) * (p.x / nx - p.y / ny) ** 2);
    distance = [...terms.values()].reduce((s, t) => s + t, 0);
  }
  const sum = [...terms.values()].reduce((s, t) => s + t, 0);
  const contributions = table.indicators.map((ind, i) => ({
    key: ind.key,
    share: terms.has(i) ? (sum > 0 ? terms.get(i)! / sum : 0) : null,
    za: za[i] ?? null,
    zb: zb[i] ?? null
  }));
  const similarity = metric === 'euclidean' ? 1 / (1 + distance) : 1 - distance / 2;
  return {
    distance,
    similarity: Math.min(1, Math.max(0, similarity)),
    contributions,
    missing: table.indicators.length - shared.length
  };
}

/** Every other municipality of the table as a twin of `code`, nearest first. */
export function rankTwins(table: TwinTable, code: string, metric: TwinMetric): Twin[] {
  const twins: Twin[] = [];
  for (const other of table.z.keys()) {
    if (other === code) continue;
    const result = compare(table, code, other, metric);
    if (result) twins.push({ code: other, ...result });
  }
  return twins.sort((x, y) => x.distance - y.distance || (x.code < y.code ? -1 : 1));
}

/** Where `code` stands in `twin`'s own list (1 = its nearest), or null. */
export function rankIn(
  table: TwinTable,
  twin: string,
  code: string,
  metric: TwinMetric
): number | null {
  const index = rankTwins(table, twin, metric).findIndex((t) => t.code === code);
  return index < 0 ? null : index + 1;
}

/** The relation source of a saved twin: indicators, weights, years, metric and score. */
export function twinSource(table: TwinTable, twin: Twin, metric: TwinMetric): string {
  const used = table.indicators.map((i) => `${i.key}×${i.weight} (${i.year})`).join(', ');
  return `Tvillingkommuner (${metric === 'euclidean' ? 'euklidiskt' : 'cosinus'} avstånd över z-värden): ${used}; avstånd ${twin.distance.toFixed(3)}, likhet ${twin.similarity.toFixed(3)}`;
}

/** The settings a twin view asks for (no indicators chosen = the default set). */
export function twinSettings(view: Pick<TwinView, 'indicators' | 'metric'>): TwinSettings {
  return {
    indicators: view.indicators.length ? view.indicators : DEFAULT_TWIN_SETTINGS.indicators,
    metric: view.metric
  };
}

/**
 * The municipalities twins are sought among: the county's (the map's municipality
 * codes), or every municipality with an indicator value (Sweden, when imported).
 */
export function twinScope(
  values: readonly IndicatorValue[],
  countyCodes: readonly string[],
  scope: TwinScope
): string[] {
  if (scope === 'county') return [...new Set(countyCodes)].sort();
  return [...new Set([...countyCodes, ...values.map((v) => v.municipality_code)])].sort();
}

/** The indicator keys a map has values for, each once, in order of first appearance. */
export function indicatorKeys(values: readonly Pick<IndicatorRow, 'key'>[]): string[] {
  return [...new Set(values.map((v) => v.key))];
}

/** The map's municipality nodes by code (the ends of twin edges and saved twins). */
export function municipalityNodeIds(
  nodes: readonly Pick<NodeRow, 'id' | 'kind' | 'municipality_code' | 'deleted_at'>[]
): ReadonlyMap<string, string> {
  return new Map(
    nodes.flatMap((n) =>
      n.kind === 'municipality' && n.municipality_code && !n.deleted_at
        ? [[n.municipality_code, n.id] as const]
        : []
    )
  );
}
