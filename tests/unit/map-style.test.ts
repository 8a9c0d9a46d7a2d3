import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, RELATION_KINDS } from '$lib/domain/kinds';
import { HIGHLIGHT, NODE_APPEARANCE, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { EMPTY_FILTERS, filterDataset } from '$lib/explorer/filters';
import { buildSources as buildMapSources, nodeIconName } from '$lib/map/sources';
import {
  buildStyle,
  INTERACTIVE_LAYERS,
  LAYER,
  overlayStyle,
  relationLayerId,
  SOURCE
} from '$lib/map/style';
import { datasetFixture } from './fixtures/dataset';

const style = buildStyle();
const layer = (id: string) => style.layers.find((l) => l.id === id);
const json = JSON.stringify(style);

describe('map style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('loads nothing from the network: no glyphs, sprite or http(s) URL', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(json).not.toMatch(/https?:\/\//);
    for (const [id, source] of Object.entries(style.sources)) {
      expect(source.type, id).toBe('geojson');
      const data = (source as { data: unknown }).data;
      if (typeof data === 'string') expect(data, id).toMatch(/^\/geo\/[a-z-]+\.geojson$/);
    }
  });

  it('has a layer for every relation kind, drawn as in the appearance table', () => {
    for (const kind of RELATION_KINDS) {
      const l = layer(relationLayerId(kind));
      expect(l, kind).toBeDefined();
      expect(JSON.stringify(l)).toContain(RELATION_APPEARANCE[kind].color);
      const dash = RELATION_APPEARANCE[kind].dash;
      const paint = (l as { paint: Record<string, unknown> }).paint;
      expect(paint['line-dasharray'] ?? null, kind).toEqual(dash ? ['literal', dash] : null);
      expect(INTERACTIVE_LAYERS.relations).toContain(relationLayerId(kind));
    }
    // Flows of unknown magnitude get their own dashed layer.
    expect(layer(relationLayerId('flows_to', true))).toMatchObject({
      paint: { 'line-dasharray': ['literal', [2, 1.5]] }
    });
  });

  it('has an icon branch for every node kind and dims what is not in focus', () => {
    const nodes = JSON.stringify(layer(LAYER.nodes));
    for (const kind of NODE_KINDS) {
      expect(nodes).toContain(`"${kind}","${nodeIconName(kind)}"`);
      expect(NODE_APPEARANCE[kind].shape).toBeTruthy();
    }
    expect(nodes).toContain(String(HIGHLIGHT.dimmedOpacity));
  });

  it('draws a cluster as its anchor with a "+n" badge over the nodes', () => {
    for (const id of [LAYER.clusterBadges, LAYER.clusterCounts]) {
      expect(layer(id)).toMatchObject({
        source: SOURCE.nodes,
        filter: ['>', ['get', 'others'], 0]
      });
    }
    expect(INTERACTIVE_LAYERS.clusters).toEqual([LAYER.clusterBadges]);
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf(LAYER.clusterBadges)).toBeGreaterThan(ids.indexOf(LAYER.nodes));
    expect(ids.at(-1)).toBe(LAYER.nodeLabels);
  });

  it('keys feature-state by row id and kommunkod', () => {
    expect(style.sources[SOURCE.nodes]).toMatchObject({ promoteId: 'id' });
    expect(style.sources[SOURCE.relations]).toMatchObject({ promoteId: 'id' });
    expect(style.sources[SOURCE.municipalities]).toMatchObject({ promoteId: 'kommunkod' });
  });

  it('labels the municipalities from the local centroid file', () => {
    expect(layer(LAYER.municipalityLabels)).toMatchObject({
      type: 'symbol',
      source: SOURCE.labels,
      layout: { 'text-field': ['get', 'namn'] }
    });
  });

  it('carries the current data, so a style swap keeps what is shown', () => {
    const dataset = datasetFixture();
    const sources = buildMapSources(
      dataset,
      filterDataset(dataset, EMPTY_FILTERS),
      new Map([['n-lekeberg', { lon: 14.8, lat: 59.2 }]])
    );
    const withData = buildStyle(undefined, { sources });
    expect(withData.sources[SOURCE.nodes]).toMatchObject({ data: sources.nodes });
  });

  it('puts our layers on top of a basemap and keeps its sources', () => {
    const base: StyleSpecification = {
      version: 8,
      glyphs: 'https://example.org/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'raster', tiles: ['https://example.org/{z}/{x}/{y}.png'] } },
      layers: [{ id: 'osm', type: 'raster', source: 'osm' }]
    };
    const merged = overlayStyle(base);
    expect(merged.layers[0]!.id).toBe('osm');
    expect(merged.layers.at(-1)!.id).toBe(LAYER.nodeLabels);
    expect(merged.layers.some((l) => l.id === LAYER.background)).toBe(false);
    expect(Object.keys(merged.sources)).toEqual(expect.arrayContaining(['osm', SOURCE.nodes]));
    expect(validateStyleMin(merged)).toEqual([]);
  });
});
