// The import plan: what exactly will be written. New themes, new nodes (with
// temporary keys), merges into existing nodes (checked against the version seen
// in the preview), new relations whose ends are existing node ids or keys of
// nodes in the same payload, and new indicators. Pure; apply.ts sends the payload.
import type { Dataset, NodeRow, RelationRow } from '$lib/domain/model';
import { isSymmetricRelationKind, RELATION_KIND_FACTS, type RelationKind } from '$lib/domain/kinds';
import type { MessageKey } from '$lib/i18n/sv';
import type { MessageParams } from '$lib/i18n/translate';
import { findMatches, type MatchDecision, type MatchProposal, type NodeMergePatch } from './match';
import type {
  ImportNode,
  ImportTable,
  ParsedImport,
  Problem,
  ProgressCallback,
  StepProgress
} from './types';
import { preview } from './validate/problems';
import { titleForm } from './vocabulary';

/** An end of a relation in the payload: an existing node, or a node created by the payload. */
export type PayloadEnd = { id: string } | { key: string };

export interface PayloadNode extends Omit<ImportNode, 'row' | 'ref' | 'statusGiven'> {
  key: string;
}

export interface ImportPayload {
  map?: { title: string; description: string; source: string | null };
  themes: {
    key: string;
    label_sv: string;
    label_en: string;
    description: string;
    color: string;
    sort_order: number;
    source: string | null;
  }[];
  nodes: PayloadNode[];
  updates: { id: string; version: number; set: NodeMergePatch }[];
  relations: {
    source_id?: string;
    source_key?: string;
    target_id?: string;
    target_key?: string;
    kind: string;
    magnitude: number | null;
    unit: string | null;
    year: number | null;
    score: number | null;
    themes: string[];
    note: string;
    source: string | null;
    rounded: boolean | null;
  }[];
  /** New values for a flow the map has (same pair, year and unit), at the version previewed. */
  relation_updates: { id: string; version: number; set: FlowUpdate }[];
  indicators: {
    municipality_code: string;
    key: string;
    label_sv: string;
    label_en: string;
    unit: string;
    year: string;
    value: number | null;
    source: string;
  }[];
}

/** What a flow imported again changes in the relation the map has. */
export type FlowUpdate = Partial<Pick<RelationRow, 'magnitude' | 'rounded' | 'source'>>;

export interface ImportSummary {
  themesNew: number;
  themesExisting: number;
  nodesNew: number;
  nodesMerged: number;
  nodesSkipped: number;
  relationsNew: number;
  relationsUpdated: number;
  relationsSkipped: number;
  indicatorsNew: number;
  indicatorsSkipped: number;
}

export interface ImportPlan {
  payload: ImportPayload;
  matches: MatchProposal[];
  /** The file's problems plus those found while planning (unknown relation ends …). */
  problems: Problem[];
  summary: ImportSummary;
  /** True when any problem is an error: nothing may be written. */
  blocked: boolean;
}

export interface PlanOptions {
  /** Merge or skip, by index into parsed.nodes; unset matches use the suggestion. */
  decisions?: ReadonlyMap<number, MatchDecision>;
  /** Also set the map's title, description and source from a backup. */
  restoreMap?: boolean;
  onProgress?: ProgressCallback<StepProgress>;
}

function problem(
  table: ImportTable,
  row: number | null,
  column: string | null,
  messageKey: MessageKey,
  params: MessageParams,
  severity: Problem['severity'] = 'error'
): Problem {
  const full: Record<string, string | number> = { ...params };
  if (row !== null) full.row = row;
  if (column !== null) full.column = column;
  return { table, row, column, severity, messageKey, params: full };
}

const endKey = (end: PayloadEnd) => ('id' in end ? `id:${end.id}` : `key:${end.key}`);

/**
 * What a flow imported again changes in the relation the map has: the count, its
 * rounding and source where they differ (a count the file does not know leaves
 * the known one, and an unsaid rounding the saved one); null when nothing differs.
 */
function flowUpdate(
  held: Pick<RelationRow, 'magnitude' | 'rounded' | 'source'>,
  next: { magnitude: number | null; rounded: boolean | null; source: string | null }
): FlowUpdate | null {
  const set: FlowUpdate = {};
  if (next.magnitude !== null && next.magnitude !== held.magnitude) set.magnitude = next.magnitude;
  if (next.rounded !== null && next.rounded !== held.rounded) set.rounded = next.rounded;
  if (Object.keys(set).length && next.source && next.source !== held.source)
    set.source = next.source;
  return Object.keys(set).length ? set : null;
}

