// The flow map (issue 12): the map's flow relations (`flows_to`, and any kind with
// the trait `flow`) between municipalities, for one year and one unit, as a map
// draws them and a table lists them. Pure and deterministic: everything is
// ordered by municipality code, then relation id, so the order of the rows in the
// dataset never matters.
//
// Which flows a view (year Y, unit U) holds, per pair of municipalities:
// - the pair's flows of exactly Y and U: their values count;
// - else the pair's flows whose year or unit is not given (the seeded Lekeberg →
//   Örebro: no year, unit or number): drawn, but their size in Y and U is unknown.
// An unknown magnitude is never a zero: totals, cells and the top N count known
// values only and say how many flows were unknown beside them.
import { RELATION_KIND_FACTS } from '$lib/domain/kinds';
import type { NodeRow, RelationRow } from '$lib/domain/model';
import type { FlowView } from '$lib/explorer/url-state';

/** One flow relation between two municipalities. */
export interface Flow {
  id: string;
  /** Municipality codes of the two ends. */
  origin: string;
  destination: string;
  year: number | null;
  unit: string | null;
  /** The magnitude; null = not known. */
  value: number | null;
  /** The value was rounded (true), is exact (false), or the source does not say (null). */
  rounded: boolean | null;
  source: string | null;
}

/** A flow as one view holds it: `known` = its value counts for the view's year and unit. */
export interface ViewFlow extends Flow {
  known: boolean;
}

export type FlowRelation = Pick<
  RelationRow,
  | 'id'
  | 'kind'
  | 'source_id'
  | 'target_id'
  | 'magnitude'
  | 'year'
  | 'unit'
  | 'rounded'
  | 'source'
  | 'deleted_at'
>;
export type FlowNode = Pick<NodeRow, 'id' | 'kind' | 'municipality_code'>;

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (origin: string, destination: string) => `${origin}>${destination}`;
const order = (a: Flow, b: Flow) =>
  byCode(a.origin, b.origin) || byCode(a.destination, b.destination) || byCode(a.id, b.id);

/** The flow relations between municipality nodes (others are not part of the flow map). */
export function flowsOf(
  nodes: readonly FlowNode[],
  relations: readonly FlowRelation[],
  include: (relationId: string) => boolean = () => true
): Flow[] {
  const codeOf = new Map(
    nodes.flatMap((n) =>
      n.kind === 'municipality' && n.municipality_code ? [[n.id, n.municipality_code]] : []
    )
  );
  const flows: Flow[] = [];
  for (const r of relations) {
    if (!RELATION_KIND_FACTS[r.kind].flow || r.deleted_at || !include(r.id)) continue;
    const origin = codeOf.get(r.source_id);
    const destination = codeOf.get(r.target_id);
    if (!origin || !destination || origin === destination) continue;
    flows.push({
      id: r.id,
      origin,
      destination,
      year: r.year,
      unit: r.unit,
      value: r.magnitude,
      rounded: r.rounded,
      source: r.source
    });
  }
  return flows.sort(order);
}

export interface FlowOptions {
  /** The years given, newest first. */
  years: number[];
  /** The units given, the most common first (then alphabetical). */
  units: string[];
}

export function flowOptions(flows: readonly Flow[]): FlowOptions {
  const years = [...new Set(flows.flatMap((f) => (f.year === null ? [] : [f.year])))];
  const count = new Map<string, number>();
  for (const f of flows) if (f.unit !== null) count.set(f.unit, (count.get(f.unit) ?? 0) + 1);
  return {
    years: years.sort((a, b) => b - a),
    units: [...count].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv')).map(([u]) => u)
  };
}

/** The year and unit a view shows: the chosen ones, else the newest year and the commonest unit. */
export function flowChoice(
  options: FlowOptions,
  view: Pick<FlowView, 'year' | 'unit'>
): { year: number | null; unit: string | null } {
  return {
    year: view.year ?? options.years[0] ?? null,
    unit: view.unit ?? options.units[0] ?? null
  };
}

/** The flows one year and unit hold (see the top of this file), in code order. */
export function flowsInView(
  flows: readonly Flow[],
  year: number | null,
  unit: string | null
): ViewFlow[] {
  const exact = (f: Flow) => f.year === year && f.unit === unit;
  const open = (f: Flow) =>
    (f.year === null || f.year === year) && (f.unit === null || f.unit === unit);
  const exactPairs = new Set(flows.filter(exact).map((f) => pairKey(f.origin, f.destination)));
  const result: ViewFlow[] = [];
  for (const f of flows) {
    if (exact(f)) result.push({ ...f, known: f.value !== null });
    else if (open(f) && !exactPairs.has(pairKey(f.origin, f.destination)))
      result.push({ ...f, known: false });
  }
  return result;
}

