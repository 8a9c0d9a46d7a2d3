// Addresses into the explorer from the inventory. Pure.
import { coverageCellFilters } from '$lib/analysis/coverage';
import type { Filters } from '$lib/explorer/filters';
import { defaultViewState, serializeViewState } from '$lib/explorer/url-state';

/** The explorer's query string for a map with these filters ('' for none). */
export function explorerQuery(mapId: string, filters: Filters): string {
  const query = serializeViewState({ ...defaultViewState(), mapId, filters }).toString();
  return query ? `?${query}` : '';
}

/** The explorer showing exactly the nodes counted in one coverage cell. */
export function coverageCellQuery(mapId: string, code: string, theme: string): string {
  return explorerQuery(mapId, coverageCellFilters(code, theme));
}

/** The explorer's map coloured by one theme's coverage. */
export function coverageMapQuery(mapId: string, theme: string): string {
  const view = { ...defaultViewState(), mapId, view: 'map' as const, coverageTheme: theme };
  return `?${serializeViewState(view).toString()}`;
}

/** The explorer's graph with the network overlaps drawn as weighted edges. */
export function overlapGraphQuery(mapId: string): string {
  const view = { ...defaultViewState(), mapId, view: 'graph' as const, overlaps: true };
  return `?${serializeViewState(view).toString()}`;
}
