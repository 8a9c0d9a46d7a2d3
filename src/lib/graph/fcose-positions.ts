// fcose positions computed on a headless Cytoscape core: the same elements,
// stylesheet, options and seed as the view's own core, so the picture is the
// one the view would compute in place. Used by the layout worker (large graphs
// are laid out off the main thread) and by its tests.
import type cytoscape from 'cytoscape';
import type { NodeSingular } from 'cytoscape';
import type { GraphElement } from './elements';
import type { Point } from './hierarchy';
import { fcoseOptions, FCOSE_SEED, gridPosition, withSeededRandom } from './layouts';
import { graphStyle } from './style';

/** Positions as [id, x, y] rows: compact to post between threads. */
export type PositionRows = [id: string, x: number, y: number][];

/** A first fcose run (randomized under the fixed seed) over `elements`, as the view does it. */
export function fcosePositionRows(
  core: typeof cytoscape,
  elements: readonly GraphElement[]
): PositionRows {
  const cy = core({
    headless: true,
    styleEnabled: true,
    style: graphStyle({ pixelRatio: 1 }),
    elements: elements.map((el) => ({ ...el, data: { ...el.data } }))
  });
  try {
    const nodeCount = cy.nodes().length;
    // From the grid the view's nodes wait on: fcose centres its result on it.
    cy.nodes().positions((_n: NodeSingular, i: number) => gridPosition(i, nodeCount));
    const layout = cy
      .elements()
      .layout(fcoseOptions({ animate: false, nodeCount, firstRun: true }));
    withSeededRandom(FCOSE_SEED, () => layout.run());
    const rows: PositionRows = [];
    cy.nodes().forEach((n: NodeSingular) => {
      const { x, y } = n.position();
      rows.push([n.id(), x, y]);
    });
    return rows;
  } finally {
    cy.destroy();
  }
}

export function positionsFromRows(rows: PositionRows): Map<string, Point> {
  return new Map(rows.map(([id, x, y]) => [id, { x, y }]));
}
