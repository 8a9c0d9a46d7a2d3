// A dataset in numbers: what the first page shows. Pure.
import { NODE_KINDS, RELATION_KINDS, type NodeKind, type RelationKind } from '$lib/domain/kinds';
import type { Dataset } from '$lib/domain/model';

export interface SourceCount {
  /** The cited document, e.g. "003_b08486a7a69f24ea.txt" (the part before "§"). */
  document: string;
  /** How many items (map, nodes, relations, themes, indicators) cite it. */
  count: number;
}

export interface DatasetSummary {
  nodesByKind: Record<NodeKind, number>;
  nodeTotal: number;
  relationsByKind: Record<RelationKind, number>;
  relationTotal: number;
  themeCount: number;
  indicatorCount: number;
  /** Sorted by document name. */
  sources: SourceCount[];
  /** Items without any source. */
  uncitedCount: number;
}

/** The document part of a citation "<document> § <section>"; null when empty. */
export function citedDocument(source: string | null | undefined): string | null {
  if (!source) return null;
  const document = source.split('§', 1)[0]?.trim() ?? '';
  return document === '' ? null : document;
}

function countBy<K extends string>(keys: readonly K[], values: readonly { kind: K }[]) {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const { kind } of values) counts[kind] += 1;
  return counts;
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const items: { source: string | null }[] = [
    dataset.map,
    ...dataset.nodes,
    ...dataset.relations,
    ...dataset.themes,
    ...dataset.indicators
  ];
  const perDocument = new Map<string, number>();
  let uncitedCount = 0;
  for (const item of items) {
    const document = citedDocument(item.source);
    if (document === null) uncitedCount += 1;
    else perDocument.set(document, (perDocument.get(document) ?? 0) + 1);
  }
  const sources = [...perDocument]
    .map(([document, count]) => ({ document, count }))
    .sort((a, b) => a.document.localeCompare(b.document, 'sv', { numeric: true }));

  return {
    nodesByKind: countBy(NODE_KINDS, dataset.nodes),
    nodeTotal: dataset.nodes.length,
    relationsByKind: countBy(RELATION_KINDS, dataset.relations),
    relationTotal: dataset.relations.length,
    themeCount: dataset.themes.length,
    indicatorCount: dataset.indicators.length,
    sources,
    uncitedCount
  };
}
