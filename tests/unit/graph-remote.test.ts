import { describe, expect, it } from 'vitest';
import { remoteIds } from '$lib/graph/classes';
import { graphStyle, REMOTE_HALO } from '$lib/graph/style';

describe('remote selections in the graph', () => {
  const graph = { nodes: new Set(['a', 'b']), edges: new Set(['r']) };

  it('marks the nodes and edges others have selected that the graph holds', () => {
    expect(
      remoteIds(graph, [
        { selection: { type: 'node', id: 'a' } },
        { selection: { type: 'relation', id: 'r' } },
        { selection: { type: 'node', id: 'gone' } },
        { selection: { type: 'relation', id: 'a' } }
      ])
    ).toEqual(new Set(['a', 'r']));
  });

  it('draws them with a halo before dimming and hiding', () => {
    const blocks = graphStyle({ pixelRatio: 1 }) as unknown as {
      selector: string;
      style: Record<string, unknown>;
    }[];
    const index = blocks.findIndex((b) => b.selector === 'node.remote, edge.remote');
    expect(blocks[index]!.style['overlay-color']).toBe(REMOTE_HALO);
    expect(index).toBeLessThan(blocks.findIndex((b) => b.selector === '.dimmed'));
  });
});
