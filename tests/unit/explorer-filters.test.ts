import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filterDataset, isEmptyFilters, searchForm } from '$lib/explorer/filters';
import { neighbourhood } from '$lib/explorer/neighbourhood';
import { datasetFixture } from './fixtures/dataset';

const ids = (set: ReadonlySet<string>) => [...set].sort();

describe('filterDataset', () => {
  const ds = datasetFixture();

  it('shows everything without filters', () => {
    const v = filterDataset(ds, EMPTY_FILTERS);
    expect(v.nodeIds.size).toBe(ds.nodes.length);
    expect(v.relationIds.size).toBe(ds.relations.length);
  });

  it('keeps nodes with any chosen theme and only relations between kept nodes', () => {
    const v = filterDataset(ds, { ...EMPTY_FILTERS, themes: ['juridik'] });
    expect(ids(v.nodeIds)).toEqual(['n-lekeberg', 'n-orebro']);
    expect(ids(v.relationIds)).toEqual(['r-flow']);
  });

  it('combines criteria with AND and lists with OR', () => {
    const v = filterDataset(ds, {
      ...EMPTY_FILTERS,
      nodeKinds: ['municipality', 'network'],
      statuses: ['active']
    });
    expect(ids(v.nodeIds)).toEqual(['n-lekeberg', 'n-network', 'n-orebro']);
  });

  it('filters relation kinds without hiding nodes', () => {
    const v = filterDataset(ds, { ...EMPTY_FILTERS, relationKinds: ['member_of'] });
    expect(v.nodeIds.size).toBe(ds.nodes.length);
    expect(ids(v.relationIds)).toEqual(['r-member']);
  });

  it('scopes a municipality to its own nodes and what its node is related to', () => {
    const v = filterDataset(ds, { ...EMPTY_FILTERS, municipalities: ['1814'] });
    expect(ids(v.nodeIds)).toEqual(['n-lekeberg', 'n-network', 'n-orebro']);
  });

  it('searches case-insensitively with å, ä and ö as their own letters', () => {
    expect(ids(filterDataset(ds, { ...EMPTY_FILTERS, text: 'ÖREBRO' }).nodeIds)).toEqual([
      'n-orebro'
    ]);
    expect(ids(filterDataset(ds, { ...EMPTY_FILTERS, text: 'orebro' }).nodeIds)).toEqual([]);
    // a decomposed ö (as typed on some keyboards) matches the composed one
    expect(ids(filterDataset(ds, { ...EMPTY_FILTERS, text: 'o\u0308rebro' }).nodeIds)).toEqual([
      'n-orebro'
    ]);
    expect(ids(filterDataset(ds, { ...EMPTY_FILTERS, text: 'rådgivning' }).nodeIds)).toEqual([
      'n-resource'
    ]);
  });

  it('knows when no filter is set', () => {
    expect(isEmptyFilters(EMPTY_FILTERS)).toBe(true);
    expect(isEmptyFilters({ ...EMPTY_FILTERS, text: '  ' })).toBe(true);
    expect(isEmptyFilters({ ...EMPTY_FILTERS, statuses: ['ended'] })).toBe(false);
    expect(searchForm('  Hällefors   KOMMUN ')).toBe('hällefors kommun');
  });
});

describe('neighbourhood', () => {
  const ds = datasetFixture();
  const all = filterDataset(ds, EMPTY_FILTERS);

  it('takes one step from a node', () => {
    const n = neighbourhood(ds, all, { type: 'node', id: 'n-lekeberg' }, 1);
    expect(ids(n.nodeIds)).toEqual(['n-lekeberg', 'n-network', 'n-orebro']);
    expect(ids(n.relationIds)).toEqual(['r-flow', 'r-member']);
  });

  it('takes two steps', () => {
    const n = neighbourhood(ds, all, { type: 'node', id: 'n-lekeberg' }, 2);
    expect(ids(n.nodeIds)).toEqual(['n-lekeberg', 'n-network', 'n-orebro', 'n-resource']);
  });

  it('starts from both ends of a relation', () => {
    const n = neighbourhood(ds, all, { type: 'relation', id: 'r-flow' }, 0);
    expect(ids(n.nodeIds)).toEqual(['n-lekeberg', 'n-orebro']);
    expect(ids(n.relationIds)).toEqual(['r-flow']);
  });

  it('walks only visible relations', () => {
    const onlyFlows = filterDataset(ds, { ...EMPTY_FILTERS, relationKinds: ['flows_to'] });
    const n = neighbourhood(ds, onlyFlows, { type: 'node', id: 'n-lekeberg' }, 2);
    expect(ids(n.nodeIds)).toEqual(['n-lekeberg', 'n-orebro']);
  });
});
