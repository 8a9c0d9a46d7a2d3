// The collaboration structure as ranks, over the relation kinds that carry it
// (trait `hierarchy` in lib/domain/kinds: who prepares for, assists, is part of
// or is led by whom). Rank 0 is the top (e.g. SSR); a node sits one rank below
// the lowest-placed node above it (longest path). Pure.
import { RELATION_KIND_FACTS } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';

type RankNode = Pick<NodeRow, 'id' | 'title'>;
type RankRelation = Pick<RelationRow, 'id' | 'kind' | 'source_id' | 'target_id'>;

const byTitle = (a: RankNode, b: RankNode) =>
  a.title.localeCompare(b.title, 'sv') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Parent → children over the structural kinds (trait `hierarchy`); children sorted by title. */
function childLists(nodes: readonly RankNode[], relations: readonly RankRelation[]) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const children = new Map<string, Set<string>>();
  for (const r of relations) {
    const above = RELATION_KIND_FACTS[r.kind].hierarchy;
    if (!above || r.source_id === r.target_id) continue;
    if (!index.has(r.source_id) || !index.has(r.target_id)) continue;
    const [parent, child] =
      above === 'target' ? [r.target_id, r.source_id] : [r.source_id, r.target_id];
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(child);
  }
  const sorted = new Map<string, string[]>();
  for (const [parent, set] of children) {
    sorted.set(
      parent,
      [...set].sort((a, b) => index.get(a)! - index.get(b)!)
    );
  }
  return sorted;
}

/**
 * Rank per node in the structure (longest path from the top; top nodes then
 * move down next to their children); nodes without any structural relation are
 * left out. Cycles are broken deterministically: a depth-first walk (roots and
 * children in title order) drops the edges that point back into the walk.
 */
export function hierarchyRanks(
  nodes: readonly RankNode[],
  relations: readonly RankRelation[]
): Map<string, number> {
  const ordered = [...nodes].sort(byTitle);
  const children = childLists(ordered, relations);
  const hasParent = new Set<string>();
  for (const list of children.values()) for (const c of list) hasParent.add(c);
  const inStructure = ordered.filter((n) => children.has(n.id) || hasParent.has(n.id));

  // Iterative DFS (no recursion limit at 10 000 nodes): post-order + back edges.
  const state = new Map<string, 'open' | 'done'>();
  const postOrder: string[] = [];
  const back = new Set<string>(); // "parent child" pairs to ignore
  const starts = [
    ...inStructure.filter((n) => !hasParent.has(n.id)),
    ...inStructure.filter((n) => hasParent.has(n.id))
  ];
  for (const start of starts) {
    if (state.has(start.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    state.set(start.id, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const kids = children.get(top.id) ?? [];
      if (top.next < kids.length) {
        const child = kids[top.next++]!;
        const s = state.get(child);
        if (s === 'open') back.add(`${top.id} ${child}`);
        else if (!s) {
          state.set(child, 'open');
          stack.push({ id: child, next: 0 });
        }
      } else {
        state.set(top.id, 'done');
        postOrder.push(top.id);
        stack.pop();
      }
    }
  }

  // Reverse post-order is a topological order of the acyclic rest.
  const rank = new Map<string, number>();
  for (let i = postOrder.length - 1; i >= 0; i--) {
    const id = postOrder[i]!;
    const r = rank.get(id) ?? 0;
    rank.set(id, r);
    for (const child of children.get(id) ?? []) {
      if (back.has(`${id} ${child}`)) continue;
      rank.set(child, Math.max(rank.get(child) ?? 0, r + 1));
    }
  }
  // A top node sits right above its highest child, not at the very top: a
  // municipality that leads one network is drawn just above that network.
  const led = new Set<string>();
  for (const [parent, kids] of children)
    for (const kid of kids) if (!back.has(`${parent} ${kid}`)) led.add(kid);
  for (const id of postOrder) {
    if (led.has(id)) continue;
    const kids = (children.get(id) ?? []).filter((kid) => !back.has(`${id} ${kid}`));
    if (kids.length) rank.set(id, Math.min(...kids.map((kid) => rank.get(kid)!)) - 1);
  }
  return rank;
}

export interface Point {
  x: number;
  y: number;
}

export interface HierarchyOptions {
  /** Horizontal distance between nodes in a row. */
  spacingX?: number;
  /** Vertical distance between ranks. */
  spacingY?: number;
  /** A wide rank wraps into several rows of at most this many nodes. */
  maxPerRow?: number;
}

/**
 * Preset positions: ranks top-down, each rank ordered by the mean position of
 * the nodes above it (fewer crossings), nodes outside the structure in rows
 * at the bottom. Rows are centred on x = 0.
 */
export function hierarchyPositions(
  nodes: readonly RankNode[],
  relations: readonly RankRelation[],
  { spacingX = 140, spacingY = 80, maxPerRow = 12 }: HierarchyOptions = {}
): Map<string, Point> {
  const ranks = hierarchyRanks(nodes, relations);
  const ordered = [...nodes].sort(byTitle);
  const children = childLists(ordered, relations);
  const parents = new Map<string, string[]>();
  for (const [parent, kids] of children) {
    for (const kid of kids) {
      if (!parents.has(kid)) parents.set(kid, []);
      parents.get(kid)!.push(parent);
    }
  }

  const maxRank = Math.max(-1, ...ranks.values());
  const rows: RankNode[][] = Array.from({ length: maxRank + 2 }, () => []);
  for (const n of ordered) rows[ranks.get(n.id) ?? maxRank + 1]!.push(n);

  const positions = new Map<string, Point>();
  let y = 0;
  for (const row of rows) {
    if (!row.length) continue;
    const weight = (id: string) => {
      const xs = (parents.get(id) ?? [])
        .map((p) => positions.get(p)?.x)
        .filter((x): x is number => x !== undefined);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const sorted = row
      .map((n, i) => ({ n, i, w: weight(n.id) }))
      .sort((a, b) => a.w - b.w || a.i - b.i)
      .map((e) => e.n);
    for (let start = 0; start < sorted.length; start += maxPerRow) {
      const line = sorted.slice(start, start + maxPerRow);
      // Wrapped lines are offset by half a step so labels do not stack exactly.
      const shift = (start / maxPerRow) % 2 ? spacingX / 2 : 0;
      line.forEach((n, i) => {
        positions.set(n.id, { x: (i - (line.length - 1) / 2) * spacingX + shift, y });
      });
      y += spacingY;
    }
  }
  return positions;
}
