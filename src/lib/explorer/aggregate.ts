// Level of detail at overview: the visible relations of a large map summed
// into one flow per pair of municipalities (each node counts for the
// municipality it is placed in), so an overview draws a few hundred lines
// instead of tens of thousands. Pure.
import type { RelationKind } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';

/** At overview at most this many sums are drawn (the largest), on the map and in the graph. */
export const SUM_LIMIT = 400;
const MIN_WIDTH = 0.75;
const MAX_WIDTH = 6;

/** A sum's line width in px, by the square root of its count (the largest sum widest). */
export function sumWidth(count: number, largest: number): number {
  return Math.round((MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(count / largest)) * 100) / 100;
}

export interface MunicipalityFlow {
  /** `a|b` with a < b: the pair, whatever the relations' directions. */
  key: string;
  a: string;
  b: string;
  /** How many visible relations run between the two. */
  count: number;
  /** Those relations by kind. */
  kinds: Partial<Record<RelationKind, number>>;
}

export interface Aggregate {
  /** Largest first (then by key), at most `limit`. */
  flows: MunicipalityFlow[];
  /** Flows left out by the limit. */
  omitted: number;
  /** Relations with both ends in one municipality, by its code. */
  within: Map<string, number>;
  /** Relations with an end in no municipality (not drawn at overview). */
  unplaced: number;
}

/**
 * The flows between municipalities of the visible relations, the `limit`
 * largest kept. Relations whose ends are not visible are never counted.
 */
export function aggregateByMunicipality(
  nodes: readonly Pick<NodeRow, 'id' | 'municipality_code'>[],
  relations: readonly Pick<RelationRow, 'id' | 'source_id' | 'target_id' | 'kind'>[],
  visible: { nodeIds: ReadonlySet<string>; relationIds: ReadonlySet<string> },
  limit = Infinity
): Aggregate {
  const codeOf = new Map<string, string>();
  for (const n of nodes) if (n.municipality_code) codeOf.set(n.id, n.municipality_code);
  const byKey = new Map<string, MunicipalityFlow>();
  const within = new Map<string, number>();
  let unplaced = 0;
  for (const r of relations) {
    if (!visible.relationIds.has(r.id)) continue;
    if (!visible.nodeIds.has(r.source_id) || !visible.nodeIds.has(r.target_id)) continue;
    const s = codeOf.get(r.source_id);
    const t = codeOf.get(r.target_id);
    if (!s || !t) {
      unplaced++;
    } else if (s === t) {
      within.set(s, (within.get(s) ?? 0) + 1);
    } else {
      const [a, b] = s < t ? [s, t] : [t, s];
      const key = `${a}|${b}`;
      let flow = byKey.get(key);
      if (!flow) byKey.set(key, (flow = { key, a, b, count: 0, kinds: {} }));
      flow.count++;
      flow.kinds[r.kind] = (flow.kinds[r.kind] ?? 0) + 1;
    }
  }
  const all = [...byKey.values()].sort(
    (x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
  const flows = all.slice(0, limit);
  return { flows, omitted: all.length - flows.length, within, unplaced };
}
