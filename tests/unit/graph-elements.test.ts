import { describe, expect, it } from 'vitest';
import { buildElements, UNKNOWN_MAGNITUDE, type GraphEdge } from '$lib/graph/elements';
import { flowWidth, RELATION_APPEARANCE } from '$lib/explorer/appearance';
import { datasetFixture, node, relation } from './fixtures/dataset';

const edges = (els: ReturnType<typeof buildElements>) =>
  els.filter((e): e is GraphEdge => e.group === 'edges');

describe('buildElements', () => {
  it('makes one node per dataset node with its title as plain label data', () => {
    const ds = datasetFixture();
    ds.nodes.push(node({ id: 'n-html', kind: 'event', title: '<b>Möte</b> & fika' }));
    const nodes = buildElements(ds).filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => n.data.id)).toEqual(ds.nodes.map((n) => n.id));
    expect(nodes.at(-1)!.data).toEqual({
      id: 'n-html',
      label: '<b>Möte</b> & fika',
      short: '<b>Möte</b> & fika',
      kind: 'event'
    });
  });

  it('gives a long title a shortened label for the overview, keeping the whole one', () => {
    const ds = datasetFixture();
    const title = 'Regionalt utvecklingscentrum för skolutveckling vid Örebro universitet';
    ds.nodes.push(node({ id: 'n-long', kind: 'organisation', title }));
    const data = buildElements(ds).find((e) => e.data.id === 'n-long')!.data;
    expect(data).toMatchObject({ label: title, short: 'Regionalt utvecklingscentru…' });
  });

  it('gives edges their ends, kind and the kind width', () => {
    const [, member, assists] = edges(buildElements(datasetFixture()));
    expect(member!.data).toMatchObject({
      id: 'r-member',
      source: 'n-lekeberg',
      target: 'n-network',
      kind: 'member_of',
      width: RELATION_APPEARANCE.member_of.width,
      unknown: false
    });
    expect(assists!.data.width).toBe(RELATION_APPEARANCE.assists.width);
    expect(member!.classes).toBeUndefined();
  });

  it('marks flows without magnitude as unknown and sizes the others by the largest flow', () => {
    const ds = datasetFixture();
    ds.relations.push(
      relation({
        id: 'r-big',
        kind: 'flows_to',
        source_id: 'n-orebro',
        target_id: 'n-lekeberg',
        magnitude: 400
      }),
      relation({
        id: 'r-small',
        kind: 'flows_to',
        source_id: 'n-lekeberg',
        target_id: 'n-orebro',
        magnitude: 100
      })
    );
    const byId = new Map(edges(buildElements(ds)).map((e) => [e.data.id, e]));
    expect(byId.get('r-flow')!.data.unknown).toBe(true);
    expect(byId.get('r-flow')!.classes).toBe(UNKNOWN_MAGNITUDE);
    expect(byId.get('r-flow')!.data.width).toBe(flowWidth(null, 400));
    expect(byId.get('r-big')!.data.width).toBe(12);
    expect(byId.get('r-small')!.data.width).toBe(flowWidth(100, 400));
    expect(byId.get('r-small')!.data.width).toBeLessThan(byId.get('r-big')!.data.width);
  });

  it('leaves out relations whose ends are not in the dataset', () => {
    const ds = datasetFixture();
    ds.relations.push(
      relation({ id: 'r-dangling', kind: 'funds', source_id: 'n-gone', target_id: 'n-orebro' })
    );
    expect(edges(buildElements(ds)).map((e) => e.data.id)).not.toContain('r-dangling');
  });
});
