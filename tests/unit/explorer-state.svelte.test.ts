import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { ExplorerState, type UrlPort } from '$lib/state/explorer.svelte';
import { datasetFixture } from './fixtures/dataset';

/** A history that records what the state pushed and replaced. */
function fakeHistory(start = 'http://localhost/utforska') {
  // Reactive like SvelteKit's page.url, so the state's derivations follow it.
  const entries = $state([new URL(start)]);
  let index = $state(0);
  const calls: string[] = [];
  const port: UrlPort = {
    url: () => entries[index]!,
    push(url) {
      entries.splice(index + 1, entries.length, url);
      index++;
      calls.push(`push ${url.search}`);
    },
    replace(url) {
      entries[index] = url;
      calls.push(`replace ${url.search}`);
    }
  };
  return { port, calls, back: () => index-- };
}

describe('ExplorerState', () => {
  it('writes view changes to the URL as history entries, camera moves in place', () => {
    const h = fakeHistory();
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    state.setFilters({ themes: ['juridik'] });
    state.setCamera({ lon: 15, lat: 59, zoom: 7 });
    state.setViewMode('map');
    expect(h.calls).toEqual([
      'push ?tema=juridik',
      'replace ?tema=juridik&kamera=15%2C59%2C7',
      'push ?vy=map&tema=juridik&kamera=15%2C59%2C7'
    ]);
  });

  it('keeps the open panel and the list in the URL without new history entries', () => {
    const h = fakeHistory();
    const state = new ExplorerState(h.port);
    state.setPanel('filter');
    state.setList(true);
    state.setPanel(null);
    expect(h.calls).toEqual([
      'replace ?panel=filter',
      'replace ?panel=filter&lista=1',
      'replace ?lista=1'
    ]);
    expect(state.view).toMatchObject({ panel: null, list: true });
  });

  it('does nothing when a change would not change the URL (no loops)', () => {
    const h = fakeHistory('http://localhost/utforska?tema=juridik');
    const state = new ExplorerState(h.port);
    state.setFilters({ themes: ['juridik'] });
    state.setCamera({ lon: 15.000001, lat: 59, zoom: 7 });
    state.setCamera({ lon: 15.000002, lat: 59, zoom: 7 });
    expect(h.calls).toEqual(['replace ?tema=juridik&kamera=15%2C59%2C7']);
  });

  it('derives the visible items and the focus from the URL', () => {
    const h = fakeHistory('http://localhost/utforska?tema=juridik');
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    expect(state.visibleNodes.map((n) => n.title)).toEqual(['Lekeberg', 'Örebro']);
    expect(state.visibleRelations.map((r) => r.id)).toEqual(['r-flow']);
    expect(state.focused).toBeNull();
  });

  it('drops focus when the selection is cleared', () => {
    const h = fakeHistory();
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    state.setFocus(1); // nothing selected: ignored
    expect(h.calls).toEqual([]);
  });

  it('counts zoom requests so the same target can be zoomed to twice', () => {
    const state = new ExplorerState(fakeHistory().port);
    state.zoomTo('all');
    state.zoomTo('all');
    expect(state.zoomRequest).toEqual({ target: 'all', seq: 2 });
  });
});

describe('ExplorerState derivations', () => {
  const SOME_ID = '00000000-0000-4000-8000-0000000000aa';
  /** Runs `read` in an effect and counts how often it ran again after `change`. */
  function reruns<T>(state: ExplorerState, read: () => T, change: () => void): number {
    let runs = 0;
    const stop = $effect.root(() => {
      $effect(() => {
        read();
        runs++;
      });
    });
    flushSync();
    const before = runs;
    change();
    flushSync();
    stop();
    return runs - before;
  }

  it('keeps the visible sets when only the selection, focus or camera changes', () => {
    const h = fakeHistory('http://localhost/utforska?tema=juridik');
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    const first = state.visible;
    const changes = reruns(
      state,
      () => state.visible,
      () => {
        state.select({ type: 'node', id: SOME_ID });
        state.setCamera({ lon: 15, lat: 59, zoom: 7 });
        state.setViewMode('graph');
      }
    );
    expect(changes).toBe(0);
    expect(state.visible).toBe(first);
    expect(state.visibleNodes).toBe(state.visibleNodes);
  });

  it('derives the visible sets again when the filters change', () => {
    const h = fakeHistory('http://localhost/utforska?tema=juridik');
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    const changes = reruns(
      state,
      () => state.visible,
      () => state.setFilters({ themes: [] })
    );
    expect(changes).toBe(1);
    expect(state.visibleNodes.length).toBeGreaterThan(2);
  });

  it('keeps the focus neighbourhood when only the camera moves', () => {
    const h = fakeHistory(`http://localhost/utforska?val=n:${SOME_ID}&fokus=1`);
    const state = new ExplorerState(h.port);
    state.setDataset(datasetFixture());
    const changes = reruns(
      state,
      () => state.focused,
      () => state.setCamera({ lon: 15, lat: 59, zoom: 7 })
    );
    expect(changes).toBe(0);
  });
});
