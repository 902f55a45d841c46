/**
 * Drivers that crash and hang, beside healthy ones, through the real CLI and
 * the real bridge under Wine: the panel lists everything, quarantines the
 * broken drivers, never opens them again on its own, and never waits for one.
 * The whole suite runs four times: with a display (where Wine would show its
 * crash dialog and keep a crashed process alive) and with none, with the
 * faulty drivers registered in the 64-bit view and, built for x86, in the
 * 32-bit one (where the 32-bit host runs them).
 */
import assert from 'node:assert/strict';
import { rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, beforeEach, describe, it, type TestContext } from 'node:test';
import type { DriverEntry, DriverListing, ProbeResult } from '../../app/drivers';
import { DRV_QUERYCONFIGURE } from '../../app/messages';
import { NATIVE_VIEW, aliasInView, registryViews, type RegistryView } from '../../app/views';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, faultyFixtures, registerFixtures, registryFixtures } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, windowsProcesses, type Bench } from './wineBench';

const BACKGROUND_DEADLINE_MS = 5_000;
const ACCESS_VIOLATION = 0xc0000005;

const crashers = { 'fx.crashload': 'open', 'fx.crashopen': 'open', 'fx.crashquery': 'message' } as const;
const hangers = { 'fx.hangopen': 'open', 'fx.hangquery': 'message' } as const;
/** Each hanger's step as the call trace names it. */
const hangingStep: Record<keyof typeof hangers, string> = { 'fx.hangopen': 'OpenDriver \\(DRV_LOAD, DRV_ENABLE, DRV_OPEN\\)', 'fx.hangquery': 'DRV_QUERYCONFIGURE' };
const wineDrivers = ['msacm.imaadpcm', 'msacm.msadpcm', 'msacm.msg711', 'msacm.l3acm', 'msacm.msgsm610', 'vidc.mrle', 'vidc.msvc', 'vidc.cvid'];

const systemFolders: Record<RegistryView, string> = { '64-bit': 'system32', '32-bit': 'syswow64' };

