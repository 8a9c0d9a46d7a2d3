// The in-memory shape of one map's data. Row types come from the generated
// database types; the text columns that the schema constrains to a fixed set
// (kind, status) are narrowed to the domain's union types.
import type { Tables, TablesInsert, TablesUpdate } from './database.types';
import type { NodeKind, RelationKind, Status } from './kinds';

export type MapRow = Tables<'maps'>;
export type ThemeRow = Tables<'themes'>;
export type IndicatorRow = Tables<'indicators'>;
/** Where a node sits in the graph, stored per map (id = the node's id). */
export type NodePositionRow = Tables<'node_positions'>;

export type NodeRow = Omit<Tables<'nodes'>, 'kind' | 'status'> & {
  kind: NodeKind;
  status: Status;
};
export type RelationRow = Omit<Tables<'relations'>, 'kind'> & { kind: RelationKind };

export type NodeInsert = Omit<TablesInsert<'nodes'>, 'kind' | 'status'> & {
  kind: NodeKind;
  status?: Status;
};
export type RelationInsert = Omit<TablesInsert<'relations'>, 'kind'> & { kind: RelationKind };

/** A change to an existing row: its id plus the columns to change. */
export type NodePatch = Omit<TablesUpdate<'nodes'>, 'kind' | 'status' | 'version'> & {
  id: string;
  kind?: NodeKind;
  status?: Status;
};
export type RelationPatch = Omit<TablesUpdate<'relations'>, 'kind' | 'version'> & {
  id: string;
  kind?: RelationKind;
};

/** Everything the app shows for one map, loaded at once (soft-deleted rows excluded). */
export interface Dataset {
  map: MapRow;
  nodes: NodeRow[];
  relations: RelationRow[];
  themes: ThemeRow[];
  indicators: IndicatorRow[];
  /** The graph's stored positions (absent where nothing was stored or loaded). */
  positions?: NodePositionRow[];
}

/** One node or relation, as the user (or someone else, over presence) has selected it. */
export type Selection = { type: 'node' | 'relation'; id: string };
