// A map page's WorkshopState, wired in: listens on the page's live channel once
// it exists, shares "following" as presence, and notices this person's own view
// changes and camera moves (which break away from following).
import { untrack } from 'svelte';
import { drawnProposals } from '$lib/domain/workshop';
import { viewports } from '$lib/explorer/viewports';
import { getCollabContext } from '$lib/state/collab.svelte';
import { getExplorerContext } from '$lib/state/explorer.svelte';
import { WorkshopState } from '$lib/state/workshop.svelte';
import { exposeOnWindow } from '$lib/test-hooks';

/** The page's workshop (call once per map page, in a component's setup). */
export function createWorkshop(): WorkshopState {
  const explorer = getExplorerContext();
  const collab = getCollabContext();
  const workshop = new WorkshopState({
    mapId: collab.mapId,
    explorer,
    client: () => collab.session.dataClient,
    userId: () => collab.session.userId
  });
  $effect(() => exposeOnWindow('__regionkartanWorkshop', workshop));

  $effect(() => {
    const live = collab.live;
    if (!live) return;
    return untrack(() => workshop.start(live.channel));
  });
  $effect(() => collab.live?.setFollowing(workshop.followingNow));
  $effect(() => explorer.setProposals(drawnProposals(workshop.proposals)));
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
  return workshop;
}
