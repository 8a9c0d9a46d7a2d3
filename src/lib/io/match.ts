// Rows that look like items already on the map — the same title (compared
// case-insensitively, å ä ö kept distinct) and the same municipality — are offered
// as merge or skip instead of being created twice.
import type { NodeRow } from '$lib/domain/model';
import type { ImportNode } from './types';
import { titleForm } from './vocabulary';

export type MatchDecision = 'merge' | 'skip';

/** Fields a merge may change; kind and title (the identity) stay as they are. */
export const MERGE_FIELDS = [
  'description',
  'url',
  'municipality_code',
  'lon',
  'lat',
  'themes',
  'status',
  'start_date',
  'end_date',
  'contact',
  'source'
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type NodeMergePatch = Partial<Pick<NodeRow, MergeField>>;

export interface MatchProposal {
  /** Index of the imported node in ParsedImport.nodes. */
  index: number;
  row: number | null;
  title: string;
  existing: Pick<NodeRow, 'id' | 'title' | 'kind' | 'municipality_code' | 'version'>;
  /** What a merge would change (empty: the row adds nothing new). */
  patch: NodeMergePatch;
  changedFields: MergeField[];
  /** The row's kind differs from the existing item's (shown as a warning; the kind is kept). */
  kindDiffers: boolean;
  suggested: MatchDecision;
}

export function identityKey(title: string, municipalityCode: string | null): string {
  return `${titleForm(title)}\u0000${municipalityCode ?? ''}`;
}

/**
 * What merging an imported row into an existing node changes: every field the row
 * fills in and that differs; themes are added to the existing ones (never removed);
 * empty cells never clear anything.
 */
export function mergePatch(existing: NodeRow, incoming: ImportNode): NodeMergePatch {
  const patch: NodeMergePatch = {};
  const set = <F extends MergeField>(field: F, value: NodeRow[F] | undefined) => {
    if (value === undefined || value === null || value === '') return;
    if (existing[field] !== value) patch[field] = value;
  };
  set('description', incoming.description);
  set('url', incoming.url);
  set('municipality_code', incoming.municipality_code);
  if (incoming.lon !== null && incoming.lat !== null) {
    set('lon', incoming.lon);
    set('lat', incoming.lat);
    if ('lon' in patch || 'lat' in patch) {
      patch.lon = incoming.lon;
      patch.lat = incoming.lat;
    }
  }
  const added = incoming.themes.filter((t) => !existing.themes.includes(t));
  if (added.length) patch.themes = [...existing.themes, ...added];
  if (incoming.statusGiven) set('status', incoming.status);
  set('start_date', incoming.start_date);
  set('end_date', incoming.end_date);
  set('contact', incoming.contact);
  set('source', incoming.source);
  return patch;
}

/** Proposals for every imported node that matches an existing one. */
export function findMatches(
  nodes: readonly ImportNode[],
  existing: readonly NodeRow[]
): MatchProposal[] {
  const byIdentity = new Map<string, NodeRow>();
  for (const node of existing) {
    const key = identityKey(node.title, node.municipality_code);
    if (!byIdentity.has(key)) byIdentity.set(key, node);
  }
  const proposals: MatchProposal[] = [];
  nodes.forEach((node, index) => {
    const match = byIdentity.get(identityKey(node.title, node.municipality_code));
    if (!match) return;
    const patch = mergePatch(match, node);
    const changedFields = MERGE_FIELDS.filter((f) => f in patch);
    proposals.push({
      index,
      row: node.row,
      title: node.title,
      existing: {
        id: match.id,
        title: match.title,
        kind: match.kind,
        municipality_code: match.municipality_code,
        version: match.version
      },
      patch,
      changedFields,
      kindDiffers: match.kind !== node.kind,
      suggested: changedFields.length ? 'merge' : 'skip'
    });
  });
  return proposals;
}
