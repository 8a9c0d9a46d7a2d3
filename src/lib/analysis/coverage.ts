// Coverage: how many active resources serve each municipality, per theme. Pure.
//
// The rule (also written out for users as the i18n text 'coverage.rule'): for each
// municipality M and theme T, count the nodes that
//   - are active (status 'active') and not themselves municipalities,
//   - have theme T, and
//   - either are located in M (municipality_code = M), or are related to M's
//     municipality node (in either direction) by a relation kind with the trait
//     `coverage` in lib/domain/kinds (member of, participates in): the networks
//     and projects M belongs to.
// Each node counts at most once per cell.
import type { Dataset, NodeRow, ThemeRow } from '$lib/domain/model';
import { NODE_KINDS, RELATION_KIND_FACTS } from '$lib/domain/kinds';
import { EMPTY_FILTERS, type Filters } from '$lib/explorer/filters';

export interface CoverageMunicipality {
  code: string;
  title: string;
  /** The municipality's node, when the map has one. */
  nodeId: string | null;
}

export interface CoverageCell {
  code: string;
  theme: string;
  count: number;
  /** The counted nodes, sorted by title. */
  nodeIds: string[];
}

export interface Coverage {
  municipalities: CoverageMunicipality[];
  themes: Pick<ThemeRow, 'key' | 'label_sv' | 'label_en' | 'color'>[];
  /** cells[m][t] for municipalities[m] and themes[t]. */
  cells: CoverageCell[][];
  /** Per municipality: distinct nodes over all themes. */
  rowTotals: number[];
  /** Per theme: distinct nodes over all municipalities. */
  columnTotals: number[];
}

/**
 * @param extraMunicipalities municipalities to show even without a node on the map
 *   (e.g. from the centroid file), so that they appear as gaps
 */
export function computeCoverage(
  dataset: Dataset,
  extraMunicipalities: readonly { code: string; name: string }[] = []
): Coverage {
  const byCode = new Map<string, CoverageMunicipality>();
  for (const node of dataset.nodes) {
    if (
      node.kind === 'municipality' &&
      node.municipality_code &&
      !byCode.has(node.municipality_code)
    ) {
      byCode.set(node.municipality_code, {
        code: node.municipality_code,
        title: node.title,
        nodeId: node.id
      });
    }
  }
  for (const m of extraMunicipalities) {
    if (!byCode.has(m.code)) byCode.set(m.code, { code: m.code, title: m.name, nodeId: null });
  }
  const municipalities = [...byCode.values()].sort((a, b) => a.title.localeCompare(b.title, 'sv'));
  const themes = [...dataset.themes]
    .sort((a, b) => a.sort_order - b.sort_order || a.key.localeCompare(b.key))
    .map(({ key, label_sv, label_en, color }) => ({ key, label_sv, label_en, color }));

  const nodesById = new Map(dataset.nodes.map((n) => [n.id, n]));
  const counts = (n: NodeRow) => n.status === 'active' && n.kind !== 'municipality';

  // Which municipalities each counted node serves.
  const serves = new Map<string, Set<string>>();
  const add = (node: NodeRow | undefined, code: string) => {
    if (!node || !counts(node)) return;
    let set = serves.get(node.id);
    if (!set) serves.set(node.id, (set = new Set()));
    set.add(code);
  };
  for (const node of dataset.nodes) if (node.municipality_code) add(node, node.municipality_code);
  const codeOfMunicipalityNode = new Map(
    municipalities.filter((m) => m.nodeId).map((m) => [m.nodeId!, m.code])
  );
  for (const r of dataset.relations) {
    if (!RELATION_KIND_FACTS[r.kind].coverage) continue;
    const sourceCode = codeOfMunicipalityNode.get(r.source_id);
    const targetCode = codeOfMunicipalityNode.get(r.target_id);
    if (sourceCode) add(nodesById.get(r.target_id), sourceCode);
    if (targetCode) add(nodesById.get(r.source_id), targetCode);
  }

  const rowIndex = new Map(municipalities.map((m, i) => [m.code, i]));
  const columnIndex = new Map(themes.map((t, i) => [t.key, i]));
  const cellIds = municipalities.map(() => themes.map(() => [] as string[]));
  const rowSets = municipalities.map(() => new Set<string>());
  const columnSets = themes.map(() => new Set<string>());
  for (const [id, codes] of serves) {
    const node = nodesById.get(id)!;
    for (const code of codes) {
      const m = rowIndex.get(code);
      if (m === undefined) continue;
      for (const theme of node.themes) {
        const t = columnIndex.get(theme);
        if (t === undefined) continue;
        cellIds[m]![t]!.push(id);
        rowSets[m]!.add(id);
        columnSets[t]!.add(id);
      }
    }
  }
  const title = (id: string) => nodesById.get(id)!.title;
  return {
    municipalities,
    themes,
    cells: municipalities.map((m, i) =>
      themes.map((t, j) => {
        const ids = [...new Set(cellIds[i]![j]!)].sort((a, b) =>
          title(a).localeCompare(title(b), 'sv')
        );
        return { code: m.code, theme: t.key, count: ids.length, nodeIds: ids };
      })
    ),
    rowTotals: rowSets.map((s) => s.size),
    columnTotals: columnSets.map((s) => s.size)
  };
}

