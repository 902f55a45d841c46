/**
 * The activity log under Wine: the bridge host (standing in for the app's
 * main process) writes every driver call and state change through
 * electron-log's Node logger, one line each, rotating the file; the CLI's
 * --verbose prints the very same lines; and no line names the person or the machine.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './cliRunner';
import { faultyFixtures, registerFixtures } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench, type BridgeHost } from './wineBench';

const person = { USERNAME: 'zz-person-name', USERPROFILE: 'C:\\users\\zz-person-name', COMPUTERNAME: 'ZZ-MACHINE-NAME' };
const stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

/** The log's lines without their time stamps. */
function logLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => {
      assert.match(line, stamp, 'every line starts with its time');
      return line.replace(stamp, '');
    });
}

describe('the activity log', () => {
  let bench: Bench | undefined;
  const dir = join(driveC, 'activity');
  const stateDir = join(dir, 'state');
  const hosts: BridgeHost[] = [];

  async function host(logFile: string, env: NodeJS.ProcessEnv = {}, args: string[] = []): Promise<BridgeHost> {
    if (!bench) throw new Error('no bench');
    const started = await startBridgeHost(bench, { ...person, DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir), ...env }, ['--log-file', windowsPath(logFile), ...args]);
    hosts.push(started);
    return started;
  }

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, faultyFixtures);
    rmSync(dir, { recursive: true, force: true });
  });
  after(async () => {
    for (const h of hosts) await h.stop();
    bench?.stop();
  });

  it('has a line for every call and every quarantine and restart requirement, and no personal data', { timeout: 120_000 }, async () => {
    const file = join(dir, 'logs', 'main.log');
    const app = await host(file);
    assert.ok((await app.client.call('probeDriver', { alias: 'fx.plain' })).ok);
    assert.ok((await app.client.call('configureDriver', { alias: 'fx.restart' })).ok);
    assert.equal((await app.client.call('probeDriver', { alias: 'fx.crashquery' })).ok, false);
    assert.equal((await app.client.call('probeDriver', { alias: 'fx.crashquery', retry: true })).ok, false);
    assert.ok((await app.client.call('probeDriver', { alias: 'fx.wow', view: '32-bit' })).ok);
    await app.stop();
    const lines = logLines(file);
    const expected = [
      /^\[driver\] fx\.plain DRV_QUERYCONFIGURE\(0, 0\) -> 0 in [\d.]+ ms$/,
      /^\[driver\] fx\.restart DRV_CONFIGURE\(owner window, DRVCONFIGINFO\(Drivers32, fx\.restart\)\) -> 2 in [\d.]+ ms$/,
      /^\[state\] fx\.restart configure needs a restart of Windows$/,
      /^\[driver\] fx\.crashquery DRV_QUERYCONFIGURE\(0, 0\) -> crashed/,
      /^\[state\] fx\.crashquery: Quarantined: crashed in DRV_QUERYCONFIGURE .{20,}/,
      /^\[state\] fx\.crashquery out of quarantine: tried again on request$/,
      // A 32-bit registration is named with its view: a codec often has one in each.
      /^\[driver\] fx\.wow \(32-bit\) DRV_QUERYCONFIGURE\(0, 0\) -> 1 in [\d.]+ ms$/,
    ];
    for (const pattern of expected) assert.ok(lines.some((l) => pattern.test(l)), `${pattern} in:\n${lines.join('\n')}`);
    const text = readFileSync(file, 'utf8');
    for (const secret of Object.values(person)) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} in the log`);
  });

  it('says when a restart requirement was met by a restart', { timeout: 60_000 }, async () => {
    const file = join(dir, 'after-restart.log');
    const later = await host(file, { DRIVERS_PANEL_BOOT_TIME: new Date(Date.now() + 3_600_000).toISOString() });
    await later.client.call('restartRequirements', {});
    await later.stop();
    assert.ok(logLines(file).includes('[state] fx.restart configure: Windows has restarted since, nothing is pending'));
  });

  it('prints the same lines with the CLI --verbose', { timeout: 60_000 }, async () => {
    const file = join(dir, 'cli-compare.log');
    const app = await host(file);
    assert.ok((await app.client.call('sendMessage', { alias: 'fx.plain', message: 0x4001, lParam1: '16', lParam2: '-3' })).ok);
    await app.stop();
    const run = await runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(mkdtempSync(join(dir, 'cli-state-'))) }, ['send', 'fx.plain', 'DRV_USER+1', '16', '-3', '--verbose']);
    assert.equal(run.status, 0, run.stderr);
    const withoutTime = (line: string): string => line.replace(/in [\d.]+ ms$/, 'in … ms');
    const printed = run.stderr.split(/\r?\n/).filter((l) => l.startsWith('[driver]')).map(withoutTime);
    assert.deepEqual(printed, logLines(file).map(withoutTime));
  });

  it('rotates the file, keeping five old ones', { timeout: 120_000 }, async () => {
    const file = join(dir, 'rotating', 'main.log');
    const app = await host(file, {}, ['--log-max-bytes', '400']);
    for (let i = 0; i < 40; i++) await app.client.call('probeDriver', { alias: 'fx.plain' });
    await app.stop();
    const generation = (n: number): string => join(dir, 'rotating', `main.${n}.log`);
    for (let n = 1; n <= 5; n++) assert.ok(existsSync(generation(n)), `main.${n}.log`);
    assert.ok(!existsSync(generation(6)), 'no sixth old file');
    assert.ok(readFileSync(file, 'utf8').length <= 600, 'the current file stays near its limit');
  });
});
