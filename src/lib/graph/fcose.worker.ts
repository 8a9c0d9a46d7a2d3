// Computes fcose positions off the main thread (see layout-worker.ts).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fcosePositionRows } from './fcose-positions';
import { answer, type FcoseRequest } from './layout-worker';

cytoscape.use(fcose);

self.onmessage = (event: MessageEvent<FcoseRequest>) => {
  self.postMessage(answer(event.data, (elements) => fcosePositionRows(cytoscape, elements)));
};
