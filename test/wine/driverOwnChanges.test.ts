/**
 * Drivers that change registrations themselves, as old drivers do: one that
 * deletes its own registration in DRV_REMOVE, one that rewrites its
 * registration in DRV_INSTALL and then crashes, ones that change another
 * driver's registration in DRV_INSTALL, DRV_REMOVE or DRV_CONFIGURE. Every
 * change is journaled before the driver is called, what the driver changed is
 * found by comparing both views' Drivers32 and system.ini before and after,
 * shown, kept with the change and put back by Undo; a driver that fails or
 * cancels leaves nothing behind. Checked against the test bench's own
 * byte-exact reading of the registrations.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ActionOutcome, Addition, ChangeRecord, Removal } from '../../app/changes';
import type { DriverListing } from '../../app/drivers';
import { DRV_INSTALL } from '../../app/messages';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { registrationSnapshot, valueKey } from './registrySnapshot';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench, type BridgeHost } from './wineBench';

const system32 = join(driveC, 'windows', 'system32');
const drivers32Text = 'HKLM\\\\SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion\\\\Drivers32';

/** Drivers that change registrations; each with a file of its own, so that removing it tells it (DRV_REMOVE). */
const ownChangeFixtures: Record<string, string> = {
  'fx.selfdel': 'fxselfdel.dll name=fx.selfdel query=0 regdel=10 remove=1',
  // Registered in system.ini too (below), so that removing it takes two writes after DRV_REMOVE.
  'fx.twoplaces': 'fxtwoplaces.dll name=fx.twoplaces query=0 remove=1',
  'fx.canceloth': 'fxcanceloth.dll name=fx.canceloth query=0 touch=10 other=fx.plain remove=0',
  'fx.instoth': 'fixture.dll name=fx.instoth query=0 touch=9 other=fx.cancel install=1',
  'fx.confself': 'fixture.dll name=fx.confself query=1 regset=7 configure=1',
};
const ownFiles = ['fxselfdel.dll', 'fxcanceloth.dll', 'fxtwoplaces.dll'];

