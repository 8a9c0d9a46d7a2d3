// @ts-check
// relations.yaml: the relations between the nodes, by node key.
import { isRelationKind, isSymmetricRelationKind } from '../../src/lib/domain/kinds.js';
import { isWithin, MAX_LENGTH, RANGE } from '../../src/lib/domain/limits.js';
import { asItemList, ItemContext } from './checks.js';
import { parseYamlFile } from './sources.js';

/** @typedef {import('./types.js').SeedRelation} SeedRelation */

/**
 * @param {import('./types.js').SeedSources} sources
 * @param {string[]} errors
 * @param {Set<string>} themeKeys
 * @param {Map<string, string>} nodeFiles  the node keys (→ their files)
 * @returns {SeedRelation[]}
 */
export function validateRelations(sources, errors, themeKeys, nodeFiles) {
  /** @type {SeedRelation[]} */
  const relations = [];
  /** @type {Set<string>} */
  const relationKeys = new Set();
  asItemList(parseYamlFile(sources, 'relations.yaml', errors), 'relations.yaml', errors).forEach(
    (item, i) => {
      const c = new ItemContext(
        errors,
        `relations.yaml: item ${i + 1} (${String(item.from)} ${String(item.kind)} ${String(item.to)})`,
        item
      );
      c.onlyKeys([
        'from',
        'to',
        'kind',
        'magnitude',
        'unit',
        'year',
        'score',
        'themes',
        'note',
        'source'
      ]);
      const from = c.requiredString('from');
      const to = c.requiredString('to');
      const kind = c.requiredString('kind');
      if (from && !nodeFiles.has(from)) c.error(`unknown node "${from}" in "from"`);
      if (to && !nodeFiles.has(to)) c.error(`unknown node "${to}" in "to"`);
      if (from && from === to) c.error('a relation cannot connect a node to itself');
      if (kind && !isRelationKind(kind)) c.error(`unknown relation kind "${kind}"`);
      const [a, b] = isSymmetricRelationKind(kind) && to < from ? [to, from] : [from, to];
      const key = `${a}--${kind}--${b}`;
      if (relationKeys.has(key)) c.error(`duplicate relation ${from} ${kind} ${to}`);
      relationKeys.add(key);
      const magnitude = c.optionalNumber('magnitude');
      if (magnitude !== null && !isWithin(magnitude, RANGE.relations.magnitude)) {
        c.error(`"magnitude" must be ≥ ${RANGE.relations.magnitude.min}`);
      }
      const unit = c.optionalString('unit');
      if (unit !== null && unit.length > MAX_LENGTH.relations.unit) {
        c.error(`"unit" is longer than ${MAX_LENGTH.relations.unit} characters`);
      }
      const year = c.optionalNumber('year');
      const years = RANGE.relations.year;
      if (year !== null && (!Number.isInteger(year) || !isWithin(year, years))) {
        c.error(`"year" must be an integer between ${years.min} and ${years.max}`);
      }
      const score = c.optionalNumber('score');
      if (score !== null && !isWithin(score, RANGE.relations.score)) {
        c.error(
          `"score" must be between ${RANGE.relations.score.min} and ${RANGE.relations.score.max}`
        );
      }
      relations.push({
        key,
        from,
        to,
        kind,
        magnitude,
        unit,
        year,
        score,
        themes: c.themes('themes', themeKeys),
        note: c.optionalString('note') ?? '',
        source: c.requiredString('source')
      });
    }
  );
  return relations;
}
