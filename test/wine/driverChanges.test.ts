/**
 * Remove, disable, enable and undo under Wine, through the real contract and
 * the real CLI, checked against what Wine's reg.exe and system.ini say: a
 * removal tells the driver only when it is the last registration of its file,
 * never loads a driver the panel may not open, and never deletes a file;
 * disabled drivers (the panel's and Autoruns') stay listed; undo restores every
 * value byte for byte; a process killed between two writes is recovered; an
 * addition whose DRV_INSTALL cancels, crashes or hangs leaves nothing behind,
 * and one that asks for a restart is recorded as needing it.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { Addition, ChangeRecord, Removal } from '../../app/changes';
import type { Disabler, DriverEntry, DriverListing, RestartRequirement } from '../../app/drivers';
import { DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures, soloFixtures, unsafeFixtures } from './fixtureRegistry';
import { registrationSnapshot, setRawValue, valueKey } from './registrySnapshot';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench, type BridgeHost } from './wineBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

const system32 = join(driveC, 'windows', 'system32');
const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';

describe('changing driver registrations', () => {
  let bench: Bench;
  let host: BridgeHost;
  const log = new FixtureLog(join(driveC, 'changes-fixture-log.jsonl'));
  const cliState = join(driveC, 'changes-cli-state');
  let original: Record<string, string>;

  function register(): void {
    registerFixtures(testPrefix, bench.env, { ...unsafeFixtures, ...soloFixtures });
    wineReg(bench.env, NATIVE_VIEW, 'add', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns', '/d', 'fixture.dll name=fx.autoruns query=1', '/f');
  }

  before(async () => {
    bench = await startBench();
    register();
    original = registrationSnapshot(testPrefix, bench.env);
    host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path) });
  });
  after(async () => {
    await host.stop();
    // The next suites find the fixtures as registered, whatever happened here.
    register();
    bench.stop();
  });
  beforeEach(() => log.clear());

  async function listing(): Promise<DriverEntry[]> {
    const reply = await host.client.call('listDrivers', {});
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.value.drivers;
  }

  async function remove(alias: string, extra: { view?: '32-bit'; disabledBy?: Disabler } = {}): Promise<Removal> {
    const reply = await host.client.call('removeDriver', { alias, ...extra });
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.value;
  }

  async function undo(id?: string): Promise<ChangeRecord> {
    const reply = await host.client.call('undoChange', id === undefined ? {} : { id });
    assert.ok(reply.ok, JSON.stringify(reply));
    return reply.value.undone;
  }

  function snapshot(): Record<string, string> {
    return registrationSnapshot(testPrefix, bench.env);
  }

  describe('remove, as the Drivers applet did', () => {
    it('tells the last registration of a file (DRV_REMOVE, no parameters), deletes it, keeps the file, and undo puts it back', async () => {
      const removal = await remove('fx.solo');
      assert.deepEqual([removal.removed, removal.driverAnswer, removal.restartRequired], [true, { result: 'restart', raw: '2' }, true]);
      const sent = log.lines().filter((l) => l.msg === DRV_REMOVE);
      assert.deepEqual(sent.map((l) => [l.driver, l.lp1, l.lp2]), [['fx.solo', '0', '0']]);
      assert.equal(snapshot()[valueKey('64-bit', '', 'fx.solo')], undefined, 'the value is gone');
      assert.ok(existsSync(join(system32, 'fxsolo.dll')), 'the driver file stays');
      assert.ok(!(await listing()).some((d) => d.alias === 'fx.solo'), 'the driver is no longer listed');
      const restarts = await host.client.call('restartRequirements', {});
      assert.ok(restarts.ok && restarts.value.some((r) => r.alias === 'fx.solo' && r.action === 'remove'));
      await undo(removal.change?.id);
      assert.deepEqual(snapshot(), original);
    });

    it('keeps the registration when the driver cancels DRV_REMOVE', async () => {
      const removal = await remove('fx.solocancel');
      assert.deepEqual([removal.removed, removal.change, removal.driverAnswer?.raw], [false, null, '0']);
      assert.match(removal.note, /cancelled its removal/);
      assert.deepEqual(snapshot(), original);
    });

    it('does not tell a driver whose file other aliases share, and deletes both its registry value and its system.ini line', async () => {
      const removal = await remove('fx.plain');
      assert.equal(removal.driverAnswer, null);
      assert.match(removal.note, /DRV_REMOVE was not sent: its driver file is also registered as .*fx\.restart/);
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      const now = snapshot();
      const gone = Object.keys(original).filter((k) => !(k in now));
      assert.deepEqual(gone.sort(), [valueKey('64-bit', '', 'fx.plain'), 'system.ini|drivers32|fx.plain'].sort());
      await undo();
      assert.deepEqual(snapshot(), original);
    });

    it('tells the last registration of a file in the 32-bit view, from the 32-bit host, and undo puts it back', async () => {
      const removal = await remove('fx.wow', { view: '32-bit' });
      assert.deepEqual([removal.removed, removal.view, removal.driverAnswer?.result], [true, '32-bit', 'ok']);
      assert.match(removal.note, /^fx\.wow answered DRV_REMOVE with 1\. Remove fx\.wow \(32-bit\)/);
      assert.ok(log.lines().some((l) => l.msg === DRV_REMOVE), 'the driver was told');
      await undo();
      assert.deepEqual(snapshot(), original);
    });

    it('removes registrations the panel may not open without loading anything: a missing file, an unsafe alias, a REG_DWORD', async () => {
      const cases: Array<[string, { view?: '32-bit' }, RegExp]> = [
        ['fx.missing', {}, /not found/],
        ['fxcanary x', {}, /DRV_REMOVE was not sent/],
        ['fx.dword', {}, /REG_DWORD/],
      ];
      const changes: string[] = [];
      for (const [alias, extra, why] of cases) {
        const removal = await remove(alias, extra);
        assert.equal(removal.removed, true, alias);
        assert.match(removal.note, why, alias);
        changes.push(removal.change?.id ?? assert.fail(alias));
      }
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      for (const id of changes.reverse()) await undo(id);
      assert.deepEqual(snapshot(), original);
    });
  });

  describe('disable and enable', () => {
    it('moves the value and the system.ini line aside unchanged; the driver stays listed as disabled and is never opened', async () => {
      assert.ok((await host.client.call('probeDriver', { alias: 'fx.plain' })).ok, 'an answer from before it was disabled');
      log.clear();
      const reply = await host.client.call('disableDriver', { alias: 'fx.plain' });
      assert.ok(reply.ok, JSON.stringify(reply));
      const now = snapshot();
      assert.equal(now[valueKey('64-bit', 'DriversPanelDisabled', 'fx.plain')], original[valueKey('64-bit', '', 'fx.plain')]);
      assert.equal(now['system.ini|drivers32.driverspaneldisabled|fx.plain'], original['system.ini|drivers32|fx.plain']);
      assert.equal(now[valueKey('64-bit', '', 'fx.plain')], undefined);
      const entry = (await listing()).find((d) => d.alias === 'fx.plain');
      assert.deepEqual([entry?.status, entry?.disabledBy, entry?.openable, entry?.probe], ['disabled', 'panel', false, null]);
      await host.client.settled([entry?.id ?? '']);
      assert.equal(host.client.entry(entry?.id ?? '')?.probe, null, 'a disabled driver has no probe answer: it is not loaded');
      const probe = await host.client.call('probeDriver', { alias: 'fx.plain' });
      assert.ok(!probe.ok && probe.error.code === 'unknown-alias', 'a disabled driver is not opened');
      const enabled = await host.client.call('enableDriver', { alias: 'fx.plain' });
      assert.ok(enabled.ok, JSON.stringify(enabled));
      assert.deepEqual(snapshot(), original);
    });

    it('lists what Autoruns disabled and enables it', async () => {
      const entry = (await listing()).find((d) => d.alias === 'fx.autoruns');
      assert.deepEqual([entry?.status, entry?.disabledBy], ['disabled', 'autoruns']);
      assert.match(entry?.statusDetail ?? '', /Sysinternals Autoruns/);
      const enabled = await host.client.call('enableDriver', { alias: 'fx.autoruns' });
      assert.ok(enabled.ok, JSON.stringify(enabled));
      assert.equal((await listing()).find((d) => d.alias === 'fx.autoruns')?.status, 'ok');
      await undo();
      assert.deepEqual(snapshot(), original);
    });

    it('refuses to overwrite: enabling while the alias is registered again, undoing what changed since', async () => {
      const disabled = await host.client.call('disableDriver', { alias: 'fx.restart' });
      assert.ok(disabled.ok);
      wineReg(bench.env, NATIVE_VIEW, 'add', drivers32, '/v', 'fx.restart', '/d', 'fixture.dll name=again', '/f');
      const enable = await host.client.call('enableDriver', { alias: 'fx.restart' });
      assert.ok(!enable.ok);
      assert.equal(enable.error.code, 'change-conflict');
      const undone = await host.client.call('undoChange', {});
      assert.ok(!undone.ok);
      assert.equal(undone.error.code, 'change-conflict');
      assert.match(undone.error.message, /has changed since.*Nothing was changed/);
      wineReg(bench.env, NATIVE_VIEW, 'delete', drivers32, '/v', 'fx.restart', '/f');
      await undo();
      assert.deepEqual(snapshot(), original);
    });

    it('moves and puts back a value byte for byte, bytes after its NUL and an odd length included', async () => {
      // What reg.exe can neither write nor show: a REG_SZ whose data goes on after the string's end.
      const odd = Buffer.concat([Buffer.from('fixture.dll name=fx.oddbytes query=0\0', 'utf16le'), Buffer.from('tail!', 'latin1')]);
      setRawValue(bench.env, '64-bit', 'fx.OddBytes', 1, odd);
      const planted = snapshot();
      assert.equal(planted[valueKey('64-bit', '', 'fx.OddBytes')], `REG_SZ:${odd.toString('hex')}`, 'the snapshot shows every byte');
      const changes: string[] = [];
      for (const change of [() => host.client.call('disableDriver', { alias: 'fx.oddbytes' }), () => host.client.call('enableDriver', { alias: 'fx.oddbytes' })]) {
        const reply = await change();
        assert.ok(reply.ok, JSON.stringify(reply));
        changes.push(reply.value.id);
      }
      assert.deepEqual(snapshot(), planted, 'disabled and enabled: the same name, type and bytes');
      const removal = await remove('fx.oddbytes');
      changes.push(removal.change?.id ?? assert.fail('the removal was journaled'));
      for (const id of changes.reverse()) await undo(id);
      assert.deepEqual(snapshot(), planted, 'undone three times: the same name, type and bytes');
      wineReg(bench.env, NATIVE_VIEW, 'delete', drivers32, '/v', 'fx.OddBytes', '/f');
      assert.deepEqual(snapshot(), original);
    });
  });

  describe('removing a disabled registration', () => {
    const autoruns = valueKey('64-bit', 'AutorunsDisabled', 'fx.autoruns');
    const panel = [valueKey('64-bit', 'DriversPanelDisabled', 'fx.plain'), 'system.ini|drivers32.driverspaneldisabled|fx.plain'];
    const cli = (...args: string[]): Promise<CliRun> =>
      runCli({ ...bench.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(cliState) }, args);
    /** The places that hold something now and did not before, and the other way round. */
    function changedSince(before: Record<string, string>): { added: string[]; gone: string[] } {
      const now = snapshot();
      return { added: Object.keys(now).filter((k) => !(k in before)).sort(), gone: Object.keys(before).filter((k) => !(k in now)).sort() };
    }

    before(() => rmSync(cliState, { recursive: true, force: true }));

    it("the app removes what Autoruns disabled and what the panel disabled, from where each keeps it, loading nothing", async () => {
      const fromAutoruns = await remove('fx.autoruns', { disabledBy: 'autoruns' });
      assert.deepEqual([fromAutoruns.removed, fromAutoruns.driverAnswer], [true, null]);
      assert.match(fromAutoruns.note, /DRV_REMOVE was not sent: the driver is disabled.*delete HKLM\\.*\\Drivers32\\AutorunsDisabled\\fx\.autoruns/);
      assert.deepEqual(changedSince(original), { added: [], gone: [autoruns] });
      assert.ok(!(await listing()).some((d) => d.alias === 'fx.autoruns'), 'it is no longer listed');

      assert.ok((await host.client.call('disableDriver', { alias: 'fx.plain' })).ok);
      const disabled = snapshot();
      const wrongTool = await host.client.call('removeDriver', { alias: 'fx.plain', disabledBy: 'autoruns' });
      assert.ok(!wrongTool.ok && wrongTool.error.code === 'unknown-alias', JSON.stringify(wrongTool));
      const fromPanel = await remove('fx.plain', { disabledBy: 'panel' });
      assert.deepEqual([fromPanel.removed, fromPanel.driverAnswer], [true, null]);
      assert.deepEqual(changedSince(disabled), { added: [], gone: panel }, 'both the value and the system.ini line the panel kept');
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      for (let i = 0; i < 3; i++) await undo();
      assert.deepEqual(snapshot(), original);
    });

    it('the CLI removes a disabled registration wherever it is kept with --disabled, or where --disabled autoruns|panel says', async () => {
      for (const args of [['--disabled'], ['--disabled', 'autoruns'], ['--disabled=Autoruns']]) {
        const run = await cli('remove', 'fx.autoruns', ...args);
        assert.equal(run.status, 0, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
        assert.match(run.stdout, /^Removed fx\.autoruns \(64-bit\)\. DRV_REMOVE was not sent: the driver is disabled.*AutorunsDisabled\\fx\.autoruns.*Undo with "drivers-cli undo /);
        assert.deepEqual(changedSince(original), { added: [], gone: [autoruns] }, args.join(' '));
        assert.equal((await cli('undo')).status, 0);
      }
      for (const args of [['disable', 'fx.plain'], ['remove', 'fx.plain', '--disabled', 'panel']]) {
        const run = await cli(...args);
        assert.equal(run.status, 0, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      }
      assert.deepEqual(changedSince(original), { added: [], gone: [valueKey('64-bit', '', 'fx.plain'), 'system.ini|drivers32|fx.plain'] });
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      for (let i = 0; i < 2; i++) assert.equal((await cli('undo')).status, 0);
      assert.deepEqual(snapshot(), original);
    });

    it('the CLI says where a disabled registration is when the command does not name it, and changes nothing', async () => {
      const plain = await cli('remove', 'fx.autoruns');
      assert.equal(plain.status, 3, plain.stdout + plain.stderr);
      assert.match(plain.stdout, /fx\.autoruns is not registered where Winmm looks\. Disabled by Sysinternals Autoruns: .*AutorunsDisabled.*\(CLI: remove fx\.autoruns --disabled\)/);
      const wrongTool = await cli('remove', 'fx.autoruns', '--disabled', 'panel');
      assert.equal(wrongTool.status, 3, wrongTool.stdout + wrongTool.stderr);
      assert.match(wrongTool.stdout, /No driver disabled by this panel as "fx\.autoruns"/);
      const nowhere = await cli('remove', 'fx.plain', '--disabled');
      assert.equal(nowhere.status, 3, nowhere.stdout + nowhere.stderr);
      assert.match(nowhere.stdout, /No driver is disabled as "fx\.plain" in the 64-bit view, by this panel or by Sysinternals Autoruns/);
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      assert.deepEqual(snapshot(), original);
    });
  });

  describe('the journal', () => {
    function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
      return runCli({ ...bench.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(cliState), ...env }, args);
    }

    before(() => rmSync(cliState, { recursive: true, force: true }));

    it('disable, enable, remove, then undo three times, leaves every value as it was (CLI, across processes)', async () => {
      for (const args of [['disable', 'fx.plain'], ['enable', 'fx.plain'], ['remove', 'fx.plain']]) {
        const run = await cli({}, ...args);
        assert.equal(run.status, 0, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
        assert.match(run.stdout, /Undo with "drivers-cli undo [0-9a-f-]{36}"/);
      }
      const history = await cli({}, 'history', '--json');
      assert.deepEqual((JSON.parse(history.stdout) as ChangeRecord[]).map((c) => c.kind), ['remove', 'enable', 'disable']);
      for (let i = 0; i < 3; i++) {
        const run = await cli({}, 'undo');
        assert.equal(run.status, 0, run.stdout + run.stderr);
      }
      assert.deepEqual(snapshot(), original);
      const none = await cli({}, 'undo', '--json');
      assert.equal(none.status, 1);
      assert.equal((JSON.parse(none.stdout) as { error: { code: string } }).error.code, 'nothing-to-undo');
    });

    it('three CLIs at once: every change and every undo is made, and each says so', async () => {
      const aliases = ['fx.plain', 'fx.negative', 'fx.restart'];
      for (let round = 0; round < 3; round++) {
        const disables = await Promise.all(aliases.map((alias) => cli({}, 'disable', alias, '--json')));
        for (const run of disables) assert.equal(run.status, 0, `round ${round}, disable: ${run.stdout}${run.stderr}`);
        const ids = disables.map((run) => (JSON.parse(run.stdout) as ChangeRecord).id);
        const undos = await Promise.all(ids.map((id) => cli({}, 'undo', id, '--json')));
        for (const run of undos) assert.equal(run.status, 0, `round ${round}, undo: ${run.stdout}${run.stderr}`);
        assert.deepEqual(snapshot(), original, `round ${round}: every registration as it was`);
      }
    });

    for (const [writes, outcome] of [
      [1, /1 of 4 writes done\. It was rolled back/],
      [3, /3 of 4 writes done\. It was rolled back/],
      [4, /after its last write\. It was completed/],
    ] as const) {
      it(`recovers a change killed after ${writes} of its 4 writes, and says so`, async () => {
        const killed = await cli({ DRIVERS_PANEL_TEST_KILL_AFTER_WRITES: String(writes) }, 'disable', 'fx.plain');
        assert.equal(killed.windowsCode, 9, `the process was killed: ${killed.stdout}${killed.stderr}`);
        const next = await cli({}, 'list', '--no-probe', '--json');
        assert.equal(next.status, 0, next.stderr);
        const notices = (JSON.parse(next.stdout) as DriverListing).notices.join('\n');
        assert.match(notices, new RegExp(`"Disable fx\\.plain \\(64-bit\\).*${outcome.source}`));
        if (writes < 4) assert.deepEqual(snapshot(), original);
        else {
          const undone = await cli({}, 'undo');
          assert.equal(undone.status, 0, undone.stdout + undone.stderr);
          assert.deepEqual(snapshot(), original);
        }
      });
    }
  });

  describe('add a driver', () => {
    const incoming = join(driveC, 'incoming');
    const cliEnv = (): NodeJS.ProcessEnv => ({ ...bench.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(cliState) });
    const cli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> => runCli({ ...cliEnv(), ...env }, [...args, '--json']);
    const planted = (name: string, from = 'fixture.dll'): string => {
      mkdirSync(incoming, { recursive: true });
      copyFileSync(join(system32, from), join(incoming, name));
      return `C:\\incoming\\${name}`;
    };
    const error = (run: CliRun): { code: string; message: string } => (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;

    before(() => rmSync(cliState, { recursive: true, force: true }));

    it('refuses what is not a driver DLL exporting DriverProc, and an alias that is unsafe or taken, writing nothing', async () => {
      const arm64 = planted('fxarm64.dll');
      const bytes = readFileSync(join(incoming, 'fxarm64.dll'));
      bytes.writeUInt16LE(0xaa64, bytes.readUInt32LE(60) + 4);
      writeFileSync(join(incoming, 'fxarm64.dll'), bytes);
      writeFileSync(join(incoming, 'notes.acm'), 'not a driver');
      const cases: Array<[string[], string, RegExp]> = [
        [[planted('fxnoproc.dll', 'nodriverproc.dll')], 'not-a-driver', /does not export DriverProc/],
        [[arm64], 'not-a-driver', /built for ARM64; the panel registers only x64 drivers.*and x86 drivers/],
        [[planted('fx64.dll'), '--view', '32'], 'invalid-request', /fx64\.dll is a 64-bit \(x64\) driver; --view 32 asks for a 32-bit \(x86\) driver\. Nothing was changed\./],
        [['C:\\incoming\\notes.acm'], 'not-a-driver', /not a Windows program file/],
        [['C:\\windows\\system32\\notepad.exe'], 'not-a-driver', /a program, not a DLL/],
        [['C:\\incoming\\nothere.acm'], 'not-a-driver', /cannot be read/],
        [[planted('fxnew.acm'), '--alias', 'C:\\x.dll'], 'invalid-alias', /looks like a file path/],
        [[planted('fxnew.acm'), '--alias', 'FX.PLAIN'], 'change-conflict', /already registered/],
      ];
      for (const [args, code, message] of cases) {
        const run = await cli({}, 'add', ...args);
        assert.equal(run.status, code === 'invalid-alias' || code === 'invalid-request' ? 2 : 1, run.stdout + run.stderr);
        assert.equal(error(run).code, code, args.join(' '));
        assert.match(error(run).message, message);
      }
      assert.deepEqual(snapshot(), original);
      assert.deepEqual(log.loadedModules(), [], 'nothing was loaded');
      assert.ok(!existsSync(join(system32, 'fxnew.acm')), 'nothing was copied');
    });

    it('add, disable, enable, remove, then undo four times, leaves every registration and file as it was', async () => {
      const added = await cli({}, 'add', planted('fxnew.acm'));
      assert.equal(added.status, 0, added.stdout + added.stderr);
      const addition = JSON.parse(added.stdout) as Addition;
      assert.deepEqual([addition.alias, addition.path.toLowerCase(), addition.copied, addition.driverAnswer], ['msacm.fxnew', 'c:\\windows\\system32\\fxnew.acm', true, { result: 'ok', raw: '1' }]);
      assert.deepEqual(readFileSync(join(system32, 'fxnew.acm')), readFileSync(join(incoming, 'fxnew.acm')), 'the file was copied unchanged');
      assert.equal(snapshot()[valueKey('64-bit', '', 'msacm.fxnew')], 'REG_SZ:"fxnew.acm\\u0000"', 'registered by its bare file name, REG_SZ, with its NUL');
      const install = log.lines().find((l) => l.msg === DRV_INSTALL);
      assert.deepEqual(install?.dci, { size: 20, section: 'Drivers32', alias: 'msacm.fxnew' });
      for (const args of [['disable', 'msacm.fxnew'], ['enable', 'msacm.fxnew'], ['remove', 'msacm.fxnew']]) {
        const run = await cli({}, ...args);
        assert.equal(run.status, 0, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      }
      assert.ok(log.lines().some((l) => l.msg === DRV_REMOVE), 'the only registration of fxnew.acm was told it is removed');
      for (let i = 0; i < 4; i++) {
        const run = await cli({}, 'undo');
        assert.equal(run.status, 0, run.stdout + run.stderr);
      }
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxnew.acm')), 'the copied file is gone');
    });

    it('takes everything back when the driver cancels DRV_INSTALL', async () => {
      const run = await cli({ FIXTURE_DRIVER_DEFAULTS: 'install=0' }, 'add', planted('fxcan.dll'), '--kind', 'wave');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const addition = JSON.parse(run.stdout) as Addition;
      assert.deepEqual([addition.added, addition.alias, addition.change], [false, 'wave', null]);
      assert.match(addition.note, /cancelled its installation.*nothing was added/);
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxcan.dll')));
    });

    it('takes everything back when the driver crashes in DRV_INSTALL, quarantines it and says what to do; adding the file again tries it once more', async () => {
      const file = planted('fxcrash.acm');
      const run = await cli({ FIXTURE_DRIVER_DEFAULTS: `name=fx.addcrash crash=${DRV_INSTALL}` }, 'add', file, '--verbose');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.equal(error(run).code, 'driver-crashed');
      assert.match(
        error(run).message,
        /^msacm\.fxcrash crashed in DRV_INSTALL \(exit code 0xC0000005 \(access violation\)\)\. Its driver host was ended; the panel carries on\. Nothing was added: the registration and the copied file were taken back\. msacm\.fxcrash is quarantined\. Ask the driver's vendor for a version that installs on this Windows; adding this file again tries it once more\.$/,
      );
      assert.deepEqual(log.events().flatMap((e) => (e.event === 'crash' ? [e.msg] : [])), [DRV_INSTALL], 'the driver faulted in DRV_INSTALL itself');
      assert.match(run.stderr, /\[state\] msacm\.fxcrash: Quarantined: crashed in DRV_INSTALL/);
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxcrash.acm')), 'the copied file is gone');

      const again = await cli({ FIXTURE_DRIVER_DEFAULTS: 'name=fx.addcrash' }, 'add', file, '--verbose');
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.match(again.stderr, /\[state\] msacm\.fxcrash out of quarantine: tried again on request/);
      assert.equal((await cli({}, 'undo')).status, 0);
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxcrash.acm')));
    });

    it('takes everything back when DRV_INSTALL hangs past --timeout, at the deadline, and says what to do', async () => {
      const run = await cli({ FIXTURE_DRIVER_DEFAULTS: `name=fx.addhang hang=${DRV_INSTALL}` }, 'add', planted('fxhang.acm'), '--timeout', '2');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.equal(error(run).code, 'driver-not-responding');
      assert.match(
        error(run).message,
        /^msacm\.fxhang did not answer DRV_INSTALL within 2\.\d s\. Its driver host was ended; the panel carries on\. Nothing was added: the registration and the copied file were taken back\. If the driver was waiting for an answer in a dialog of its own, add it again with more time to answer \(a longer --timeout, or none\)/,
      );
      assert.deepEqual(log.events().flatMap((e) => (e.event === 'hang' ? [e.msg] : [])), [DRV_INSTALL], 'the driver hung in DRV_INSTALL itself');
      assert.ok(run.ms < 20_000, `the CLI gave up at its deadline (${Math.round(run.ms)} ms, Wine's start included)`);
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxhang.acm')), 'the copied file is gone');
    });

    it('in the app, Stop waiting on a DRV_INSTALL that never returns takes the addition back', async () => {
      const app = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), FIXTURE_DRIVER_DEFAULTS: `name=fx.apphang hang=${DRV_INSTALL}` });
      try {
        writeFileSync(join(app.dialogsDir, 'open.txt'), planted('fxapphang.acm'));
        const chosen = await app.client.call('chooseDriverFile', {});
        assert.ok(chosen.ok && chosen.value.file?.problem === null, JSON.stringify(chosen));
        const adding = app.client.call('addDriver', { path: chosen.value.file.path, alias: 'msacm.fxapphang' });
        while (!log.events().some((e) => e.event === 'hang')) await delay(20);
        assert.deepEqual(await app.client.call('stopWaiting', { alias: 'msacm.fxapphang' }), { ok: true, value: { stopped: true } });
        const reply = await adding;
        assert.ok(!reply.ok, JSON.stringify(reply));
        assert.equal(reply.error.code, 'stopped-waiting');
        assert.match(reply.error.message, /^You stopped waiting for msacm\.fxapphang in DRV_INSTALL\. .*Nothing was added: the registration and the copied file were taken back\.$/);
        assert.deepEqual(snapshot(), original);
        assert.ok(!existsSync(join(system32, 'fxapphang.acm')), 'the copied file is gone');
      } finally {
        await app.stop();
      }
    });

    it('records a restart that DRV_INSTALL asks for: exit code 3010, and restart-status names the driver and the action', async () => {
      const run = await cli({ FIXTURE_DRIVER_DEFAULTS: 'name=fx.addboot install=2' }, 'add', planted('fxboot.acm'));
      assert.equal(run.windowsCode, 3010, run.stdout + run.stderr);
      const addition = JSON.parse(run.stdout) as Addition;
      assert.deepEqual([addition.added, addition.restartRequired, addition.driverAnswer], [true, true, { result: 'restart', raw: '2' }]);
      assert.match(addition.note, /msacm\.fxboot answered DRV_INSTALL with 2\. The driver takes effect after Windows restarts\.$/);
      const status = await cli({}, 'restart-status');
      assert.equal(status.windowsCode, 3010, status.stdout + status.stderr);
      const pending = (JSON.parse(status.stdout) as RestartRequirement[]).filter((r) => r.alias === 'msacm.fxboot');
      assert.deepEqual(pending.map((r) => r.action), ['install']);
      const text = await runCli(cliEnv(), ['restart-status']);
      assert.match(text.stdout, /^ {2}msacm\.fxboot: installation on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
      assert.equal((await cli({}, 'undo')).status, 0);
      assert.deepEqual(snapshot(), original);
      assert.ok(!existsSync(join(system32, 'fxboot.acm')));
    });

    it('never overwrites a different file of the same name unasked; replaced, Undo puts the old one back', async () => {
      copyFileSync(join(system32, 'nodriverproc.dll'), join(system32, 'fxclash.dll'));
      const old = readFileSync(join(system32, 'fxclash.dll'));
      const refused = await cli({}, 'add', planted('fxclash.dll'));
      assert.equal(error(refused).code, 'file-conflict');
      assert.deepEqual(readFileSync(join(system32, 'fxclash.dll')), old);
      const replaced = await cli({}, 'add', 'C:\\incoming\\fxclash.dll', '--replace', '--alias', 'vidc.FXCL');
      assert.equal(replaced.status, 0, replaced.stdout + replaced.stderr);
      assert.deepEqual(readFileSync(join(system32, 'fxclash.dll')), readFileSync(join(incoming, 'fxclash.dll')));
      assert.equal((await cli({}, 'undo')).status, 0);
      assert.deepEqual(readFileSync(join(system32, 'fxclash.dll')), old, 'the old file is back, byte for byte');
      rmSync(join(system32, 'fxclash.dll'));
      assert.deepEqual(snapshot(), original);
    });

    it('recovers an addition killed between copying the file and registering it', async () => {
      const killed = await cli({ DRIVERS_PANEL_TEST_KILL_AFTER_WRITES: '1' }, 'add', planted('fxkill.acm'));
      assert.equal(killed.windowsCode, 9, killed.stdout + killed.stderr);
      assert.ok(existsSync(join(system32, 'fxkill.acm')), 'the file had been copied');
      const next = await cli({}, 'list', '--no-probe');
      assert.match((JSON.parse(next.stdout) as DriverListing).notices.join('\n'), /"Add msacm\.fxkill \(64-bit\).*1 of 2 writes done\. It was rolled back/);
      assert.ok(!existsSync(join(system32, 'fxkill.acm')), 'the copied file is gone again');
      assert.deepEqual(snapshot(), original);
    });
  });

  it('writes nothing when the journal cannot be read, and keeps it aside for inspection', async () => {
    const folder = join(cliState, 'Changes');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'changes.json'), '{ not json');
    const run = await runCli({ ...bench.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(cliState) }, ['disable', 'fx.plain', '--json']);
    assert.equal(run.status, 1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'change-failed');
    assert.match(error.message, /does not hold what the panel writes, so none of it was carried out and nothing was changed\. It was kept as .*changes\.refused-.*\.json for inspection/);
    assert.deepEqual(snapshot(), original);
    const kept = readdirSync(folder).filter((name) => name.startsWith('changes.refused-'));
    assert.equal(kept.length, 1, 'the unreadable journal was kept aside');
    assert.equal(readFileSync(join(folder, kept[0] ?? ''), 'utf8'), '{ not json');
    rmSync(folder, { recursive: true });
  });
});
