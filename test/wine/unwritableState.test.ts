/**
 * A state folder the panel may not write, through the real CLI under Wine:
 * the commands that would write there finish at once and name the folder,
 * instead of waiting on the lock as if another process held it. The folder
 * is made immutable (chattr +i): the tests run as root, whom permissions do
 * not stop, and Wine then answers every attempt to create a file or folder
 * in it with ERROR_ACCESS_DENIED, which Node reports as EPERM.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { runCli, type CliRun } from './cliRunner';
import { registerFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

/** Wine's start included, on a machine shared with other suites: the lock used to wait about a minute per write. */
const PROMPT_MS = 15_000;

const stateDir = join(driveC, 'unwritable-state');

function setImmutable(on: boolean): void {
  execFileSync('chattr', [on ? '+i' : '-i', stateDir]);
}

function removeStateDir(): void {
  if (existsSync(stateDir)) setImmutable(false);
  rmSync(stateDir, { recursive: true, force: true });
}

describe('a state folder the panel may not write (64-bit drivers: where state is kept does not depend on the view)', () => {
  let bench: Bench | undefined;

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
    removeStateDir();
    mkdirSync(stateDir);
    setImmutable(true);
  });
  after(() => {
    removeStateDir();
    // disable must have changed nothing; whatever happened, the next suites find the fixtures as registered.
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });

  const cli = (...args: string[]): Promise<CliRun> =>
    runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) }, args);

  function assertPrompt(t: TestContext, run: CliRun): void {
    t.diagnostic(`took ${(run.ms / 1000).toFixed(1)} s, Wine start included`);
    assert.ok(run.ms < PROMPT_MS, `took ${run.ms.toFixed(0)} ms`);
  }

  const namesFolder = `The folder ${windowsPath(stateDir)} cannot be written`;

  /** What the command said about its state, once, naming the folder. */
  function stateNotice(run: CliRun): string {
    const said = `${run.stdout}\n${run.stderr}`;
    const notices = said.split('\n').filter((line) => line.includes('could not save its state file'));
    assert.equal(notices.length, 1, said);
    assert.ok(notices[0]?.includes(namesFolder), said);
    return notices[0] ?? '';
  }

  it('list --refresh probes every driver and says once that its state could not be saved, at once', async (t) => {
    const run = await cli('list', '--refresh');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^fx\.restart\s+\S+\s+64-bit\s+yes \(1\)\s+OK\s/m);
    assertPrompt(t, run);
    t.diagnostic(stateNotice(run));
  });

  it('probe --retry answers, and says its state could not be saved, at once', async (t) => {
    const run = await cli('probe', 'fx.restart', '--retry');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^fx\.restart has a configuration dialog/);
    assertPrompt(t, run);
    stateNotice(run);
  });

  it('disable refuses at once, changing nothing, and names the folder', async (t) => {
    const run = await cli('disable', 'fx.plain', '--json');
    assert.equal(run.status, 1, run.stderr);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    t.diagnostic(error.message);
    assert.equal(error.code, 'write-failed');
    // The journal may be kept in a folder of its own inside the state folder: either is named.
    assert.ok(error.message.startsWith(`The folder ${windowsPath(stateDir)}`) && error.message.includes('cannot be written'), error.message);
    assertPrompt(t, run);
    const listed = await cli('list', '--no-probe');
    assert.match(listed.stdout, /^fx\.plain\s+\S+\s+64-bit\s+\S+\s+OK\s/m, 'fx.plain is still enabled');
  });
});
