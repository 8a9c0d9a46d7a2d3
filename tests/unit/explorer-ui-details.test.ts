import { describe, expect, it } from 'vitest';
import {
  formatDate,
  magnitudeText,
  relationLinkText,
  relationLinks,
  relationTitle,
  safeExternalUrl,
  selectionHref,
  selectionTitle
} from '$lib/explorer/details';
import { indexBy, relationsByNode } from '$lib/explorer/lookup';
import { parseViewState } from '$lib/explorer/url-state';
import { datasetFixture, node, relation } from './fixtures/dataset';

const LEKEBERG = '77c97145-eb44-5735-980e-8de20ca7d1f0';

describe('relationLinks', () => {
  const dataset = datasetFixture();
  dataset.nodes.push(node({ id: 'n-laxa', kind: 'municipality', title: 'Laxå' }));
  dataset.relations.push(
    relation({ id: 'r-similar', kind: 'similar_to', source_id: 'n-laxa', target_id: 'n-lekeberg' }),
    relation({ id: 'r-dangling', kind: 'leads', source_id: 'n-lekeberg', target_id: 'n-gone' })
  );
  const byId = indexBy(dataset.nodes, (n) => n.id);

  it('lists both directions of a node, in the domain order of kinds, with the other end', () => {
    const links = relationLinks('n-lekeberg', dataset.relations, byId);
    expect(links.map((l) => [l.relation.id, l.direction, l.other?.title])).toEqual([
      ['r-flow', 'out', 'Örebro'],
      ['r-similar', 'both', 'Laxå'],
      ['r-member', 'out', 'Sakkunnigstödet'],
      ['r-dangling', 'out', undefined]
    ]);
  });

  it('gives the same links from the index of each node’s relations (as the details panel reads them)', () => {
    const byNode = relationsByNode(dataset.relations);
    for (const id of ['n-lekeberg', 'n-network', 'n-laxa']) {
      expect(relationLinks(id, byNode.get(id) ?? [], byId)).toEqual(
        relationLinks(id, dataset.relations, byId)
      );
    }
    // Either end, a relation once per node; a loop once.
    const loop = relation({
      id: 'r-loop',
      kind: 'similar_to',
      source_id: 'n-laxa',
      target_id: 'n-laxa'
    });
    const withLoop = relationsByNode([...dataset.relations, loop]);
    expect(withLoop.get('n-laxa')!.map((r) => r.id)).toEqual(['r-similar', 'r-loop']);
  });

  it('sees an incoming relation from the other end', () => {
    const links = relationLinks('n-network', dataset.relations, byId);
    expect(links.map((l) => [l.relation.kind, l.direction, l.other?.title])).toEqual([
      ['member_of', 'in', 'Lekeberg'],
      ['assists', 'in', 'Juridisk rådgivning']
    ]);
  });

  it('writes the link text with the arrow of the direction', () => {
    expect(relationLinkText('Leder', 'SYV-nätverket', 'out')).toBe('Leder → SYV-nätverket');
    expect(relationLinkText('Medlem i', 'Lekeberg', 'in')).toBe('← Medlem i: Lekeberg');
    expect(relationLinkText('Liknar', 'Laxå', 'both')).toBe('Liknar ↔ Laxå');
  });

  it('names a relation by its ends', () => {
    const flow = dataset.relations.find((r) => r.id === 'r-flow')!;
    const similar = dataset.relations.find((r) => r.id === 'r-similar')!;
    const dangling = dataset.relations.find((r) => r.id === 'r-dangling')!;
    expect(relationTitle(flow, byId, '?')).toBe('Lekeberg → Örebro');
    expect(relationTitle(similar, byId, '?')).toBe('Laxå ↔ Lekeberg');
    expect(relationTitle(dangling, byId, '?')).toBe('Lekeberg → ?');
  });
});

describe('safeExternalUrl', () => {
  it('links only absolute http(s) addresses', () => {
    expect(safeExternalUrl('https://www.regionorebrolan.se/ruc')).toBe(
      'https://www.regionorebrolan.se/ruc'
    );
    expect(safeExternalUrl('  HTTP://example.org ')).toBe('http://example.org/');
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeExternalUrl('//evil.example')).toBeNull();
    expect(safeExternalUrl('www.example.org')).toBeNull();
    expect(safeExternalUrl('https://')).toBeNull();
    expect(safeExternalUrl(null)).toBeNull();
  });
});

describe('formatDate', () => {
  it('writes a calendar date in the language, without a time-zone shift', () => {
    expect(formatDate('2021-08-01', 'sv')).toBe('1 augusti 2021');
    expect(formatDate('2023-06-30', 'en')).toBe('June 30, 2023');
    expect(formatDate(null, 'sv')).toBeNull();
    expect(formatDate('hösten 2022', 'sv')).toBe('hösten 2022');
  });
});

describe('magnitudeText', () => {
  const fmt = (n: number) => n.toLocaleString('sv');
  const withYear = (value: string, year: string) => `${value} (${year})`;

  it('is null for an unknown magnitude, so the panel can say so', () => {
    expect(
      magnitudeText({ magnitude: null, unit: 'elever', year: 2024 }, fmt, withYear)
    ).toBeNull();
  });

  it('joins number, unit and year', () => {
    expect(magnitudeText({ magnitude: 1200, unit: 'elever', year: 2024 }, fmt, withYear)).toBe(
      `${(1200).toLocaleString('sv')} elever (2024)`
    );
    expect(magnitudeText({ magnitude: 0.5, unit: null, year: null }, fmt, withYear)).toBe('0,5');
  });
});

describe('selectionHref', () => {
  it('keeps the rest of the view and drops focus when nothing is selected', () => {
    const view = parseViewState(
      new URLSearchParams(`tema=juridik&vy=map&val=n:${LEKEBERG}&fokus=2`)
    );
    const other = 'a29cd26c-63fd-509b-bd91-8cdc4b36b775';
    expect(selectionHref(view, { type: 'node', id: other })).toBe(
      `?vy=map&tema=juridik&val=n%3A${other}&fokus=2`
    );
    expect(selectionHref(view, null)).toBe('?vy=map&tema=juridik');
    expect(selectionHref(parseViewState(new URLSearchParams()), null)).toBe('?');
  });
});

describe('selectionTitle', () => {
  const dataset = datasetFixture();
  const nodes = indexBy(dataset.nodes, (n) => n.id);
  const relations = indexBy(dataset.relations, (r) => r.id);

  it('names a node, a relation, or nothing', () => {
    expect(selectionTitle({ type: 'node', id: 'n-orebro' }, nodes, relations, '?')).toBe('Örebro');
    expect(selectionTitle({ type: 'relation', id: 'r-flow' }, nodes, relations, '?')).toBe(
      'Lekeberg → Örebro'
    );
    expect(selectionTitle({ type: 'node', id: 'n-gone' }, nodes, relations, '?')).toBeNull();
    expect(selectionTitle({ type: 'relation', id: 'r-gone' }, nodes, relations, '?')).toBeNull();
    expect(selectionTitle(null, nodes, relations, '?')).toBeNull();
  });
});
