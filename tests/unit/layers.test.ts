// The layers of src/lib hold as declared: every folder is in the one table
// (eslint.layers.js), the ESLint rules made from it refuse exactly the imports the
// table forbids (in both the `$lib/…` and the `../…` form), and docs/CONTRACTS.md
// lists the same layers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, LIB_FOLDERS, layerConfigs, layerOf, mayImport } from '../../eslint.layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const linter = new Linter({ configType: 'flat', cwd: root });
const configs = layerConfigs();

/** The messages ESLint gives for one import of `source` in the file at `path`. */
function lint(path: string, source: string): string[] {
  const code = `import { x } from '${source}';\nexport { x };\n`;
  return linter.verify(code, configs, { filename: join(root, path) }).map((m) => m.message);
}

/** A file inside `folder` (test-hooks is itself a module at the top of src/lib). */
const fileIn = (folder: string) =>
  folder === 'test-hooks' ? 'src/lib/test-hooks.ts' : `src/lib/${folder}/probe.js`;

/** How `from` names a module of `to`: `$lib/…`, and `../…` where that is the way out of a folder. */
function sources(from: string, to: string): string[] {
  const target = to === 'test-hooks' ? 'test-hooks' : `${to}/probe`;
  return from === 'test-hooks' ? [`$lib/${target}`] : [`$lib/${target}`, `../${target}`];
}

describe('the layers of src/lib', () => {
  it('name every folder and module of src/lib once', () => {
    const entries = readdirSync(join(root, 'src/lib'), { withFileTypes: true })
      .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.ts$/, '')))
      .sort();
    expect([...LIB_FOLDERS].sort()).toEqual(entries);
    expect(new Set(LIB_FOLDERS).size).toBe(LIB_FOLDERS.length);
  });

  it('refuse exactly the imports of a peer or a higher layer', () => {
    for (const from of LIB_FOLDERS) {
      for (const to of LIB_FOLDERS.filter((other) => other !== from)) {
        const allowed = layerOf(to) < layerOf(from);
        expect(mayImport(from).includes(to)).toBe(allowed);
        for (const source of sources(from, to)) {
          const messages = lint(fileIn(from), source);
          expect({ from, source, refused: messages.length > 0 }).toEqual({
            from,
            source,
            refused: !allowed
          });
        }
      }
    }
  });

  it('say what a folder may import when they refuse', () => {
    expect(lint('src/lib/domain/model.js', '$lib/data/client')).toEqual([
      "'$lib/data/client' import is restricted from being used by a pattern. " +
        'domain (layer 2) may import only: i18n, test-hooks, wire from src/lib (docs/CONTRACTS.md, Layers).'
    ]);
    expect(lint('src/lib/graph/positions.js', '../map/placement')).toHaveLength(1);
    expect(lint('src/lib/graph/positions.js', '$lib/geo/placement')).toEqual([]);
  });

  it('keep a folder free to import its own files', () => {
    for (const folder of LIB_FOLDERS.filter((f) => f !== 'test-hooks')) {
      expect(lint(fileIn(folder), './other')).toEqual([]);
    }
  });

  it('keep src/lib from the routes, and src from server/, scripts/ and tests/', () => {
    expect(lint('src/lib/components/probe.js', '../../routes/MapHeading.svelte')).toHaveLength(1);
    for (const outside of ['server/stack.js', 'scripts/layers.js', 'tests/helpers/db']) {
      expect(lint('src/lib/data/probe.js', `../../../${outside}`)).toHaveLength(1);
      expect(lint('src/routes/utforska/probe.js', `../../../${outside}`)).toHaveLength(1);
    }
  });

  it('let a route import $lib and its own folder (and app.css), not another route', () => {
    expect(lint('src/routes/utforska/probe.js', './Workspace.svelte')).toEqual([]);
    expect(lint('src/routes/utforska/probe.js', '$lib/components/MapPageFrame.svelte')).toEqual([]);
    expect(lint('src/routes/utforska/probe.js', '../MapHeading.svelte')).toHaveLength(1);
    expect(lint('src/routes/probe.js', './MapHeading.svelte')).toEqual([]);
    expect(lint('src/routes/+layout.js', '../app.css')).toEqual([]);
  });

  it('keep server/ from src/ (but the wire formats), scripts/ and tests/', () => {
    expect(lint('server/probe.js', './stack.js')).toEqual([]);
    expect(lint('server/database/probe.js', '../../src/lib/domain/model')).toHaveLength(1);
    expect(lint('server/probe.js', '../src/lib/wire/live.js')).toEqual([]);
    expect(lint('server/database/probe.js', '../../src/lib/wire/decode.js')).toEqual([]);
    expect(lint('server/probe.js', '../src/lib/wired/live.js')).toHaveLength(1);
    expect(lint('server/probe.js', '../src/lib/data/live')).toHaveLength(1);
    expect(lint('server/probe.js', '../scripts/generate-seed.js')).toHaveLength(1);
    expect(lint('server/probe.js', '../tests/helpers/db')).toHaveLength(1);
  });

  it('keep the wire formats runnable on plain Node: own files and npm packages only', () => {
    expect(lint('src/lib/wire/probe.js', './decode.js')).toEqual([]);
    expect(lint('src/lib/wire/probe.js', 'zod/mini')).toEqual([]);
    expect(lint('src/lib/wire/probe.js', '$lib/wire/decode.js')).toHaveLength(1);
    expect(lint('src/lib/wire/probe.js', '$app/environment')).toHaveLength(1);
    expect(lint('src/lib/wire/probe.js', '../../app.css')).toHaveLength(1);
  });

  it('are the ones docs/CONTRACTS.md lists', () => {
    const contracts = readFileSync(join(root, 'docs/CONTRACTS.md'), 'utf8');
    const section = contracts.split('## Layers of `src/lib`')[1]?.split('\n## ')[0] ?? '';
    const listed = [
      ...section.matchAll(/^- `([\w-]+)` \(layer (\d+)\) — .* May import: (.+)\.$/gm)
    ];
    expect(
      listed.map(([, name, layer, imports]) => ({ name, layer: Number(layer), imports }))
    ).toEqual(
      LAYERS.flatMap((layer, i) =>
        layer.map((name) => ({
          name,
          layer: i + 1,
          imports: mayImport(name).join(', ') || 'nothing'
        }))
      )
    );
  });
});