describe('drivers that change registrations themselves', () => {
  let bench: Bench;
  let host: BridgeHost;
  let original: Record<string, string>;
  const log = new FixtureLog(join(driveC, 'own-changes-log.jsonl'));
  const incoming = join(driveC, 'incoming-own');

  function register(): void {
    registerFixtures(testPrefix, bench.env, ownChangeFixtures);
    for (const name of ownFiles) copyFileSync(join(system32, 'fixture.dll'), join(system32, name));
    const ini = join(driveC, 'windows', 'system.ini');
    writeFileSync(ini, readFileSync(ini, 'latin1').replace('[drivers32]\r\n', '[drivers32]\r\nfx.twoplaces=fxtwoplaces.dll name=fx.twoplaces-from-ini\r\n'), 'latin1');
  }
  const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, bench.env);
  /** The CLI, sharing the app's state folder (and so its change journal). */
  const cli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> =>
    runCli({ ...bench.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(join(host.workDir, 'state')), ...env }, args);
  const planted = (name: string): string => {
    mkdirSync(incoming, { recursive: true });
    copyFileSync(join(system32, 'fixture.dll'), join(incoming, name));
    return `C:\\incoming-own\\${name}`;
  };
  const json = (run: CliRun): unknown => JSON.parse(run.stdout);

  before(async () => {
    bench = await startBench();
    register();
    original = snapshot();
    host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path) });
  });
  after(async () => {
    await host.stop();
    for (const name of ownFiles) rmSync(join(system32, name), { force: true });
    registerFixtures(testPrefix, bench.env);
    rmSync(incoming, { recursive: true, force: true });
    bench.stop();
  });
  beforeEach(() => log.clear());

  it('journals a removal before DRV_REMOVE: a driver that deletes its own registration is removed, and Undo brings the registration back', async () => {
    const run = await cli({}, 'remove', 'fx.selfdel', '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const removal = json(run) as Removal;
    assert.deepEqual([removal.removed, removal.driverAnswer], [true, { result: 'ok', raw: '1' }]);
    assert.deepEqual(removal.change?.byDriver, [`deleted HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.selfdel (64-bit)`]);
    assert.match(removal.note, new RegExp(`fx\\.selfdel itself deleted ${drivers32Text}\\\\fx\\.selfdel \\(64-bit\\)`));
    assert.equal(snapshot()[valueKey('64-bit', '', 'fx.selfdel')], undefined);
    const history = json(await cli({}, 'history', '--json')) as ChangeRecord[];
    assert.equal(history[0]?.id, removal.change.id, 'the removal is in the history');
    const undone = await cli({}, 'undo');
    assert.equal(undone.status, 0, undone.stdout + undone.stderr);
    assert.deepEqual(snapshot(), original, 'the registration the driver deleted is back, byte for byte');
  });

  it('puts back what a driver changed before it cancelled DRV_REMOVE, and says so', async () => {
    const run = await cli({}, 'remove', 'fx.canceloth', '--json');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const removal = json(run) as Removal;
    assert.deepEqual([removal.removed, removal.change], [false, null]);
    assert.match(removal.note, new RegExp(`cancelled its removal.*What fx\\.canceloth had changed itself was put back too: it had changed ${drivers32Text}\\\\fx\\.plain \\(64-bit\\)\\.$`));
    assert.deepEqual(snapshot(), original);
  });

  it('takes an addition back whole when DRV_INSTALL rewrites its registration and then crashes, and reports the crash', async () => {
    const run = await cli({ FIXTURE_DRIVER_DEFAULTS: `name=msacm.fxrewrite regset=${DRV_INSTALL} crash=${DRV_INSTALL}` }, 'add', planted('fxrewrite.acm'), '--json');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const error = (json(run) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'driver-crashed', error.message);
    assert.match(error.message, /Nothing was added: the registration and the copied file were taken back\..*What msacm\.fxrewrite had changed itself was put back too: it had changed .*\\msacm\.fxrewrite \(64-bit\)\.$/);
    assert.deepEqual(log.events().flatMap((e) => (e.event === 'crash' ? [e.msg] : [])), [DRV_INSTALL]);
    assert.deepEqual(snapshot(), original);
    assert.ok(!existsSync(join(system32, 'fxrewrite.acm')), 'the copied file is gone');
    assert.equal((await cli({}, 'probe', 'msacm.fxrewrite', '--retry')).status, 3, 'nothing is registered as msacm.fxrewrite');
  });

  it("records another driver's registration that DRV_INSTALL of an added driver changed, and Undo puts it back", async () => {
    const run = await cli({ FIXTURE_DRIVER_DEFAULTS: `name=msacm.fxtoucher touch=${DRV_INSTALL} other=fx.plain` }, 'add', planted('fxtoucher.acm'), '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const addition = json(run) as Addition;
    assert.deepEqual(addition.change?.byDriver, ['changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.plain (64-bit)']);
    assert.match(addition.note, /msacm\.fxtoucher itself changed .*\\fx\.plain \(64-bit\); msacm\.fxtoucher answered DRV_INSTALL with 1\.$/);
    assert.equal(snapshot()[valueKey('64-bit', '', 'fx.plain')], 'REG_SZ:"fixture.dll name=fx.plain touched-by=msacm.fxtoucher\\u0000"');
    assert.equal((await cli({}, 'undo')).status, 0);
    assert.deepEqual(snapshot(), original, "fx.plain's registration is back as it was");
    assert.ok(!existsSync(join(system32, 'fxtoucher.acm')));
  });

  it('journals what a registered driver changes in DRV_INSTALL and DRV_CONFIGURE, as a change the app shows with Undo', async () => {
    const install = await host.client.call('installDriver', { alias: 'fx.instoth' });
    assert.ok(install.ok, JSON.stringify(install));
    const installed: ActionOutcome = install.value;
    assert.deepEqual([installed.result, installed.change?.kind, installed.change?.byDriver], ['ok', 'install', ['changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.cancel (64-bit)']]);
    assert.equal(installed.change?.summary, `Install fx.instoth (64-bit): fx.instoth itself changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.cancel (64-bit)`);

    const configure = await host.client.call('configureDriver', { alias: 'fx.confself' });
    assert.ok(configure.ok, JSON.stringify(configure));
    assert.deepEqual([configure.value.change?.kind, configure.value.change?.byDriver], ['configure', ['changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.confself (64-bit)']]);
    assert.equal(snapshot()[valueKey('64-bit', '', 'fx.confself')], 'REG_SZ:"fixture.dll name=fx.confself rewritten\\u0000"');

    const plain = await host.client.call('installDriver', { alias: 'fx.plain' });
    assert.ok(plain.ok && plain.value.change === null, 'a driver that changes nothing leaves no change');
    const history = await host.client.call('changeHistory', {});
    assert.ok(history.ok);
    assert.deepEqual(history.value.slice(0, 2).map((c) => c.kind), ['configure', 'install']);
    for (const change of history.value.slice(0, 2)) {
      const undone = await host.client.call('undoChange', { id: change.id });
      assert.ok(undone.ok, JSON.stringify(undone));
    }
    assert.deepEqual(snapshot(), original);
  });

  it('rolls back an addition whose process was ended before DRV_INSTALL answered, and says so', async () => {
    const killed = await cli({ DRIVERS_PANEL_TEST_KILL_AFTER_WRITES: '2', FIXTURE_DRIVER_DEFAULTS: 'name=msacm.fxended' }, 'add', planted('fxended.acm'));
    assert.equal(killed.windowsCode, 9, killed.stdout + killed.stderr);
    assert.ok(existsSync(join(system32, 'fxended.acm')), 'the file had been copied and registered');
    assert.deepEqual(log.lines().filter((l) => l.msg === DRV_INSTALL), [], 'the driver was never told');
    const next = await cli({}, 'list', '--no-probe', '--json');
    const notices = (json(next) as DriverListing).notices.join('\n');
    assert.match(notices, /"Add msacm\.fxended \(64-bit\).*" \(.*\) was interrupted before msacm\.fxended answered DRV_INSTALL\. It was rolled back/);
    assert.ok(!existsSync(join(system32, 'fxended.acm')), 'the copied file is gone again');
    assert.deepEqual(snapshot(), original);
  });

  it('completes a removal whose process was ended after DRV_REMOVE answered, between its two writes: the driver was told', async () => {
    assert.ok(original['system.ini|drivers32|fx.twoplaces'], 'registered in system.ini too');
    const killed = await cli({ DRIVERS_PANEL_TEST_KILL_AFTER_WRITES: '1' }, 'remove', 'fx.twoplaces');
    assert.equal(killed.windowsCode, 9, killed.stdout + killed.stderr);
    assert.deepEqual(log.lines().filter((l) => l.msg === 10).map((l) => l.driver), ['fx.twoplaces'], 'DRV_REMOVE was answered');
    const next = await cli({}, 'list', '--no-probe', '--json');
    assert.match(
      (json(next) as DriverListing).notices.join('\n'),
      /"Remove fx\.twoplaces \(64-bit\): .*" \(.*\) was interrupted after fx\.twoplaces answered DRV_REMOVE, with 1 of 2 writes done\. It was completed/,
    );
    const now = snapshot();
    assert.deepEqual([now[valueKey('64-bit', '', 'fx.twoplaces')], now['system.ini|drivers32|fx.twoplaces']], [undefined, undefined], 'both places are gone');
    assert.equal((await cli({}, 'undo')).status, 0);
    assert.deepEqual(snapshot(), original);
  });

  it('refuses a change while another process has one under way, and makes it once that one is done', async () => {
    const app = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), FIXTURE_DRIVER_DEFAULTS: `name=msacm.fxwait hang=${DRV_INSTALL}` });
    try {
      writeFileSync(join(app.dialogsDir, 'open.txt'), planted('fxwait.acm'));
      const chosen = await app.client.call('chooseDriverFile', {});
      assert.ok(chosen.ok && chosen.value.file?.problem === null, JSON.stringify(chosen));
      const adding = app.client.call('addDriver', { path: chosen.value.file.path, alias: 'msacm.fxwait' });
      while (!log.events().some((e) => e.event === 'hang')) await delay(20);
      const state = { DRIVERS_PANEL_STATE_DIR: windowsPath(join(app.workDir, 'state')) };
      const refused = await cli(state, 'disable', 'fx.plain', '--json');
      assert.equal(refused.status, 1, refused.stdout + refused.stderr);
      const error = (json(refused) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'change-conflict');
      assert.match(error.message, /^Another change is under way: "Add msacm\.fxwait \(64-bit\): .*", started .* by process \d+\. Try again when it is done; nothing was changed\.$/);
      assert.ok((await app.client.call('stopWaiting', { alias: 'msacm.fxwait' })).ok);
      const reply = await adding;
      assert.ok(!reply.ok && reply.error.code === 'stopped-waiting', JSON.stringify(reply));
      const disabled = await cli(state, 'disable', 'fx.plain');
      assert.equal(disabled.status, 0, disabled.stdout + disabled.stderr);
      assert.equal((await cli(state, 'undo')).status, 0);
      assert.deepEqual(snapshot(), original);
    } finally {
      await app.stop();
    }
  });
});

