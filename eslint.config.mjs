// ESLint (flat config): typescript-eslint's type-checked rules over every workspace's src and test,
// plus the house rules that the compiler cannot see: no import cycles, the workflow sandbox's
// imports, and the environment read only by packages/config and scripts/.
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'querystring', 'readline', 'stream', 'timers', 'tls', 'tty',
  'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tools/**', 'coverage/**', 'openapi/**', 'test/clients/ts/**', 'test/go-caller/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./apps/*/tsconfig.json', './packages/*/tsconfig.json', './scripts/*/tsconfig.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts'], 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `typeof import('…')` types the lazy requires of optional modules (tracing).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Update and call failures are rethrown as the door mapped them (an ApiError, or the SDK's own error).
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      // Detecting NUL and other control characters is the point of the storable-text and token rules.
      'no-control-regex': 'off',
      // Errors are translated into ours on purpose (ApplicationFailure types, ApiError codes, ConfigError).
      'preserve-caught-error': 'off',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Fastify plugins and Temporal activities are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['apps/*/src/**', 'packages/*/src/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @gotrs/config (packages/config is the only code that reads the environment).' }],
    },
  },
  {
    files: ['packages/config/src/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests read JSON bodies and mocks loosely (`any` from inject().json()), and hand the environment to
    // the child processes they start.
    files: ['apps/*/test/**', 'packages/*/test/**', 'scripts/*/test/**', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // PostgreSQL rows come back untyped from pg; sla-store maps them field by field.
    files: ['packages/db/src/sla-store.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // Tooling (make dev, the Jest global setup, benchmarks), owned with other work: these rules are to be
    // tightened there. The type-checked rules above still apply.
    files: ['scripts/**'],
    rules: {
      'prefer-const': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The Temporal workflow sandbox: deterministic code only (the bundle test enforces it too).
    files: ['apps/worker/src/workflows/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...NODE_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'Node built-ins are not available in the workflow sandbox.' })),
          { name: 'pg', message: 'Workflows reach PostgreSQL through activities only.' },
          { name: '@gotrs/db', message: 'Workflows reach PostgreSQL through activities only.' },
          { name: '@temporalio/client', allowTypeImports: true, message: 'Workflows use @temporalio/workflow; the client is not available in the sandbox.' },
          { name: '@temporalio/worker', allowTypeImports: true, message: 'Workflows use @temporalio/workflow; the worker is not available in the sandbox.' },
          { name: '@temporalio/activity', allowTypeImports: true, message: 'Workflows use @temporalio/workflow; activity code runs outside the sandbox.' },
        ],
      }],
    },
  },
);
