import { describe, expect, it } from 'vitest';
import { panelAttributes } from '../../src/routes/utforska/panel-attributes';

describe('panelAttributes', () => {
  it('makes a tab panel labelled by its tab on narrow screens', () => {
    expect(panelAttributes('graph', true, 'Grafvy')).toEqual({
      role: 'tabpanel',
      id: 'explorer-panel-graph',
      'aria-labelledby': 'explorer-tab-graph'
    });
  });

  it('makes a named region on wide screens', () => {
    expect(panelAttributes('map', false, 'Kartvy')).toEqual({
      role: 'region',
      id: 'explorer-panel-map',
      'aria-label': 'Kartvy'
    });
  });
});