describe('32-bit drivers that change registrations themselves', () => {
  let bench: Bench;
  let host: BridgeHost;
  let original: Record<string, string>;
  const syswow64 = join(driveC, 'windows', 'syswow64');
  // A 32-bit driver's writes to HKLM\SOFTWARE land in the 32-bit view (WOW64 redirects them): the panel must find them there.
  const ownChanges32: Record<string, string> = {
    'fx.selfdel': 'fxselfdel.dll name=fx.selfdel query=0 regdel=10 remove=1',
    'fx.confself': 'fixture.dll name=fx.confself query=1 regset=7 configure=1',
  };
  const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, bench.env);
  const cli = (...args: string[]): Promise<CliRun> => runCli({ ...bench.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(host.workDir, 'state')) }, args);

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, {}, ownChanges32);
    copyFileSync(join(syswow64, 'fixture.dll'), join(syswow64, 'fxselfdel.dll'));
    original = snapshot();
    host = await startBridgeHost(bench);
  });
  after(async () => {
    await host.stop();
    rmSync(join(syswow64, 'fxselfdel.dll'), { force: true });
    registerFixtures(testPrefix, bench.env);
    bench.stop();
  });

  it('journals a removal before DRV_REMOVE: the registration the driver deleted in its own view comes back with Undo', async () => {
    const run = await cli('remove', 'fx.selfdel', '--view', '32', '--json');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const removal = JSON.parse(run.stdout) as Removal;
    assert.deepEqual([removal.removed, removal.driverAnswer], [true, { result: 'ok', raw: '1' }]);
    assert.deepEqual(removal.change?.byDriver, [`deleted HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.selfdel (32-bit)`]);
    assert.equal(snapshot()[valueKey('32-bit', '', 'fx.selfdel')], undefined);
    assert.equal((await cli('undo')).status, 0);
    assert.deepEqual(snapshot(), original, 'back, byte for byte');
  });

  it('journals what a 32-bit driver changes in DRV_CONFIGURE, and Undo puts it back', async () => {
    const configure = await host.client.call('configureDriver', { alias: 'fx.confself', view: '32-bit' });
    assert.ok(configure.ok, JSON.stringify(configure));
    assert.deepEqual([configure.value.change?.kind, configure.value.change?.byDriver], ['configure', ['changed HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\fx.confself (32-bit)']]);
    assert.equal(snapshot()[valueKey('32-bit', '', 'fx.confself')], 'REG_SZ:"fixture.dll name=fx.confself rewritten\\u0000"');
    const undone = await host.client.call('undoChange', {});
    assert.ok(undone.ok, JSON.stringify(undone));
    assert.deepEqual(snapshot(), original);
  });
});
