import cytoscape from 'cytoscape';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NODE_KINDS, RELATION_KINDS } from '$lib/domain/kinds';
import {
  HIGHLIGHT,
  NODE_APPEARANCE,
  OVERLAP_APPEARANCE,
  RELATION_APPEARANCE
} from '$lib/explorer/appearance';
import { graphStyle, labelStyle, STATE_CLASSES } from '$lib/graph/style';

type Block = { selector: string; style: Record<string, unknown> };
const blocks = graphStyle() as unknown as Block[];
const block = (selector: string) => blocks.find((b) => b.selector === selector)?.style;

const rgb = (hex: string) =>
  `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;

afterEach(() => vi.restoreAllMocks());

describe('graphStyle', () => {
  it('gives every node kind its appearance colour and shape', () => {
    for (const kind of NODE_KINDS) {
      const style = block(`node[kind = "${kind}"]`);
      expect(style, kind).toBeDefined();
      expect(style!['background-color']).toBe(NODE_APPEARANCE[kind].color);
      expect(style!.shape).toBe(NODE_APPEARANCE[kind].shape);
    }
  });

  it('gives every relation kind its colour, dash and arrow', () => {
    for (const kind of RELATION_KINDS) {
      const look = RELATION_APPEARANCE[kind];
      const style = block(`edge[kind = "${kind}"]`);
      expect(style, kind).toBeDefined();
      expect(style!['line-color']).toBe(look.color);
      expect(style!['line-style']).toBe(look.dash ? 'dashed' : 'solid');
      expect(style!['line-dash-pattern']).toEqual(look.dash ?? undefined);
      expect(style!['target-arrow-shape']).toBe(look.arrow ? 'triangle' : 'none');
    }
    expect(block('edge[kind = "flows_to"]')!['curve-style']).toBe('unbundled-bezier');
    expect(block('edge')!.width).toBe('data(width)');
  });

  it('styles the state classes from the shared highlight colours, hidden last', () => {
    expect(block('node.selected')!['border-color']).toBe(HIGHLIGHT.selected);
    expect(block('edge.selected')!['line-color']).toBe(HIGHLIGHT.selected);
    expect(block('node.hovered')!['border-color']).toBe(HIGHLIGHT.hover);
    expect(block('.dimmed')!.opacity).toBe(HIGHLIGHT.dimmedOpacity);
    expect(blocks.at(-1)).toEqual({ selector: '.hidden', style: { display: 'none' } });
    for (const cls of STATE_CLASSES)
      expect(blocks.some((b) => b.selector.endsWith(`.${cls}`))).toBe(true);
  });

  it('scales the edge label thresholds with the device pixel ratio (Cytoscape tests device pixels)', () => {
    const min = (ratio: number) =>
      (graphStyle({ pixelRatio: ratio }) as unknown as Block[]).find(
        (b) => b.selector === 'edge.unknown-magnitude'
      )!.style['min-zoomed-font-size'] as number;
    expect(min(2)).toBe(2 * min(1));
    expect(min(0.5)).toBe(min(1));
  });

  it('labels only the culled set (short titles), the hovered and the selected (whole titles)', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    cy.add({
      group: 'nodes',
      data: { id: 'a', label: 'Ett långt namn', short: 'Ett…', kind: 'project' }
    });
    const a = cy.$id('a');
    expect(a.style('label')).toBe('');
    a.addClass('labelled');
    expect(a.style('label')).toBe('Ett…');
    a.addClass('hovered');
    expect(a.style('label')).toBe('Ett långt namn');
    expect(a.style('text-wrap')).toBe('wrap');
    cy.destroy();
  });

  it('keeps labels 14 px on screen (16 for hubs) when zoomed out, as a bypass on the labelled', () => {
    expect(labelStyle('project', 0.5)['font-size']! * 0.5).toBe(14);
    expect(labelStyle('municipality', 0.25)['font-size']! * 0.25).toBe(16);
    expect(labelStyle('project', 2)['font-size']).toBe(14);
    expect(block('node')!['font-size']).toBe(14);
    expect(block('node[kind = "network"]')!['font-size']).toBe(16);
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    const a = cy.add({
      group: 'nodes',
      data: { id: 'a', label: 'A', short: 'A', kind: 'project' }
    });
    a.style(labelStyle('project', 0.5));
    expect(a.style('font-size')).toBe('28px');
    expect(a.style('text-max-width')).toBe('480px');
    cy.destroy();
  });

  it('is a stylesheet Cytoscape accepts without warnings and applies as intended', () => {
    const warn = vi.spyOn(console, 'warn');
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    cy.add([
      { group: 'nodes', data: { id: 'a', label: 'A', kind: 'municipality' } },
      { group: 'nodes', data: { id: 'b', label: 'B', kind: 'network' } },
      {
        group: 'edges',
        data: { id: 'f', source: 'a', target: 'b', kind: 'flows_to', width: 7, unknown: false }
      },
      {
        group: 'edges',
        data: { id: 's', source: 'a', target: 'b', kind: 'similar_to', width: 2, unknown: false }
      },
      {
        group: 'edges',
        data: { id: 'u', source: 'b', target: 'a', kind: 'flows_to', width: 1.5, unknown: true },
        classes: 'unknown-magnitude'
      },
      {
        group: 'edges',
        data: { id: 'o', source: 'a', target: 'b', weight: 4, width: 6, label: '4' },
        classes: 'overlap'
      }
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(cy.$id('a').style('shape')).toBe('hexagon');
    expect(cy.$id('a').style('background-color')).toBe(rgb(NODE_APPEARANCE.municipality.color));
    expect(cy.$id('f').style('width')).toBe('7px');
    expect(cy.$id('s').style('line-style')).toBe('dashed');
    expect(cy.$id('u').style('label')).toBe('?');
    expect(cy.$id('o').style('line-color')).toBe(rgb(OVERLAP_APPEARANCE.color));
    expect(cy.$id('o').style('width')).toBe('6px');
    expect(cy.$id('o').style('label')).toBe('4');
    expect(cy.$id('o').style('target-arrow-shape')).toBe('none');
    expect(Number(cy.$id('o').style('opacity'))).toBe(OVERLAP_APPEARANCE.opacity);
    cy.$id('o').addClass('dimmed'); // dimming wins over the overlay's own opacity
    expect(Number(cy.$id('o').style('opacity'))).toBe(HIGHLIGHT.dimmedOpacity);
    cy.$id('f').addClass('selected');
    expect(cy.$id('f').style('line-color')).toBe(rgb(HIGHLIGHT.selected));
    cy.$id('b').addClass('hidden');
    expect(cy.$id('b').style('display')).toBe('none');
    cy.destroy();
  });

  it('draws a large graph with straight, arrowless edges and keeps the highlight', () => {
    const warn = vi.spyOn(console, 'warn');
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: graphStyle({ large: true })
    });
    cy.add([
      { group: 'nodes', data: { id: 'a', label: 'A', kind: 'municipality' } },
      { group: 'nodes', data: { id: 'b', label: 'B', kind: 'network' } },
      {
        group: 'edges',
        data: { id: 'f', source: 'a', target: 'b', kind: 'flows_to', width: 7, unknown: false }
      }
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(cy.$id('f').style('curve-style')).toBe('haystack');
    expect(cy.$id('f').style('target-arrow-shape')).toBe('none');
    expect(cy.$id('f').style('line-color')).toBe(rgb(RELATION_APPEARANCE.flows_to.color));
    cy.$id('f').addClass('selected');
    expect(cy.$id('f').style('line-color')).toBe(rgb(HIGHLIGHT.selected));
    expect(block('edge')!['curve-style']).toBe('bezier'); // the default stays as it was
    cy.destroy();
  });
});