for (const display of ['a display', 'no display'] as const) for (const view of registryViews) {
  describe(`faulty ${view} drivers, with ${display}`, () => {
    let bench: Bench | undefined;
    const log = new FixtureLog(join(driveC, 'fault-fixture-log.jsonl'));
    const stateDir = join(driveC, 'fault-state');

    /** The faulty drivers in this suite's view; the healthy fixtures stay in the 64-bit one. */
    function registerFaulty(faulty: Record<string, string>): void {
      registerFixtures(testPrefix, bench?.env, view === NATIVE_VIEW ? faulty : {}, view === NATIVE_VIEW ? {} : faulty);
    }
    const viewOf = (alias: string): RegistryView => (alias in faultyFixtures ? view : NATIVE_VIEW);

    before(async () => {
      bench = await startBench(testPrefix, display === 'a display' ? undefined : null);
      registerFaulty(faultyFixtures);
      rmSync(stateDir, { recursive: true, force: true });
    });
    after(() => bench?.stop());
    beforeEach(() => log.clear());

    function env(): NodeJS.ProcessEnv {
      return { ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) };
    }
    const cli = (...args: string[]): Promise<CliRun> => runCli(env(), args);

    async function listJson(t: TestContext, ...extra: string[]): Promise<{ run: CliRun; byAlias: (alias: string) => DriverEntry }> {
      const run = await cli('list', '--json', ...extra);
      assert.equal(run.status, 0, `list failed: ${run.stderr}`);
      const listing = JSON.parse(run.stdout) as DriverListing;
      t.diagnostic(`list took ${(run.ms / 1000).toFixed(1)} s`);
      return {
        run,
        byAlias: (alias) => listing.drivers.find((d) => d.alias === alias && d.view === viewOf(alias)) ?? assert.fail(`${alias} is not listed in the ${viewOf(alias)} view`),
      };
    }

    function noHostsLeft(): void {
      assert.deepEqual(windowsProcesses(testPrefix, 'driverHost.js'), [], 'no driver host is left running');
      assert.deepEqual(windowsProcesses(testPrefix, 'winedbg'), [], 'no crash debugger was started');
    }

    it('the first list succeeds, quarantines the crashing drivers, gives up on the hanging ones at the deadline, and probes every healthy one', async (t) => {
      const { run, byAlias } = await listJson(t, '--verbose');
      for (const alias of [...Object.keys(faultyFixtures), ...Object.keys(registryFixtures), ...wineDrivers]) byAlias(alias);
      for (const [alias, stage] of Object.entries(crashers)) {
        const entry = byAlias(alias);
        assert.equal(entry.status, 'quarantined', alias);
        assert.equal(entry.openable, false);
        assert.deepEqual(
          { what: entry.quarantine?.what, stage: entry.quarantine?.stage, message: entry.quarantine?.message, exitCode: entry.quarantine?.exitCode },
          { what: 'crashed', stage, message: DRV_QUERYCONFIGURE, exitCode: ACCESS_VIOLATION },
          alias,
        );
        assert.equal(entry.quarantine?.file?.path.toLowerCase(), entry.details?.path?.toLowerCase(), 'the record names the file');
        assert.ok((entry.quarantine?.file?.size ?? 0) > 0);
        t.diagnostic(`${alias}: ${entry.statusDetail ?? ''}`);
      }
      assert.match(byAlias('fx.crashquery').statusDetail ?? '', /^Quarantined: crashed in DRV_QUERYCONFIGURE on \d{4}-\d\d-\d\d \(exit code 0xC0000005 \(access violation\)\)/);
      assert.match(byAlias('fx.crashload').statusDetail ?? '', /^Quarantined: crashed in OpenDriver \(DRV_LOAD, DRV_ENABLE, DRV_OPEN\)/);
      for (const [alias, stage] of Object.entries(hangers)) {
        const entry = byAlias(alias);
        assert.equal(entry.status, 'quarantined', alias);
        assert.deepEqual([entry.quarantine?.what, entry.quarantine?.stage, entry.quarantine?.exitCode], ['not-responding', stage, null], alias);
        const named = aliasInView(alias, viewOf(alias)).replace(/[.()]/g, '\\$&');
        const step = hangingStep[alias as keyof typeof hangers];
        const call = new RegExp(`^\\[driver\\] ${named} DRV_QUERYCONFIGURE\\(0, 0\\) -> not-responding in ${step} in ([\\d.]+) ms$`, 'm').exec(run.stderr);
        const waited = Number(call?.[1]);
        assert.ok(waited >= BACKGROUND_DEADLINE_MS && waited < BACKGROUND_DEADLINE_MS + 1_000, `${alias} was given up after ${waited} ms`);
        t.diagnostic(`${alias}: given up after ${waited.toFixed(0)} ms; ${entry.statusDetail ?? ''}`);
      }
      assert.equal(byAlias('fx.nodriverproc').status, 'open-failed', 'a DLL without DriverProc does not open, and crashes nothing');
      const quarantined = (JSON.parse(run.stdout) as DriverListing).drivers.filter((d) => d.status === 'quarantined').map((d) => d.alias);
      assert.deepEqual(quarantined.sort(), [...Object.keys(crashers), ...Object.keys(hangers)].sort(), 'no healthy driver is quarantined');
      for (const alias of [...wineDrivers, 'fx.plain', 'fx.restart', 'fx.negative', 'fx.slow', 'fx.crashuser']) {
        assert.ok(byAlias(alias).probe, `${alias} was probed`);
      }
      assert.equal(byAlias('msacm.imaadpcm').probe?.configurable, true);
      const faults = log.events().flatMap((e) => (e.event === 'load' ? [] : [`${e.event}:${e.driver}:${e.msg}`]));
      assert.deepEqual(
        [...new Set(faults)].sort(),
        ['crash::1', 'crash:fx.crashopen:3', 'crash:fx.crashquery:8', 'crash:leaked thread:0', 'hang:fx.hangopen:3', 'hang:fx.hangquery:8'],
      );
      // A fault in a host that had called other drivers is confirmed once in a fresh host, never more.
      for (const fault of new Set(faults)) assert.ok(faults.filter((f) => f === fault).length <= 2, `${fault} was tried more than twice`);
      // Up to two tries of each hanging driver are the floor; everything else is a few seconds of Wine and drivers.
      assert.ok(run.ms < 4 * BACKGROUND_DEADLINE_MS + 10_000, `list took ${run.ms} ms`);
      noHostsLeft();
    });

    it("a driver that faults later, in another driver's call, gets no innocent driver quarantined", async (t) => {
      const { run, byAlias } = await listJson(t, '--verbose', '--refresh');
      assert.ok(log.events().some((e) => e.event === 'crash' && e.driver === 'leaked thread'), "fx.leaker's forgotten thread faulted after fx.leaker was closed");
      const hit = [...run.stderr.matchAll(/^\[driver\] (\S+(?: \(32-bit\))?) DRV_QUERYCONFIGURE\(0, 0\) -> crashed/gm)].map((m) => m[1] ?? '');
      t.diagnostic(`calls that ended with a crash: ${hit.join(', ')}`);
      const listed = JSON.parse(run.stdout) as DriverListing;
      const quarantined = listed.drivers.filter((d) => d.status === 'quarantined').map((d) => d.alias).sort();
      assert.deepEqual(quarantined, [...Object.keys(crashers), ...Object.keys(hangers)].sort(), 'only the drivers that fault themselves are quarantined');
      for (const alias of ['fx.leaker', 'fx.leakvictim', 'fx.negative', 'fx.plain', 'fx.restart', 'fx.slow', ...wineDrivers]) {
        assert.ok(byAlias(alias).probe, `${alias} has its answer`);
      }
      noHostsLeft();
    });

    it('a second list opens none of the quarantined drivers, and loads no driver at all', async (t) => {
      const { byAlias } = await listJson(t);
      assert.deepEqual(log.loadedModules(), [], 'no driver file was loaded: quarantined ones are left alone, the others are remembered');
      assert.deepEqual(log.events(), []);
      for (const alias of [...Object.keys(crashers), ...Object.keys(hangers)]) assert.equal(byAlias(alias).status, 'quarantined', alias);
      assert.equal(byAlias('vidc.cvid').probe?.raw, '-1', 'known answers are shown without asking again');
    });

    it('probe refuses a quarantined driver; --retry opens it again', async () => {
      const refused = await cli('probe', 'fx.crashquery', '--json');
      assert.equal(refused.status, 1);
      const failure = (JSON.parse(refused.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(failure.code, 'quarantined');
      assert.match(failure.message, /probe fx\.crashquery --retry/);
      assert.deepEqual(log.events(), [], 'nothing was loaded');

      const retried = await cli('probe', 'fx.crashquery', '--retry');
      assert.equal(retried.status, 1);
      assert.match(retried.stdout, /driver-crashed.*fx\.crashquery crashed again in DRV_QUERYCONFIGURE, as before \(exit code 0xC0000005 \(access violation\)\)/, `stdout: ${retried.stdout}\nstderr: ${retried.stderr}`);
      assert.ok(log.events().some((e) => e.event === 'crash' && e.driver === 'fx.crashquery'), 'the driver was opened again');
      noHostsLeft();
    });

    it('Try again brings back a driver that works now', async (t) => {
      // The driver is "fixed": its registration no longer makes it hang. Its file is the same, so it stays quarantined until retried.
      registerFaulty({ ...faultyFixtures, 'fx.hangquery': 'fixture.dll name=fx.hangquery query=1' });
      const { byAlias } = await listJson(t, '--no-probe');
      assert.equal(byAlias('fx.hangquery').status, 'quarantined');
      const retried = await cli('probe', 'fx.hangquery', '--retry', '--json');
      assert.equal(retried.status, 0, retried.stdout);
      assert.equal((JSON.parse(retried.stdout) as ProbeResult).configurable, true);
      const after = await listJson(t, '--no-probe');
      assert.equal(after.byAlias('fx.hangquery').status, 'ok');
      assert.equal(after.byAlias('fx.hangquery').probe?.configurable, true);
      registerFaulty(faultyFixtures);
    });

    it('a quarantined driver whose file changed gets a fresh chance', async (t) => {
      const file = join(driveC, 'windows', systemFolders[view], 'fxcrashload.dll');
      const before = (await listJson(t, '--no-probe')).byAlias('fx.crashload').quarantine;
      const later = new Date(Date.now() + 60_000);
      utimesSync(file, later, later);
      const { byAlias } = await listJson(t);
      assert.ok(log.loadedModules().some((m) => m.endsWith('/fxcrashload.dll')), 'the changed driver was loaded again');
      const entry = byAlias('fx.crashload');
      assert.equal(entry.status, 'quarantined', 'and, crashing again, quarantined again');
      assert.notEqual(entry.quarantine?.file?.modified, before?.file?.modified);
      assert.ok(Math.abs(Date.parse(entry.quarantine?.file?.modified ?? '') - later.getTime()) < 2_000, 'the new record names the new file time');
    });

    it("a crash in a technician's own message is reported but quarantines nothing; send reaches a quarantined driver", async (t) => {
      const crashed = await cli('send', 'fx.crashuser', 'DRV_USER', '--json');
      assert.equal(crashed.status, 1);
      const failure = (JSON.parse(crashed.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(failure.code, 'driver-crashed');
      assert.match(failure.message, /fx\.crashuser crashed in DRV_USER\+0 \(exit code 0xC0000005 \(access violation\)\)\. Its driver host was ended; the panel carries on\.$/);
      const sent = await cli('send', 'fx.crashquery', 'DRV_USER+1', '2', '3');
      assert.equal(sent.status, 0, sent.stdout);
      assert.equal(sent.stdout.trim(), 'fx.crashquery answered DRV_USER+1 with 5 (0x5).');
      const { byAlias } = await listJson(t, '--no-probe');
      assert.equal(byAlias('fx.crashuser').status, 'ok');
      assert.equal(byAlias('fx.crashquery').status, 'quarantined');
    });

    it('--timeout gives up on a hung driver and the CLI ends at once', async (t) => {
      const run = await cli('probe', 'fx.hangopen', '--retry', '--timeout', '1');
      assert.equal(run.status, 1);
      assert.match(run.stdout, /driver-not-responding.*fx\.hangopen did not answer OpenDriver \(DRV_LOAD, DRV_ENABLE, DRV_OPEN\) within 1\.\d s/);
      t.diagnostic(`probe --timeout 1 of a driver hanging in DRV_OPEN took ${(run.ms / 1000).toFixed(1)} s, Wine start included`);
      assert.ok(run.ms < 8_000, `took ${run.ms} ms`);
      noHostsLeft();
    });

    it('Stop waiting on a query sooner than the panel itself waits is a person giving up, not a hang: nothing is quarantined', async () => {
      if (!bench) throw new Error('no bench');
      // The product's own deadlines: a query is a hang after 5 s; this person stops after the driver has hung for a moment.
      const host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
      try {
        const hung = host.client.call('probeDriver', { alias: 'fx.hangquery', view, retry: true });
        while (!log.events().some((e) => e.event === 'hang')) await delay(20);
        const stopped = await host.client.call('stopWaiting', { alias: 'fx.hangquery', view });
        assert.ok(stopped.ok && stopped.value.stopped);
        const reply = await hung;
        assert.ok(!reply.ok && reply.error.code === 'stopped-waiting', JSON.stringify(reply));
        assert.match(reply.error.message, /^You stopped waiting for fx\.hangquery in DRV_QUERYCONFIGURE\. /);
        const listing = await host.client.call('listDrivers', { probe: 'none' });
        assert.ok(listing.ok);
        assert.equal(listing.value.drivers.find((d) => d.alias === 'fx.hangquery' && d.view === view)?.status, 'ok', 'not quarantined');
      } finally {
        await host.stop();
      }
    });

    it('quitting while a driver hangs takes under a second', async (t) => {
      if (!bench) throw new Error('no bench');
      const host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
      try {
        const hung = host.client.call('probeDriver', { alias: 'fx.hangquery', retry: true });
        void hung.catch(() => undefined);
        while (!log.events().some((e) => e.event === 'hang')) await delay(20);
        assert.equal(windowsProcesses(testPrefix, 'driverHost.js').length, 1, 'the driver host is stuck in the driver');
        const quitting = performance.now();
        host.client.close();
        await host.exited;
        while (windowsProcesses(testPrefix, 'driverHost.js').length > 0 && performance.now() - quitting < 5_000) await delay(10);
        const took = performance.now() - quitting;
        t.diagnostic(`the bridge and its hung driver host were gone ${took.toFixed(0)} ms after the panel quit`);
        assert.ok(took < 1_000, `quitting took ${took} ms`);
        noHostsLeft();
      } finally {
        await host.stop();
      }
    });
  });
}
