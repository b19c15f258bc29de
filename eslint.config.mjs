// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, kept modest so the tree
// passes as it is, and the layer rules of the house (README "Layers"), which are the point of it.
//
// Layer rules use ESLint's own `no-restricted-imports` (no plugin to keep up to date). It matches the
// import text, not the resolved file, so the same `../ingest` means a different folder at different
// depths; `layerRules` below therefore writes one override per folder depth, each with the exact
// number of `../` that climbs out of the layer. What a layer may import:
//   core      only core (pure: no node I/O module, no database or HTTP package)
//   contract  only core and zod
//   store     core (and contract types); never ingest, server, web, cli
//   ingest    core and store; never services, server, web, cli
//   services  the use cases (one folder per capability): core, contract, store, ingest; never server, web, cli
//   web       only contract, core and its own files
//   server, cli: the edges, anything
// Test files (`*.test.ts`, test helpers) are consumers that compose layers (a store test may load a
// fixture through the ingest parser), so the layer rules apply to the code under test, not to them.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'contract', 'store', 'ingest', 'services', 'server', 'web', 'cli'];

/** Node modules that do I/O or read the clock's surroundings: not in core or contract. */
const NODE_IO = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'tls',
  'os',
  'cluster',
  'worker_threads',
  'process',
  'readline',
  'stream',
  'crypto',
  'zlib',
  'vm',
  'v8',
  'perf_hooks',
  'timers',
  'timers/promises',
  'async_hooks',
  'inspector',
  'module',
  'repl',
  'tty',
  'url',
  'path',
].flatMap((m) => [m, `node:${m}`]);
/** Packages that mean a database, HTTP or a UI: not in core or contract. */
const EDGE_PACKAGES = ['better-sqlite3', 'pg', 'kysely', 'fastify', 'ws', 'react', 'react-dom', 'exceljs'];

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing.ts', '**/testUtil.ts', '**/*.testutil.ts'];
const MAX_DEPTH = 6;

/**
 * One override per depth of `src/<layer>/…/file`: imports that climb out of the layer into a
 * forbidden one are errors, and so is climbing out of `src` altogether.
 */
function layerRules(layer, forbidden, extra = {}) {
  const why = `layer rule: src/${layer} must not import src/`;
  return Array.from({ length: MAX_DEPTH }, (_, depth) => {
    const up = '\\.\\./'.repeat(depth + 1);
    return {
      name: `callfloor/layers/${layer}/depth-${depth}`,
      files: [`src/${layer}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      ignores: [...TEST_FILES, ...(extra.ignores ?? [])],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: (extra.paths ?? []).map((name) => ({ name, message: extra.pathMessage })),
            patterns: [
              ...forbidden.map((other) => ({ regex: `^${up}${other}(/|$)`, message: `${why}${other} (dependencies point inward).` })),
              { regex: `^${up}\\.\\./`, message: `layer rule: src/${layer} must not import from outside src.` },
            ],
          },
        ],
      },
    };
  });
}

const others = (...allowed) => LAYERS.filter((l) => !allowed.includes(l));

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'lib/**', 'data/**', '.tmp/**', 'src/web/dist/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'callfloor/house',
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // the tree uses `any` at a few seams on purpose (server answers in the web until the typed
      // contract lands, driver rows); seen, not fatal
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `catch {}` with a comment saying why is the house style for "not JSON" and similar
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `ws` has no types here; its imports say so in the comment
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
      // input checks match NUL and other control characters on purpose
      'no-control-regex': 'off',
    },
  },
  {
    name: 'callfloor/tests',
    files: TEST_FILES,
    rules: {
      // event lists built with `id: ++n` leave the last increment unread
      'no-useless-assignment': 'off',
    },
  },
  {
    // the two classic hook rules only (the plugin's React Compiler rules would need a rewrite of the pages)
    name: 'callfloor/web-hooks',
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    name: 'callfloor/node-scripts',
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  ...layerRules('core', others('core'), {
    paths: [...NODE_IO, ...EDGE_PACKAGES],
    pathMessage: 'layer rule: src/core is pure (plain data in and out, no I/O, no clock); do this at an edge and pass the data in.',
  }),
  {
    name: 'callfloor/core/no-clock',
    files: ['src/core/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/core reads no clock: take the time (or a clock function) as a parameter from the edge.' },
        { object: 'performance', property: 'now', message: 'src/core reads no clock: take a clock function as a parameter from the edge.' },
      ],
    },
  },
  ...layerRules('contract', others('contract', 'core'), {
    paths: [...NODE_IO, ...EDGE_PACKAGES],
    pathMessage: 'layer rule: src/contract imports only zod and src/core.',
  }),
  ...layerRules('store', ['ingest', 'services', 'server', 'web', 'cli']),
  ...layerRules('ingest', ['services', 'server', 'web', 'cli']),
  ...layerRules('services', ['server', 'web', 'cli']),
  ...layerRules('web', ['store', 'ingest', 'services', 'server', 'cli'], { ignores: ['src/web/vite.config.ts'] }),
);
