// A map as two tables (nodes and relations) for CSV and XLSX export. Relations
// name their ends by title when the title is unique on the map, otherwise by the
// node's ID (the nodes table carries the ID column), so a re-import always finds them.
import { NODE_KINDS, type NodeKind } from '$lib/domain/kinds';
import type { Dataset, NodeRow } from '$lib/domain/model';
import type { Locale } from '$lib/i18n/translate';
import {
  EXPORT_HEADERS,
  NODE_EXPORT_ORDER,
  RELATION_EXPORT_ORDER,
  type HeaderStyle,
  type NodeField,
  type RelationField
} from './columns';
import { nodeKindLabel, relationKindLabel, statusLabel, titleForm } from './vocabulary';

export type TableCell = string | number | null;

export interface ExportTables {
  nodes: TableCell[][];
  relations: TableCell[][];
  themes: TableCell[][];
}

export interface TableOptions {
  /** Header names: Swedish, English or Kumu's (Label, Type, Tags, From, To). */
  headers: HeaderStyle;
  /** Language of kind and status labels. */
  locale: Locale;
  /**
   * The nodes that name municipality codes (their municipality nodes). Default:
   * the dataset's own; the whole map's when the dataset is a filtered part of it.
   */
  municipalityNodes?: readonly NodeRow[];
}

/** How each node is named in the From/To columns. */
export function endNames(nodes: readonly NodeRow[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const node of nodes)
    count.set(titleForm(node.title), (count.get(titleForm(node.title)) ?? 0) + 1);
  return new Map(
    nodes.map((node) => [node.id, count.get(titleForm(node.title)) === 1 ? node.title : node.id])
  );
}

export function datasetTables(dataset: Dataset, options: TableOptions): ExportTables {
  const headers = EXPORT_HEADERS[options.headers];
  const themeLabel = new Map(
    dataset.themes.map((t) => [t.key, options.locale === 'sv' ? t.label_sv : t.label_en])
  );
  const themeCell = (keys: readonly string[]) =>
    keys.map((key) => themeLabel.get(key) ?? key).join(' | ') || null;
  const municipalityName = new Map(
    (options.municipalityNodes ?? dataset.nodes)
      .filter((n) => n.kind === 'municipality' && n.municipality_code)
      .map((n) => [n.municipality_code!, n.title])
  );

  const nodeValue: Record<NodeField, (node: NodeRow) => TableCell> = {
    ref: (n) => n.id,
    title: (n) => n.title,
    kind: (n) => nodeKindLabel(n.kind, options.locale),
    description: (n) => n.description || null,
    themes: (n) => themeCell(n.themes),
    municipality_code: (n) => n.municipality_code,
    municipality_name: (n) =>
      n.municipality_code ? (municipalityName.get(n.municipality_code) ?? null) : null,
    url: (n) => n.url,
    status: (n) => statusLabel(n.status, options.locale),
    start_date: (n) => n.start_date,
    end_date: (n) => n.end_date,
    contact: (n) => n.contact || null,
    source: (n) => n.source,
    lon: (n) => n.lon,
    lat: (n) => n.lat
  };
  const names = endNames(dataset.nodes);
  const relationValue: Record<RelationField, (r: Dataset['relations'][number]) => TableCell> = {
    ref: (r) => r.id,
    from: (r) => names.get(r.source_id) ?? r.source_id,
    to: (r) => names.get(r.target_id) ?? r.target_id,
    kind: (r) => relationKindLabel(r.kind, options.locale),
    magnitude: (r) => r.magnitude,
    unit: (r) => r.unit,
    year: (r) => r.year,
    score: (r) => r.score,
    themes: (r) => themeCell(r.themes),
    note: (r) => r.note || null,
    source: (r) => r.source
  };

  const byTitle = (a: NodeRow, b: NodeRow) =>
    a.kind === b.kind ? a.title.localeCompare(b.title, 'sv') : 0;
  const nodes = [...dataset.nodes].sort(
    (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || byTitle(a, b)
  );
  return {
    nodes: [
      NODE_EXPORT_ORDER.map((f) => headers.nodes[f]),
      ...nodes.map((n) => NODE_EXPORT_ORDER.map((f) => nodeValue[f](n)))
    ],
    relations: [
      RELATION_EXPORT_ORDER.map((f) => headers.relations[f]),
      ...dataset.relations.map((r) => RELATION_EXPORT_ORDER.map((f) => relationValue[f](r)))
    ],
    themes: [
      ['key', 'label_sv', 'label_en', 'description', 'color', 'sort_order', 'source'],
      ...dataset.themes.map((t) => [
        t.key,
        t.label_sv,
        t.label_en,
        t.description || null,
        t.color,
        t.sort_order,
        t.source
      ])
    ]
  };
}

const kindOrder = (kind: NodeKind) => NODE_KINDS.indexOf(kind);
