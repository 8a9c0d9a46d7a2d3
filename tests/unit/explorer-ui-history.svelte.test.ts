import { describe, expect, it } from 'vitest';
import { HistoryUrl } from '$lib/state/history-url.svelte';
import { ExplorerState } from '$lib/state/explorer.svelte';

/** A browser history stand-in: entries, an index, and what the app pushed. */
function fakeBrowser(start: string) {
  const entries = [start];
  let index = 0;
  return {
    api: {
      href: () => entries[index]!,
      push: (url: URL) => {
        entries.splice(index + 1, entries.length, url.href);
        index++;
      },
      replace: (url: URL) => {
        entries[index] = url.href;
      }
    },
    back: () => index--,
    forward: () => index++,
    entries
  };
}

describe('HistoryUrl', () => {
  it('lets the view follow its own pushes and replaces, and back/forward after sync()', () => {
    const browser = fakeBrowser('http://localhost/utforska?test');
    const history = new HistoryUrl(browser.api);
    const state = new ExplorerState(history);
    expect(state.view.view).toBe('split');

    state.setViewMode('map');
    expect(state.view.view).toBe('map');
    state.setFilters({ themes: ['juridik'] });
    state.setCamera({ lon: 15, lat: 59.2, zoom: 8 });
    expect(browser.entries.map((e) => new URL(e).search)).toEqual([
      '?test',
      '?vy=map&test=',
      '?vy=map&tema=juridik&kamera=15%2C59.2%2C8&test='
    ]);

    browser.back();
    history.sync();
    expect(state.view.filters.themes).toEqual([]);
    expect(state.view.view).toBe('map');
    browser.back();
    history.sync();
    expect(state.view.view).toBe('split');
    browser.forward();
    browser.forward();
    history.sync();
    expect(state.view.camera).toEqual({ lon: 15, lat: 59.2, zoom: 8 });
  });

  it('does not write history when sync finds the same address', () => {
    const browser = fakeBrowser('http://localhost/utforska?vy=graph');
    const history = new HistoryUrl(browser.api);
    const before = history.url().href;
    history.sync();
    expect(history.url().href).toBe(before);
    expect(browser.entries).toHaveLength(1);
  });
});
