import { describe, expect, it } from 'vitest';
import {
  dimmedFeatures,
  diffFeatureStates,
  flaggedId,
  municipalityCodes,
  NO_FEATURES,
  NO_STATES,
  targetFeatures,
  type DimmedInput,
  type FeatureStates
} from '$lib/map/feature-state';
import { SOURCE } from '$lib/map/style';
import { datasetFixture } from './fixtures/dataset';

const codes = new Map([['m', '1880']]);
const base: DimmedInput = {
  focused: null,
  nodeIds: ['a', 'b', 'm'],
  relationIds: ['r1', 'r2'],
  municipalityCodes: codes
};
const keys = (set: ReadonlyMap<string, unknown>) => [...set.keys()].sort();

describe('targetFeatures', () => {
  it('is empty for no target', () => {
    expect(targetFeatures(null, codes)).toBe(NO_FEATURES);
  });

  it('marks a municipality node and its polygon; a relation and its arrow', () => {
    expect(keys(targetFeatures({ type: 'node', id: 'm' }, codes))).toEqual(
      [`${SOURCE.nodes} m`, `${SOURCE.municipalities} 1880`].sort()
    );
    expect(keys(targetFeatures({ type: 'node', id: 'a' }, codes))).toEqual([`${SOURCE.nodes} a`]);
    expect(keys(targetFeatures({ type: 'relation', id: 'r1' }, codes))).toEqual(
      [`${SOURCE.relations} r1`, `${SOURCE.arrows} r1`].sort()
    );
  });
});

describe('dimmedFeatures', () => {
  it('is empty outside focus mode', () => {
    expect(dimmedFeatures(base)).toBe(NO_FEATURES);
  });

  it('dims what is drawn but outside the focused neighbourhood, municipality polygons too', () => {
    const dimmed = dimmedFeatures({
      ...base,
      focused: { nodeIds: new Set(['a', 'b']), relationIds: new Set(['r1']) }
    });
    expect(keys(dimmed)).toEqual(
      [
        `${SOURCE.nodes} m`,
        `${SOURCE.relations} r2`,
        `${SOURCE.arrows} r2`,
        `${SOURCE.municipalities} 1880`
      ].sort()
    );
  });

  it('keeps the polygon of a municipality inside the neighbourhood', () => {
    const dimmed = dimmedFeatures({
      ...base,
      focused: { nodeIds: new Set(['a', 'm']), relationIds: new Set() }
    });
    expect(dimmed.has(`${SOURCE.municipalities} 1880`)).toBe(false);
  });
});

describe('diffFeatureStates', () => {
  const selectedA: FeatureStates = {
    ...NO_STATES,
    selected: targetFeatures({ type: 'node', id: 'a' }, codes)
  };

  it('sets and clears only the flags that changed', () => {
    const hovered = { ...selectedA, hover: targetFeatures({ type: 'node', id: 'b' }, codes) };
    expect(diffFeatureStates(selectedA, hovered)).toEqual([
      { source: SOURCE.nodes, id: 'b', state: { hover: true } }
    ]);
    expect(diffFeatureStates(hovered, selectedA)).toEqual([
      { source: SOURCE.nodes, id: 'b', state: { hover: false } }
    ]);
    expect(diffFeatureStates(hovered, hovered)).toEqual([]);
  });

  it('moves a selection from one feature to another (one off, one on)', () => {
    const toM = { ...selectedA, selected: targetFeatures({ type: 'node', id: 'm' }, codes) };
    expect(diffFeatureStates(selectedA, toM)).toEqual([
      { source: SOURCE.nodes, id: 'm', state: { selected: true } },
      { source: SOURCE.municipalities, id: '1880', state: { selected: true } },
      { source: SOURCE.nodes, id: 'a', state: { selected: false } }
    ]);
  });

  it('does not look into a layer that kept its identity (a hover over a focused national map)', () => {
    const dimmed = new Map(
      Array.from({ length: 1000 }, (_, i) => [
        `${SOURCE.nodes} n${i}`,
        { source: SOURCE.nodes, id: `n${i}` }
      ])
    );
    const focused: FeatureStates = { ...selectedA, dimmed };
    const hovered = { ...focused, hover: targetFeatures({ type: 'node', id: 'n1' }, codes) };
    let reads = 0;
    const counting = new Proxy(dimmed, {
      get(target, key) {
        if (key === Symbol.iterator || key === 'has' || key === 'entries') reads++;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      }
    });
    expect(
      diffFeatureStates({ ...focused, dimmed: counting }, { ...hovered, dimmed: counting })
    ).toEqual([{ source: SOURCE.nodes, id: 'n1', state: { hover: true } }]);
    expect(reads).toBe(0);
  });
});

describe('flaggedId', () => {
  it('names the selected or hovered node or relation, not a polygon', () => {
    const states: FeatureStates = {
      selected: targetFeatures({ type: 'node', id: 'm' }, codes),
      hover: targetFeatures({ type: 'relation', id: 'r1' }, codes),
      dimmed: NO_FEATURES
    };
    expect(flaggedId(states, 'selected')).toBe('m');
    expect(flaggedId(states, 'hover')).toBe('r1');
    expect(flaggedId(NO_STATES, 'selected')).toBeNull();
  });
});

describe('municipalityCodes', () => {
  it('maps municipality nodes (only) to their kommunkod', () => {
    expect([...municipalityCodes(datasetFixture().nodes)]).toEqual([
      ['n-lekeberg', '1814'],
      ['n-orebro', '1880']
    ]);
  });
});
