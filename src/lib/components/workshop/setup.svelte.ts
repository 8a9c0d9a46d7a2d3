// Wires a WorkshopState into a map page: listens on the page's live channel once
// it exists, shares "following" as presence, and notices this person's own view
// changes and camera moves (which break away from following).
import { untrack } from 'svelte';
import { viewports } from '$lib/explorer/viewports';
import type { CollabState } from '$lib/state/collab.svelte';
import type { ExplorerState } from '$lib/state/explorer.svelte';
import type { WorkshopState } from '$lib/state/workshop.svelte';

export function setupWorkshop(
  workshop: WorkshopState,
  collab: CollabState,
  explorer: ExplorerState
): void {
  $effect(() => {
    const live = collab.live;
    if (!live) return;
    return untrack(() => workshop.start(live.channel));
  });
  $effect(() => collab.live?.setFollowing(workshop.followingNow));
  $effect(() => {
    void explorer.view;
    untrack(() => workshop.noticeView());
  });
  // The viewports appear when the views are ready: look again now and then.
  $effect(() => {
    const offs: (() => void)[] = [];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping
    const seen = new Set<unknown>();
    const attach = () => {
      for (const vp of [viewports.map, viewports.graph]) {
        if (!vp || seen.has(vp)) continue;
        seen.add(vp);
        offs.push(
          vp.onMove((byUser) => {
            workshop.noticeMove(byUser);
            if (workshop.presentation) workshop.relay();
          })
        );
      }
    };
    attach();
    const timer = setInterval(attach, 500);
    return () => {
      clearInterval(timer);
      for (const off of offs) off();
    };
  });
}
