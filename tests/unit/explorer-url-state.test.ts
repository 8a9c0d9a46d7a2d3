import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAP_ID,
  defaultViewState,
  mapIdOf,
  mapQuery,
  parseViewState,
  serializeViewState,
  urlForViewState,
  type ViewState
} from '$lib/explorer/url-state';

const NODE = '0b8c3f5e-2a41-5c7e-9d3a-1f2e3d4c5b6a';

describe('view state in the URL', () => {
  it('round-trips a full view', () => {
    const view: ViewState = {
      mapId: DEFAULT_MAP_ID,
      filters: {
        themes: ['fritidshem', 'juridik'],
        nodeKinds: ['network'],
        relationKinds: ['flows_to', 'member_of'],
        municipalities: ['1814', '1880'],
        statuses: ['active'],
        text: 'Örebro län'
      },
      selection: { type: 'node', id: NODE },
      focus: 2,
      view: 'graph',
      layout: 'geo',
      camera: { lon: 15.12345, lat: 59.27, zoom: 8.5 },
      coverageTheme: 'juridik',
      overlaps: true,
      panel: 'filter',
      list: true,
      twins: {
        indicators: [
          { key: 'folkmangd', weight: 2 },
          { key: 'gr_andel_utlandsk_bakgrund_ak1_9', weight: 1 }
        ],
        metric: 'cosine',
        scope: 'sweden',
        top: 5
      },
      flows: { year: 2024, unit: 'elever', top: 10, min: 50 }
    };
    const params = serializeViewState(view);
    expect(parseViewState(new URLSearchParams(params.toString()))).toEqual(view);
  });

  it('names the map with ?karta= on every page, the seeded map without it', () => {
    const other = '6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(mapIdOf(new URLSearchParams(`karta=${other.toUpperCase()}&vy=map`))).toBe(other);
    expect(mapIdOf(new URLSearchParams('karta=nej'))).toBe(DEFAULT_MAP_ID);
    expect(mapIdOf(new URLSearchParams(''))).toBe(DEFAULT_MAP_ID);
    expect(mapQuery(other)).toBe(`?karta=${other}`);
    expect(mapQuery(DEFAULT_MAP_ID)).toBe('');
  });

  it('reads twins: the default set, bad weights and keys dropped, top within 1–10', () => {
    const twins = (query: string) => parseViewState(new URLSearchParams(query)).twins;
    expect(twins('')).toBeNull();
    expect(twins('tvilling=standard')).toEqual({
      indicators: [],
      metric: 'euclidean',
      scope: 'county',
      top: 3
    });
    expect(
      serializeViewState({ ...defaultViewState(), twins: twins('tvilling=x')! }).toString()
    ).toBe('tvilling=standard');
    expect(twins('tvilling=a:0,b:11,C:2,d:3,d:4,e&topp=11&avstand=x&omfang=y')).toEqual({
      indicators: [{ key: 'd', weight: 3 }],
      metric: 'euclidean',
      scope: 'county',
      top: 3
    });
  });

  it('reads flows: off without floden=1, defaults for bad year, unit, top and threshold', () => {
    const flows = (query: string) => parseViewState(new URLSearchParams(query)).flows;
    expect(flows('flodesar=2024')).toBeNull();
    expect(flows('floden=1')).toEqual({ year: null, unit: null, top: null, min: 0 });
    expect(
      serializeViewState({ ...defaultViewState(), flows: flows('floden=1')! }).toString()
    ).toBe('floden=1');
    expect(
      flows(`floden=1&flodesar=1800&flodesenhet=${'x'.repeat(41)}&flodestopp=51&flodesmin=-5`)
    ).toEqual({ year: null, unit: null, top: null, min: 0 });
    expect(
      flows('floden=1&flodesar=2023&flodesenhet=pendlare&flodestopp=3&flodesmin=12.5')
    ).toEqual({ year: 2023, unit: 'pendlare', top: 3, min: 12.5 });
  });

  it('keeps the default view out of the URL', () => {
    expect(serializeViewState(defaultViewState()).toString()).toBe('');
  });

  it('is canonical: the same view in another order gives the same string', () => {
    const a = parseViewState(new URLSearchParams('tema=juridik,fritidshem&vy=map'));
    const b = parseViewState(new URLSearchParams('vy=map&tema=fritidshem,juridik,juridik'));
    expect(serializeViewState(a).toString()).toBe(serializeViewState(b).toString());
  });

  it('drops malformed and unknown values instead of failing', () => {
    const view = parseViewState(
      new URLSearchParams(
        'karta=not-a-uuid&typ=municipality,spaceship&vy=3d&layout=x&val=n:<script>&fokus=9&kamera=1,2&tema=Bad Key,juridik'
      )
    );
    expect(view.mapId).toBe(DEFAULT_MAP_ID);
    expect(view.filters.nodeKinds).toEqual(['municipality']);
    expect(view.filters.themes).toEqual(['juridik']);
    expect(view.view).toBe('split');
    expect(view.layout).toBe('fcose');
    expect(view.selection).toBeNull();
    expect(view.focus).toBe(0);
    expect(view.camera).toBeNull();
    expect(parseViewState(new URLSearchParams('tacking=Bad Key')).coverageTheme).toBeNull();
    expect(parseViewState(new URLSearchParams('tacking=juridik')).coverageTheme).toBe('juridik');
    expect(parseViewState(new URLSearchParams('overlapp=yes')).overlaps).toBe(false);
    expect(parseViewState(new URLSearchParams('panel=secret&lista=yes'))).toMatchObject({
      panel: null,
      list: false
    });
  });

  it('keeps parameters that are not part of the view (e.g. test hooks)', () => {
    const url = urlForViewState(new URL('http://x/utforska?test&webgl=1&tema=juridik'), {
      ...defaultViewState(),
      view: 'map'
    });
    expect(url.searchParams.get('vy')).toBe('map');
    expect(url.searchParams.has('tema')).toBe(false);
    expect(url.searchParams.has('test')).toBe(true);
    expect(url.searchParams.get('webgl')).toBe('1');
  });

  it('has no focus without a selection', () => {
    expect(parseViewState(new URLSearchParams('fokus=1')).focus).toBe(0);
    expect(parseViewState(new URLSearchParams(`val=r:${NODE}&fokus=1`)).focus).toBe(1);
  });
});
