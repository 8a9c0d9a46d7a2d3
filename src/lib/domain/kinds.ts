// The kinds of things on the map, the kinds of relations between them and the
// lifecycle statuses. These mirror the check constraints in supabase/migrations.

export const NODE_KINDS = [
  'municipality',
  'organisation',
  'network',
  'project',
  'resource',
  'event'
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const RELATION_KINDS = [
  'flows_to',
  'similar_to',
  'member_of',
  'participates_in',
  'leads',
  'hosts',
  'assists',
  'prepares_for',
  'part_of',
  'partner_of',
  'collaborates_with',
  'funds'
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const STATUSES = ['planned', 'active', 'dormant', 'ended'] as const;
export type Status = (typeof STATUSES)[number];

/** Undirected relation kinds: the database stores `directed = false` for these. */
export const SYMMETRIC_RELATION_KINDS = [
  'similar_to',
  'partner_of',
  'collaborates_with'
] as const satisfies readonly RelationKind[];
export type SymmetricRelationKind = (typeof SYMMETRIC_RELATION_KINDS)[number];

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isNodeKind = (value: unknown): value is NodeKind => includes(NODE_KINDS, value);
export const isRelationKind = (value: unknown): value is RelationKind =>
  includes(RELATION_KINDS, value);
export const isStatus = (value: unknown): value is Status => includes(STATUSES, value);
export const isSymmetricRelationKind = (value: unknown): value is SymmetricRelationKind =>
  includes(SYMMETRIC_RELATION_KINDS, value);
