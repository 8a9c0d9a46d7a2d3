import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { footprintLookup, type MunicipalityPolygons } from '$lib/map/footprint';
import type { Dataset } from '$lib/domain/model';
import { insidePolygons, parseCentroids, type PolygonRings } from '$lib/geo/placement';
import { indexBy, relationsByNode } from '$lib/explorer/lookup';
import { datasetFixture, node, relation } from './fixtures/dataset';

const geo = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../static/geo/${file}`, import.meta.url), 'utf8'));
const kommuner = geo('orebro-lan-kommuner.geojson') as MunicipalityPolygons;
const centroids = parseCentroids(geo('orebro-lan-kommuner-centroids.geojson'));

const rings = (f: Feature<Polygon | MultiPolygon>): PolygonRings[] =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;

function withLaxa() {
  const dataset = datasetFixture();
  dataset.nodes.push(
    node({ id: 'n-laxa', kind: 'municipality', title: 'Laxå', municipality_code: '1860' })
  );
  dataset.relations.push(
    // Örebro is linked hub → municipality (the other direction), Laxå only by a flow.
    relation({ id: 'r-hosts', kind: 'hosts', source_id: 'n-network', target_id: 'n-orebro' }),
    relation({ id: 'r-laxa', kind: 'flows_to', source_id: 'n-laxa', target_id: 'n-network' })
  );
  return dataset;
}

/** The footprints of a dataset, looked up as the map does (each node's own relations). */
function footprints(dataset: Pick<Dataset, 'nodes' | 'relations'>) {
  const byNode = relationsByNode(dataset.relations);
  return footprintLookup(
    { nodeById: indexBy(dataset.nodes, (n) => n.id), relationsOf: (id) => byNode.get(id) ?? [] },
    kommuner
  );
}

describe('footprint', () => {
  it('collects the municipalities linked by membership-like relations, either direction', () => {
    expect(footprints(withLaxa())('n-network')?.properties.codes).toEqual(['1814', '1880']);
  });

  it('is the union of Lekeberg and Örebro: one shape covering both centroids, not Laxå', () => {
    const footprint = footprints(withLaxa())('n-network')!;
    expect(footprint).not.toBeNull();
    expect(['Polygon', 'MultiPolygon']).toContain(footprint.geometry.type);
    expect(footprint.properties.codes).toEqual(['1814', '1880']);
    const shape = rings(footprint);
    for (const code of ['1814', '1880'])
      expect(insidePolygons(centroids.get(code)!, shape)).toBe(true);
    expect(insidePolygons(centroids.get('1860')!, shape)).toBe(false);
    expect(insidePolygons(centroids.get('1881')!, shape)).toBe(false);
  });

  it('is null for a node that is not a network or project, or without linked municipalities', () => {
    const dataset = withLaxa();
    dataset.nodes.push(node({ id: 'n-lonely', kind: 'project', title: 'Ensam' }));
    const footprintOf = footprints(dataset);
    expect(footprintOf('n-orebro')).toBeNull();
    expect(footprintOf('n-lonely')).toBeNull();
    expect(footprintOf('missing')).toBeNull();
  });

  it('is built once per hub (a repeated selection does no polygon union)', () => {
    const footprintOf = footprints(withLaxa());
    const first = footprintOf('n-network');
    expect(first?.properties.codes).toEqual(['1814', '1880']);
    expect(footprintOf('n-network')).toBe(first);
    expect(footprintOf('n-orebro')).toBeNull();
  });
});