/** The value a view counts for a flow (null: unknown in this view). */
export const viewValue = (f: ViewFlow): number | null => (f.known ? f.value : null);

/** What one municipality sends and receives: known sums, and how many flows are unknown. */
export interface FlowTotals {
  code: string;
  in: number;
  out: number;
  /** in − out of the known values. */
  net: number;
  unknownIn: number;
  unknownOut: number;
}

/** Per municipality with a flow in the view, in code order. */
export function flowTotals(flows: readonly ViewFlow[]): FlowTotals[] {
  const totals = new Map<string, FlowTotals>();
  const of = (code: string) => {
    let t = totals.get(code);
    if (!t) {
      t = { code, in: 0, out: 0, net: 0, unknownIn: 0, unknownOut: 0 };
      totals.set(code, t);
    }
    return t;
  };
  for (const f of flows) {
    const value = viewValue(f);
    const from = of(f.origin);
    const to = of(f.destination);
    if (value === null) {
      from.unknownOut++;
      to.unknownIn++;
    } else {
      from.out += value;
      to.in += value;
    }
  }
  for (const t of totals.values()) t.net = t.in - t.out;
  return [...totals.values()].sort((a, b) => byCode(a.code, b.code));
}

/** One cell of the matrix: the flows from one municipality to another in the view. */
export interface FlowCell {
  origin: string;
  destination: string;
  /** The sum of the known values; null when none is known. */
  value: number | null;
  /** How many of the cell's flows are unknown. */
  unknown: number;
  /** Some value in the cell was rounded. */
  rounded: boolean;
  /** The relations in the cell (for their details and sources). */
  flows: ViewFlow[];
}

/** A row or column total: the known sum and how many flows were unknown. */
export interface FlowSum {
  value: number;
  unknown: number;
  rounded: boolean;
}

/** Origin × destination, with each row's total (out) and each column's total (in). */
export interface FlowMatrix {
  origins: string[];
  destinations: string[];
  cells: Map<string, FlowCell>;
  rowTotals: Map<string, FlowSum>;
  columnTotals: Map<string, FlowSum>;
  total: FlowSum;
}

export const cellKey = pairKey;

function add(sum: FlowSum, cell: Pick<FlowCell, 'value' | 'unknown' | 'rounded'>): void {
  sum.value += cell.value ?? 0;
  sum.unknown += cell.unknown;
  sum.rounded ||= cell.rounded;
}

const emptySum = (): FlowSum => ({ value: 0, unknown: 0, rounded: false });

export function flowMatrix(flows: readonly ViewFlow[]): FlowMatrix {
  const cells = new Map<string, FlowCell>();
  for (const f of flows) {
    const key = pairKey(f.origin, f.destination);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        origin: f.origin,
        destination: f.destination,
        value: null,
        unknown: 0,
        rounded: false,
        flows: []
      };
      cells.set(key, cell);
    }
    cell.flows.push(f);
    const value = viewValue(f);
    if (value === null) cell.unknown++;
    else {
      cell.value = (cell.value ?? 0) + value;
      cell.rounded ||= f.rounded === true;
    }
  }
  const rowTotals = new Map<string, FlowSum>();
  const columnTotals = new Map<string, FlowSum>();
  const total = emptySum();
  for (const cell of cells.values()) {
    if (!rowTotals.has(cell.origin)) rowTotals.set(cell.origin, emptySum());
    if (!columnTotals.has(cell.destination)) columnTotals.set(cell.destination, emptySum());
    add(rowTotals.get(cell.origin)!, cell);
    add(columnTotals.get(cell.destination)!, cell);
    add(total, cell);
  }
  return {
    origins: [...rowTotals.keys()].sort(byCode),
    destinations: [...columnTotals.keys()].sort(byCode),
    cells,
    rowTotals,
    columnTotals,
    total
  };
}

/**
 * The flows drawn: the pairs with a known sum of at least `min`, the largest `top`
 * of them (ties by code); pairs of unknown size are always drawn (an unknown is
 * not small). Returns the relation ids.
 */
