import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The Electron glue: the only code that may import Electron (preload/ is glue as a whole). */
const electronGlue = 'main/electron/**';
const electronModules = ['electron', 'electron/main', 'electron/renderer', 'electron/common', 'electron-log/main', 'electron-log/renderer', 'electron-log/preload'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Arrow shorthands that forward a void call read better than braces.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Contract handlers are async by signature even when the work is synchronous today.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // One owner per rule: a thrown value becomes words in app/errorText.ts only.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['app/errorText.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error']", message: 'Use errorText or errorTrace from app/errorText.ts.' }],
    },
  },
  {
    // node:test's describe/it return promises the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // Electron exists only in the glue: the driver core, the CLI and the bridge run under plain Node.
    files: ['main/**/*.ts', 'main/**/*.tsx', 'bench/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: [electronGlue],
    rules: {
      'no-restricted-imports': ['error', { paths: electronModules.map((name) => ({ name, message: 'Electron belongs in main/electron/; keep this code runnable under plain Node.' })) }],
    },
  },
  {
    // The panel shows no web links; nothing may hand a URL to the shell.
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'shell', property: 'openExternal', message: 'The panel opens no external links.' }] },
  },
  {
    files: ['app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...electronModules, 'koffi'], patterns: ['node:*', '../main/*'] }],
    },
  },
  { files: ['**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
