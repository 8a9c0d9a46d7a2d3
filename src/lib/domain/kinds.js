// @ts-check
// The kinds of things on the map, the kinds of relations between them, what each
// kind means to the app (its traits) and how it is drawn, and the lifecycle
// statuses. The one place these are stated: the app, the import, the seed
// generator and the benchmark data read them from here (plain JavaScript with
// JSDoc types, so that Node scripts can import it too), and tests/db/domain-facts
// compares them with the live schema's check constraints.

/**
 * @typedef {'hexagon' | 'rectangle' | 'ellipse' | 'diamond' | 'triangle' | 'star'} NodeShape
 *   Shapes both views can draw (Cytoscape names; the map draws them as icons).
 *
 * @typedef {object} NodeKindFacts
 * @property {boolean} group  Others join it: membership relations point to it (the map
 *   draws them as spokes ending here) and it has a footprint on the map.
 * @property {{ color: string, shape: NodeShape }} look  A colour with at least 4.5:1
 *   contrast against white and a shape, both distinct from every other kind's.
 */

/** @satisfies {Record<string, NodeKindFacts>} */
export const NODE_KIND_FACTS = {
  municipality: { group: false, look: { color: '#1f4e79', shape: 'hexagon' } },
  organisation: { group: false, look: { color: '#6b4c9a', shape: 'rectangle' } },
  network: { group: true, look: { color: '#2e6b30', shape: 'ellipse' } },
  project: { group: true, look: { color: '#a04f00', shape: 'diamond' } },
  resource: { group: false, look: { color: '#00695c', shape: 'triangle' } },
  event: { group: false, look: { color: '#ad1457', shape: 'star' } }
};

/** @typedef {keyof typeof NODE_KIND_FACTS} NodeKind */

/** In the order people look for them. */
export const NODE_KINDS = /** @type {readonly NodeKind[]} */ (Object.keys(NODE_KIND_FACTS));

/**
 * @typedef {object} RelationLook
 * @property {string} color  At least 3:1 contrast against white.
 * @property {[number, number] | null} dash  Dash pattern in line widths; null = solid.
 * @property {number} width  Base line width in px.
 *
 * @typedef {object} RelationKindFacts
 * @property {boolean} symmetric  Undirected: A–B is the same relation as B–A. The schema
 *   stores `directed = false` for these (the generated column relations.directed).
 * @property {boolean} membership  The source is a member of the target group (a network or
 *   project): overlaps count the members two groups share, and the map draws the line
 *   as a spoke from the member to the group.
 * @property {boolean} coverage  A municipality related this way (either direction) is
 *   served by the other end (analysis/coverage; the rule is spelt out in 'coverage.rule').
 * @property {boolean} footprint  A municipality related this way to a network or project
 *   is part of that one's footprint on the map.
 * @property {'source' | 'target' | null} hierarchy  The relation carries the structure
 *   (the hierarchy layout) and this end sits above the other; null: not structural.
 * @property {boolean} flow  The magnitude is an amount moving along the relation: the
 *   line grows wider with it (thin and marked "?" when unknown) and is drawn as an arc,
 *   so that A → B and B → A stay apart.
 * @property {RelationLook} look  Together with the arrow (directed kinds that are not
 *   memberships) distinct from every other kind's.
 */

