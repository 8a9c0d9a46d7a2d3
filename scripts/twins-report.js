// @ts-check
// Prints every county municipality's top three twins under the default settings,
// from the seeded indicators (supabase/seed-data) and the app's own pure module
// (src/lib/analysis/twins.ts, transpiled in memory with TypeScript: it imports
// types only, and Node cannot run TypeScript).
//   node scripts/twins-report.js [euclidean|cosine]
import { readFile } from 'node:fs/promises';
import ts from 'typescript';
import { readSeedSources } from './seed/sources.js';
import { validateSeed } from './seed/validate.js';

const source = await readFile(new URL('../src/lib/analysis/twins.ts', import.meta.url), 'utf8');
const { outputText } = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
});
const twins = await import(
  `data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`
);
const { seed, errors } = validateSeed(await readSeedSources());
if (!seed) throw new Error(errors.join('\n'));
/** @type {Map<string, string>} */
const names = new Map(
  seed.nodes.flatMap((n) =>
    n.kind === 'municipality' && n.municipality_code ? [[n.municipality_code, n.title]] : []
  )
);
const name = (/** @type {string} */ code) => names.get(code) ?? code;
const metric = process.argv[2] ?? twins.DEFAULT_TWIN_SETTINGS.metric;
const settings = { ...twins.DEFAULT_TWIN_SETTINGS, metric };
const table = twins.standardise(seed.indicators, [...names.keys()], settings);
console.log(
  `${metric}: ${table.indicators.map((/** @type {{ key: string, weight: number, year: string }} */ i) => `${i.key} ×${i.weight} (${i.year})`).join(', ')}`
);
for (const code of [...names.keys()].sort((a, b) => name(a).localeCompare(name(b), 'sv'))) {
  const top = twins.rankTwins(table, code, metric).slice(0, 3);
  const list = top.map((/** @type {any} */ t) => {
    const why = t.contributions
      .map((/** @type {any} */ c) => `${Math.round((c.share ?? 0) * 100)}%`)
      .join('/');
    return `${name(t.code)} ${t.distance.toFixed(2)} [${why}; ${name(code)} is its #${twins.rankIn(table, t.code, code, metric)}]`;
  });
  console.log(`${name(code)}: ${list.join(', ')}`);
}
