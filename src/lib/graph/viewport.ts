// The graph's viewport for presenting and following (see $lib/explorer/viewports):
// the visible model box; fitting a box keeps its centre and shows all of it.
import type { Core } from 'cytoscape';
import type { GraphBox } from '$lib/domain/workshop';
import type { Viewport } from '$lib/explorer/viewports';
import { prefersReducedMotion } from './motion';

/** Shows all of the box, centred, on the container's current size. */
function fitBox(cy: Core, [x1, y1, x2, y2]: GraphBox, animate: boolean): void {
  cy.resize();
  const w = Math.max(1, x2 - x1);
  const h = Math.max(1, y2 - y1);
  const zoom = Math.min(cy.width() / w, cy.height() / h);
  const pan = {
    x: cy.width() / 2 - zoom * (x1 + w / 2),
    y: cy.height() / 2 - zoom * (y1 + h / 2)
  };
  cy.stop(true, false);
  if (animate && !prefersReducedMotion()) cy.animate({ zoom, pan }, { duration: 700 });
  else cy.viewport({ zoom, pan });
}

export function graphViewport(cy: Core): Viewport<GraphBox> {
  return {
    bounds() {
      const e = cy.extent();
      return [e.x1, e.y1, e.x2, e.y2];
    },
    fit(box, animate) {
      // After this frame's layout, on the container's current size.
      requestAnimationFrame(() => {
        if (!cy.destroyed()) fitBox(cy, box, animate);
      });
    },
    onMove(cb) {
      const byUser = () => cb(true);
      const any = () => cb(false);
      cy.on('dragpan scrollzoom pinchzoom', byUser);
      cy.on('viewport', any);
      return () => {
        if (cy.destroyed()) return;
        cy.removeListener('dragpan scrollzoom pinchzoom', byUser);
        cy.removeListener('viewport', any);
      };
    }
  };
}
