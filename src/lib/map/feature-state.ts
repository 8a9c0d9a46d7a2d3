// Which map features are selected, hovered or dimmed, one layer per flag, and
// the smallest set of feature-state changes from one frame to the next. The
// layers change independently: a hover builds and diffs a set of one or two
// features, never the focus's dimmed set (which may hold every feature of a
// national map). Pure.
import type { NodeRow, Selection } from '$lib/domain/model';
import type { Neighbourhood } from '$lib/explorer/neighbourhood';
import { SOURCE } from './style';

export type FeatureFlag = 'selected' | 'hover' | 'dimmed';
export const FEATURE_FLAGS: readonly FeatureFlag[] = ['selected', 'hover', 'dimmed'];

export interface FeatureRef {
  source: string;
  id: string;
}

/** The features with one flag set, keyed by `${source} ${id}`. */
export type FlagSet = ReadonlyMap<string, FeatureRef>;

/** Every flag's features; an unchanged layer keeps its identity. */
export type FeatureStates = Readonly<Record<FeatureFlag, FlagSet>>;

/** One call to MapLibre's setFeatureState (which merges the keys given). */
export interface FeatureStateChange extends FeatureRef {
  state: Partial<Record<FeatureFlag, boolean>>;
}

export const NO_FEATURES: FlagSet = new Map();
export const NO_STATES: FeatureStates = {
  selected: NO_FEATURES,
  hover: NO_FEATURES,
  dimmed: NO_FEATURES
};

/** Municipality node id → kommunkod. */
export function municipalityCodes(
  nodes: readonly Pick<NodeRow, 'id' | 'kind' | 'municipality_code'>[]
): Map<string, string> {
  const codes = new Map<string, string>();
  for (const n of nodes) {
    if (n.kind === 'municipality' && n.municipality_code) codes.set(n.id, n.municipality_code);
  }
  return codes;
}

class FlagSetBuilder {
  readonly set = new Map<string, FeatureRef>();
  add(source: string, id: string): void {
    this.set.set(`${source} ${id}`, { source, id });
  }
  /** A relation's arrow head shares its state. */
  addRelation(id: string): void {
    this.add(SOURCE.relations, id);
    this.add(SOURCE.arrows, id);
  }
}

/**
 * The selected or hovered feature: a node (and its municipality's polygon) or a
 * relation (and its arrow head).
 */
export function targetFeatures(
  target: Selection | null,
  municipalityCodes: ReadonlyMap<string, string>
): FlagSet {
  if (!target) return NO_FEATURES;
  const b = new FlagSetBuilder();
  if (target.type === 'relation') b.addRelation(target.id);
  else {
    b.add(SOURCE.nodes, target.id);
    const code = municipalityCodes.get(target.id);
    if (code) b.add(SOURCE.municipalities, code);
  }
  return b.set;
}

export interface DimmedInput {
  focused: Neighbourhood | null;
  /** The ids currently drawn (in the map's sources). */
  nodeIds: Iterable<string>;
  relationIds: Iterable<string>;
  /** Municipality node id → kommunkod, so the polygon fades with its node. */
  municipalityCodes: ReadonlyMap<string, string>;
}

/** In focus mode, what is drawn but outside the neighbourhood (municipality polygons too). */
export function dimmedFeatures(input: DimmedInput): FlagSet {
  const { focused } = input;
  if (!focused) return NO_FEATURES;
  const b = new FlagSetBuilder();
  for (const id of input.nodeIds) if (!focused.nodeIds.has(id)) b.add(SOURCE.nodes, id);
  for (const id of input.relationIds) if (!focused.relationIds.has(id)) b.addRelation(id);
  for (const [id, code] of input.municipalityCodes) {
    if (!focused.nodeIds.has(id)) b.add(SOURCE.municipalities, code);
  }
  return b.set;
}

/**
 * The changes that turn `previous` into `next`, layer by layer; a layer that
 * kept its identity is not looked at. A feature may appear twice (two flags).
 */
export function diffFeatureStates(
  previous: FeatureStates,
  next: FeatureStates
): FeatureStateChange[] {
  const changes: FeatureStateChange[] = [];
  for (const flag of FEATURE_FLAGS) {
    const before = previous[flag];
    const after = next[flag];
    if (before === after) continue;
    for (const [key, ref] of after) {
      if (!before.has(key)) changes.push({ ...ref, state: { [flag]: true } });
    }
    for (const [key, ref] of before) {
      if (!after.has(key)) changes.push({ ...ref, state: { [flag]: false } });
    }
  }
  return changes;
}

/** The id of the first feature with `flag` set in a source (for the test attributes). */
export function flaggedId(
  states: FeatureStates,
  flag: 'selected' | 'hover',
  sources: readonly string[] = [SOURCE.nodes, SOURCE.relations]
): string | null {
  for (const ref of states[flag].values()) if (sources.includes(ref.source)) return ref.id;
  return null;
}
