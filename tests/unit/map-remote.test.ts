import { describe, expect, it } from 'vitest';
import { remoteMarkers } from '$lib/map/remote';

describe('remoteMarkers', () => {
  const positions = new Map([
    ['a', { lon: 15, lat: 59 }],
    ['b', { lon: 16, lat: 60 }]
  ]);
  const ends = (id: string) => (id === 'r' ? (['a', 'b'] as const) : null);

  it('marks a node at its position and a relation halfway', () => {
    expect(
      remoteMarkers(
        [
          { name: 'Anna', selection: { type: 'node', id: 'a' } },
          { name: 'Bo', selection: { type: 'relation', id: 'r' } }
        ],
        positions,
        ends
      )
    ).toEqual([
      { key: '0:a', name: 'Anna', lon: 15, lat: 59, id: 'a' },
      { key: '1:r', name: 'Bo', lon: 15.5, lat: 59.5, id: 'r' }
    ]);
  });

  it('leaves out what is not on the map', () => {
    expect(
      remoteMarkers([{ name: 'C', selection: { type: 'node', id: 'zz' } }], positions, ends)
    ).toEqual([]);
    expect(
      remoteMarkers([{ name: 'C', selection: { type: 'node', id: 'a' } }], null, ends)
    ).toEqual([]);
  });
});
