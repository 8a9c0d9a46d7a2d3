// Overlaps between networks: "there are more networks with the same people".
// For each pair of networks (optionally projects too) the members they share —
// the nodes related to both by a membership (member → group; the relation kinds
// with the trait `membership` in lib/domain/kinds: member of, participates in).
// Pure data; overlapEdges turns it into weighted edges for the graph.
import { RELATION_KIND_FACTS, type NodeKind } from '$lib/domain/kinds';
import type { Dataset, NodeRow } from '$lib/domain/model';

export interface OverlapOptions {
  /** Also compare projects/activities (default: networks only). */
  includeProjects?: boolean;
  /** Only active groups and members (default: all that are on the map). */
  activeOnly?: boolean;
  /** Leave out pairs sharing fewer members (default 1: only real overlaps). */
  minShared?: number;
}

export interface Overlap {
  /** The two groups, a.id < b.id. */
  a: string;
  b: string;
  /** Shared member ids, sorted by title. */
  shared: string[];
  count: number;
  /** shared / members of either (Jaccard index), 0 … 1. */
  similarity: number;
}

export interface OverlapAnalysis {
  /** The compared groups, sorted by title. */
  groups: Pick<NodeRow, 'id' | 'title' | 'kind'>[];
  /** Members of each group. */
  members: Map<string, Set<string>>;
  /** Pairs with at least minShared shared members, most shared first. */
  overlaps: Overlap[];
}

export function networkOverlaps(dataset: Dataset, options: OverlapOptions = {}): OverlapAnalysis {
  const kinds = new Set<NodeKind>(options.includeProjects ? ['network', 'project'] : ['network']);
  const alive = (n: NodeRow | undefined): n is NodeRow =>
    !!n && (!options.activeOnly || n.status === 'active');
  const byId = new Map(dataset.nodes.map((n) => [n.id, n]));
  const groups = dataset.nodes
    .filter((n) => kinds.has(n.kind) && alive(n))
    .sort((x, y) => x.title.localeCompare(y.title, 'sv'));
  const members = new Map<string, Set<string>>(groups.map((g) => [g.id, new Set()]));
  for (const r of dataset.relations) {
    if (!RELATION_KIND_FACTS[r.kind].membership) continue;
    const set = members.get(r.target_id);
    if (set && alive(byId.get(r.source_id))) set.add(r.source_id);
  }
  const minShared = Math.max(1, options.minShared ?? 1);
  const title = (id: string) => byId.get(id)?.title ?? id;
  const overlaps: Overlap[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const [x, y] = [groups[i]!, groups[j]!];
      const mx = members.get(x.id)!;
      const my = members.get(y.id)!;
      const shared = [...mx].filter((id) => my.has(id));
      if (shared.length < minShared) continue;
      const union = new Set([...mx, ...my]).size;
      const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id];
      overlaps.push({
        a,
        b,
        shared: shared.sort((p, q) => title(p).localeCompare(title(q), 'sv')),
        count: shared.length,
        similarity: union === 0 ? 0 : shared.length / union
      });
    }
  }
  overlaps.sort((p, q) => q.count - p.count || title(p.a).localeCompare(title(q.a), 'sv'));
  return {
    groups: groups.map(({ id, title, kind }) => ({ id, title, kind })),
    members,
    overlaps
  };
}

/** The group × group table of shared-member counts (diagonal: the group's own member count). */
export function overlapMatrix(analysis: OverlapAnalysis): number[][] {
  const sets = analysis.groups.map((g) => analysis.members.get(g.id) ?? new Set<string>());
  return sets.map((x, i) =>
    sets.map((y, j) => (i === j ? x.size : [...x].filter((id) => y.has(id)).length))
  );
}

export interface OverlapEdge {
  id: string;
  source: string;
  target: string;
  /** Number of shared members. */
  weight: number;
  similarity: number;
  shared: string[];
}

/** Undirected weighted edges between groups, for drawing overlaps in the graph. */
export function overlapEdges(analysis: OverlapAnalysis): OverlapEdge[] {
  return analysis.overlaps.map((o) => ({
    id: `overlap:${o.a}:${o.b}`,
    source: o.a,
    target: o.b,
    weight: o.count,
    similarity: o.similarity,
    shared: o.shared
  }));
}
