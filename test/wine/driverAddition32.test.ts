/**
 * Add driver for 32-bit (x86) DLLs under Wine with wine32, through the real
 * CLI and contract: the file goes into SysWOW64 and the 32-bit view, is told
 * DRV_INSTALL by the 32-bit host (a 12-byte DRVCONFIGINFO), its alias is
 * suggested against the 32-bit view's aliases, a --view that disagrees with
 * the file is refused before anything is written, a cancel takes everything
 * back, and Undo leaves every registration and file as it was. The x64 side
 * of each is test/wine/driverChanges.test.ts.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Addition, ChosenDriverFile } from '../../app/changes';
import type { ProbeResult } from '../../app/drivers';
import { DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { registrationSnapshot, valueKey } from './registrySnapshot';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench } from './wineBench';

const system32 = join(driveC, 'windows', 'system32');
const syswow64 = join(driveC, 'windows', 'syswow64');
const incoming = join(driveC, 'incoming32');
/** An alias the 32-bit view has and the 64-bit one does not: a suggestion for fx32taken.acm must pass it over in that view only. */
const taken32 = { 'msacm.fx32taken': 'fixture.dll name=fx.taken32 query=0' };
/** The files the tests add. */
const addedFiles = ['fx32new.acm', 'fx32wrong.acm', 'fx64wrong.acm', 'fx32taken.acm', 'fx32clash.acm', 'fx32can.dll', 'fx32app.acm'];

