import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The Electron glue: the only code that may import Electron (preload/ is glue as a whole). */
const electronGlue = 'main/electron/**';
const electronModules = ['electron', 'electron/main', 'electron/renderer', 'electron/common', 'electron-log/main', 'electron-log/renderer', 'electron-log/preload'];

/**
 * Idioms that belong to one module each, or for the rights check to the few
 * places that apply it. no-restricted-syntax takes one list per file (a later
 * config replaces an earlier one's), so each owner gets every selector but its own.
 */
const ownedIdioms = [
  {
    owners: ['app/errorText.ts'],
    inTests: true,
    selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error']",
    message: 'Use errorText or errorTrace from app/errorText.ts.',
  },
  {
    owners: ['app/views.ts'],
    inTests: false,
    selector: 'Literal[value=/^(?:64|32)-bit$/i]',
    message: 'Use NATIVE_VIEW, WOW64_VIEW or registryViews from app/views.ts.',
  },
  {
    owners: ['app/integerRange.ts'],
    inTests: false,
    selector: ":matches(BinaryExpression[operator='**'][right.bigint=/^(?:31|32|63|64)$/], Literal[raw=/^0xffff_?ffffn?$/i])",
    message: 'Use the bounds in app/integerRange.ts.',
  },
  {
    owners: ['app/aliases.ts'],
    inTests: false,
    selector: "BinaryExpression[right.name='MAX_ALIAS_LENGTH']",
    message: 'Use aliasProblem or checkAliasShape from app/aliases.ts.',
  },
  {
    owners: ['scripts/wineRegistry.ts'],
    inTests: true,
    selector: "ArrayExpression[elements.0.value=/^(?:reg|regedit)$/i]",
    message: 'With wine32 installed, Wine\'s reg and regedit write the 32-bit view unless told: use wineReg from scripts/wineRegistry.ts, which names the view.',
  },
  {
    owners: ['main/contract/contractHandlers.ts', 'main/cli/cli.ts', 'renderer/components/AdminGate.tsx'],
    inTests: false,
    selector: "CallExpression[callee.name='elevationProblem']",
    message: 'Rights are checked once per front end: in dispatch (main/contract/contractHandlers.ts) and in main/cli/cli.ts; a button needing them goes in AdminGate.',
  },
];

const ownerFiles = [...new Set(ownedIdioms.flatMap((idiom) => idiom.owners))];

const restrictedSyntax = (idioms) => ['error', ...idioms.map(({ selector, message }) => ({ selector, message }))];

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
  // One owner per rule: each idiom below is written only in the module that owns it.
  { files: ['**/*.ts', '**/*.tsx'], rules: { 'no-restricted-syntax': restrictedSyntax(ownedIdioms) } },
  // Tests state the views and bounds themselves, as what the code must agree with.
  { files: ['test/**/*.ts', 'test/**/*.tsx'], rules: { 'no-restricted-syntax': restrictedSyntax(ownedIdioms.filter((idiom) => idiom.inTests)) } },
  ...ownerFiles.map((file) => ({
    files: [file],
    rules: { 'no-restricted-syntax': restrictedSyntax(ownedIdioms.filter((idiom) => !idiom.owners.includes(file))) },
  })),
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
