// The layout worker's message protocol and the main-thread side of it: large
// graphs get their fcose positions from a Web Worker (fcose.worker.ts), so the
// page stays responsive while a national map (10 000 nodes) is laid out.
import type { GraphElement } from './elements';
import type { Point } from './hierarchy';
import { FCOSE_DRAFT_ABOVE } from './layouts';
import { positionsFromRows, type PositionRows } from './fcose-positions';

/**
 * Above this many nodes fcose runs in the worker: from here on it is always a
 * randomized (seeded) draft run, so its result does not depend on where the
 * nodes are now and can be computed from the elements alone.
 */
export const FCOSE_WORKER_ABOVE = FCOSE_DRAFT_ABOVE;

export interface FcoseRequest {
  elements: GraphElement[];
}

export type FcoseReply = { ok: true; positions: PositionRows } | { ok: false; error: string };

/** The worker's answer to one request (never throws: errors travel as a reply). */
export function answer(
  request: FcoseRequest,
  compute: (elements: readonly GraphElement[]) => PositionRows
): FcoseReply {
  try {
    return { ok: true, positions: compute(request.elements) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The positions in a reply, or the worker's error thrown. */
export function readReply(reply: FcoseReply): Map<string, Point> {
  if (!reply.ok) throw new Error(`fcose worker: ${reply.error}`);
  return positionsFromRows(reply.positions);
}

/** fcose positions for `elements`, computed by a worker that ends with the answer. */
export function fcoseInWorker(elements: GraphElement[]): Promise<Map<string, Point>> {
  const worker = new Worker(new URL('./fcose.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Map<string, Point>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FcoseReply>) => {
      try {
        resolve(readReply(event.data));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    worker.onerror = (event) => reject(new Error(`fcose worker: ${event.message}`));
    worker.postMessage({ elements } satisfies FcoseRequest);
  }).finally(() => worker.terminate());
}
