/**
 * The technician CLI end to end: `scripts/cli-wine.ts` (what `npm run cli:wine`
 * runs) starting the Windows Node under Wine, against Wine's drivers and the
 * fixtures. Each case is one real CLI process, because the exit code is what is tested.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Removal } from '../../app/changes';
import type { ActionOutcome } from '../../app/changes';
import type { DriverEntry, DriverListing } from '../../app/drivers';
import { NATIVE_VIEW } from '../../app/views';
import type { PanelState } from '../../main/state/panelState';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, faultyFixtures, registerFixtures, registryFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

describe('drivers CLI under Wine', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'cli-fixture-log.jsonl'));
  const stateDir = join(driveC, 'cli-state');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, { 'fx.nodriverproc': faultyFixtures['fx.nodriverproc'] ?? '' });
    rmSync(stateDir, { recursive: true, force: true });
  });
  after(() => bench?.stop());
  beforeEach(() => log.clear());

  function cli(...args: string[]): Promise<CliRun> {
    return cliWith({}, ...args);
  }

  function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir), ...env }, args);
  }

  it('list --json prints one JSON document with the right configurable flags', async () => {
    const run = await cli('list', '--json');
    assert.equal(run.status, 0, run.stderr);
    const listing = JSON.parse(run.stdout) as DriverListing;
    const probe = (alias: string) => listing.drivers.find((d) => d.alias === alias)?.probe;
    assert.equal(probe('msacm.imaadpcm')?.configurable, true);
    assert.equal(probe('msacm.msgsm610')?.configurable, true);
    assert.equal(probe('vidc.mrle')?.configurable, false);
    assert.equal(probe('vidc.cvid')?.raw, '-1');
    assert.equal(probe('vidc.cvid')?.configurable, false, 'ICERR_UNSUPPORTED from a video codec');
    assert.equal(probe('fx.restart')?.configurable, true);
    assert.equal(listing.drivers.find((d) => d.alias === 'fx.missing')?.status, 'missing-file');
  });

  it('list prints an aligned table and notes the problem entries', async () => {
    const run = await cli('list');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    const header = lines[0] ?? '';
    assert.match(header, /^ALIAS\s+KIND\s+VIEW\s+CONFIGURABLE\s+STATUS\s+FILE\s+VERSION\s+DESCRIPTION$/);
    const column = header.indexOf('FILE');
    const row = lines.find((l) => l.startsWith('msacm.imaadpcm '));
    assert.equal(row?.indexOf('imaadp32.acm'), column, 'the FILE column is aligned');
    assert.match(run.stdout, /fx\.missing \(64-bit\): The file "nosuchdriver\.dll" was not found/);
    assert.match(run.stdout, /^fx\.dword\s+other\s+64-bit\s+-\s+Unreadable registration\s*$/m, 'the status in the panel\'s words');
    assert.match(run.stdout, /fx\.dword \(64-bit\): Winmm cannot load a driver from this registry value: it is a REG_DWORD value/);
  });

  it('list --no-probe opens no driver', async () => {
    const run = await cliWith({ DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'cli-state-empty')) }, 'list', '--no-probe', '--json');
    assert.equal(run.status, 0, run.stderr);
    const listing = JSON.parse(run.stdout) as DriverListing;
    assert.ok(listing.drivers.every((d) => d.probe === null));
    assert.deepEqual(log.lines(), []);
    assert.deepEqual(log.loadedModules(), []);
  });

  it('configure exits 3010 when the driver answers DRVCNF_RESTART', async () => {
    const run = await cli('configure', 'fx.restart');
    assert.equal(run.windowsCode, 3010, run.stderr);
    assert.equal(run.status, 3010 & 0xff);
    assert.match(run.stdout, /Configure fx\.restart: done, but Windows must be restarted/);
  });

  it('configure exits 1 when the driver cancels, and for a driver with no dialog', async () => {
    const cancelled = await cli('configure', 'fx.cancel');
    assert.equal(cancelled.status, 1);
    assert.match(cancelled.stdout, /cancelled or refused/);
    const none = await cli('configure', 'vidc.mrle');
    assert.equal(none.status, 1);
    assert.match(none.stdout, /not-configurable.*no configuration dialog/);
  });

  it('install and remove report their results and exit codes', async () => {
    const install = await cli('install', 'fx.plain', '--json');
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(JSON.parse(install.stdout) as ActionOutcome, {
      alias: 'fx.plain',
      action: 'install',
      result: 'ok',
      raw: '1',
      restartRequired: false,
      // fx.plain changes no registration when it is installed: nothing to undo.
      change: null,
    });
    // fixture.dll has other registrations, so the driver is not told; the registration goes, and undo brings it back.
    log.clear();
    const remove = await cli('remove', 'fx.restart', '--json');
    assert.equal(remove.status, 0, remove.stderr);
    const removal = JSON.parse(remove.stdout) as Removal;
    assert.deepEqual([removal.removed, removal.driverAnswer], [true, null]);
    assert.deepEqual(log.lines(), [], 'no driver was loaded');
    const undo = await cli('undo', removal.change?.id ?? '');
    assert.equal(undo.status, 0, undo.stderr);
    assert.match(undo.stdout, /^Undone: Remove fx\.restart \(64-bit\)/);
  });

  it('send passes integer parameters, prints the answer and traces the call with --verbose', async () => {
    const run = await cli('send', 'fx.plain', 'DRV_USER+1', '0x10', '-3', '--verbose');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'fx.plain answered DRV_USER+1 with 13 (0xD).');
    assert.match(run.stderr, /^\[driver\] fx\.plain DRV_USER\+1\(16, -3\) -> 13 in [\d.]+ ms$/m);
  });

  it('rejects a path with exit 2 and an unknown alias with exit 3, loading nothing', async () => {
    const path = await cli('probe', 'C:\\windows\\system32\\fixture.dll');
    assert.equal(path.status, 2);
    assert.match(path.stdout, /invalid-alias.*looks like a file path/);
    const unknown = await cli('configure', 'fx.nothere', '--json');
    assert.equal(unknown.status, 3);
    assert.equal((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code, 'unknown-alias');
    assert.deepEqual(log.lines(), []);
  });

  it('exits 2 for a bad command line, with the command meant for a typo rather than the whole usage; help <command> gives its usage', async () => {
    const run = await cli('frobnicate');
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'Unknown command "frobnicate". Run "drivers-cli help" to see the commands.\n');
    const typo = await cli('prboe', 'fx.plain');
    assert.equal(typo.status, 2);
    assert.equal(typo.stderr, 'Unknown command "prboe". Did you mean "probe"? Run "drivers-cli help probe" for its usage.\n');
    const help = await cli('help', 'probe');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: drivers-cli probe <alias> \[--retry\] \[--view 64\|32\]\n/);
    assert.doesNotMatch(help.stdout, /restart-status/);
  });

  it('says why a driver did not open: what its file shows is wrong with it, or that the driver itself refused', async () => {
    const noProc = await cli('probe', 'fx.nodriverproc', '--json');
    assert.equal(noProc.status, 1);
    const { error } = JSON.parse(noProc.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, 'open-failed');
    assert.equal(
      error.message,
      'Winmm could not open fx.nodriverproc, and its file shows why: it does not export DriverProc, the function Winmm calls in every installable driver. Installing it again cannot help; remove the registration, or reinstall what put it there.',
    );
    const refused = await cli('probe', 'fx.refuse');
    assert.match(refused.stdout, /Winmm could not open fx\.refuse: its file is a driver for this view, but it did not load \(a DLL it needs may be missing\) or refused DRV_OPEN\./);
  });

  it('lists a registration that cannot work here as failing to open, with why, without loading it; a REG_EXPAND_SZ one under Wine says so', async () => {
    // fx.expand is the bench's REG_EXPAND_SZ registration (fixtureRegistry.ts, expandFixture).
    const run = await cli('list', '--refresh', '--json');
    assert.equal(run.status, 0, run.stderr);
    const { drivers } = JSON.parse(run.stdout) as DriverListing;
    const entry = (alias: string): DriverEntry => drivers.find((d) => d.alias === alias && d.view === NATIVE_VIEW) ?? assert.fail(`${alias} is not listed`);
    const noProc = entry('fx.nodriverproc');
    assert.deepEqual([noProc.status, noProc.openable], ['open-failed', false]);
    assert.match(noProc.statusDetail ?? '', /^Winmm cannot open it, and its file shows why: it does not export DriverProc.*Installing it again cannot help/);
    const expand = entry('fx.expand');
    assert.deepEqual([expand.status, expand.openable, expand.file.toLowerCase()], ['open-failed', false, 'c:\\windows\\system32\\fixture.dll']);
    assert.match(expand.statusDetail ?? '', /^Winmm cannot open it: its registration is REG_EXPAND_SZ \("%SystemRoot%\\system32\\fixture\.dll name=fx\.expand query=1"\), which Windows' Winmm expands but this one \(Wine's\) opens as written/);
    assert.deepEqual(log.loadedModules().filter((m) => /nodriverproc/i.test(m)), [], 'a file that cannot be a driver is not loaded to find out');
    assert.ok(!log.events().some((e) => 'driver' in e && e.driver === 'fx.expand'), 'nor is a registration Winmm would not find');
    const probed = await cli('probe', 'fx.expand');
    assert.equal(probed.status, 1);
    assert.match(probed.stdout, /Winmm could not open fx\.expand: its registration is REG_EXPAND_SZ/);
  });

  it('names the alias registered for a file name given in its place, and the alias a typo away', async () => {
    const file = await cli('probe', 'imaadp32.acm');
    assert.equal(file.status, 3);
    assert.equal(file.stdout.trim(), 'Error (unknown-alias): No installed driver is registered as "imaadp32.acm". imaadp32.acm is the file of msacm.imaadpcm: did you mean msacm.imaadpcm? Run "list" to see the installed drivers.');
    const typo = await cli('probe', 'msacm.imadpcm');
    assert.match(typo.stdout, /No installed driver is registered as "msacm\.imadpcm"\. Did you mean msacm\.imaadpcm\?/);
  });

  it('a --timeout shorter than the panel\'s own deadline gives up on a healthy driver but quarantines nothing', async (t) => {
    const quarantined = (): string[] => {
      const file = join(stateDir, 'state.json');
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PanelState).quarantine.map((q) => q.alias) : [];
    };
    // fx.slow answers after 1.2 s: a healthy driver, slower than the time allowed (a fast one can answer within even 1 ms).
    const impatient = await cli('probe', 'fx.slow', '--timeout', '0.3', '--json');
    assert.equal(impatient.status, 1, impatient.stderr);
    const { error } = JSON.parse(impatient.stdout) as { error: { code: string; message: string } };
    t.diagnostic(error.message);
    assert.equal(error.code, 'driver-not-responding');
    assert.deepEqual(quarantined(), [], 'no quarantine record');
    const again = await cli('probe', 'fx.slow');
    assert.equal(again.status, 0, again.stdout);
    assert.match(again.stdout, /^fx\.slow has a configuration dialog/);
    assert.match(error.message, /^fx\.slow did not answer .* within 0\.3 s: the time you allowed, shorter than the panel's own 30 s, so fx\.slow is not quarantined/);

    const listed = await cli('list', '--refresh', '--timeout', '0.001');
    assert.equal(listed.status, 0, listed.stderr);
    assert.doesNotMatch(listed.stdout, /quarantined/i, 'the background probes quarantine nothing either');
    assert.deepEqual(quarantined(), []);
  });

  it('with --json, stdout is JSON even for a usage error and for --help', async () => {
    const bad = await cli('frobnicate', '--json');
    assert.equal(bad.status, 2);
    assert.deepEqual(JSON.parse(bad.stdout), { error: { code: 'invalid-request', message: 'Unknown command "frobnicate". Run "drivers-cli help" to see the commands.' } });
    const help = await cli('--help', '--json');
    assert.equal(help.status, 0);
    assert.match((JSON.parse(help.stdout) as { usage: string }).usage, /^Usage: drivers-cli/);
  });
});

describe('drivers CLI under Wine, --view 32', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'cli32-fixture-log.jsonl'));
  const stateDir = join(driveC, 'cli32-state');

  before(async () => {
    bench = await startBench();
    // The same drivers in both views, as codec packs register them: --view picks one.
    registerFixtures(testPrefix, bench.env, {}, registryFixtures);
    rmSync(stateDir, { recursive: true, force: true });
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });
  beforeEach(() => log.clear());

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) }, args);
  }
  const bits = (): number[] => [...new Set(log.lines().map((l) => l.bits))];

  it('probe, configure and install reach the 32-bit registration in the 32-bit host', async () => {
    const probe = await cli('probe', 'fx.negative', '--view', '32');
    assert.equal(probe.status, 0, probe.stderr);
    assert.match(probe.stdout, /Loaded from C:\\windows\\syswow64\\fixture\.dll/);
    const configure = await cli('configure', 'fx.restart', '--view', '32');
    assert.equal(configure.windowsCode, 3010, configure.stderr);
    const install = await cli('install', 'fx.plain', '--view', '32', '--json');
    assert.equal(install.status, 0, install.stderr);
    assert.equal((JSON.parse(install.stdout) as ActionOutcome).result, 'ok');
    assert.deepEqual(bits(), [32]);
    const restarts = await cli('restart-status', '--json');
    assert.match(restarts.stdout, /32-bit:fx\.restart/);
  });

  it('without --view, a driver registered only for 32-bit programs is found there', async () => {
    const run = await cli('probe', 'fx.wow');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(bits(), [32]);
  });

  it('remove --view 32 removes the 32-bit registration only, and undo puts it back', async () => {
    const remove = await cli('remove', 'fx.cancel', '--view', '32', '--json');
    assert.equal(remove.status, 0, remove.stderr);
    const removal = JSON.parse(remove.stdout) as Removal;
    assert.deepEqual([removal.removed, removal.driverAnswer], [true, null], 'fixture.dll has other 32-bit registrations: the driver is not told');
    const listed = JSON.parse((await cli('list', '--no-probe', '--json')).stdout) as DriverListing;
    assert.deepEqual(listed.drivers.filter((d) => d.alias === 'fx.cancel').map((d) => d.view), ['64-bit']);
    const undo = await cli('undo', removal.change?.id ?? '');
    assert.equal(undo.status, 0, undo.stderr);
    assert.match(undo.stdout, /^Undone: Remove fx\.cancel \(32-bit\)/);
  });

  it('send speaks to a 32-bit driver in 32-bit integers, and refuses one that does not fit before loading anything', async () => {
    const sent = await cli('send', 'fx.plain', 'DRV_USER+1', '0x10', '-3', '--view', '32');
    assert.equal(sent.status, 0, sent.stderr);
    assert.equal(sent.stdout.trim(), 'fx.plain answered DRV_USER+1 with 13 (0xD).');
    assert.deepEqual(bits(), [32]);
    log.clear();
    const refused = await cli('send', 'fx.plain', 'DRV_USER+1', '0x100000000', '--view', '32');
    assert.equal(refused.status, 2, refused.stdout + refused.stderr);
    assert.match(refused.stdout + refused.stderr, /32-bit/);
    assert.deepEqual(log.lines(), [], 'nothing was loaded');
  });
});