export function buildImportPlan(
  existing: Dataset,
  parsed: ParsedImport,
  options: PlanOptions = {}
): ImportPlan {
  const problems: Problem[] = [...parsed.problems];
  const summary: ImportSummary = {
    themesNew: 0,
    themesExisting: 0,
    nodesNew: 0,
    nodesMerged: 0,
    nodesSkipped: 0,
    relationsNew: 0,
    relationsUpdated: 0,
    relationsSkipped: 0,
    indicatorsNew: 0,
    indicatorsSkipped: 0
  };
  const payload: ImportPayload = {
    themes: [],
    nodes: [],
    updates: [],
    relations: [],
    relation_updates: [],
    indicators: []
  };

  // Themes: keys the map already has are kept as they are.
  const themeKeys = new Set(existing.themes.map((t) => t.key));
  for (const theme of parsed.themes) {
    if (themeKeys.has(theme.key)) {
      summary.themesExisting++;
      continue;
    }
    themeKeys.add(theme.key);
    const { row: _row, ...fields } = theme;
    void _row;
    payload.themes.push(fields);
    summary.themesNew++;
  }
  const checkThemes = (table: ImportTable, row: number | null, keys: readonly string[]) => {
    for (const key of keys) {
      if (!themeKeys.has(key)) {
        problems.push(
          problem(table, row, null, 'io.problem.unknownThemeKey', {
            value: key,
            allowed: [...themeKeys].join(', ') || '–'
          })
        );
      }
    }
  };

  // Nodes: new ones get a key; matches are merged or skipped.
  const matches = findMatches(parsed.nodes, existing.nodes);
  const matchByIndex = new Map(matches.map((m) => [m.index, m]));
  const ends = new Map<ImportNode, PayloadEnd>();
  const municipalityNodes = new Map(
    existing.nodes
      .filter((n) => n.kind === 'municipality' && n.municipality_code)
      .map((n) => [n.municipality_code!, n])
  );
  parsed.nodes.forEach((node, index) => {
    checkThemes('nodes', node.row, node.themes);
    const match = matchByIndex.get(index);
    if (match) {
      const decision = options.decisions?.get(index) ?? match.suggested;
      ends.set(node, { id: match.existing.id });
      if (match.kindDiffers) {
        problems.push(
          problem(
            'nodes',
            node.row,
            null,
            'io.problem.kindDiffers',
            { value: node.title },
            'warning'
          )
        );
      }
      if (decision === 'merge' && match.changedFields.length) {
        payload.updates.push({
          id: match.existing.id,
          version: match.existing.version,
          set: match.patch
        });
        summary.nodesMerged++;
      } else summary.nodesSkipped++;
      return;
    }
    if (node.kind === 'municipality' && node.municipality_code) {
      const holder = municipalityNodes.get(node.municipality_code);
      if (holder) {
        problems.push(
          problem('nodes', node.row, null, 'io.problem.municipalityExists', {
            code: node.municipality_code,
            title: holder.title
          })
        );
        return;
      }
    }
    const key = `n${index + 1}`;
    const { row: _row, ref: _ref, statusGiven: _given, ...fields } = node;
    void _row;
    void _ref;
    void _given;
    payload.nodes.push({ key, ...fields });
    ends.set(node, { key });
    summary.nodesNew++;
  });
  options.onProgress?.({ phase: 'planning', done: 1, total: 2 });

  // Relation ends: the file's own ids, then titles in the file, then the map's ids and titles.
  const byRef = new Map<string, PayloadEnd>();
  const byImportedTitle = new Map<string, PayloadEnd[]>();
  for (const [node, end] of ends) {
    if (node.ref) byRef.set(node.ref, end);
    const list = byImportedTitle.get(titleForm(node.title)) ?? [];
    list.push(end);
    byImportedTitle.set(titleForm(node.title), list);
  }
  const existingById = new Map<string, NodeRow>(existing.nodes.map((n) => [n.id, n]));
  const byExistingTitle = new Map<string, NodeRow[]>();
  for (const node of existing.nodes) {
    const list = byExistingTitle.get(titleForm(node.title)) ?? [];
    list.push(node);
    byExistingTitle.set(titleForm(node.title), list);
  }
  type Resolved = { end: PayloadEnd } | { error: MessageKey; count?: number };
  const resolve = (text: string): Resolved => {
    const ref = byRef.get(text);
    if (ref) return { end: ref };
    if (existingById.has(text)) return { end: { id: text } };
    const form = titleForm(text);
    const imported = [
      ...new Map((byImportedTitle.get(form) ?? []).map((e) => [endKey(e), e])).values()
    ];
    if (imported.length === 1) return { end: imported[0]! };
    if (imported.length > 1) return { error: 'io.problem.ambiguousNode', count: imported.length };
    const found = byExistingTitle.get(form) ?? [];
    if (found.length === 1) return { end: { id: found[0]!.id } };
    if (found.length > 1) return { error: 'io.problem.ambiguousNode', count: found.length };
    return { error: 'io.problem.unknownNode' };
  };

  // One relation per kind and pair; a flow (kind with the trait `flow`) one per pair,
  // year and unit, so that a pair keeps its flows of several years side by side.
  const relationKey = (
    r: { kind: RelationKind; year: number | null; unit: string | null },
    a: PayloadEnd,
    b: PayloadEnd
  ) => {
    const [x, y] = [endKey(a), endKey(b)];
    const pair =
      isSymmetricRelationKind(r.kind) && y < x ? `${r.kind}|${y}|${x}` : `${r.kind}|${x}|${y}`;
    return RELATION_KIND_FACTS[r.kind].flow ? `${pair}|${r.year ?? ''}|${r.unit ?? ''}` : pair;
  };
  const existingByKey = new Map(
    existing.relations.map((r) => [relationKey(r, { id: r.source_id }, { id: r.target_id }), r])
  );
  const seen = new Set(existingByKey.keys());
  const updated = new Set<string>();
  for (const relation of parsed.relations) {
    checkThemes('relations', relation.row, relation.themes);
    const from = resolve(relation.from);
    const to = resolve(relation.to);
    let failed = false;
    for (const [result, text, column] of [
      [from, relation.from, relation.fromColumn],
      [to, relation.to, relation.toColumn]
    ] as const) {
      if ('error' in result) {
        failed = true;
        problems.push(
          problem('relations', relation.row, column, result.error, {
            value: preview(text),
            count: result.count ?? 0
          })
        );
      }
    }
    if (failed || 'error' in from || 'error' in to) continue;
    if (endKey(from.end) === endKey(to.end)) {
      problems.push(
        problem('relations', relation.row, relation.toColumn, 'io.problem.selfRelation', {
          value: relation.to
        })
      );
      continue;
    }
    const key = relationKey(relation, from.end, to.end);
    const held = existingByKey.get(key);
    const update = held && RELATION_KIND_FACTS[held.kind].flow ? flowUpdate(held, relation) : null;
    if (held && update && !updated.has(held.id)) {
      updated.add(held.id);
      payload.relation_updates.push({ id: held.id, version: held.version, set: update });
      summary.relationsUpdated++;
      continue;
    }
    if (seen.has(key)) {
      summary.relationsSkipped++;
      continue;
    }
    seen.add(key);
    payload.relations.push({
      ...('id' in from.end ? { source_id: from.end.id } : { source_key: from.end.key }),
      ...('id' in to.end ? { target_id: to.end.id } : { target_key: to.end.key }),
      kind: relation.kind,
      magnitude: relation.magnitude,
      unit: relation.unit,
      year: relation.year,
      score: relation.score,
      themes: relation.themes,
      note: relation.note,
      source: relation.source,
      rounded: relation.rounded
    });
    summary.relationsNew++;
  }

  // Indicators: one value per municipality, key and year; existing ones are kept.
  const indicatorKey = (i: { municipality_code: string; key: string; year: string }) =>
    `${i.municipality_code}|${i.key}|${i.year}`;
  const indicatorKeys = new Set(existing.indicators.map(indicatorKey));
  for (const indicator of parsed.indicators) {
    if (indicatorKeys.has(indicatorKey(indicator))) {
      summary.indicatorsSkipped++;
      continue;
    }
    indicatorKeys.add(indicatorKey(indicator));
    const { row: _row, ...fields } = indicator;
    void _row;
    payload.indicators.push(fields);
    summary.indicatorsNew++;
  }

  if (options.restoreMap && parsed.map) payload.map = parsed.map;
  options.onProgress?.({ phase: 'planning', done: 2, total: 2 });
  return {
    payload,
    matches,
    problems,
    summary,
    blocked: problems.some((p) => p.severity === 'error')
  };
}
