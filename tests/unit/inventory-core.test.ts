import { describe, expect, it } from 'vitest';
import {
  bulkNodePatch,
  statusPatch,
  themesPatch,
  titlePatch,
  withSavedRows
} from '$lib/inventory/edits';
import { exportName, localDay } from '$lib/inventory/files';
import { coverageCellQuery, explorerQuery } from '$lib/inventory/links';
import { sortBy, toggleSort } from '$lib/inventory/sort';
import { explorerHref, parseTab, urlForTab } from '$lib/inventory/tabs';
import { rowWindow, scrollToRow } from '$lib/inventory/window';
import { EMPTY_FILTERS } from '$lib/explorer/filters';
import { makeDataset, makeNode, makeRelation } from './factories';

describe('rowWindow', () => {
  it('renders the visible rows plus the overscan, and pads the rest', () => {
    // 10 000 rows of 40 px, scrolled to row 500, 400 px tall: rows 500–510 are visible.
    const w = rowWindow(500 * 40, 400, 40, 10_000, 5);
    expect(w).toEqual({ start: 495, end: 516, padTop: 495 * 40, padBottom: (10_000 - 516) * 40 });
    expect(w.end - w.start).toBeLessThan(30);
  });

  it('clamps at both ends and handles empty tables', () => {
    expect(rowWindow(0, 400, 40, 3, 5)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    const end = rowWindow(1e9, 400, 40, 100, 5);
    expect(end.end).toBe(100);
    expect(end.padBottom).toBe(0);
    expect(end.start).toBeLessThan(100);
    expect(rowWindow(0, 400, 40, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(rowWindow(-50, 400, 40, 10, 0).start).toBe(0);
  });

  it('scrollToRow moves only when the row is out of sight, to the nearest edge', () => {
    expect(scrollToRow(5, 40, 0, 400)).toBeNull();
    expect(scrollToRow(20, 40, 0, 400)).toBe(21 * 40 - 400);
    expect(scrollToRow(2, 40, 400, 400)).toBe(80);
    // A 40 px sticky header hides the last row of the view.
    expect(scrollToRow(9, 40, 0, 400, 40)).toBe(10 * 40 - 400 + 40);
  });
});

describe('sortBy', () => {
  const rows = [
    { t: 'Nora', v: 2 as number | null },
    { t: 'Arboga', v: null },
    { t: 'Örebro', v: 10 },
    { t: 'Askersund', v: 2 }
  ];
  const value = (r: (typeof rows)[number], key: 'title' | 'v') => (key === 'title' ? r.t : r.v);

  it('sorts text in Swedish order (Ö after Z) and numbers numerically, ties by title', () => {
    const asc = sortBy(rows, { key: 'v', direction: 'ascending' }, value, (r) => r.t);
    expect(asc.map((r) => r.t)).toEqual(['Askersund', 'Nora', 'Örebro', 'Arboga']);
    const byTitle = sortBy(rows, { key: 'title', direction: 'descending' }, value, (r) => r.t);
    expect(byTitle.map((r) => r.t)).toEqual(['Örebro', 'Nora', 'Askersund', 'Arboga']);
  });

  it('keeps empty values last when descending too', () => {
    const desc = sortBy(rows, { key: 'v', direction: 'descending' }, value, (r) => r.t);
    expect(desc.map((r) => r.t)).toEqual(['Örebro', 'Askersund', 'Nora', 'Arboga']);
  });

  it('toggleSort flips the same column and starts a new one ascending', () => {
    expect(toggleSort({ key: 'a', direction: 'ascending' }, 'a').direction).toBe('descending');
    expect(toggleSort({ key: 'a', direction: 'descending' }, 'b')).toEqual({
      key: 'b',
      direction: 'ascending'
    });
  });
});

describe('edits', () => {
  const node = makeNode({ title: 'Nätverket', status: 'active', themes: ['ska'] });
  const now = new Date('2026-11-22T10:00:00Z');

  it('title, status and themes patches are null when nothing changes', () => {
    expect(titlePatch(node, '  Nätverket ')).toBeNull();
    expect(titlePatch(node, '   ')).toBeNull();
    expect(titlePatch(node, ' Nya  nätverket ')).toEqual({ id: node.id, title: 'Nya nätverket' });
    expect(statusPatch(node, 'active')).toBeNull();
    expect(statusPatch(node, 'ended')).toEqual({ id: node.id, status: 'ended' });
    expect(themesPatch(node, ['ska'], ['juridik', 'ska'])).toBeNull();
    expect(themesPatch(node, ['ska', 'juridik', 'okänd'], ['juridik', 'ska'])).toEqual({
      id: node.id,
      themes: ['juridik', 'ska']
    });
  });

  it('bulk actions add, remove, set status and verify', () => {
    expect(bulkNodePatch(node, { type: 'addTheme', theme: 'ska' }, now, null)).toBeNull();
    expect(bulkNodePatch(node, { type: 'addTheme', theme: 'juridik' }, now, null)).toEqual({
      id: node.id,
      themes: ['ska', 'juridik']
    });
    expect(bulkNodePatch(node, { type: 'removeTheme', theme: 'juridik' }, now, null)).toBeNull();
    expect(bulkNodePatch(node, { type: 'removeTheme', theme: 'ska' }, now, null)).toEqual({
      id: node.id,
      themes: []
    });
    expect(bulkNodePatch(node, { type: 'status', status: 'dormant' }, now, null)?.status).toBe(
      'dormant'
    );
    expect(bulkNodePatch(node, { type: 'verify' }, now, 'u1')).toEqual({
      id: node.id,
      verified_at: '2026-11-22T10:00:00.000Z',
      verified_by: 'u1'
    });
  });

  it('withSavedRows replaces saved rows in place and keeps everything else', () => {
    const a = makeNode();
    const b = makeNode();
    const r = makeRelation({ source_id: a.id, target_id: b.id });
    const dataset = makeDataset({ nodes: [a, b], relations: [r] });
    const saved = { ...b, title: 'Ny', version: 2 };
    const next = withSavedRows(dataset, [saved]);
    expect(next.nodes).toEqual([a, saved]);
    expect(next.relations).toBe(dataset.relations);
    expect(withSavedRows(dataset)).toBe(dataset);
  });
});

describe('tabs, links and file names', () => {
  it('the tab lives in ?flik and leaves the filters alone', () => {
    const url = new URL('http://x/inventering?tema=ska&flik=tackning');
    expect(parseTab(url.searchParams)).toBe('tackning');
    expect(parseTab(new URLSearchParams('flik=nonsens'))).toBe('noder');
    expect(urlForTab(url, 'noder').search).toBe('?tema=ska');
    expect(urlForTab(url, 'filer').search).toBe('?tema=ska&flik=filer');
    expect(explorerHref(url, '')).toBe('/utforska?tema=ska');
  });

  it('a coverage cell links to its theme, municipality, active status and non-municipality kinds', () => {
    const query = coverageCellQuery('00000000-0000-4000-8000-000000000001', '1814', 'ska');
    const params = new URLSearchParams(query.slice(1));
    expect(params.get('tema')).toBe('ska');
    expect(params.get('kommun')).toBe('1814');
    expect(params.get('status')).toBe('active');
    expect(params.get('typ')?.split(',')).not.toContain('municipality');
    expect(params.has('karta')).toBe(false);
    expect(explorerQuery('00000000-0000-4000-8000-000000000001', EMPTY_FILTERS)).toBe('');
  });

  it('exports get Swedish, file-safe names with the local date', () => {
    const date = new Date(2026, 10, 2, 23, 30);
    expect(localDay(date)).toBe('2026-11-02');
    expect(exportName('Örebro län – regional karta', 'noder', date)).toBe(
      'orebro-lan-regional-karta-noder-2026-11-02.csv'
    );
    expect(exportName('Karta', 'kumu', date)).toBe('karta-kumu-2026-11-02.xlsx');
    expect(exportName('Karta', 'sakerhetskopia', date)).toMatch(/\.json$/);
  });
});
