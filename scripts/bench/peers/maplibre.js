// @ts-check
// Peer: bare MapLibre with our geo files (municipality polygons, county
// border) and our nodes and relations at our map's positions: one circle layer
// and one line layer, selection and hover as feature-state, a theme filter as
// a layer filter (the idiomatic ways).
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { adjacency, fail, loadData, ready } from './harness.js';
import { sizeLikeOurs } from './size.js';

const HIGHLIGHT = '#ffb000';
/** Themes as one string, so a layer filter can test membership ('in' on strings). */
const themeText = (/** @type {string[]} */ themes) => `|${themes.join('|')}|`;

async function main() {
  maplibregl.setWorkerUrl(workerUrl);
  const container = /** @type {HTMLElement} */ (document.getElementById('map'));
  sizeLikeOurs(container);
  const data = await loadData();
  const around = adjacency(data);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  /** @type {import('geojson').FeatureCollection} */
  const nodes = {
    type: 'FeatureCollection',
    features: data.nodes.map((n) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [n.lon, n.lat] },
      properties: { id: n.id, color: n.color, t: themeText(n.themes) }
    }))
  };
  /** @type {import('geojson').FeatureCollection} */
  const relations = {
    type: 'FeatureCollection',
    features: data.relations.flatMap((r) => {
      const a = byId.get(r.source);
      const b = byId.get(r.target);
      if (!a || !b) return [];
      return [
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [a.lon, a.lat],
              [b.lon, b.lat]
            ]
          },
          properties: { id: r.id, color: r.color, ts: themeText(a.themes), tt: themeText(b.themes) }
        }
      ];
    })
  };
  const lit = (/** @type {string} */ base) =>
    /** @type {any} */ ([
      'case',
      ['boolean', ['feature-state', 'hl'], false],
      HIGHLIGHT,
      ['get', base]
    ]);
  const map = new maplibregl.Map({
    container,
    attributionControl: false,
    bounds: /** @type {[number, number, number, number]} */ (bbox(data.nodes)),
    fitBoundsOptions: { padding: 24 },
    style: {
      version: 8,
      sources: {
        municipalities: { type: 'geojson', data: data.geo.municipalities },
        county: { type: 'geojson', data: data.geo.county },
        relations: { type: 'geojson', data: relations, promoteId: 'id' },
        nodes: { type: 'geojson', data: nodes, promoteId: 'id' }
      },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
        { id: 'land', type: 'fill', source: 'municipalities', paint: { 'fill-color': '#fbfbf8' } },
        {
          id: 'municipality-line',
          type: 'line',
          source: 'municipalities',
          paint: { 'line-color': '#8a96a3', 'line-width': 0.6 }
        },
        {
          id: 'county-line',
          type: 'line',
          source: 'county',
          paint: { 'line-color': '#37474f', 'line-width': 1.5 }
        },
        {
          id: 'relations',
          type: 'line',
          source: 'relations',
          paint: { 'line-color': lit('color'), 'line-width': 1, 'line-opacity': 0.7 }
        },
        {
          id: 'nodes',
          type: 'circle',
          source: 'nodes',
          paint: {
            'circle-color': lit('color'),
            'circle-radius': ['case', ['boolean', ['feature-state', 'hover'], false], 7, 4],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1
          }
        }
      ]
    }
  });
  await new Promise((resolve) => map.once('idle', resolve));

  /** @type {{ source: string, id: string }[]} */
  let highlighted = [];
  /** @type {string | null} */
  let hovered = null;
  /** @type {string | null} */
  let theme = null;
  await ready({
    select(id) {
      for (const f of highlighted) map.setFeatureState(f, { hl: false });
      const a = id ? around.get(id) : undefined;
      highlighted =
        id && a
          ? [
              ...[id, ...a.nodes].map((n) => ({ source: 'nodes', id: n })),
              ...a.relations.map((r) => ({ source: 'relations', id: r }))
            ]
          : [];
      for (const f of highlighted) map.setFeatureState(f, { hl: true });
    },
    filter(next) {
      theme = next;
      const key = next ? `|${next}|` : null;
      map.setFilter('nodes', key ? ['in', key, ['get', 't']] : null);
      map.setFilter(
        'relations',
        key ? ['all', ['in', key, ['get', 'ts']], ['in', key, ['get', 'tt']]] : null
      );
    },
    hover(id) {
      if (hovered) map.setFeatureState({ source: 'nodes', id: hovered }, { hover: false });
      hovered = id;
      if (id) map.setFeatureState({ source: 'nodes', id }, { hover: true });
    },
    counts() {
      const has = (/** @type {string} */ id) => !theme || !!byId.get(id)?.themes.includes(theme);
      return {
        nodes: data.nodes.filter((n) => has(n.id)).length,
        relations: data.relations.filter((r) => has(r.source) && has(r.target)).length
      };
    }
  });
}

/** @param {{ lon: number, lat: number }[]} points */
function bbox(points) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lon);
    e = Math.max(e, p.lon);
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}

main().catch(fail);
