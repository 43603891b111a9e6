// Lint rules, including the layering rules of ARCHITECTURE.md, enforced rather than remembered.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** Renderer: only types, and only from the contract; never main-process code. */
const rendererImports = {
  patterns: [
    {
      regex: '(^|/)src-main/(?!contract/)',
      message: 'The renderer may import only types from src-main/contract/.',
    },
    {
      regex: '(^|/)src-main/contract/',
      allowTypeImports: true,
      message: 'Import only types from the contract (use `import type`).',
    },
  ],
  paths: [{ name: 'electron', message: 'Only src-main/shell/ may import electron.' }],
};

/** Domain: pure logic, no I/O, no Electron, no other main-process layer. */
const domainImports = {
  paths: [{ name: 'electron', message: 'Only src-main/shell/ may import electron.' }],
  patterns: [
    { regex: '^node:', message: 'src-main/domain is pure: no Node APIs (types only).', allowTypeImports: true },
    {
      regex: `^(${nodeBuiltins.join('|').replace(/\//g, '\\/')})$`,
      message: 'src-main/domain is pure: no Node APIs.',
      allowTypeImports: true,
    },
    {
      regex: '^\\.\\./(accounts|services|ipc|shell|web-host|tcr|sandbox|storage)/',
      message: 'src-main/domain imports nothing but itself and the contract.',
    },
  ],
};

/** Contract: shared by preload, router and renderer, so it imports only zod and itself. */
const contractImports = {
  paths: [{ name: 'electron', message: 'Only src-main/shell/ may import electron.' }],
  patterns: [
    ...domainImports.patterns
      .slice(0, 2)
      .map((p) => ({ ...p, message: 'src-main/contract runs in every process: no Node APIs.' })),
    { regex: '^\\.\\./', message: 'src-main/contract imports only zod and itself.' },
  ],
};

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
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/shell/ may import electron.' }] },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, projectService: true, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-restricted-imports': ['error', rendererImports] },
  },
  {
    files: ['src-main/domain/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', domainImports] },
  },
  {
    files: ['src-main/contract/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', contractImports] },
  },
  {
    files: ['src-main/shell/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
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
    },
  },
);