/**
 * The matrix as the inventory shows it under the current filters. The rule for
 * users (i18n 'inventory.coverage.filterRule'): the theme and municipality filters
 * choose which columns and rows are shown; the counts are always by the rule above
 * over the whole map, so a cell never changes with the filters. The totals are over
 * what is shown. No theme (municipality) chosen: every column (row).
 */
export function narrowCoverage(
  coverage: Coverage,
  filters: Pick<Filters, 'themes' | 'municipalities'>
): Coverage {
  const themes = new Set(filters.themes);
  const codes = new Set(filters.municipalities);
  const columns = coverage.themes.flatMap((t, j) => (!themes.size || themes.has(t.key) ? [j] : []));
  const rows = coverage.municipalities.flatMap((m, i) =>
    !codes.size || codes.has(m.code) ? [i] : []
  );
  const cells = rows.map((i) => columns.map((j) => coverage.cells[i]![j]!));
  const distinct = (list: CoverageCell[]) => new Set(list.flatMap((c) => c.nodeIds)).size;
  return {
    municipalities: rows.map((i) => coverage.municipalities[i]!),
    themes: columns.map((j) => coverage.themes[j]!),
    cells,
    rowTotals: cells.map(distinct),
    columnTotals: columns.map((_, k) => distinct(cells.map((row) => row[k]!)))
  };
}

/** Active filters that the matrix does not follow (it counts by its own rule). */
export const COVERAGE_IGNORED_FILTERS = ['nodeKinds', 'relationKinds', 'statuses', 'text'] as const;
export type CoverageIgnoredFilter = (typeof COVERAGE_IGNORED_FILTERS)[number];

export function ignoredCoverageFilters(filters: Filters): CoverageIgnoredFilter[] {
  return COVERAGE_IGNORED_FILTERS.filter((name) =>
    name === 'text' ? filters.text.trim() !== '' : filters[name].length > 0
  );
}

/** The explorer filters that show a cell's nodes: theme T, municipality M, active, not municipalities. */
export function coverageCellFilters(code: string, theme: string): Filters {
  return {
    ...EMPTY_FILTERS,
    themes: [theme],
    municipalities: [code],
    statuses: ['active'],
    nodeKinds: NODE_KINDS.filter((k) => k !== 'municipality')
  };
}

export interface ChoroplethValue {
  code: string;
  title: string;
  count: number;
  /** No resource at all for the theme: drawn as a gap. */
  gap: boolean;
  /** count / the largest count of the theme (0 … 1), for the colour ramp. */
  share: number;
}

/** One theme's column of the matrix, for colouring the municipality polygons. */
export function choropleth(coverage: Coverage, theme: string): ChoroplethValue[] {
  const t = coverage.themes.findIndex((x) => x.key === theme);
  if (t < 0) return [];
  const counts = coverage.cells.map((row) => row[t]!.count);
  const max = Math.max(0, ...counts);
  return coverage.municipalities.map((m, i) => ({
    code: m.code,
    title: m.title,
    count: counts[i]!,
    gap: counts[i] === 0,
    share: max === 0 ? 0 : counts[i]! / max
  }));
}
