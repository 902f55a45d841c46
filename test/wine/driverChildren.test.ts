/**
 * Programs a driver starts end with its driver host, however the host ends,
 * under Wine: the fixture (spawn=1) starts a program in DRV_LOAD that would
 * sleep two minutes; it is gone once the CLI that probed the driver has
 * exited, once the driver has crashed its host, and once the supervisor has
 * ended a host whose driver missed its deadline, while the panel (here its
 * bridge host) runs on. Twice: for a 64-bit driver in the 64-bit host, and
 * for a 32-bit driver in the 32-bit host.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, beforeEach, describe, it, type TestContext } from 'node:test';
import { DRV_LOAD } from '../../app/messages';
import { NATIVE_VIEW, registryViews } from '../../app/views';
import { runCli } from './cliRunner';
import { FixtureLog, faultyFixtures, registerFixtures, type FixtureSpawn } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, windowsProcesses, type Bench } from './wineBench';

/** Wine ends a process and its job's processes in well under this, even on a busy machine; the program would live 120 s. */
const GONE_WITHIN_MS = 5_000;
const PROBE_DEADLINE_MS = 2_000;

for (const view of registryViews) describe(`programs a ${view} driver starts`, () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'children-fixture-log.jsonl'));
  /** A healthy driver registered only in this view, so that the CLI finds it there. */
  const healthy = view === NATIVE_VIEW ? 'fx.plain' : 'fx.wow';

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, view === NATIVE_VIEW ? faultyFixtures : {}, view === NATIVE_VIEW ? {} : faultyFixtures);
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });
  beforeEach(() => log.clear());

  const spawning = (): NodeJS.ProcessEnv => ({ FIXTURE_DRIVER_LOG: windowsPath(log.path), FIXTURE_DRIVER_DEFAULTS: `spawn=${DRV_LOAD}` });

  /** The program the driver in host `hostPid` started; the driver went on only once it ran. */
  function childOf(hostPid: number): Extract<FixtureSpawn, { event: 'spawn' }> {
    const spawns = log.spawns();
    const spawn = spawns.find((s) => s.pid === hostPid);
    assert.ok(spawn?.event === 'spawn', `the driver in host ${hostPid} started its program: ${JSON.stringify(spawns)}`);
    assert.equal(spawn.running, 1, 'the program ran');
    return spawn;
  }

  async function goneAfter(t: TestContext, tag: string, since: number, withinMs = GONE_WITHIN_MS): Promise<void> {
    while (windowsProcesses(testPrefix, tag).length > 0 && performance.now() - since < withinMs) await delay(50);
    const left = windowsProcesses(testPrefix, tag);
    t.diagnostic(left.length === 0 ? `${tag} was gone after ${(performance.now() - since).toFixed(0)} ms` : `${tag} still runs`);
    assert.deepEqual(left, [], `the program ${tag} ended with its driver host`);
  }

  it('end when the CLI that probed the driver exits', async (t) => {
    const run = await runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'children-state')), ...spawning() }, [
      'probe',
      healthy,
    ]);
    const exited = performance.now();
    assert.equal(run.status, 0, run.stderr);
    const host = log.lines().find((l) => l.driver === healthy)?.pid ?? assert.fail(`${healthy} was not probed`);
    await goneAfter(t, childOf(host).tag, exited);
  });

  it('end when their driver crashes its host, while the panel runs on', async (t) => {
    if (!bench) throw new Error('no bench');
    const panel = await startBridgeHost(bench, spawning());
    try {
      const reply = await panel.client.call('probeDriver', { alias: 'fx.crashquery', view, retry: true });
      const crashed = performance.now();
      assert.ok(!reply.ok && reply.error.code === 'driver-crashed', JSON.stringify(reply));
      const host = log.events().find((e) => e.event === 'crash')?.pid ?? assert.fail('fx.crashquery did not crash');
      await goneAfter(t, childOf(host).tag, crashed);
      const session = await panel.client.call('session', {});
      assert.ok(session.ok, 'the panel runs on');
    } finally {
      await panel.stop();
    }
  });

  it('end when the supervisor ends a host whose driver hangs, while the panel runs on', async (t) => {
    if (!bench) throw new Error('no bench');
    const panel = await startBridgeHost(bench, spawning(), ['--probe-timeout', String(PROBE_DEADLINE_MS)]);
    try {
      const listed = await panel.client.call('listDrivers', { probe: 'new' });
      assert.ok(listed.ok, JSON.stringify(listed));
      while (!log.events().some((e) => e.event === 'hang')) await delay(20);
      const hung = performance.now();
      const host = log.events().find((e) => e.event === 'hang')?.pid ?? 0;
      const { tag } = childOf(host);
      assert.equal(windowsProcesses(testPrefix, tag).length, 1, 'the program runs while its driver hangs');
      await goneAfter(t, tag, hung, PROBE_DEADLINE_MS + GONE_WITHIN_MS);
      const session = await panel.client.call('session', {});
      assert.ok(session.ok, 'the panel runs on');
    } finally {
      await panel.stop();
    }
  });
});
