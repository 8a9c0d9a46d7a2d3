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
  // Each code as a small number, a pair as one number: no string per relation.
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const codeOf = new Map<string, number>();
  for (const n of nodes) {
    if (!n.municipality_code) continue;
    let index = codeIndex.get(n.municipality_code);
    if (index === undefined) {
      index = codes.push(n.municipality_code) - 1;
      codeIndex.set(n.municipality_code, index);
    }
    codeOf.set(n.id, index);
  }
  const byPair = new Map<number, MunicipalityFlow>();
  const within = new Map<string, number>();
  let unplaced = 0;
  for (const r of relations) {
    if (!visible.relationIds.has(r.id)) continue;
    if (!visible.nodeIds.has(r.source_id) || !visible.nodeIds.has(r.target_id)) continue;
    const s = codeOf.get(r.source_id);
    const t = codeOf.get(r.target_id);
    if (s === undefined || t === undefined) {
      unplaced++;
    } else if (s === t) {
      const code = codes[s]!;
      within.set(code, (within.get(code) ?? 0) + 1);
    } else {
      const [a, b] = codes[s]! < codes[t]! ? [s, t] : [t, s];
      const pair = a * codes.length + b;
      let flow = byPair.get(pair);
      if (!flow) {
        const key = `${codes[a]}|${codes[b]}`;
        byPair.set(pair, (flow = { key, a: codes[a]!, b: codes[b]!, count: 0, kinds: {} }));
      }
      flow.count++;
      flow.kinds[r.kind] = (flow.kinds[r.kind] ?? 0) + 1;
    }
  }
  const all = [...byPair.values()].sort(
    (x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
  const flows = all.slice(0, limit);
  return { flows, omitted: all.length - flows.length, within, unplaced };
}
