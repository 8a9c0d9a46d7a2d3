// Stories' and rounds' pure parts: a step's view, reordering, presenter keys,
// the round summary (with the gaps), the proposal checks, and where proposals are
// drawn on the map and in the graph.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawnProposals, proposalErrors, type ProposalRow } from '$lib/domain/workshop';
import { parseCentroids } from '$lib/geo/placement';
import { PROPOSAL_CLASS, proposalElements } from '$lib/graph/proposals';
import { proposalMarkers } from '$lib/map/proposals';
import { parseViewState } from '$lib/explorer/url-state';
import {
  moveStep,
  nextPosition,
  presenterKey,
  stepAfter,
  stepView,
  urlForStep,
  viewKey
} from '$lib/workshop/steps';
import { roundSummary, summaryTable } from '$lib/workshop/summary';

describe('steps', () => {
  it('save the view without its camera and chrome, with both cameras beside it, and show it again', () => {
    const view = parseViewState(
      new URLSearchParams('vy=map&tema=skola&kamera=15,59,8&panel=workshop&lista=1')
    );
    expect(view.panel).toBe('workshop');
    const step = stepView(view, [14, 58, 16, 60], [0, 0, 100, 50]);
    expect(step).toEqual({
      query: 'vy=map&tema=skola',
      map: [14, 58, 16, 60],
      graph: [0, 0, 100, 50]
    });
    expect(viewKey(view)).toBe('vy=map&tema=skola');
    const url = urlForStep(new URL('http://x/presentera?berattelse=abc&vy=graph'), step, [
      'berattelse'
    ]);
    expect(url.search).toBe('?vy=map&tema=skola&berattelse=abc');
  });

  it('reorder: a move renumbers and reports only the changed positions', () => {
    const steps = [
      { id: 'a', position: 0 },
      { id: 'b', position: 1 },
      { id: 'c', position: 2 }
    ];
    const { order, changed } = moveStep(steps, 2, 0);
    expect(order.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    expect(changed).toEqual([
      { id: 'c', position: 0 },
      { id: 'a', position: 1 },
      { id: 'b', position: 2 }
    ]);
    expect(moveStep(steps, 0, 5).changed).toEqual([]);
    expect(moveStep(steps, 1, 2).changed).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 }
    ]);
    expect(nextPosition(steps)).toBe(3);
    expect(nextPosition([])).toBe(0);
  });

  it('presenter keys: arrows, space, PageUp/PageDown, Home/End and Esc; clamped at the ends', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', ' '].map((k) => presenterKey(k))).toEqual(
      Array(4).fill('next')
    );
    expect(['ArrowLeft', 'ArrowUp', 'PageUp'].map((k) => presenterKey(k))).toEqual(
      Array(3).fill('previous')
    );
    expect(presenterKey(' ', true)).toBe('previous');
    expect(presenterKey('Escape')).toBe('exit');
    expect(presenterKey('a')).toBeNull();
    expect(stepAfter('next', 0, 3)).toBe(1);
    expect(stepAfter('next', 2, 3)).toBeNull();
    expect(stepAfter('previous', 0, 3)).toBeNull();
    expect(stepAfter('last', 0, 3)).toBe(2);
    expect(stepAfter('first', 2, 3)).toBe(0);
  });
});

describe('rounds', () => {
  const proposal = (fields: Partial<ProposalRow>): ProposalRow =>
    ({ status: 'open', votes: 0, municipality_code: null, ...fields }) as ProposalRow;

  it('the summary has every municipality, also where nothing was proposed', () => {
    const rows = roundSummary(
      [
        proposal({ municipality_code: '1880', votes: 3 }),
        proposal({ municipality_code: '1880', status: 'accepted', votes: 1 }),
        proposal({ municipality_code: '1880', status: 'hidden', votes: 9 }),
        proposal({ municipality_code: '1860', status: 'rejected' }),
        proposal({ municipality_code: null })
      ],
      'Juridik',
      'Ingen kommun'
    );
    expect(rows).toHaveLength(13);
    expect(rows.find((r) => r.code === '1880')).toEqual({
      code: '1880',
      municipality: 'Örebro',
      theme: 'Juridik',
      proposals: 2,
      placed: 1,
      votes: 4
    });
    expect(rows.find((r) => r.code === '1860')!.proposals).toBe(0); // a gap
    expect(rows.at(-1)).toMatchObject({ code: null, municipality: 'Ingen kommun', proposals: 1 });
    const table = summaryTable(rows, ['Kod', 'Kommun', 'Tema', 'Förslag', 'På kartan', 'Röster']);
    expect(table[0]).toEqual(['Kod', 'Kommun', 'Tema', 'Förslag', 'På kartan', 'Röster']);
    expect(table).toHaveLength(14);
  });

  it('a proposal needs a title; a link must be https', () => {
    const draft = {
      title: ' ',
      kind: 'resource' as const,
      municipality_code: null,
      description: '',
      url: 'http://x.se'
    };
    expect(proposalErrors(draft)).toEqual(['title', 'url']);
    expect(proposalErrors({ ...draft, title: 'Jurist', url: 'https://x.se' })).toEqual([]);
  });
});

describe('proposals drawn on the map and in the graph', () => {
  const row = (fields: Partial<ProposalRow>): ProposalRow =>
    ({ kind: 'resource', municipality_code: '1860', status: 'open', ...fields }) as ProposalRow;
  const points = parseCentroids(
    JSON.parse(
      readFileSync(
        new URL('../../static/geo/orebro-lan-kommuner-centroids.geojson', import.meta.url),
        'utf8'
      )
    )
  );

  it('are the open ones only (hidden and decided ones are not drawn)', () => {
    const marks = drawnProposals([
      row({ id: 'a', title: 'A' }),
      row({ id: 'b', title: 'B', status: 'hidden' }),
      row({ id: 'c', title: 'C', status: 'accepted' }),
      row({ id: 'd', title: 'D', status: 'merged' }),
      row({ id: 'e', title: 'E', status: 'rejected' }),
      row({ id: 'f', title: 'F', municipality_code: null })
    ]);
    expect(marks.map((m) => m.id)).toEqual(['a', 'f']);
    expect(marks[0]).toEqual({ id: 'a', title: 'A', kind: 'resource', municipality_code: '1860' });
  });

  it('sit in their municipality on the map (near its centroid), each in its own place', () => {
    const marks = drawnProposals([row({ id: 'a', title: 'A' }), row({ id: 'b', title: 'B' })]);
    const markers = proposalMarkers(marks, points);
    const laxa = points.get('1860')!;
    expect(markers.map((m) => m.id)).toEqual(['a', 'b']);
    for (const m of markers) {
      expect(Math.abs(m.lon - laxa.lon)).toBeLessThan(0.2);
      expect(Math.abs(m.lat - laxa.lat)).toBeLessThan(0.2);
    }
    expect([markers[0]!.lon, markers[0]!.lat]).not.toEqual([markers[1]!.lon, markers[1]!.lat]);
    expect(proposalMarkers(marks, null)).toEqual([]);
  });

  it('are graph nodes of their own class, apart from the map’s ids, never selectable', () => {
    expect(proposalElements(drawnProposals([row({ id: 'a', title: 'A' })]))).toEqual([
      {
        group: 'nodes',
        data: { id: 'proposal:a', label: 'A' },
        classes: PROPOSAL_CLASS,
        selectable: false,
        grabbable: false
      }
    ]);
  });
});
