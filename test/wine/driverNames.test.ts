/**
 * A codec's names as Windows' own codec lists show them: what its installer
 * wrote in drivers.desc, under the file's name, in each view, and in
 * MediaResources under its alias; and what the codec says of itself, which
 * comes first. Wine's codecs have no version resource, so before this only
 * their aliases were listed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { NATIVE_VIEW, WOW64_VIEW, registryViews, type RegistryView } from '../../app/views';
import { wineReg, wineRegStatus } from '../../scripts/wineRegistry';
import { runCli, type CliRun } from './cliRunner';
import { registerFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

const driversDesc = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\drivers.desc';
const mediaResource = 'HKLM\\System\\CurrentControlSet\\Control\\MediaResources\\icm\\VIDC.MRLE';
const staleResource = 'HKLM\\System\\CurrentControlSet\\Control\\MediaResources\\icm\\vidc.cvid';
const described: Record<RegistryView, string> = { [NATIVE_VIEW]: 'Cinepak Codec by Radius', [WOW64_VIEW]: 'Cinepak Codec by Radius, x86' };

describe("what a codec's installer wrote of it (drivers.desc in both views, MediaResources)", () => {
  let bench: Bench | undefined;
  const stateDir = join(driveC, 'driver-names-state');
  const system32 = join(driveC, 'windows', 'system32');
  const timed = join(system32, 'fxtimed.dll');

  before(async () => {
    bench = await startBench();
    copyFileSync(join(system32, 'fixture.dll'), timed);
    // A time with nanoseconds: Node's fs.Stats round it to the millisecond (.987654321 s is .988), and the panel must too.
    execFileSync('touch', ['-d', '2024-03-05 10:11:12.987654321 UTC', timed]);
    registerFixtures(testPrefix, bench.env, { 'fx.timed': 'fxtimed.dll' }, { 'vidc.cvid': 'iccvid.dll' });
    for (const view of registryViews) wineReg(bench.env, view, 'add', driversDesc, '/v', 'iccvid.dll', '/d', described[view], '/f');
    // As a codec's .inf writes it: the alias in any case, a terse FriendlyName and the Description.
    wineReg(bench.env, NATIVE_VIEW, 'add', mediaResource, '/v', 'FriendlyName', '/d', 'MRLE', '/f');
    wineReg(bench.env, NATIVE_VIEW, 'add', mediaResource, '/v', 'Description', '/d', 'Microsoft RLE', '/f');
    wineReg(bench.env, NATIVE_VIEW, 'add', mediaResource, '/v', 'Driver', '/d', 'MSRLE32.DLL', '/f');
    // Left behind by an earlier codec of the alias: it names another file, so it does not name Cinepak.
    wineReg(bench.env, NATIVE_VIEW, 'add', staleResource, '/v', 'Description', '/d', 'Old codec', '/f');
    wineReg(bench.env, NATIVE_VIEW, 'add', staleResource, '/v', 'Driver', '/d', 'oldcodec.dll', '/f');
  });
  after(() => {
    if (bench) for (const view of registryViews) wineRegStatus(bench.env, view, 'delete', driversDesc, '/f');
    if (bench) for (const key of [mediaResource, staleResource]) wineRegStatus(bench.env, NATIVE_VIEW, 'delete', key, '/f');
    rmSync(timed, { force: true });
    bench?.stop();
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) }, args);
  }

  it('list --json carries each view its own description, and none where the installer wrote none', async () => {
    const run = await cli('list', '--json');
    assert.equal(run.status, 0, run.stderr);
    const { drivers } = JSON.parse(run.stdout) as DriverListing;
    const details = (id: string) => drivers.find((d) => d.id === id)?.details;
    assert.equal(details('64-bit:vidc.cvid')?.installerDescription, described[NATIVE_VIEW]);
    assert.equal(details('32-bit:vidc.cvid')?.installerDescription, described[WOW64_VIEW]);
    assert.equal(details('64-bit:vidc.mrle')?.installerDescription, null);
    assert.equal(details('64-bit:vidc.mrle')?.mediaResource, 'Microsoft RLE', "MediaResources, by the alias in any case: its Description before its FriendlyName");
    assert.equal(details('64-bit:vidc.cvid')?.mediaResource, null, 'an entry that names another file');
  });

  it("reads a file's size and last change exactly as Node's fs.statSync read them, so that remembered answers stay valid", async () => {
    const run = await cli('list', '--no-probe', '--json');
    assert.equal(run.status, 0, run.stderr);
    const identity = (JSON.parse(run.stdout) as DriverListing).drivers.find((d) => d.alias === 'fx.timed')?.details?.identity;
    assert.deepEqual([identity?.modified, identity?.size], ['2024-03-05T10:11:12.988Z', statSync(timed).size]);
  });

  it("the CLI's table shows what the installer wrote where the codec has not said who it is, and the codec's own name once it has", async () => {
    const unprobed = await runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'driver-names-unprobed')) }, ['list', '--no-probe']);
    assert.equal(unprobed.status, 0, unprobed.stderr);
    assert.match(unprobed.stdout, /^vidc\.cvid\s+vidc\s+64-bit\s.*Cinepak Codec by Radius$/m);
    assert.match(unprobed.stdout, /^vidc\.cvid\s+vidc\s+32-bit\s.*Cinepak Codec by Radius, x86$/m);
    assert.match(unprobed.stdout, /^vidc\.mrle\s+vidc\s+64-bit\s.*Microsoft RLE$/m);
    const probed = await cli('list');
    assert.equal(probed.status, 0, probed.stderr);
    assert.doesNotMatch(probed.stdout, /Cinepak Codec by Radius/, "the codec's own name (ICM_GETINFO) comes before the installer's");
    const report = await cli('report', '--format', 'csv');
    assert.equal(report.status, 0, report.stderr);
    const [header = '', ...rows] = report.stdout.split(/\r?\n/);
    const columns = header.split(',');
    const row = rows.find((r) => r.startsWith('vidc.cvid,vidc,64-bit,'))?.split(',') ?? [];
    assert.equal(row[columns.indexOf('name source')], 'ICM_GETINFO');
    assert.equal(row[columns.indexOf('name')], row[columns.indexOf('codec name (ICM_GETINFO)')]);
    assert.equal(row[columns.indexOf('installer description (drivers.desc)')], 'Cinepak Codec by Radius');
  });
});
