import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from '$lib/explorer/filters';
import {
  activeFilterCount,
  filterChips,
  municipalityOptions,
  themeLabel,
  themeOptions,
  toggleValue
} from '$lib/explorer/filter-options';
import { datasetFixture, node, theme } from './fixtures/dataset';

describe('municipalityOptions', () => {
  it('takes the municipality nodes, by name in Swedish order (Ö last)', () => {
    const dataset = datasetFixture();
    dataset.nodes.push(
      node({ id: 'n-ask', kind: 'municipality', title: 'Askersund', municipality_code: '1882' }),
      node({ id: 'n-x', kind: 'organisation', title: 'Aaa skola', municipality_code: '1860' })
    );
    expect(municipalityOptions(dataset)).toEqual([
      { value: '1882', label: 'Askersund' },
      { value: '1814', label: 'Lekeberg' },
      { value: '1880', label: 'Örebro' }
    ]);
    expect(municipalityOptions(null)).toEqual([]);
  });
});

describe('themes', () => {
  const juridik = { ...theme('juridik', 'Juridik', '#8e2c48'), label_en: 'Law', sort_order: 2 };
  const ska = { ...theme('ska', 'Systematiskt kvalitetsarbete', '#123456'), sort_order: 1 };
  const fritids = { ...theme('fritidshem', 'Fritidshem', '#654321'), label_en: ' ', sort_order: 2 };

  it('labels a theme in the reader language, falling back to Swedish', () => {
    expect(themeLabel(juridik, 'en')).toBe('Law');
    expect(themeLabel(juridik, 'sv')).toBe('Juridik');
    expect(themeLabel(fritids, 'en')).toBe('Fritidshem');
  });

  it('orders by sort order, then label, and carries the colour', () => {
    expect(themeOptions([juridik, fritids, ska], 'sv')).toEqual([
      { value: 'ska', label: 'Systematiskt kvalitetsarbete', color: '#123456' },
      { value: 'fritidshem', label: 'Fritidshem', color: '#654321' },
      { value: 'juridik', label: 'Juridik', color: '#8e2c48' }
    ]);
    expect(themeOptions([juridik, fritids], 'en').map((o) => o.label)).toEqual([
      'Fritidshem',
      'Law'
    ]);
  });
});

describe('toggleValue and activeFilterCount', () => {
  it('adds and removes a value without changing the input', () => {
    const values = ['a', 'b'];
    expect(toggleValue(values, 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleValue(values, 'a')).toEqual(['b']);
    expect(values).toEqual(['a', 'b']);
  });

  it('counts each ticked box and a non-blank text', () => {
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_FILTERS, text: '   ' })).toBe(0);
    expect(
      activeFilterCount({
        ...EMPTY_FILTERS,
        themes: ['juridik', 'ska'],
        statuses: ['active'],
        text: 'ulf'
      })
    ).toBe(4);
  });
});

describe('filterChips', () => {
  it('makes one chip per active choice, each removing only itself', () => {
    const filters = {
      ...EMPTY_FILTERS,
      themes: ['juridik', 'ska'],
      statuses: ['active' as const],
      text: '  skola '
    };
    const chips = filterChips(filters);
    expect(chips.map((c) => [c.group, c.value])).toEqual([
      ['themes', 'juridik'],
      ['themes', 'ska'],
      ['statuses', 'active'],
      ['text', 'skola']
    ]);
    expect(chips[0]!.without).toEqual({ themes: ['ska'] });
    expect(chips[2]!.without).toEqual({ statuses: [] });
    expect(chips[3]!.without).toEqual({ text: '' });
    expect(chips).toHaveLength(activeFilterCount(filters));
    expect(filterChips(EMPTY_FILTERS)).toEqual([]);
  });
});
