// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  { ignores: ['**/out/**', '**/out-tsc/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'test/fixtures/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // Type-aware rules: every .ts file belongs to one of the project's tsconfigs.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['server', 'client', 'test'] })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: ['vscode-languageserver*', 'vscode'].map((group) => ({
            group: [group],
            message: 'The core is pure: no LSP or VS Code imports.',
          })),
        },
      ],
    },
  },
  {
    // Only the core is restricted; the server, client and tests wire it to LSP and VS Code.
    files: ['bench/**/*.ts', 'server/src/lsp/**/*.ts', 'server/src/workspace/**/*.ts', 'server/src/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The client is thin: it imports the core by name (the light parts: link checks, shared lists,
    // the requests it sends the server), never the server's sources, and bundles no parser.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'The client imports the core by name: connect-forge-link-core.' },
            {
              group: ['yaml', 'jsonc-parser'],
              message: 'The client bundles no parser: the server reads manifests and computes edits (the connectForgeLink/* requests).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  // Layout is prettier's (checked by `npm run lint`): no stylistic rule may disagree with it.
  prettier,
);
