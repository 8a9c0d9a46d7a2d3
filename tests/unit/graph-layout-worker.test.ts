// Large graphs are laid out by fcose in a worker: the worker's computation must
// give exactly the picture the view computes in place (same seed, same options),
// and its replies carry positions or an error.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '$lib/domain/model';
import { GraphController } from '$lib/graph/controller';
import { buildElements } from '$lib/graph/elements';
import { fcosePositionRows, positionsFromRows } from '$lib/graph/fcose-positions';
import { answer, FCOSE_WORKER_ABOVE, readReply } from '$lib/graph/layout-worker';
import { graphStyle } from '$lib/graph/style';
import { datasetFixture, node, relation } from './fixtures/dataset';

let graph: GraphController | undefined;
beforeAll(() => cytoscape.use(fcose));
afterEach(() => graph?.destroy());

function inPlace(dataset: Dataset) {
  graph = new GraphController(
    cytoscape({ headless: true, styleEnabled: true, style: graphStyle() })
  );
  graph.setElements(buildElements(dataset));
  return graph;
}

/** A ring of `n` organisations with a chord every 7th node: above the worker threshold. */
function largeDataset(n: number): Dataset {
  const ds = datasetFixture();
  ds.nodes = Array.from({ length: n }, (_, i) =>
    node({ id: `n${i}`, kind: 'organisation', title: `Org ${i}` })
  );
  ds.relations = ds.nodes.flatMap((_, i) => [
    relation({
      id: `r${i}`,
      kind: 'collaborates_with',
      source_id: `n${i}`,
      target_id: `n${(i + 1) % n}`
    }),
    ...(i % 7 === 0
      ? [
          relation({
            id: `c${i}`,
            kind: 'collaborates_with',
            source_id: `n${i}`,
            target_id: `n${(i * 13) % n}`
          })
        ]
      : [])
  ]);
  return ds;
}

describe('fcose in a worker', () => {
  it('gives the picture the view computes in place (small graph, first run)', async () => {
    const dataset = datasetFixture();
    const rows = fcosePositionRows(cytoscape, buildElements(dataset));
    await inPlace(dataset).runLayout('fcose');
    expect(positionsFromRows(rows)).toEqual(graph!.positions());
  });

  it('gives the picture the view computes in place above the threshold (draft quality)', async () => {
    const dataset = largeDataset(FCOSE_WORKER_ABOVE + 20);
    const rows = fcosePositionRows(cytoscape, buildElements(dataset));
    expect(rows).toHaveLength(FCOSE_WORKER_ABOVE + 20);
    await inPlace(dataset).runLayout('fcose');
    expect(positionsFromRows(rows)).toEqual(graph!.positions());
  });

  it('the view takes the positions given for fcose, and keeps them as its fcose picture', async () => {
    const dataset = datasetFixture();
    const given = new Map(dataset.nodes.map((n, i) => [n.id, { x: i * 50, y: -i * 10 }]));
    const g = inPlace(dataset);
    expect(g.hasFcosePicture()).toBe(false);
    await g.runLayout('fcose', given);
    expect(g.positions()).toEqual(given);
    expect(g.hasFcosePicture()).toBe(true);
    await g.runLayout('geo', new Map([...given].map(([id]) => [id, { x: 0, y: 0 }])));
    await g.runLayout('fcose');
    expect(g.positions()).toEqual(given);
  });
});

describe('the worker protocol', () => {
  it('replies with position rows, read back as a map', () => {
    const reply = answer({ elements: [] }, () => [['a', 1, 2]]);
    expect(reply).toEqual({ ok: true, positions: [['a', 1, 2]] });
    expect(readReply(reply)).toEqual(new Map([['a', { x: 1, y: 2 }]]));
  });

  it('replies with the error when the layout throws, and reading it throws', () => {
    const reply = answer({ elements: [] }, () => {
      throw new Error('no memory');
    });
    expect(reply).toEqual({ ok: false, error: 'no memory' });
    expect(() => readReply(reply)).toThrow('fcose worker: no memory');
  });
});
