/**
 * The state the app and the CLI share on a machine, under Wine: restart
 * requirements that outlive the process that made them and end with the boot,
 * a state file that cannot be read, the app and the CLI writing at once, and
 * Restart now asking Windows (here: Wine) to restart.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DriverListing, RestartRequirement } from '../../app/drivers';
import { runCli, type CliRun } from './cliRunner';
import { registerFixtures } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench } from './wineBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

const EXIT_RESTART_REQUIRED = 3010;

describe('state shared by the app and the CLI (64-bit drivers: state is kept per registration, the same for either view)', () => {
  let bench: Bench | undefined;
  const stateDir = join(driveC, 'shared-state');
  const stateFile = join(stateDir, 'state.json');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
  });
  after(() => bench?.stop());
  beforeEach(() => rmSync(stateDir, { recursive: true, force: true }));

  const stateEnv = (): NodeJS.ProcessEnv => ({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
  const cli = (...args: string[]): Promise<CliRun> => runCli(stateEnv(), args);
  const pending = (run: CliRun): Array<[string, string]> => (JSON.parse(run.stdout) as RestartRequirement[]).map((r) => [r.alias, r.action]);

  it('a restart requirement outlives its process, is seen by the app, and ends with the boot', async () => {
    assert.equal((await cli('configure', 'fx.restart')).windowsCode, EXIT_RESTART_REQUIRED);
    const status = await cli('restart-status', '--json');
    assert.equal(status.windowsCode, EXIT_RESTART_REQUIRED, 'restart-status exits 3010 while a restart is pending');
    assert.deepEqual(pending(status), [['fx.restart', 'configure']]);
    const text = await cli('restart-status');
    assert.match(text.stdout, /Windows must restart for these changes to take effect:\n {2}fx\.restart: configuration on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

    if (!bench) throw new Error('no bench');
    const app = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
    try {
      const seen = await app.client.call('restartRequirements', {});
      assert.ok(seen.ok);
      assert.deepEqual(seen.value.map((r) => [r.id, r.action]), [['64-bit:fx.restart', 'configure']], 'the app sees what the CLI recorded');
    } finally {
      await app.stop();
    }

    // The same machine after a restart: its boot time is later.
    const rebooted = await runCli({ ...stateEnv(), DRIVERS_PANEL_BOOT_TIME: new Date(Date.now() + 3_600_000).toISOString() }, ['restart-status', '--json']);
    assert.equal(rebooted.windowsCode, 0);
    assert.deepEqual(pending(rebooted), []);
    assert.equal((await cli('restart-status')).stdout.trim(), 'No change is waiting for a restart.', 'the cleared requirement is gone from the file');
  });

  it('30 configures and 30 installs of one driver leave one requirement per action, in the app and in the file', async () => {
    if (!bench) throw new Error('no bench');
    const app = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
    try {
      for (let i = 0; i < 30; i++) {
        const configured = await app.client.call('configureDriver', { alias: 'fx.restart' });
        const installed = await app.client.call('installDriver', { alias: 'fx.restart' });
        assert.ok(configured.ok && configured.value.result === 'restart' && installed.ok && installed.value.result === 'restart', `round ${i}: ${JSON.stringify({ configured, installed })}`);
      }
      const seen = await app.client.call('restartRequirements', {});
      assert.ok(seen.ok);
      assert.deepEqual(seen.value.map((r) => [r.alias, r.action]).sort(), [['fx.restart', 'configure'], ['fx.restart', 'install']]);
    } finally {
      await app.stop();
    }
    assert.deepEqual(pending(await cli('restart-status', '--json')).sort(), [['fx.restart', 'configure'], ['fx.restart', 'install']]);
  });

  it('an unreadable state file is set aside, reported once, and replaced', async () => {
    execFileSync('mkdir', ['-p', stateDir]);
    writeFileSync(stateFile, '{"version":1,"restarts":[{"alias":');
    const first = await cli('list', '--no-probe', '--json');
    assert.equal(first.status, 0, first.stderr);
    const notices = (JSON.parse(first.stdout) as DriverListing).notices;
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.match(notices[0] ?? '', /state file .*state\.json could not be read: it is not valid JSON.*kept as .*state\.unreadable-.*\.json/);
    const kept = readdirSync(stateDir).filter((f) => f.startsWith('state.unreadable-'));
    assert.equal(kept.length, 1);
    assert.equal(readFileSync(join(stateDir, kept[0] ?? ''), 'utf8'), '{"version":1,"restarts":[{"alias":', 'the unreadable bytes are kept');
    assert.doesNotThrow(() => JSON.parse(readFileSync(stateFile, 'utf8')) as unknown, 'a new, readable state file replaced it');
    const second = await cli('list', '--no-probe', '--json');
    assert.deepEqual((JSON.parse(second.stdout) as DriverListing).notices, [], 'reported once');
  });

  it('the app and two CLI processes writing at once lose nothing', async () => {
    if (!bench) throw new Error('no bench');
    const app = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) });
    try {
      const [fromApp, configured, removed] = await Promise.all([
        app.client.call('installDriver', { alias: 'msacm.imaadpcm' }),
        cli('configure', 'fx.restart'),
        cli('install', 'fx.restart'),
      ]);
      assert.ok(fromApp.ok && fromApp.value.restartRequired);
      assert.deepEqual([configured.windowsCode, removed.windowsCode], [EXIT_RESTART_REQUIRED, EXIT_RESTART_REQUIRED], [configured, removed].map((run) => run.stdout + run.stderr).join('\n'));
      const all = await app.client.call('restartRequirements', {});
      assert.ok(all.ok);
      assert.deepEqual(all.value.map((r) => `${r.alias} ${r.action}`).sort(), ['fx.restart configure', 'fx.restart install', 'msacm.imaadpcm install']);
      assert.equal(existsSync(`${stateFile}.lock`), false, 'no lock is left behind');
    } finally {
      await app.stop();
    }
  });

  it('Restart now asks Windows to restart (Wine runs its restart: RunOnce commands)', async () => {
    if (!bench) throw new Error('no bench');
    const marker = join(driveC, 'restart-marker.txt');
    rmSync(marker, { force: true });
    const runOnce = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce';
    wineReg(bench.env, NATIVE_VIEW, 'add', runOnce, '/v', 'driversPanelTest', '/d', 'cmd /c echo restarted> C:\\restart-marker.txt', '/f');
    const app = await startBridgeHost(bench);
    try {
      const reply = await app.client.call('restartWindows', {});
      assert.ok(reply.ok, JSON.stringify(reply));
      for (let i = 0; i < 100 && !existsSync(marker); i++) await delay(100);
      assert.ok(existsSync(marker), 'Wine went through its restart sequence');
    } finally {
      await app.stop();
      rmSync(marker, { force: true });
    }
  });
});
