/**
 * Output that cannot be turned against its reader: registrations whose alias
 * or value holds a terminal's escape sequence, a CR LF with a forged line
 * after it, a C1 control or a bidi override reach the CLI's text, its notes
 * and errors, its --verbose trace and the app's log escaped, one line each;
 * --json stays one document that parses. What a driver itself writes to the
 * host's stdout and stderr comes to the CLI's stderr and the app's log the
 * same way, each line under the alias of the driver that was being called,
 * and only so much of it.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { NATIVE_VIEW, registryViews } from '../../app/views';
import { runCli, type CliRun } from './cliRunner';
import { registerFixtures } from './fixtureRegistry';
import { setRawValue } from './registrySnapshot';
import { driveC, startBench, startBridgeHost, testPrefix, windowsPath, type Bench } from './wineBench';

/** An alias with a terminal's colour sequence: listed, never opened (it holds a control character). */
const escAlias = 'fx.\x1b[31mred';
/** Aliases the panel opens, since nothing in them is a space or a C0 control: a C1 CSI, and a right-to-left override. */
const csiAlias = 'fx.\u009b31mcsi';
const bidiAlias = 'fx.\u202eevil';
/** A value whose file name carries a CR LF and a forged row of the table. */
const crlfValue = 'nosuch\r\nfx.forged\tacm\t64-bit\tyes\tok\tforged.dll name=fx.crlf';

/** What a terminal or a log viewer acts on instead of showing. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const actedOn = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** No line may hold what a terminal acts on; the CLI ends its lines with \n, the log (electron-log on Windows) with \r\n. */
function assertPrintable(text: string, what: string, lineEnd: string | RegExp = '\n'): void {
  for (const line of text.split(lineEnd)) assert.doesNotMatch(line, actedOn, `${what}: ${JSON.stringify(line)}`);
}

describe('output with hostile registrations', () => {
  let bench: Bench | undefined;
  const dir = join(driveC, 'hostile-output');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, {
      [escAlias]: 'fixture.dll name=fx.red query=1',
      [csiAlias]: 'fixture.dll name=fx.csi query=1',
      [bidiAlias]: 'fixture.dll name=fx.bidi query=1',
    });
    // reg.exe's .reg files are read line by line: a value with a CR LF is written byte for byte.
    setRawValue(bench.env, '64-bit', 'fx.crlf', 1, Buffer.from(`${crlfValue}\0`, 'utf16le'));
    rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(dir, 'state')) }, args);
  }

  it('list prints every alias and value escaped, one table row per driver and no forged one', { timeout: 120_000 }, async () => {
    const json = await cli('list', '--json');
    assert.equal(json.status, 0, json.stderr);
    const listing = JSON.parse(json.stdout) as DriverListing;
    assert.ok([escAlias, csiAlias, bidiAlias, 'fx.crlf'].every((alias) => listing.drivers.some((d) => d.alias === alias)), 'JSON carries the values as they are');

    const run = await cli('list');
    assert.equal(run.status, 0, run.stderr);
    assertPrintable(run.stdout, 'list');
    assertPrintable(run.stderr, 'list (stderr)');
    const lines = run.stdout.split('\n');
    const rows = lines.slice(1, lines.indexOf(''));
    assert.equal(rows.length, listing.drivers.length, 'one row per driver');
    assert.ok(!lines.some((line) => line.startsWith('fx.forged')), 'no forged row');
    assert.ok(rows.some((row) => row.startsWith('fx.\\x1b[31mred ')));
    assert.ok(rows.some((row) => row.startsWith('fx.\\x9b31mcsi ')));
    assert.ok(rows.some((row) => row.startsWith('fx.\\u202eevil ')));
    assert.ok(rows.some((row) => row.startsWith('fx.crlf ') && row.includes('nosuch\\r\\nfx.forged\\tacm')));
    assert.match(run.stdout, /^ {2}fx\.\\x1b\[31mred \(64-bit\): The panel does not open this driver/m, 'the notes escape the alias');
    assert.match(run.stdout, /^ {2}fx\.crlf \(64-bit\): The file "nosuch\\r\\nfx\.forged\\tacm\\t64-bit\\tyes\\tok\\tforged\.dll" was not found/m);
  });

  it('escapes the alias in what probe prints, in its --verbose trace and in its errors', { timeout: 120_000 }, async () => {
    const probe = await cli('probe', bidiAlias, '--verbose');
    assert.equal(probe.status, 0, probe.stderr);
    assertPrintable(probe.stdout, 'probe');
    assertPrintable(probe.stderr, 'probe --verbose');
    assert.match(probe.stdout, /^fx\.\\u202eevil has a configuration dialog/);
    assert.match(probe.stderr, /^\[driver\] fx\.\\u202eevil DRV_QUERYCONFIGURE\(0, 0\) -> 1 in [\d.]+ ms$/m);

    const refused = await cli('probe', escAlias);
    assert.equal(refused.status, 2);
    assertPrintable(refused.stdout, 'probe of an unsafe alias');
    assert.match(refused.stdout, /^Error \(invalid-alias\): "fx\.\\x1b\[31mred" contains a space or a control character/);

    const usage = await cli('\x1b[31mfrob\r\nforged');
    assert.equal(usage.status, 2);
    assertPrintable(usage.stderr, 'usage error');
    assert.match(usage.stderr, /^Unknown command "\\x1b\[31mfrob\\r\\nforged"/);
  });

  it('escapes the alias in the app\'s log', { timeout: 120_000 }, async () => {
    if (!bench) throw new Error('no bench');
    const file = join(dir, 'main.log');
    const app = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: windowsPath(join(dir, 'app-state')) }, ['--log-file', windowsPath(file)]);
    try {
      assert.ok((await app.client.call('probeDriver', { alias: csiAlias })).ok);
    } finally {
      await app.stop();
    }
    const log = readFileSync(file, 'utf8');
    assertPrintable(log, 'log', /\r?\n/);
    assert.match(log, /Z \[driver\] fx\.\\x9b31mcsi DRV_QUERYCONFIGURE\(0, 0\) -> 1 in [\d.]+ ms\r?\n/);
  });
});

