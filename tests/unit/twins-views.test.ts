// The twins in the views: the top twins as dashed overlay edges in the graph
// (computed, not relations; none for a twin without a node), and the similarity
// as a choropleth (the selected municipality in its own colour, the most alike
// darkest).
import { describe, expect, it } from 'vitest';
import { OVERLAP_CLASS, TWIN_CLASS, twinElements } from '$lib/graph/overlay';
import { buildSimilarityChoropleth, CHOROPLETH_COLORS, TWIN_SELF_COLOR } from '$lib/map/choropleth';

describe('twin edges', () => {
  it('draws the top k twins that have a node, ranked, as overlay edges of class twin', () => {
    const twins = [
      { nodeId: 'b', similarity: 0.9 },
      { nodeId: undefined, similarity: 0.8 },
      { nodeId: 'c', similarity: 0.7 },
      { nodeId: 'd', similarity: 0.6 }
    ];
    const edges = twinElements('a', twins, 3);
    expect(edges.map((e) => [e.data.target, e.data.weight, e.data.label])).toEqual([
      ['b', 1, '≈ 1'],
      ['c', 3, '≈ 3']
    ]);
    expect(edges[0]).toMatchObject({
      group: 'edges',
      data: { id: 'twin:a:b', source: 'a' },
      classes: `${OVERLAP_CLASS} ${TWIN_CLASS}`,
      selectable: false
    });
    expect(twinElements(undefined, twins, 3)).toEqual([]);
  });
});

describe('similarity choropleth', () => {
  it('colours the selected one apart and the twins from least to most alike', () => {
    const paint = buildSimilarityChoropleth('1860', [
      { code: '1863', similarity: 0.56 },
      { code: '1862', similarity: 0.5 },
      { code: '1880', similarity: 0.2 }
    ]);
    expect(paint.fillColor).toEqual([
      'match',
      ['get', 'kommunkod'],
      '1860',
      TWIN_SELF_COLOR,
      '1863',
      CHOROPLETH_COLORS[3],
      '1862',
      CHOROPLETH_COLORS[3],
      '1880',
      CHOROPLETH_COLORS[0],
      'rgba(0, 0, 0, 0)'
    ]);
    expect(paint.gaps).toEqual([]);
  });
});