describe('adding a 32-bit driver', () => {
  let bench: Bench;
  const log = new FixtureLog(join(driveC, 'addition32-fixture-log.jsonl'));
  const cliState = join(driveC, 'addition32-cli-state');
  let original: Record<string, string>;

  const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, bench.env);
  const cliEnv = (): NodeJS.ProcessEnv => ({ ...bench.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(cliState) });
  const cli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> => runCli({ ...cliEnv(), ...env }, [...args, '--json']);
  const error = (run: CliRun): { code: string; message: string } => (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
  /** A copy of the fixture's x86 (or x64) build where a person would have it. */
  const planted = (name: string, from = syswow64): string => {
    mkdirSync(incoming, { recursive: true });
    copyFileSync(join(from, 'fixture.dll'), join(incoming, name));
    return `C:\\incoming32\\${name}`;
  };
  const undoAll = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      const run = await cli({}, 'undo');
      assert.equal(run.status, 0, run.stdout + run.stderr);
    }
  };

  before(async () => {
    bench = await startBench();
    rmSync(cliState, { recursive: true, force: true });
    // A run that failed half-way may have left its copies: each test starts with none.
    for (const name of addedFiles) for (const folder of [syswow64, system32]) rmSync(join(folder, name), { force: true });
    registerFixtures(testPrefix, bench.env, {}, taken32);
    original = snapshot();
  });
  after(() => {
    // The next suites find the fixtures as registered, whatever happened here.
    registerFixtures(testPrefix, bench.env);
    bench.stop();
  });
  beforeEach(() => log.clear());

  it('copies an x86 DLL into SysWOW64, registers it in the 32-bit view, installs it in the 32-bit host; probe finds it there, remove needs --view 32, undo takes it all back', async () => {
    const added = await cli({}, 'add', planted('fx32new.acm'));
    assert.equal(added.status, 0, added.stdout + added.stderr);
    const addition = JSON.parse(added.stdout) as Addition;
    assert.deepEqual(
      [addition.alias, addition.view, addition.path.toLowerCase(), addition.copied, addition.driverAnswer],
      ['msacm.fx32new', '32-bit', 'c:\\windows\\syswow64\\fx32new.acm', true, { result: 'ok', raw: '1' }],
    );
    assert.match(addition.note, /^Add msacm\.fx32new \(32-bit\): copy C:\\incoming32\\fx32new\.acm to C:\\windows\\syswow64\\fx32new\.acm, register fx32new\.acm in Drivers32;/i);
    assert.deepEqual(readFileSync(join(syswow64, 'fx32new.acm')), readFileSync(join(incoming, 'fx32new.acm')), 'the file was copied unchanged');
    assert.ok(!existsSync(join(system32, 'fx32new.acm')), 'nothing went into System32');
    const after = snapshot();
    assert.equal(after[valueKey('32-bit', '', 'msacm.fx32new')], 'REG_SZ:"fx32new.acm\\u0000"', 'registered in the 32-bit view by its bare file name');
    assert.equal(after[valueKey('64-bit', '', 'msacm.fx32new')], undefined, 'and not in the 64-bit view');
    const install = log.lines().find((l) => l.msg === DRV_INSTALL);
    assert.deepEqual(install?.dci, { size: 12, section: 'Drivers32', alias: 'msacm.fx32new' }, "DRVCONFIGINFO in the 32-bit host's layout");
    // A 32-bit process names SysWOW64 "system32" (file system redirection); the file is not in the real System32 (above).
    assert.deepEqual([...new Set(log.loadedModules())], ['c:/windows/system32/fx32new.acm'], 'the 32-bit host loaded it');

    // Without --view, probe takes the 32-bit registration when the 64-bit view has none.
    const probe = await cli({}, 'probe', 'msacm.fx32new');
    assert.equal(probe.status, 0, probe.stdout + probe.stderr);
    const probed = JSON.parse(probe.stdout) as ProbeResult;
    assert.equal(probed.loadedPath?.toLowerCase(), 'c:\\windows\\syswow64\\fx32new.acm', 'loaded from SysWOW64, as a 64-bit process names it');
    const wrongView = await cli({}, 'remove', 'msacm.fx32new');
    assert.equal(wrongView.status, 3, wrongView.stdout + wrongView.stderr);
    assert.match(error(wrongView).message, /^No driver registered as "msacm\.fx32new" in the 64-bit view\. It is in the 32-bit view: name that view \(CLI: --view 32\)\.$/);
    const removed = await cli({}, 'remove', 'msacm.fx32new', '--view', '32');
    assert.equal(removed.status, 0, removed.stdout + removed.stderr);
    assert.ok(log.lines().some((l) => l.msg === DRV_REMOVE), 'its only registration was told it is removed');

    await undoAll(2);
    assert.deepEqual(snapshot(), original);
    assert.ok(!existsSync(join(syswow64, 'fx32new.acm')), 'the copied file is gone');
  });

  it('refuses a --view that disagrees with the file, naming both, and writes nothing', async () => {
    const x86 = await cli({}, 'add', planted('fx32wrong.acm'), '--view', '64');
    assert.equal(x86.status, 2, x86.stdout + x86.stderr);
    assert.equal(error(x86).code, 'invalid-request');
    assert.match(error(x86).message, /fx32wrong\.acm is a 32-bit \(x86\) driver; --view 64 asks for a 64-bit \(x64\) driver\. Nothing was changed\./);
    const x64 = await cli({}, 'add', planted('fx64wrong.acm', system32), '--view', '32');
    assert.equal(x64.status, 2, x64.stdout + x64.stderr);
    assert.match(error(x64).message, /fx64wrong\.acm is a 64-bit \(x64\) driver; --view 32 asks for a 32-bit \(x86\) driver/);
    assert.deepEqual(snapshot(), original);
    assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
    assert.ok(!existsSync(join(syswow64, 'fx32wrong.acm')) && !existsSync(join(system32, 'fx64wrong.acm')), 'nothing was copied');
  });

  it("suggests the alias against the aliases of the file's own view: an x86 file passes over the 32-bit view's taken alias, an x64 one of the same name does not", async () => {
    const x86 = await cli({}, 'add', planted('fx32taken.acm'), '--view', '32');
    assert.equal(x86.status, 0, x86.stdout + x86.stderr);
    assert.deepEqual([(JSON.parse(x86.stdout) as Addition).alias, (JSON.parse(x86.stdout) as Addition).view], ['msacm.fx32taken2', '32-bit']);
    await undoAll(1);
    mkdirSync(join(incoming, 'x64'), { recursive: true });
    copyFileSync(join(system32, 'fixture.dll'), join(incoming, 'x64', 'fx32taken.acm'));
    const x64 = await cli({}, 'add', 'C:\\incoming32\\x64\\fx32taken.acm');
    assert.equal(x64.status, 0, x64.stdout + x64.stderr);
    assert.deepEqual([(JSON.parse(x64.stdout) as Addition).alias, (JSON.parse(x64.stdout) as Addition).path.toLowerCase()], ['msacm.fx32taken', 'c:\\windows\\system32\\fx32taken.acm']);
    await undoAll(1);
    const clash = await cli({}, 'add', planted('fx32clash.acm'), '--alias', 'msacm.fx32taken');
    assert.equal(clash.status, 1, clash.stdout + clash.stderr);
    assert.equal(error(clash).code, 'change-conflict');
    assert.match(error(clash).message, /msacm\.fx32taken is already registered in the 32-bit view/);
    assert.deepEqual(snapshot(), original);
    assert.ok(!existsSync(join(syswow64, 'fx32taken.acm')) && !existsSync(join(system32, 'fx32taken.acm')));
  });

  it('takes everything back when the 32-bit driver cancels DRV_INSTALL', async () => {
    const run = await cli({ FIXTURE_DRIVER_DEFAULTS: 'install=0' }, 'add', planted('fx32can.dll'), '--kind', 'wave');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const addition = JSON.parse(run.stdout) as Addition;
    assert.deepEqual([addition.added, addition.view, addition.change], [false, '32-bit', null]);
    assert.match(addition.note, /cancelled its installation.*nothing was added/);
    assert.deepEqual(snapshot(), original);
    assert.ok(!existsSync(join(syswow64, 'fx32can.dll')));
  });

  it('in the app, the chosen file says which view and folder it goes into, and is added there', async () => {
    const app = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path) });
    try {
      writeFileSync(join(app.dialogsDir, 'open.txt'), planted('fx32app.acm'));
      const chosen = await app.client.call('chooseDriverFile', {});
      assert.ok(chosen.ok && chosen.value.file, JSON.stringify(chosen));
      const file: ChosenDriverFile = chosen.value.file;
      assert.deepEqual([file.problem, file.view, file.destination?.toLowerCase()], [null, '32-bit', 'c:\\windows\\syswow64\\fx32app.acm']);
      const reply = await app.client.call('addDriver', { path: file.path });
      assert.ok(reply.ok, JSON.stringify(reply));
      assert.deepEqual([reply.value.alias, reply.value.view, reply.value.path.toLowerCase()], ['msacm.fx32app', '32-bit', 'c:\\windows\\syswow64\\fx32app.acm']);
      const undone = await app.client.call('undoChange', {});
      assert.ok(undone.ok, JSON.stringify(undone));
    } finally {
      await app.stop();
    }
    assert.deepEqual(snapshot(), original);
    assert.ok(!existsSync(join(syswow64, 'fx32app.acm')));
  });
});
