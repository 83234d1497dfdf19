// Lint keeps the process boundaries: renderer/ and shared/ never reach Node or Electron;
// only the Electron shell (electron/main/) and the preload import `electron`; and the plain-Node
// services (electron/core/) import none of the doors (main, preload, bridge, cli).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'os',
    'child_process',
    'crypto',
    'http',
    'https',
    'net',
    'worker_threads',
    'stream',
    'url',
    'util',
  ],
  message: 'renderer/ and shared/ run in the page: no Node built-ins here.',
};
const electronImport = {
  regex: '^electron(/.*)?$',
  message: 'Only the Electron shell (electron/main/) and electron/preload/ may import electron.',
};
const entryPointImport = {
  group: ['**/main/*', '**/main', '**/preload/*', '**/bridge/*', '**/bridge', '**/cli/*', '**/cli'],
  message:
    'electron/core/ is plain Node that every door shares: it imports none of the entry points (main, preload, bridge, cli).',
};

/**
 * A failure thrown away without a word: `.catch(() => undefined)` or `.catch(() => {})` whose
 * result nobody uses (a statement, `await …;`, `void …`). Log it with `bestEffort(log, 'what')`;
 * where ignoring it is right, say why in the disable comment's description.
 */
const silentCatch = (wrapper) =>
  ['Identifier[name="undefined"]', 'BlockStatement[body.length=0]'].map((body) => ({
    selector: `${wrapper} > CallExpression[callee.property.name="catch"][arguments.length=1] > ArrowFunctionExpression.arguments[params.length=0] > ${body}.body`,
    message:
      'A failure swallowed without a word: use bestEffort(log, what) from electron/core/log.ts, or disable this line with the reason ignoring it is right.',
  }));
const silentCatches = [
  'ExpressionStatement',
  'ExpressionStatement > AwaitExpression',
  'ExpressionStatement > AwaitExpression > ChainExpression',
  'UnaryExpression[operator="void"]',
].flatMap(silentCatch);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/artifacts/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electronImport] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**', 'tests/electron/**', 'tests/unit/shell/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport] }] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronImport, entryPointImport] }],
      // Diagnostics go through the one Logger (electron/core/log.ts), which every service is given.
      'no-console': 'error',
      'no-restricted-syntax': ['error', ...silentCatches],
    },
  },
  {
    files: ['electron/core/log.ts'],
    rules: { 'no-console': 'off' },
  },
);
