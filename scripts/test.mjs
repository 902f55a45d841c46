// Runs the *.test.ts files under the given files or folders (default: test/)
// with Node's test runner, one file at a time: the Wine suites share one
// prefix and wineserver. Folders are expanded here because Windows shells do
// not expand globs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Every suite (a file's describe) and every test outside one fails after this
 * long, naming itself, instead of hanging the run: the longest suite takes
 * about two minutes here.
 */
const SUITE_TIME_LIMIT_MS = 6 * 60_000;

const targets = process.argv.length > 2 ? process.argv.slice(2) : ['test'];
const files = targets.flatMap((t) => (statSync(t).isDirectory() ? find(t).sort() : [t]));
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    '--test-concurrency=1',
    `--test-timeout=${SUITE_TIME_LIMIT_MS}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./test/summaryReporter.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
