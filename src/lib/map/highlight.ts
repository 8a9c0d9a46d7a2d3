// The selected and hovered nodes (a relation's two ends) and a hovered cluster's
// summary, drawn over the map as elements (MapLibre markers), also when the node is
// inside a cluster. As elements they appear in the frame that draws the change:
// as a GeoJSON layer of their own, each hover cost MapLibre a round trip to its
// worker per tile and four more redraws of the whole map (measured on the county
// map without a GPU: 5 renders per hover, ~300 ms until the label was drawn).
// `highlightMarks` and `haloRadius` are pure; `highlightElement` and
// `setHighlightZoom` need a document.
import type { NodeKind } from '$lib/domain/kinds';
import type { NodeRow } from '$lib/domain/model';
import { HIGHLIGHT } from '$lib/explorer/appearance';
import type { LonLat } from '$lib/geo/placement';
import { iconOutline } from './icons';
import { iconScale } from './symbols';

/** How a highlighted node is marked: selected, hovered, or a hovered cluster's summary. */
export type HighlightState = 'selected' | 'hover' | 'cluster';

export interface HighlightMark {
  id: string;
  state: HighlightState;
  /** The label; defaults to the node's title. */
  label?: string;
}

export interface HighlightMarker {
  id: string;
  kind: NodeKind;
  state: HighlightState;
  /** Drawn under the node; empty for municipalities (their name is always on the map). */
  label: string;
  lon: number;
  lat: number;
}

/** The markers for the marks of visible, placed nodes; the first mark of a node wins. */
export function highlightMarks(
  marks: readonly HighlightMark[],
  nodeById: ReadonlyMap<string, Pick<NodeRow, 'id' | 'kind' | 'title'>>,
  positions: ReadonlyMap<string, LonLat>,
  visible: ReadonlySet<string>
): HighlightMarker[] {
  const markers: HighlightMarker[] = [];
  const seen = new Set<string>();
  for (const mark of marks) {
    const node = nodeById.get(mark.id);
    const p = positions.get(mark.id);
    const key = `${mark.state === 'cluster' ? 'c' : 'n'}:${mark.id}`;
    if (!node || !p || !visible.has(mark.id) || seen.has(key)) continue;
    seen.add(key);
    const label = mark.label ?? (node.kind === 'municipality' ? '' : node.title);
    markers.push({
      id: node.id,
      kind: node.kind,
      state: mark.state,
      label,
      lon: p.lon,
      lat: p.lat
    });
  }
  return markers;
}

/** The halo's radius, px: 12 at zoom 7 or less, 17 at zoom 11 or more. */
export function haloRadius(zoom: number): number {
  const t = Math.min(1, Math.max(0, (zoom - 7) / 4));
  return 12 + t * 5;
}

/**
 * The markers' sizes for a zoom, as CSS variables on the map's container: set at
 * each zoom, so the markers follow it without being made again.
 */
export function setHighlightZoom(container: HTMLElement, zoom: number): void {
  container.style.setProperty('--rk-halo-radius', `${haloRadius(zoom)}px`);
  container.style.setProperty('--rk-icon-scale', String(iconScale(zoom)));
}

const SVG = 'http://www.w3.org/2000/svg';

/** The node's icon as the map draws it (icons.ts); its size follows the zoom (`--rk-icon-scale`). */
function iconSvg(kind: NodeKind): SVGSVGElement {
  const { size, points, fill, stroke, border } = iconOutline(kind);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'rk-highlight-icon');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.style.setProperty('--rk-icon-size', `${size}px`);
  const polygon = document.createElementNS(SVG, 'polygon');
  polygon.setAttribute('points', points.map(([x, y]) => `${x},${y}`).join(' '));
  polygon.setAttribute('fill', fill);
  polygon.setAttribute('stroke', stroke);
  polygon.setAttribute('stroke-width', String(border));
  polygon.setAttribute('stroke-linejoin', 'round');
  svg.append(polygon);
  return svg;
}

/**
 * One marker's element: a halo in the selection's or hover's colour and the node's
 * icon (none for a cluster's summary), and the label — set as text, never as HTML.
 * Hidden from assistive technology: the selection and the list say it in words.
 */
export function highlightElement(marker: HighlightMarker): HTMLElement {
  const element = document.createElement('div');
  element.className = 'rk-highlight';
  element.dataset.id = marker.id;
  element.dataset.state = marker.state;
  element.setAttribute('aria-hidden', 'true');
  if (marker.state !== 'cluster') {
    const halo = document.createElement('div');
    halo.className = 'rk-highlight-halo';
    halo.style.setProperty(
      '--rk-highlight-color',
      marker.state === 'selected' ? HIGHLIGHT.selected : HIGHLIGHT.hover
    );
    element.append(halo, iconSvg(marker.kind));
  }
  if (marker.label) {
    const label = document.createElement('div');
    label.className = 'rk-highlight-label';
    label.textContent = marker.label;
    element.append(label);
  }
  return element;
}