/** @satisfies {Record<string, RelationKindFacts>} */
export const RELATION_KIND_FACTS = {
  flows_to: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: null,
    flow: true,
    look: { color: '#c0392b', dash: null, width: 2 }
  },
  similar_to: {
    symmetric: true,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: null,
    flow: false,
    look: { color: '#7b1fa2', dash: [4, 3], width: 2 }
  },
  member_of: {
    symmetric: false,
    membership: true,
    coverage: true,
    footprint: true,
    hierarchy: null,
    flow: false,
    look: { color: '#546e7a', dash: null, width: 1 }
  },
  participates_in: {
    symmetric: false,
    membership: true,
    coverage: true,
    footprint: true,
    hierarchy: null,
    flow: false,
    look: { color: '#546e7a', dash: [1, 2], width: 1 }
  },
  leads: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: true,
    hierarchy: 'source',
    flow: false,
    look: { color: '#2e6b30', dash: null, width: 2 }
  },
  hosts: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: true,
    hierarchy: null,
    flow: false,
    look: { color: '#00695c', dash: null, width: 1.5 }
  },
  assists: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: 'target',
    flow: false,
    look: { color: '#5d4037', dash: null, width: 1.5 }
  },
  prepares_for: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: 'target',
    flow: false,
    look: { color: '#1565c0', dash: null, width: 2 }
  },
  part_of: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: true,
    hierarchy: 'target',
    flow: false,
    look: { color: '#37474f', dash: null, width: 1.5 }
  },
  partner_of: {
    symmetric: true,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: null,
    flow: false,
    look: { color: '#ad1457', dash: [6, 2], width: 1.5 }
  },
  collaborates_with: {
    symmetric: true,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: null,
    flow: false,
    look: { color: '#6d5d00', dash: [6, 2], width: 1.5 }
  },
  funds: {
    symmetric: false,
    membership: false,
    coverage: false,
    footprint: false,
    hierarchy: null,
    flow: false,
    look: { color: '#33691e', dash: [2, 2], width: 1.5 }
  }
};

/** @typedef {keyof typeof RELATION_KIND_FACTS} RelationKind */

/** In the order the legend, the filters and the forms list them. */
export const RELATION_KINDS = /** @type {readonly RelationKind[]} */ (
  Object.keys(RELATION_KIND_FACTS)
);

/** Undirected relation kinds: the database stores `directed = false` for these. */
export const SYMMETRIC_RELATION_KINDS = RELATION_KINDS.filter(
  (kind) => RELATION_KIND_FACTS[kind].symmetric
);

export const STATUSES = /** @type {const} */ (['planned', 'active', 'dormant', 'ended']);
/** @typedef {(typeof STATUSES)[number]} Status */

/** A node's status when none is given (the column's default). */
export const DEFAULT_STATUS = /** @type {Status} */ ('active');

/** Who can see a map: its members, anyone with the link, or everyone. */
export const VISIBILITIES = /** @type {const} */ (['private', 'link', 'public']);
/** @typedef {(typeof VISIBILITIES)[number]} Visibility */

/** What a workshop participant may propose: a node kind other than a municipality. */
export const PROPOSAL_KINDS = /** @type {readonly Exclude<NodeKind, 'municipality'>[]} */ (
  NODE_KINDS.filter((kind) => kind !== 'municipality')
);
/** A proposal's state: open, hidden by a presenter, or decided (a node, merged, rejected). */
export const PROPOSAL_STATUSES = /** @type {const} */ ([
  'open',
  'hidden',
  'accepted',
  'merged',
  'rejected'
]);
/** A workshop round is open for proposals and votes, or closed. */
export const ROUND_STATUSES = /** @type {const} */ (['open', 'closed']);

/**
 * @template {string} T
 * @param {readonly T[]} list
 * @param {unknown} value
 * @returns {value is T}
 */
function includes(list, value) {
  return typeof value === 'string' && /** @type {readonly string[]} */ (list).includes(value);
}

/** @param {unknown} value @returns {value is NodeKind} */
export const isNodeKind = (value) => includes(NODE_KINDS, value);
/** @param {unknown} value @returns {value is RelationKind} */
export const isRelationKind = (value) => includes(RELATION_KINDS, value);
/** @param {unknown} value @returns {value is Status} */
export const isStatus = (value) => includes(STATUSES, value);
/** @param {unknown} value @returns {boolean} */
export const isSymmetricRelationKind = (value) =>
  isRelationKind(value) && RELATION_KIND_FACTS[value].symmetric;
