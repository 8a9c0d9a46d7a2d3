// ARIA for the boxes of the map, graph and list: tab panels on narrow screens
// (controlled by the tablist), named regions on wide ones. Pure.
export type ViewTab = 'map' | 'graph' | 'list';

export function panelAttributes(
  tab: ViewTab,
  narrow: boolean,
  label: string
): Record<string, string> {
  const id = `explorer-panel-${tab}`;
  return narrow
    ? { role: 'tabpanel', id, 'aria-labelledby': `explorer-tab-${tab}` }
    : { role: 'region', id, 'aria-label': label };
}
