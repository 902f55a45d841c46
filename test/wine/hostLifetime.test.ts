/**
 * No driver host outlives its supervisor, however the supervisor ends. The
 * panel's stand-in (the bridge host) is ended with `taskkill /F`
 * (TerminateProcess) while both hosts are stuck in a hanging driver, and the
 * CLI is killed from Linux (SIGKILL, which Wine treats as the process's
 * abrupt end), and both hosts must be gone within seconds. The hosts are
 * children Node started, in the job object libuv puts them in, which ends its
 * processes when its last handle (the supervisor's) closes.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { registryViews } from '../../app/views';
import { root } from '../../scripts/prepare-wine';
import { FixtureLog, registerFixtures } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, windowsProcesses, type Bench } from './wineBench';

/** A driver that hangs in DRV_QUERYCONFIGURE, in each view. */
const hanging = { 'fx.lifetime': 'fixture.dll name=fx.lifetime query=1 hang=8' };

describe('driver hosts end with their supervisor', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'lifetime-fixture-log.jsonl'));
  const hostsRunning = (): number[] => windowsProcesses(testPrefix, 'driverHost.js');

  before(async () => {
    bench = await startBench(testPrefix, null);
    registerFixtures(testPrefix, bench.env, hanging, hanging);
  });
  after(() => bench?.stop());
  beforeEach(() => log.clear());

  /** Waits until a driver of each view hangs: both hosts are running and stuck. */
  async function bothHostsHang(): Promise<void> {
    const deadline = Date.now() + 60_000;
    const hung = (): Set<number> => new Set(log.events().flatMap((e) => (e.event === 'hang' ? [e.pid] : [])));
    while (hung().size < 2) {
      if (Date.now() > deadline) assert.fail(`the drivers did not hang in both hosts: ${JSON.stringify(log.events())}`);
      await delay(50);
    }
    assert.equal(hostsRunning().length, 2, 'a 64-bit and a 32-bit host are running');
  }

  async function hostsGone(): Promise<number> {
    const ended = performance.now();
    while (hostsRunning().length > 0 && performance.now() - ended < 10_000) await delay(20);
    assert.deepEqual(hostsRunning(), [], 'no driver host outlived its supervisor');
    return performance.now() - ended;
  }

  it('taskkill /F of the panel ends both hosts', async (t) => {
    if (!bench) throw new Error('no bench');
    const host = await startBridgeHost(bench, { FIXTURE_DRIVER_LOG: windowsPath(log.path) });
    try {
      for (const view of registryViews) void host.client.call('probeDriver', { alias: 'fx.lifetime', view }).catch(() => undefined);
      await bothHostsHang();
      const killed = spawnSync('wine', ['taskkill', '/F', '/PID', String(host.ready.pid)], { env: bench.env, encoding: 'utf8' });
      assert.equal(killed.status, 0, `taskkill: ${killed.stdout}${killed.stderr}`);
      await host.exited;
      t.diagnostic(`both hosts were gone ${(await hostsGone()).toFixed(0)} ms after the panel was ended`);
    } finally {
      await host.stop();
    }
  });

  it('killing the CLI ends both hosts', async (t) => {
    if (!bench) throw new Error('no bench');
    const env = { ...bench.env, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'lifetime-state')) };
    const cli = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli-wine.ts'), 'list', '--refresh', '--timeout', '120'], { cwd: root, env, stdio: 'ignore' });
    try {
      await bothHostsHang();
      const [windowsCli] = windowsProcesses(testPrefix, 'cli.js');
      assert.ok(windowsCli, 'the CLI runs');
      process.kill(windowsCli, 'SIGKILL');
      t.diagnostic(`both hosts were gone ${(await hostsGone()).toFixed(0)} ms after the CLI was killed`);
    } finally {
      cli.kill();
    }
  });
});
