/**
 * Administrator rights under Wine. The real token query answers (Wine runs
 * its programs elevated), and DRIVERS_PANEL_ASSUME_ELEVATION plays a limited
 * account: add, install, remove, disable, enable, undo and restart are
 * refused before any driver is loaded or any file copied (the CLI with exit
 * code 740), while listing, probing and configuring keep working.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DriverFailure } from '../../app/drivers';
import { DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { ERROR_ELEVATION_REQUIRED } from '../../app/privileges';
import { runCli, type CliRun } from './cliRunner';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { registrationSnapshot } from './registrySnapshot';
import { wineEnv } from '../../scripts/prepare-wine';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench, type BridgeHost } from './wineBench';

const limited = { DRIVERS_PANEL_ASSUME_ELEVATION: 'limited' };
const system32 = join(driveC, 'windows', 'system32');

describe('administrator rights (64-bit drivers: the right a request needs does not depend on the view)', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'elevation-fixture-log.jsonl'));
  const hosts: BridgeHost[] = [];

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
  });
  after(async () => {
    for (const h of hosts) await h.stop();
    bench?.stop();
  });
  beforeEach(() => log.clear());

  const cli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> =>
    runCli({ ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), ...env }, args);

  async function host(env: NodeJS.ProcessEnv): Promise<BridgeHost> {
    if (!bench) throw new Error('no bench');
    const started = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path), ...env });
    hosts.push(started);
    return started;
  }

  it("reads the process token's elevation for real (Wine says elevated)", async () => {
    const app = await host({});
    const session = await app.client.call('session', {});
    assert.ok(session.ok);
    assert.equal(session.value.elevated, true);
  });

  /** A driver file where a person keeps new drivers: a copy of the fixture, which nothing registers yet. */
  function planted(name: string): string {
    mkdirSync(join(driveC, 'incoming'), { recursive: true });
    copyFileSync(join(system32, 'fixture.dll'), join(driveC, 'incoming', name));
    return `C:\\incoming\\${name}`;
  }

  it('the CLI refuses add, install, remove, disable, enable and undo with 740 and what to do, loading, copying and writing nothing', { timeout: 120_000 }, async () => {
    const before = registrationSnapshot(testPrefix, wineEnv(testPrefix));
    const commands = [['add', planted('fxelevated.acm')], ['install', 'fx.plain'], ['remove', 'fx.plain'], ['disable', 'fx.plain'], ['enable', 'fx.plain'], ['undo']];
    for (const args of commands) {
      const run = await cli(limited, ...args);
      assert.equal(run.windowsCode, ERROR_ELEVATION_REQUIRED, run.stderr);
      assert.match(run.stdout, /needs administrator rights.*"Run as administrator"/);
    }
    const json = await cli(limited, 'install', 'fx.plain', '--json');
    assert.equal((JSON.parse(json.stdout) as { error: DriverFailure }).error.code, 'elevation-required');
    assert.deepEqual(log.events(), [], 'no driver was loaded');
    assert.deepEqual(registrationSnapshot(testPrefix, wineEnv(testPrefix)), before, 'no registration changed');
    assert.ok(!existsSync(join(system32, 'fxelevated.acm')), 'no file was copied');
  });

  it('the CLI still lists, probes and configures without elevation, and installs with it', { timeout: 60_000 }, async () => {
    assert.equal((await cli(limited, 'list', '--no-probe')).windowsCode, 0);
    assert.equal((await cli(limited, 'probe', 'fx.plain')).windowsCode, 0);
    assert.equal((await cli(limited, 'configure', 'fx.restart')).windowsCode, 3010);
    assert.equal((await cli({ DRIVERS_PANEL_ASSUME_ELEVATION: 'elevated' }, 'install', 'fx.plain')).windowsCode, 0);
    assert.ok(log.lines().some((l) => l.msg === DRV_INSTALL && l.driver === 'fx.plain'));
  });

  it('the app refuses install, remove and restart before touching a driver, and offers nothing half-done', { timeout: 60_000 }, async () => {
    const app = await host(limited);
    assert.deepEqual(await app.client.call('session', {}), { ok: true, value: { elevated: false } });
    const changes = [['removeDriver', { alias: 'fx.plain' }], ['disableDriver', { alias: 'fx.plain' }], ['enableDriver', { alias: 'fx.plain' }], ['undoChange', {}]] as const;
    for (const [channel, payload] of [['installDriver', { alias: 'fx.plain' }], ...changes, ['restartWindows', {}]] as const) {
      const reply = await app.client.callUnchecked(channel, payload);
      assert.ok(!reply.ok && reply.error.code === 'elevation-required', `${channel}: ${JSON.stringify(reply)}`);
      assert.match(reply.error.message, /administrator rights.*Restart as administrator/);
    }
    assert.deepEqual(log.lines().filter((l) => l.msg === DRV_INSTALL || l.msg === DRV_REMOVE), []);
    assert.ok((await app.client.call('probeDriver', { alias: 'fx.plain' })).ok, 'probing works');
    assert.ok((await app.client.call('configureDriver', { alias: 'fx.restart' })).ok, 'configuring works');
  });

  it('the app refuses to add a driver the person chose, before copying or loading anything', { timeout: 60_000 }, async () => {
    const app = await host(limited);
    const before = registrationSnapshot(testPrefix, wineEnv(testPrefix));
    writeFileSync(join(app.dialogsDir, 'open.txt'), planted('fxappelevated.acm'));
    const chosen = await app.client.call('chooseDriverFile', {});
    assert.ok(chosen.ok && chosen.value.file?.problem === null, `looking at the chosen file needs no rights: ${JSON.stringify(chosen)}`);
    const reply = await app.client.call('addDriver', { path: chosen.value.file.path });
    assert.ok(!reply.ok, JSON.stringify(reply));
    assert.equal(reply.error.code, 'elevation-required');
    assert.match(reply.error.message, /^Adding a driver needs administrator rights.*Restart as administrator/);
    assert.deepEqual(log.events(), [], 'no driver was loaded');
    assert.deepEqual(registrationSnapshot(testPrefix, wineEnv(testPrefix)), before, 'no registration changed');
    assert.ok(!existsSync(join(system32, 'fxappelevated.acm')), 'no file was copied');
  });
});
