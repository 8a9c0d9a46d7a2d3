// Stories' and rounds' pure parts: a step's view, reordering, presenter keys,
// the round summary (with the gaps) and the proposal checks.
import { describe, expect, it } from 'vitest';
import { proposalErrors, type ProposalRow } from '$lib/domain/workshop';
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
  it('save the view without its camera, with both cameras beside it, and show it again', () => {
    const view = parseViewState(new URLSearchParams('vy=map&tema=skola&kamera=15,59,8'));
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
