/**
 * The layout's rules, checked by test/unit/layout.test.ts: folders that import
 * each other, or a lower layer reaching up, would make the folder list lie
 * about where code runs and who owns what.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders that import each other are one module in two places.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment: 'A cycle through a type-only import does not exist at run time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'win32-is-the-bottom',
      comment: 'The Win32 bindings import only each other and the process-independent core.',
      severity: 'error',
      from: { path: '^main/win32/' },
      to: { path: '^(main|bench|renderer|preload)/', pathNot: '^main/win32/' },
    },
    {
      name: 'app-is-process-independent',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^(main|bench|renderer|preload)/' },
    },
    {
      name: 'host-process-stands-alone',
      comment: 'The driver host loads drivers and nothing of the panel: only the host protocol, the Win32 bindings and the core.',
      severity: 'error',
      from: { path: '^main/host/process/' },
      to: { path: '^(main|bench)/', pathNot: '^main/(host/process/|host/[^/]+\\.ts$|win32/)' },
    },
    {
      name: 'supervisor-is-not-the-host',
      severity: 'error',
      from: { path: '^main/host/supervisor/' },
      to: { path: '^main/host/process/' },
    },
    {
      name: 'nothing-ships-the-bench',
      comment: 'The installer carries the panel, not the test bench.',
      severity: 'error',
      from: { path: '^(main|app|renderer|preload)/' },
      to: { path: '^(bench|test)/' },
    },
    {
      name: 'renderer-reaches-main-only-through-the-contract',
      severity: 'error',
      from: { path: '^(renderer|preload)/' },
      to: { path: '^main/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test)/' },
  },
};
