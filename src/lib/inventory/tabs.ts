// The inventory's sections, held in the URL (?flik=…) next to the explorer's
// filters so that a link opens the same section with the same filters. Pure.
export const INVENTORY_TABS = ['noder', 'relationer', 'tackning', 'overlapp', 'filer'] as const;
export type InventoryTab = (typeof INVENTORY_TABS)[number];

export const TAB_PARAM = 'flik';

export function parseTab(params: URLSearchParams): InventoryTab {
  const raw = params.get(TAB_PARAM);
  return (INVENTORY_TABS as readonly string[]).includes(raw ?? '')
    ? (raw as InventoryTab)
    : 'noder';
}

/** `url` showing `tab`; other parameters (the filters) stay as they are. */
export function urlForTab(url: URL, tab: InventoryTab): URL {
  const next = new URL(url);
  if (tab === 'noder') next.searchParams.delete(TAB_PARAM);
  else next.searchParams.set(TAB_PARAM, tab);
  return next;
}

/** The explorer's address for the same view (the filters carry over; the tab does not). */
export function explorerHref(url: URL, base: string): string {
  const params = new URLSearchParams(url.search);
  params.delete(TAB_PARAM);
  const query = params.toString();
  return `${base}/utforska${query ? `?${query}` : ''}`;
}
