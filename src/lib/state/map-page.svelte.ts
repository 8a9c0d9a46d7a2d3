// What the pages over one map (explorer, inventory) share: the view in the URL
// (shallow routing, so reload and back/forward reproduce it), the explorer state,
// the loader of the view's map and the live link that keeps its dataset current
// (others' changes appear without a reload), and the editing state with the
// offline queue taken up once the map is shown. Call during a page's
// initialisation: it sets the explorer and collab contexts and the effects.
import { untrack } from 'svelte';
import { afterNavigate, pushState, replaceState } from '$app/navigation';
import { HistoryUrl } from './history-url.svelte';
import { CollabState, setCollabContext } from './collab.svelte';
import { ExplorerState, setExplorerContext } from './explorer.svelte';
import { MapLoader } from './map-loader.svelte';
import { appSession } from './session.svelte';

export interface MapPage {
  readonly history: HistoryUrl;
  readonly explorer: ExplorerState;
  readonly collab: CollabState;
  /** The view's map id. */
  readonly mapId: string;
  /** The loader of the view's map (a new one when the map id changes). */
  readonly loader: MapLoader;
}

export function setupMapPage(): MapPage {
  // Shallow routing to this same page with another query string (the view), so
  // there is no route to resolve().
  /* eslint-disable svelte/no-navigation-without-resolve */
  const history = new HistoryUrl({
    href: () => location.href,
    push: (url) => pushState(url, {}),
    replace: (url) => replaceState(url, {})
  });
  /* eslint-enable svelte/no-navigation-without-resolve */
  const explorer = setExplorerContext(new ExplorerState(history));
  afterNavigate(() => history.sync());

  // Only a change of map id loads again (not every view change in the URL).
  const mapId = $derived(explorer.view.mapId);
  const loader = $derived(new MapLoader(mapId));

  // The live channel connects first, then the map loads (no change is missed).
  const collab = setCollabContext(
    new CollabState(
      untrack(() => mapId),
      explorer,
      appSession
    )
  );
  $effect(() => {
    const current = loader;
    const stop = collab.start(() => current.load());
    return () => {
      stop();
      current.dispose();
    };
  });
  $effect(() => collab.syncPresence());
  $effect(() => {
    if (loader.dataset) explorer.setDataset(loader.dataset);
  });
  // Once the map is shown, the edits kept on this device from an earlier visit
  // (for this map and user) are sent, or shown as waiting while offline.
  $effect(() => {
    if (explorer.dataset && collab.session.userId) untrack(() => void collab.editing.resume());
  });

  return {
    history,
    explorer,
    collab,
    get mapId() {
      return mapId;
    },
    get loader() {
      return loader;
    }
  };
}
