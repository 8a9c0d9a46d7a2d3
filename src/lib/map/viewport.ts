// The map's viewport for presenting and following (see $lib/explorer/viewports).
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeoBounds } from '$lib/domain/workshop';
import type { Viewport } from '$lib/explorer/viewports';

export function mapViewport(map: MapLibreMap): Viewport<GeoBounds> {
  return {
    bounds() {
      const b = map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    },
    fit([w, s, e, n], animate) {
      // After this frame's layout (a view mode just changed the views' sizes), on
      // the canvas's current size.
      requestAnimationFrame(() => {
        map.resize();
        map.fitBounds(
          [
            [w, s],
            [e, n]
          ],
          { padding: 0, duration: animate ? 700 : 0 },
          { rkFollow: true }
        );
      });
    },
    onMove(cb) {
      const handler = (e: { originalEvent?: unknown; rkFollow?: boolean }) =>
        cb(Boolean(e.originalEvent) && !e.rkFollow);
      map.on('moveend', handler);
      return () => void map.off('moveend', handler);
    }
  };
}
