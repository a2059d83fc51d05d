// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/out/**', '**/out-tsc/**', 'node_modules/**', '.vscode-test/**', 'examples/**', 'test/fixtures/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: ['vscode-languageserver*', 'vscode'].map((group) => ({ group: [group], message: 'The core is pure: no LSP or VS Code imports.' })) }],
    },
  },
  {
    // Only the core is restricted; the server, client and tests wire it to LSP and VS Code.
    files: ['bench/**/*.ts', 'client/**/*.ts', 'server/src/lsp/**/*.ts', 'server/src/workspace/**/*.ts', 'server/src/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
