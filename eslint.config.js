// Lint rules, including the import rights of every folder (eslint/import-rights.js, described in
// docs/ARCHITECTURE.md), enforced rather than remembered.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers-plugin.js';

const strictFiles = [
  'src-main/**/*.ts',
  'tests/**/*.ts',
  'bench/**/*.ts',
  'src-renderer/**/*.ts',
  'src-renderer/**/*.svelte',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.test-output/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // typescript-eslint's strict type-checked set: the main process, tests and benches.
  // (Its eslint-recommended part keeps its own files: it would turn prefer-const on for Svelte's
  // `let { … } = $props()`.)
  ...tseslint.configs.strictTypeChecked.map((c) =>
    c.name === 'typescript-eslint/eslint-recommended' ? c : { ...c, files: strictFiles },
  ),
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
      globals: { ...globals.node },
    },
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Handlers of the contract are async by signature even when their work is synchronous.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'layers/import-rights': 'error',
      // `() => doSomething()` as a callback is the house style; a returned void is never read.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // noUncheckedIndexedAccess is on: a `!` after an index the code has just bounds-checked says so.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    rules: {
      // `void value;` in an $effect or $derived is how Svelte 5 code says "re-run when this changes".
      '@typescript-eslint/no-meaningless-void-operator': 'off',
    },
    languageOptions: {
      parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      // Tests poll state that callbacks change (`while (!done)`); the type checker cannot see that.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
);
