// @ts-check
// The layers of src/lib, bottom first: one table, the only place they are declared.
// A folder (or test-hooks.ts) imports its own files and the folders of LOWER layers
// only, never one on its own layer or above. eslint.config.js turns the table into
// `no-restricted-imports` rules (layerConfigs below); tests/unit/layers.test.ts checks
// those rules and the list in docs/CONTRACTS.md ("Layers of src/lib") against it.

/** @type {readonly (readonly string[])[]} */
export const LAYERS = [
  ['i18n', 'test-hooks', 'wire'],
  ['domain'],
  ['geo'],
  ['data'],
  ['collab', 'explorer'],
  ['analysis', 'workshop'],
  ['io'],
  ['state'],
  ['graph', 'map', 'inventory'],
  ['components']
];

/** Every folder (and module) of src/lib, bottom first. */
export const LIB_FOLDERS = LAYERS.flat();

/** @param {string} folder @returns {number} the folder's layer, 1 at the bottom */
export function layerOf(folder) {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  if (index < 0) throw new Error(`${folder} is not in LAYERS (eslint.layers.js)`);
  return index + 1;
}

/** @param {string} folder @returns {string[]} what it may import from src/lib, bottom first */
export function mayImport(folder) {
  return LAYERS.slice(0, layerOf(folder) - 1).flat();
}

/** An import of one of `names` written `$lib/<name>…` or `../<name>…`. */
const importOf = (/** @type {readonly string[]} */ names) =>
  `^(\\$lib/|(\\.\\./)+)(${names.join('|')})(/|\\.|$)`;

/** src never imports the local stack, the scripts or the tests. */
const OUTSIDE_SRC = {
  regex: '^(\\.\\./)+(server|scripts|tests)(/|$)',
  message: 'src/ does not import server/, scripts/ or tests/ (docs/CONTRACTS.md, Layers).'
};

/**
 * The one part of src the server imports: the wire formats (src/lib/wire), plain
 * JavaScript that Node runs as it is, so it imports its own files and npm packages only.
 */
const SHARED_WITH_SERVER = 'wire';
const NODE_RUNNABLE = {
  regex: '^(\\$|\\.\\./)',
  message:
    'src/lib/wire/ is run by the server on plain Node too: it imports its own files (./…) ' +
    'and npm packages only (docs/CONTRACTS.md, Layers).'
};

/**
 * @param {{ regex: string, message: string }[]} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((pattern) => ({ ...pattern, caseSensitive: true })) }
  ]
});

/** @returns {import('eslint').Linter.Config[]} the import rules for src/, server/ */
export function layerConfigs() {
  const libRules = LIB_FOLDERS.map((folder) => {
    const allowed = mayImport(folder);
    const refused = LIB_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
    return {
      name: `regionkartan/layers/${folder}`,
      files: folder === 'test-hooks' ? ['src/lib/test-hooks.ts'] : [`src/lib/${folder}/**`],
      rules: restrict([
        {
          regex: importOf([...refused, 'routes']),
          message:
            `${folder} (layer ${layerOf(folder)}) may import only: ` +
            `${allowed.join(', ') || 'nothing'} from src/lib (docs/CONTRACTS.md, Layers).`
        },
        OUTSIDE_SRC,
        ...(folder === SHARED_WITH_SERVER ? [NODE_RUNNABLE] : [])
      ])
    };
  });
  return [
    ...libRules,
    {
      name: 'regionkartan/layers/routes',
      files: ['src/routes/**'],
      rules: restrict([
        {
          regex: '^\\.\\./(?!app\\.css$)',
          message:
            'A route imports $lib and its own folder only: what routes share goes to ' +
            '$lib/components (docs/CONTRACTS.md, Layers).'
        }
      ])
    },
    {
      name: 'regionkartan/layers/server',
      files: ['server/**'],
      rules: restrict([
        {
          regex: `^(\\.\\./)+(src(?!/lib/${SHARED_WITH_SERVER}/)|scripts|tests)(/|$)`,
          message:
            'server/ runs on plain Node: it imports nothing from src/ (but the wire formats, ' +
            'src/lib/wire/), scripts/ or tests/ (docs/CONTRACTS.md, Layers).'
        }
      ])
    }
  ];
}