export function shownFlows(
  matrix: Pick<FlowMatrix, 'cells'>,
  limits: Pick<FlowView, 'top' | 'min'>
): Set<string> {
  const known = [...matrix.cells.values()]
    .filter((c) => c.value !== null && c.value >= limits.min)
    .sort(
      (a, b) =>
        b.value! - a.value! || byCode(a.origin, b.origin) || byCode(a.destination, b.destination)
    );
  const kept = limits.top === null ? known : known.slice(0, limits.top);
  const unknown = [...matrix.cells.values()].filter((c) => c.value === null);
  return new Set([...kept, ...unknown].flatMap((c) => c.flows.map((f) => f.id)));
}

/**
 * The visible relations with the flow map on: of the flows (any kind with the
 * trait `flow`), only those it draws; every other relation as it was.
 */
export function keepShownFlows(
  relations: readonly Pick<RelationRow, 'id' | 'kind'>[],
  visible: ReadonlySet<string>,
  shown: ReadonlySet<string>
): Set<string> {
  const kept = new Set<string>();
  for (const r of relations) {
    if (visible.has(r.id) && (!RELATION_KIND_FACTS[r.kind].flow || shown.has(r.id))) kept.add(r.id);
  }
  return kept;
}

/** One pair's flows over the years (every unit), oldest first, undated last. */
export function pairSeries(flows: readonly Flow[], origin: string, destination: string): Flow[] {
  return flows
    .filter((f) => f.origin === origin && f.destination === destination)
    .sort(
      (a, b) =>
        (a.year ?? Infinity) - (b.year ?? Infinity) ||
        (a.unit ?? '').localeCompare(b.unit ?? '', 'sv') ||
        byCode(a.id, b.id)
    );
}

/** Everything the flow map shows for one view. */
export interface FlowsShown {
  options: FlowOptions;
  year: number | null;
  unit: string | null;
  /** The view's flows (all of them: the totals and the matrix count these). */
  flows: ViewFlow[];
  totals: FlowTotals[];
  matrix: FlowMatrix;
  /** The relation ids drawn (top N / threshold applied). */
  shown: Set<string>;
  /** Every flow between municipalities (any year or unit), for comparing years. */
  all: Flow[];
}

/**
 * The flow map for a view over the relations that pass the filters
 * (`include`): the year and unit (defaults as flowChoice), totals, matrix and
 * the flows drawn.
 */
export function showFlows(
  nodes: readonly FlowNode[],
  relations: readonly FlowRelation[],
  view: FlowView,
  include?: (relationId: string) => boolean
): FlowsShown {
  const all = flowsOf(nodes, relations, include);
  const options = flowOptions(all);
  const { year, unit } = flowChoice(options, view);
  const flows = flowsInView(all, year, unit);
  const matrix = flowMatrix(flows);
  return {
    options,
    year,
    unit,
    flows,
    totals: flowTotals(flows),
    matrix,
    shown: shownFlows(matrix, view),
    all
  };
}

/** What the matrix's rows are sorted by: the origin's name, its total out, or one destination. */
export type MatrixSort = 'origin' | 'total' | `to:${string}`;

/**
 * The matrix's origins in the order of a column: by name (Swedish order), or by
 * the known value (a row without one last, whichever the direction); ties by name.
 */
export function sortOrigins(
  matrix: Pick<FlowMatrix, 'origins' | 'cells' | 'rowTotals'>,
  sort: { key: MatrixSort; direction: 'ascending' | 'descending' },
  nameOf: (code: string) => string
): string[] {
  const collator = new Intl.Collator('sv');
  const byName = (a: string, b: string) => collator.compare(nameOf(a), nameOf(b));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  if (sort.key === 'origin') return [...matrix.origins].sort((a, b) => sign * byName(a, b));
  const to = sort.key.startsWith('to:') ? sort.key.slice(3) : null;
  const valueOf = (code: string): number | null =>
    to === null
      ? (matrix.rowTotals.get(code)?.value ?? null)
      : (matrix.cells.get(pairKey(code, to))?.value ?? null);
  return [...matrix.origins].sort((a, b) => {
    const [x, y] = [valueOf(a), valueOf(b)];
    if (x === null || y === null)
      return (x === null ? 1 : 0) - (y === null ? 1 : 0) || byName(a, b);
    return sign * (x - y) || byName(a, b);
  });
}
