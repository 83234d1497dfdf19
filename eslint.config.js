// Lint keeps the process boundaries: renderer/ and shared/ never reach Node or Electron,
// and only the thin Electron shell (electron/main/index.ts, electron/main/shell/, the
// preload) may import `electron`.
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
  message:
    'Only the Electron shell (electron/main/index.ts, electron/main/shell/, electron/preload/) may import electron.',
};

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
    ignores: [
      'electron/main/index.ts',
      'electron/main/shell/**',
      'electron/preload/**',
      'tests/electron/**',
      'tests/unit/shell/**',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronImport] }] },
  },
);
