/** The totals line of the test run, produced by our reporter from real runs of Node's test runner. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const reporter = resolve(import.meta.dirname, '..', 'summaryReporter.mjs');
const work = mkdtempSync(join(tmpdir(), 'reporter-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs one test file through `node --test` with the summary reporter; returns its last line and exit status. */
function totals(name: string, source: string): { line: string; status: number | null } {
  const file = join(work, name);
  writeFileSync(file, `import { after, before, describe, it } from 'node:test';\n${source}`);
  // Without this the child would report to this test run instead of to its reporter.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, file], { encoding: 'utf8', env });
  return { line: run.stdout.trim().split('\n').pop() ?? '', status: run.status };
}

describe('summary reporter', () => {
  it('counts passing, failing and skipped tests', () => {
    const run = totals('plain.test.mjs', "it('a', () => {}); it('b', () => { throw new Error('x'); }); it.skip('c', () => {});");
    assert.deepEqual(run, { line: '1 passed, 1 failed, 1 skipped', status: 1 });
  });

  it('does not count a suite again when only its tests failed', () => {
    const run = totals('suite.test.mjs', "describe('s', () => { it('a', () => {}); it('b', () => { throw new Error('x'); }); });");
    assert.equal(run.line, '1 passed, 1 failed');
  });

  it('counts a failing before hook, whatever happened to the tests', () => {
    const run = totals('before.test.mjs', "describe('s', () => { before(() => { throw new Error('setup'); }); it('a', () => {}); });");
    assert.notEqual(run.status, 0);
    assert.match(run.line, /^\d+ passed, [1-9]\d* failed/);
  });

  it('counts a failing after hook although every test passed', () => {
    const run = totals('after.test.mjs', "describe('s', () => { after(() => { throw new Error('teardown'); }); it('a', () => {}); });");
    assert.notEqual(run.status, 0);
    assert.equal(run.line, '1 passed, 1 failed');
  });

  it('counts a file that does not load', () => {
    const run = totals('broken.test.mjs', "throw new Error('does not load');");
    assert.notEqual(run.status, 0);
    assert.match(run.line, /^0 passed, [1-9]\d* failed/);
  });
});
