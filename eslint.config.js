// ESLint (flat config) with typescript-eslint. `npm test` runs it (through `npm run lint`), so CI
// enforces it. Besides the recommended rules it encodes the house rules of CONTRIBUTING.md:
// the layers' one-way imports, no Node built-in under the browser entry, no Math.random in the
// library (all randomness flows from the seeded Rng), no `any`. test/architecture.test.ts checks the
// import rules on the whole import graph as well.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'url',
  'crypto',
  'zlib',
  'worker_threads',
  'child_process',
  'module',
  'stream',
  'events',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'viz/dist/', 'docs/api/', 'out/', 'bench/out/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `!` is allowed where an invariant nearby justifies it (see CONTRIBUTING.md)
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Prettier wraps code at 140; long strings and URLs may run over, comments may not
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // the library: deterministic, and the browser-safe part imports no Node built-in and nothing of the Node layer or the faces
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the seeded Rng (src/util/rng.ts) with a named substream' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'the browser-safe library imports no Node built-in: put it in src/node/' },
            {
              group: ['**/node/*', '**/node/**', '**/cli/*', '**/cli/**'],
              message: 'the library does not import the Node layer or the CLI',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the seeded Rng (src/util/rng.ts) with a named substream' },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/*', '**/cli/**'], message: 'the Node layer does not import the CLI' }] },
      ],
    },
  },
  {
    // the CLI is a face: it reaches the library only through the Node entry
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)?(model|io|metrics|scenario|batch|report|util|samples)/',
              message: "the CLI imports the library only through '../node/index.js' (helixlab/node)",
            },
            {
              regex: '^\\.\\./(\\.\\./)?node/(?!index\\.js$)',
              message: "the CLI imports the library only through '../node/index.js' (helixlab/node)",
            },
            { regex: '^\\.\\./(\\.\\./)?index\\.js$', message: "the CLI imports '../node/index.js' (it re-exports the browser entry)" },
          ],
        },
      ],
    },
  },
  {
    // the browser app is a face: it reaches the library only through the browser entry
    files: ['viz/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/', message: "the app imports the library only as 'helixlab' (the browser-safe entry)" },
            { group: NODE_BUILTINS, message: 'the browser app imports no Node built-in' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // browser tests and benches: callbacks that run inside the page
    files: ['bench/viz.mjs', 'test/e2e-*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
