// Cytoscape and its fcose layout load on first use (they are ~140 KB gz), once;
// createGraph() makes the one core a GraphView owns.
import type cytoscape from 'cytoscape';
import type { GraphController, MeasureText } from './controller';
import { LABEL_FONT } from './labels';
import { isLargeGraph } from './layouts';
import { sleepWhenIdle } from './render-loop';
import { graphStyle } from './style';

let loading: Promise<typeof cytoscape> | null = null;

export function loadCytoscape(): Promise<typeof cytoscape> {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(
    ([{ default: core }, { default: fcose }]) => {
      core.use(fcose);
      sleepWhenIdle(core);
      return core;
    }
  );
  // A failed download may succeed on the next attempt.
  loading.catch(() => (loading = null));
  return loading;
}

/** Label widths from the browser's own text metrics, measured once per text at 100 px. */
function canvasMeasure(): MeasureText | undefined {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return undefined;
  const widths = new Map<string, number>();
  return (text, px, bold) => {
    const key = `${bold ? 'b' : ''}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      ctx.font = `${bold ? 'bold ' : ''}100px ${LABEL_FONT}`;
      width = ctx.measureText(text).width;
      widths.set(key, width);
    }
    return (width * px) / 100;
  };
}

export interface GraphOptions {
  /** Cytoscape's (experimental) WebGL renderer. */
  webgl: boolean;
  /** Expected node count: large graphs trade some looks for speed. */
  nodeCount: number;
}

export async function createGraph(
  container: HTMLElement,
  { webgl, nodeCount }: GraphOptions
): Promise<GraphController> {
  const [cytoscape, { GraphController }] = await Promise.all([
    loadCytoscape(),
    import('./controller')
  ]);
  const large = isLargeGraph(nodeCount);
  if (webgl && large) {
    console.info(`Regionkartan: ${nodeCount} nodes is too large for WebGL; using the canvas`);
  }
  // Large graphs draw at 1 device pixel per CSS pixel (Cytoscape's advice for speed).
  const pixelRatio = large ? 1 : window.devicePixelRatio || 1;
  const cy = cytoscape({
    container,
    style: graphStyle({ pixelRatio, large }),
    pixelRatio,
    // Cytoscape's experimental WebGL renderer crashed the page on a national
    // map (10 000 nodes, 50 000 relations) in the benchmark: large graphs draw
    // on the canvas renderer.
    webgl: webgl && !large,
    minZoom: 0.02,
    maxZoom: 4,
    autounselectify: true,
    boxSelectionEnabled: false,
    textureOnViewport: large,
    hideEdgesOnViewport: large
  });
  return new GraphController(cy, canvasMeasure());
}
