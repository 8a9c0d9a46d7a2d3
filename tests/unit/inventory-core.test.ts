import { describe, expect, it } from 'vitest';
import {
  bulkPatch,
  numberDraft,
  relationKindPatch,
  relationValuePatch,
  statusPatch,
  themesPatch,
  titlePatch
} from '$lib/inventory/edits';
import { exportName, localDay } from '$lib/inventory/files';
import { coverageCellQuery, explorerQuery } from '$lib/inventory/links';
import { sortBy, toggleSort } from '$lib/inventory/sort';
import { themeNames } from '$lib/inventory/theme-names';
import { explorerHref, parseTab, urlForTab } from '$lib/inventory/tabs';
import { rowWindow, scrollToRow } from '$lib/inventory/window';
import { EMPTY_FILTERS } from '$lib/explorer/filters';
import { makeNode, makeRelation, makeTheme } from './factories';

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
    expect(bulkPatch(node, { type: 'addTheme', theme: 'ska' }, now, null)).toBeNull();
    expect(bulkPatch(node, { type: 'addTheme', theme: 'juridik' }, now, null)).toEqual({
      id: node.id,
      themes: ['ska', 'juridik']
    });
    expect(bulkPatch(node, { type: 'removeTheme', theme: 'juridik' }, now, null)).toBeNull();
    expect(bulkPatch(node, { type: 'removeTheme', theme: 'ska' }, now, null)).toEqual({
      id: node.id,
      themes: []
    });
    expect(bulkPatch(node, { type: 'status', status: 'dormant' }, now, null)?.status).toBe(
      'dormant'
    );
    expect(bulkPatch(node, { type: 'verify' }, now, 'u1')).toEqual({
      id: node.id,
      verified_at: '2026-11-22T10:00:00.000Z',
      verified_by: 'u1'
    });
  });

  it('bulk actions on a relation change its themes or verify it; status leaves it alone', () => {
    const relation = makeRelation({ themes: ['ska'] });
    expect(bulkPatch(relation, { type: 'addTheme', theme: 'ska' }, now, null)).toBeNull();
    expect(bulkPatch(relation, { type: 'addTheme', theme: 'juridik' }, now, null)).toEqual({
      id: relation.id,
      themes: ['ska', 'juridik']
    });
    expect(bulkPatch(relation, { type: 'removeTheme', theme: 'ska' }, now, null)).toEqual({
      id: relation.id,
      themes: []
    });
    expect(bulkPatch(relation, { type: 'status', status: 'ended' }, now, 'u1')).toBeNull();
    expect(bulkPatch(relation, { type: 'verify' }, now, 'u1')).toEqual({
      id: relation.id,
      verified_at: '2026-11-22T10:00:00.000Z',
      verified_by: 'u1'
    });
    expect(themesPatch(relation, ['juridik'], ['juridik', 'ska'])).toEqual({
      id: relation.id,
      themes: ['juridik']
    });
  });

  it('a relation kind patch only when the kind changes', () => {
    const relation = makeRelation({ kind: 'member_of' });
    expect(relationKindPatch(relation, 'member_of')).toBeNull();
    expect(relationKindPatch(relation, 'partner_of')).toEqual({
      id: relation.id,
      kind: 'partner_of'
    });
  });

  it('magnitude: Swedish decimal comma and thousands spaces accepted, negative or text refused', () => {
    const relation = makeRelation({ magnitude: 12, unit: 'elever', year: 2024 });
    expect(relationValuePatch(relation, 'magnitude', '12,5')).toEqual({
      ok: true,
      patch: { id: relation.id, magnitude: 12.5 }
    });
    expect(relationValuePatch(relation, 'magnitude', '1 200')).toEqual({
      ok: true,
      patch: { id: relation.id, magnitude: 1200 }
    });
    expect(relationValuePatch(relation, 'magnitude', '0')).toEqual({
      ok: true,
      patch: { id: relation.id, magnitude: 0 }
    });
    expect(relationValuePatch(relation, 'magnitude', ' 12 ')).toEqual({ ok: true, patch: null });
    expect(relationValuePatch(relation, 'magnitude', '')).toEqual({
      ok: true,
      patch: { id: relation.id, magnitude: null }
    });
    for (const bad of ['-3', 'abc', '1,2,3', '12 st']) {
      expect(relationValuePatch(relation, 'magnitude', bad), bad).toEqual({
        ok: false,
        problem: 'edit.error.magnitude'
      });
    }
  });

  it('year: a whole number in 1900–2100; unit: at most 40 characters, trimmed, empty clears', () => {
    const relation = makeRelation({ magnitude: 12, unit: 'elever', year: 2024 });
    expect(relationValuePatch(relation, 'year', '2025')).toEqual({
      ok: true,
      patch: { id: relation.id, year: 2025 }
    });
    expect(relationValuePatch(relation, 'year', '2024')).toEqual({ ok: true, patch: null });
    for (const bad of ['1899', '2101', '2024,5', 'i år']) {
      expect(relationValuePatch(relation, 'year', bad), bad).toEqual({
        ok: false,
        problem: 'edit.error.year'
      });
    }
    expect(relationValuePatch(relation, 'unit', ' lärare ')).toEqual({
      ok: true,
      patch: { id: relation.id, unit: 'lärare' }
    });
    expect(relationValuePatch(relation, 'unit', '')).toEqual({
      ok: true,
      patch: { id: relation.id, unit: null }
    });
    expect(relationValuePatch(relation, 'unit', 'x'.repeat(41))).toEqual({
      ok: false,
      problem: 'edit.error.unitTooLong'
    });
  });

  it('numberDraft writes a number the way it is typed in the locale', () => {
    expect(numberDraft(1200.5, 'sv')).toBe('1200,5');
    expect(numberDraft(1200.5, 'en')).toBe('1200.5');
    expect(numberDraft(null, 'sv')).toBe('');
    const relation = makeRelation({ magnitude: 1200.5 });
    expect(relationValuePatch(relation, 'magnitude', numberDraft(1200.5, 'sv'))).toEqual({
      ok: true,
      patch: null
    });
  });

  it('themeNames joins the labels in the locale and keeps unknown keys', () => {
    const themes = new Map([
      ['ska', makeTheme({ key: 'ska', label_sv: 'Skola', label_en: 'School' })]
    ]);
    expect(themeNames(['ska', 'okänd'], themes, 'sv')).toBe('Skola, okänd');
    expect(themeNames(['ska'], themes, 'en')).toBe('School');
    expect(themeNames([], themes, 'sv')).toBe('');
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
