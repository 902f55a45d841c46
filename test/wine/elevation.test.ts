/**
 * Administrator rights under Wine. The real token query answers (Wine runs
 * its programs elevated), and DRIVERS_PANEL_ASSUME_ELEVATION plays a limited
 * account: install, remove and restart are refused before any driver is
 * loaded (the CLI with exit code 740), while listing, probing and configuring
 * keep working.
 */
import assert from 'node:assert/strict';
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

describe('administrator rights', () => {
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

  it('the CLI refuses install, remove, disable, enable and undo with 740 and what to do, loading and writing nothing', { timeout: 90_000 }, async () => {
    const before = registrationSnapshot(testPrefix, wineEnv(testPrefix));
    for (const args of [['install', 'fx.plain'], ['remove', 'fx.plain'], ['disable', 'fx.plain'], ['enable', 'fx.plain'], ['undo']]) {
      const run = await cli(limited, ...args);
      assert.equal(run.windowsCode, ERROR_ELEVATION_REQUIRED, run.stderr);
      assert.match(run.stdout, /needs administrator rights.*"Run as administrator"/);
    }
    const json = await cli(limited, 'install', 'fx.plain', '--json');
    assert.equal((JSON.parse(json.stdout) as { error: DriverFailure }).error.code, 'elevation-required');
    assert.deepEqual(log.events(), [], 'no driver was loaded');
    assert.deepEqual(registrationSnapshot(testPrefix, wineEnv(testPrefix)), before, 'no registration changed');
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
});
