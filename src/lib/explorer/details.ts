// What the details panel shows for a selection, as plain data. Pure.
import { RELATION_KINDS, isSymmetricRelationKind } from '$lib/domain/kinds';
import type { NodeRow, RelationRow, Selection } from '$lib/domain/model';
import { serializeViewState, type ViewState } from './url-state';

export type LinkDirection = 'out' | 'in' | 'both';

export interface RelationLink {
  relation: RelationRow;
  /** The node at the other end (undefined if it is not in the dataset). */
  other: NodeRow | undefined;
  /** out: this node → other; in: other → this node; both: an undirected relation. */
  direction: LinkDirection;
}

const kindOrder = (r: RelationRow) => RELATION_KINDS.indexOf(r.kind);

/** The relations of one node, grouped by kind (in the domain's order), then by the other end's title. */
export function relationLinks(
  nodeId: string,
  relations: readonly RelationRow[],
  nodeById: ReadonlyMap<string, NodeRow>
): RelationLink[] {
  const links: RelationLink[] = [];
  for (const relation of relations) {
    const outgoing = relation.source_id === nodeId;
    if (!outgoing && relation.target_id !== nodeId) continue;
    const otherId = outgoing ? relation.target_id : relation.source_id;
    const undirected = !relation.directed || isSymmetricRelationKind(relation.kind);
    links.push({
      relation,
      other: nodeById.get(otherId),
      direction: undirected ? 'both' : outgoing ? 'out' : 'in'
    });
  }
  return links.sort(
    (a, b) =>
      kindOrder(a.relation) - kindOrder(b.relation) ||
      (a.direction === b.direction ? 0 : a.direction === 'in' ? 1 : -1) ||
      (a.other?.title ?? '').localeCompare(b.other?.title ?? '', 'sv')
  );
}

/** The text of a relation link, e.g. "Leder → SYV-nätverket", "← Medlem i: Lekeberg", "Liknar ↔ Laxå". */
export function relationLinkText(
  kindLabel: string,
  otherTitle: string,
  direction: LinkDirection
): string {
  if (direction === 'out') return `${kindLabel} → ${otherTitle}`;
  if (direction === 'in') return `← ${kindLabel}: ${otherTitle}`;
  return `${kindLabel} ↔ ${otherTitle}`;
}

/** An address that is safe to link to: only absolute http(s) URLs, else null. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  const raw = url?.trim();
  if (!raw || !/^https?:\/\//i.test(raw)) return null;
  try {
    return new URL(raw).href;
  } catch {
    return null;
  }
}

/** A calendar date (YYYY-MM-DD) in the reader's language; anything else is shown as given. */
export function formatDate(iso: string | null, locale: string): string | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC'
  });
}

/** The query string that shows the same view with another selection (for real, shareable links). */
export function selectionHref(view: ViewState, selection: Selection | null): string {
  const params = serializeViewState({
    ...view,
    selection,
    focus: selection ? view.focus : 0
  });
  const query = params.toString();
  return query ? `?${query}` : '?';
}

/** A relation named by its ends: "Lekebergs kommun → Örebro kommun", "Laxå ↔ Hällefors". */
export function relationTitle(
  relation: RelationRow,
  nodeById: ReadonlyMap<string, NodeRow>,
  unknown: string
): string {
  const from = nodeById.get(relation.source_id)?.title ?? unknown;
  const to = nodeById.get(relation.target_id)?.title ?? unknown;
  const undirected = !relation.directed || isSymmetricRelationKind(relation.kind);
  return `${from} ${undirected ? '↔' : '→'} ${to}`;
}

/** "120 elever", "120 elever (2024)", or null when the magnitude is unknown. */
export function magnitudeText(
  relation: Pick<RelationRow, 'magnitude' | 'unit' | 'year'>,
  formatNumber: (n: number) => string,
  withYear: (value: string, year: string) => string
): string | null {
  if (relation.magnitude === null) return null;
  const value = [formatNumber(relation.magnitude), relation.unit?.trim()].filter(Boolean).join(' ');
  return relation.year ? withYear(value, String(relation.year)) : value;
}

/** The name of a selection: the node's title or the relation's ends; null if it is not in the data. */
export function selectionTitle(
  selection: Selection | null,
  nodeById: ReadonlyMap<string, NodeRow>,
  relationById: ReadonlyMap<string, RelationRow>,
  unknown: string
): string | null {
  if (!selection) return null;
  if (selection.type === 'node') return nodeById.get(selection.id)?.title ?? null;
  const relation = relationById.get(selection.id);
  return relation ? relationTitle(relation, nodeById, unknown) : null;
}