// The 32-bit host gets its output across the architectures by another road (main/host/supervisor/pipeHostLauncher.ts): tried in both.
for (const view of registryViews) describe(`a ${view} driver's own output`, () => {
  let bench: Bench | undefined;
  const dir = join(driveC, 'driver-output');
  const folder = view === NATIVE_VIEW ? 'system32' : 'syswow64';

  before(async () => {
    bench = await startBench();
    const noisy = {
      // DRV_QUERYCONFIGURE is message 8; DRV_USER + 1 is 16385.
      'fx.noisy': 'fixture.dll name=fx.noisy query=1 noise=8',
      'fx.flood': 'fixture.dll name=fx.flood query=0 flood=16385',
    };
    registerFixtures(testPrefix, bench.env, view === NATIVE_VIEW ? noisy : {}, view === NATIVE_VIEW ? {} : noisy);
    rmSync(dir, { recursive: true, force: true });
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<CliRun> {
    return runCli({ ...bench?.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(join(dir, 'state')) }, args);
  }

  /** The noise fx.noisy writes in DRV_QUERYCONFIGURE, each line as the CLI and the log must show it. */
  const noisyLines = [
    '[output] fx.noisy: noise on stdout \\x1b[31mred\\x1b[0m',
    '[output] fx.noisy: [state] fx.plain out of quarantine: tried again on request',
    '[output] fx.noisy: noise on stderr \\u202e bidi',
    '[output] fx.noisy: [driver] fx.forged DRV_QUERYCONFIGURE(0, 0) -> 1 in 0.1 ms',
  ];

  it('comes to the CLI\'s stderr escaped, line by line, under the alias of the driver that wrote it', { timeout: 120_000 }, async () => {
    const run = await cli('probe', 'fx.noisy');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `fx.noisy has a configuration dialog (DRV_QUERYCONFIGURE returned 1). Loaded from C:\\windows\\${folder}\\fixture.dll.\n`);
    assertPrintable(run.stderr, 'stderr');
    const lines = run.stderr.split('\n').filter(Boolean);
    for (const line of noisyLines) assert.ok(lines.includes(line), `${line} in:\n${run.stderr}`);
    assert.ok(lines.every((line) => line.startsWith('[output] ')), `nothing else, and nothing that passes for the panel's own lines:\n${run.stderr}`);
  });

  it('leaves --json one document, and names the right driver among a listing\'s probes', { timeout: 120_000 }, async () => {
    const run = await cli('list', '--refresh', '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.ok((JSON.parse(run.stdout) as DriverListing).drivers.some((d) => d.alias === 'fx.noisy' && d.view === view));
    assertPrintable(run.stderr, 'stderr');
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('[output] '));
    assert.deepEqual([...lines].sort(), [...noisyLines].sort(), 'fx.noisy wrote all of it, nobody else any of it');
    // Each stream keeps its order; the two are read apart, so either may come first.
    const at = (line: string): number => lines.indexOf(line);
    const [out1 = '', out2 = '', err1 = '', err2 = ''] = noisyLines;
    assert.ok(at(out1) < at(out2) && at(err1) < at(err2), lines.join('\n'));
  });

  it('cuts a flood short and says so: few lines, none overlong', { timeout: 120_000 }, async () => {
    const run = await cli('send', 'fx.flood', 'DRV_USER+1');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'fx.flood answered DRV_USER+1 with 0 (0x0).\n');
    const lines = run.stderr.split('\n').filter(Boolean);
    assert.ok(run.stderr.length < 64 * 1024, `${run.stderr.length} characters of 1.6 MB written`);
    assert.ok(lines.length < 250, `${lines.length} lines`);
    assert.ok(lines.every((line) => line.startsWith('[output] fx.flood: ') && line.length < 1200), 'each line attributed and bounded');
    assert.ok(lines.some((line) => /^\[output\] fx\.flood: f{200}$/.test(line)), 'whole lines while there are few');
    assert.ok(lines.some((line) => /^\[output\] fx\.flood: … 2900 more lines of output cut: at most 100 lines of a call are kept$/.test(line)), `says that lines were cut:\n${lines.slice(-3).join('\n')}`);
    assert.ok(lines.some((line) => /^\[output\] fx\.flood: F+… \(.*cut.*\)$/.test(line)), 'says that the megabyte line was cut');
  });

  it('goes to the app\'s log, escaped, under the alias', { timeout: 120_000 }, async () => {
    if (!bench) throw new Error('no bench');
    const file = join(dir, 'main.log');
    const app = await startBridgeHost(bench, { DRIVERS_PANEL_STATE_DIR: windowsPath(join(dir, 'app-state')) }, ['--log-file', windowsPath(file)]);
    try {
      assert.ok((await app.client.call('probeDriver', { alias: 'fx.noisy', view })).ok);
    } finally {
      await app.stop();
    }
    const log = readFileSync(file, 'utf8');
    assertPrintable(log, 'log', /\r?\n/);
    const lines = log.split(/\r?\n/).map((line) => line.replace(/^\S+Z /, ''));
    for (const line of noisyLines) assert.ok(lines.includes(line), `${line} in:\n${log}`);
  });
});

