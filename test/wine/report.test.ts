/**
 * `drivers-cli report` under Wine: every driver with its probe, status and
 * quarantine, the pending restarts, the machine and Windows version, as JSON,
 * CSV and one self-contained HTML page in which every value is escaped.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { SupportReport } from '../../app/supportReport';
import { runCli, type CliRun } from './cliRunner';
import { faultyFixtures, registerFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

/** Registered parameters as a hostile or careless installer might write them. */
const hostile = 'fixture.dll name=fx.hostile query=0 <script>alert("x")</script> a,b "c" & </td>';

describe('support reports', () => {
  let bench: Bench | undefined;
  const dir = join(driveC, 'reports');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, { ...faultyFixtures, 'fx.hostile': hostile });
    rmSync(dir, { recursive: true, force: true });
    // A quarantine and a pending restart for the report to carry.
    await cli('probe', 'fx.crashquery');
    await cli('configure', 'fx.restart');
  });
  after(() => bench?.stop());

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(dir, 'state')) }, args);
  }

  it('carries every driver, probe, status, quarantine and pending restart, and the machine', { timeout: 120_000 }, async () => {
    const run = await cli('report', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as SupportReport;
    assert.ok(report.machine.name.length > 0 && /Windows/.test(report.machine.windows), JSON.stringify(report.machine));
    assert.ok(Math.abs(Date.parse(report.generatedAt) - Date.now()) < 120_000);
    const entry = (alias: string) => report.drivers.find((d) => d.alias === alias);
    assert.equal(entry('msacm.imaadpcm')?.probe?.configurable, true);
    assert.equal(entry('fx.missing')?.status, 'missing-file');
    assert.deepEqual([entry('vidc.cvid')?.details?.signature?.verdict, entry('vidc.cvid')?.details?.signature?.code], ['unsigned', '0x800B0100'], 'signatures are in');
    assert.equal(entry('fx.crashquery')?.quarantine?.what, 'crashed');
    assert.deepEqual(report.restarts.map((r) => [r.alias, r.action]), [['fx.restart', 'configure']]);
  });

  it('writes CSV that a CSV reader reads back field for field', { timeout: 60_000 }, async () => {
    const file = join(dir, 'drivers.csv');
    const run = await cli('report', '--format', 'csv', '--out', windowsPath(file));
    assert.equal(run.status, 0, run.stderr);
    const rows: Array<Record<string, string>> = parse(readFileSync(file, 'utf8'), { columns: true });
    const row = rows.find((r) => r.alias === 'fx.hostile');
    assert.equal(row?.parameters, hostile.slice('fixture.dll '.length));
    assert.equal(rows.find((r) => r.alias === 'fx.crashquery')?.status, 'quarantined');
    assert.equal(rows.find((r) => r.alias === 'fx.restart')?.['restart pending for'], 'configure');
  });

  it('writes one self-contained HTML page with every value escaped', { timeout: 60_000 }, async () => {
    const file = join(dir, 'drivers.html');
    assert.equal((await cli('report', '--format', 'html', '--out', windowsPath(file))).status, 0);
    const html = readFileSync(file, 'utf8');
    assert.ok(!html.includes('<script'), 'no script, not even the one a driver registered');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; a,b &quot;c&quot; &amp; &lt;/td&gt;'));
    assert.doesNotMatch(html, /<link|src=|href=|@import|url\(/, 'nothing loaded from elsewhere');
    assert.match(html, /@media print/);
  });

  it('says what to do when the file cannot be written', { timeout: 60_000 }, async () => {
    const run = await cli('report', '--out', 'Z:\\no\\such\\folder\\r.json', '--json');
    assert.equal(run.status, 1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'write-failed');
    assert.match(error.message, /Choose a folder that exists/);
  });
});
