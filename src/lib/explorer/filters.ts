// What the filter bar selects, and which nodes and relations pass it. Pure: the
// map, the graph and the lists all show exactly filterDataset(dataset, filters).
import type { NodeKind, RelationKind, Status } from '$lib/domain/kinds';
import type { Dataset, NodeRow } from '$lib/domain/model';

export interface Filters {
  /** Theme keys: a node passes when it has at least one of them. */
  themes: string[];
  nodeKinds: NodeKind[];
  relationKinds: RelationKind[];
  /** Municipality codes: a node passes when it is in one, or directly related to its node. */
  municipalities: string[];
  statuses: Status[];
  /** Free text, matched case-insensitively in title, description and contact. */
  text: string;
}

export const EMPTY_FILTERS: Filters = Object.freeze({
  themes: [],
  nodeKinds: [],
  relationKinds: [],
  municipalities: [],
  statuses: [],
  text: ''
}) as Filters;

export function isEmptyFilters(filters: Filters): boolean {
  return (
    filters.themes.length === 0 &&
    filters.nodeKinds.length === 0 &&
    filters.relationKinds.length === 0 &&
    filters.municipalities.length === 0 &&
    filters.statuses.length === 0 &&
    filters.text.trim() === ''
  );
}

/**
 * Case-insensitive comparison form of a text. Swedish å, ä, ö stay distinct
 * letters (a ≠ å); composed and decomposed forms (macOS input) are the same.
 */
export function searchForm(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv-SE').replace(/\s+/g, ' ').trim();
}

export interface Visible {
  nodeIds: ReadonlySet<string>;
  relationIds: ReadonlySet<string>;
}

function intersects(values: readonly string[], wanted: ReadonlySet<string>): boolean {
  return values.some((v) => wanted.has(v));
}

/** Node ids that belong to the chosen municipalities: their own, or linked to the municipality node. */
function municipalityScope(dataset: Dataset, codes: readonly string[]): Set<string> {
  const wanted = new Set(codes);
  const scope = new Set<string>();
  const municipalityNodes = new Set<string>();
  for (const node of dataset.nodes) {
    if (node.municipality_code && wanted.has(node.municipality_code)) {
      scope.add(node.id);
      if (node.kind === 'municipality') municipalityNodes.add(node.id);
    }
  }
  for (const r of dataset.relations) {
    if (municipalityNodes.has(r.source_id)) scope.add(r.target_id);
    if (municipalityNodes.has(r.target_id)) scope.add(r.source_id);
  }
  return scope;
}

function matchesText(node: NodeRow, needle: string): boolean {
  return searchForm(`${node.title} ${node.description} ${node.contact}`).includes(needle);
}

export function filterDataset(dataset: Dataset, filters: Filters): Visible {
  const themes = new Set(filters.themes);
  const kinds = new Set<string>(filters.nodeKinds);
  const statuses = new Set<string>(filters.statuses);
  const relationKinds = new Set<string>(filters.relationKinds);
  const needle = searchForm(filters.text);
  const scope = filters.municipalities.length
    ? municipalityScope(dataset, filters.municipalities)
    : null;

  const nodeIds = new Set<string>();
  for (const node of dataset.nodes) {
    if (themes.size && !intersects(node.themes, themes)) continue;
    if (kinds.size && !kinds.has(node.kind)) continue;
    if (statuses.size && !statuses.has(node.status)) continue;
    if (scope && !scope.has(node.id)) continue;
    if (needle && !matchesText(node, needle)) continue;
    nodeIds.add(node.id);
  }
  const relationIds = new Set<string>();
  for (const r of dataset.relations) {
    if (relationKinds.size && !relationKinds.has(r.kind)) continue;
    if (nodeIds.has(r.source_id) && nodeIds.has(r.target_id)) relationIds.add(r.id);
  }
  return { nodeIds, relationIds };
}
