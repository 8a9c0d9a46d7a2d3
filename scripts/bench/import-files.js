// @ts-check
// The spreadsheet of a large import, for the import benchmark and the parse
// performance test: n nodes ("Aktör i", four kinds, two themes each, a
// municipality, status, date and position) and n relations "Samverkar med"
// between neighbours, with Swedish headers as Excel users write them.

/**
 * @param {number} n at least 3 (so that the n relations are n different pairs)
 * @param {string[]} themeLabels Swedish labels of the map's themes
 * @returns {{ nodes: (string | number)[][], relations: (string | number)[][] }} header row first
 */
export function importTables(n, themeLabels) {
  const kinds = ['Organisation', 'Nätverk', 'Projekt', 'Resurs'];
  const theme = (/** @type {number} */ i) => themeLabels[i % themeLabels.length] ?? '';
  return {
    nodes: [
      [
        'Namn',
        'Typ',
        'Beskrivning',
        'Teman',
        'Kommunkod',
        'Status',
        'Startdatum',
        'Longitud',
        'Latitud'
      ],
      ...Array.from({ length: n }, (_, i) => [
        `Aktör ${i}`,
        kinds[i % kinds.length] ?? '',
        `Beskrivning av aktör ${i}; med "citat" och åäö`,
        `${theme(i)} | ${theme(i + 3)}`,
        String(1860 + (i % 25)),
        i % 2 ? 'Aktiv' : 'Planerad',
        '2024-01-15',
        14.5 + (i % 100) / 100,
        59 + (i % 100) / 100
      ])
    ],
    relations: [
      ['Från', 'Till', 'Typ', 'Omfattning', 'År'],
      ...Array.from({ length: n }, (_, i) => [
        `Aktör ${i}`,
        `Aktör ${(i + 1) % n}`,
        'Samverkar med',
        i % 50,
        2024
      ])
    ]
  };
}
