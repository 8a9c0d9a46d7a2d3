import { describe, expect, it } from 'vitest';
import {
  desiredFeatureStates,
  diffFeatureStates,
  flaggedId,
  municipalityCodes,
  type FeatureStateInput
} from '$lib/map/feature-state';
import { SOURCE } from '$lib/map/style';
import { datasetFixture } from './fixtures/dataset';

const base: FeatureStateInput = {
  selection: null,
  hover: null,
  focused: null,
  nodeIds: ['a', 'b', 'm'],
  relationIds: ['r1', 'r2'],
  municipalityCodes: new Map([['m', '1880']])
};

describe('desiredFeatureStates', () => {
  it('is empty when nothing is selected, hovered or focused', () => {
    expect(desiredFeatureStates(base).size).toBe(0);
  });

  it('marks a selected municipality node and its polygon; a hovered relation and its arrow', () => {
    const states = desiredFeatureStates({
      ...base,
      selection: { type: 'node', id: 'm' },
      hover: { type: 'relation', id: 'r1' }
    });
    expect(states.get(`${SOURCE.nodes} m`)?.state).toEqual({
      selected: true,
      hover: false,
      dimmed: false
    });
    expect(states.get(`${SOURCE.municipalities} 1880`)?.state.selected).toBe(true);
    expect(states.get(`${SOURCE.relations} r1`)?.state.hover).toBe(true);
    expect(states.get(`${SOURCE.arrows} r1`)?.state.hover).toBe(true);
    expect(flaggedId(states, 'selected')).toBe('m');
    expect(flaggedId(states, 'hover')).toBe('r1');
  });

  it('dims what is drawn but outside the focused neighbourhood, municipality polygons too', () => {
    const states = desiredFeatureStates({
      ...base,
      selection: { type: 'node', id: 'a' },
      focused: { nodeIds: new Set(['a', 'b']), relationIds: new Set(['r1']) }
    });
    const dimmed = [...states.values()]
      .filter((e) => e.state.dimmed)
      .map((e) => `${e.source} ${e.id}`);
    expect(dimmed.sort()).toEqual(
      [
        `${SOURCE.nodes} m`,
        `${SOURCE.relations} r2`,
        `${SOURCE.arrows} r2`,
        `${SOURCE.municipalities} 1880`
      ].sort()
    );
  });

  it('keeps the polygon of a municipality inside the neighbourhood', () => {
    const states = desiredFeatureStates({
      ...base,
      selection: { type: 'node', id: 'a' },
      focused: { nodeIds: new Set(['a', 'm']), relationIds: new Set() }
    });
    expect(states.has(`${SOURCE.municipalities} 1880`)).toBe(false);
  });
});

describe('diffFeatureStates', () => {
  it('changes only what differs and resets features that lost every flag', () => {
    const before = desiredFeatureStates({ ...base, selection: { type: 'node', id: 'a' } });
    const after = desiredFeatureStates({
      ...base,
      selection: { type: 'node', id: 'a' },
      hover: { type: 'node', id: 'b' }
    });
    expect(diffFeatureStates(before, after)).toEqual([
      { source: SOURCE.nodes, id: 'b', state: { selected: false, hover: true, dimmed: false } }
    ]);
    expect(diffFeatureStates(after, before)).toEqual([
      { source: SOURCE.nodes, id: 'b', state: { selected: false, hover: false, dimmed: false } }
    ]);
    expect(diffFeatureStates(after, after)).toEqual([]);
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
