// Which map features are selected, hovered or dimmed, and the smallest set of
// feature-state changes from the previous frame to the next. Pure.
import type { NodeRow } from '$lib/domain/model';
import type { Neighbourhood, Selection } from '$lib/explorer/neighbourhood';
import { SOURCE } from './style';

export interface FeatureFlags {
  selected: boolean;
  hover: boolean;
  dimmed: boolean;
}

export interface FeatureStateEntry {
  source: string;
  id: string;
  state: FeatureFlags;
}

/** Keyed by `${source} ${id}`; only features with at least one flag set are listed. */
export type FeatureStates = ReadonlyMap<string, FeatureStateEntry>;

export interface FeatureStateInput {
  selection: Selection | null;
  hover: Selection | null;
  focused: Neighbourhood | null;
  /** The ids currently drawn (in the map's sources). */
  nodeIds: Iterable<string>;
  relationIds: Iterable<string>;
  /** Municipality node id → kommunkod, so the polygon lights up with its node. */
  municipalityCodes: ReadonlyMap<string, string>;
}

export const NO_STATES: FeatureStates = new Map();

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

const NONE: FeatureFlags = { selected: false, hover: false, dimmed: false };

export function desiredFeatureStates(input: FeatureStateInput): Map<string, FeatureStateEntry> {
  const result = new Map<string, FeatureStateEntry>();
  const flag = (source: string, id: string, key: keyof FeatureFlags) => {
    const k = `${source} ${id}`;
    const entry = result.get(k) ?? { source, id, state: { ...NONE } };
    entry.state[key] = true;
    result.set(k, entry);
  };
  // A relation's arrow head shares its state.
  const relationFlag = (id: string, key: keyof FeatureFlags) => {
    flag(SOURCE.relations, id, key);
    flag(SOURCE.arrows, id, key);
  };
  const mark = (s: Selection | null, key: 'selected' | 'hover') => {
    if (!s) return;
    if (s.type === 'node') flag(SOURCE.nodes, s.id, key);
    else relationFlag(s.id, key);
    const code = s.type === 'node' ? input.municipalityCodes.get(s.id) : undefined;
    if (code) flag(SOURCE.municipalities, code, key);
  };
  mark(input.selection, 'selected');
  mark(input.hover, 'hover');
  if (input.focused) {
    for (const id of input.nodeIds) {
      if (!input.focused.nodeIds.has(id)) flag(SOURCE.nodes, id, 'dimmed');
    }
    for (const id of input.relationIds) {
      if (!input.focused.relationIds.has(id)) relationFlag(id, 'dimmed');
    }
    // A municipality's polygon fades with its node (outside the neighbourhood).
    for (const [id, code] of input.municipalityCodes) {
      if (!input.focused.nodeIds.has(id)) flag(SOURCE.municipalities, code, 'dimmed');
    }
  }
  return result;
}

const same = (a: FeatureFlags, b: FeatureFlags) =>
  a.selected === b.selected && a.hover === b.hover && a.dimmed === b.dimmed;

/** The changes that turn `previous` into `next` (features that lose all flags are reset). */
export function diffFeatureStates(
  previous: FeatureStates,
  next: FeatureStates
): FeatureStateEntry[] {
  const changes: FeatureStateEntry[] = [];
  for (const [key, entry] of next) {
    const before = previous.get(key);
    if (!before || !same(before.state, entry.state)) changes.push(entry);
  }
  for (const [key, entry] of previous) {
    if (!next.has(key)) changes.push({ source: entry.source, id: entry.id, state: { ...NONE } });
  }
  return changes;
}

/** The id of the first feature with `key` set in a source (for the test attributes). */
export function flaggedId(
  states: FeatureStates,
  key: 'selected' | 'hover',
  sources: readonly string[] = [SOURCE.nodes, SOURCE.relations]
): string | null {
  for (const entry of states.values()) {
    if (entry.state[key] && sources.includes(entry.source)) return entry.id;
  }
  return null;
}
