/**
 * The change journal as an adversary meets it: planted and tampered journals
 * and backups, a journal folder others may write, a change left half-done for
 * a process without administrator rights. Whatever a journal says, an
 * elevated CLI writes nothing outside the panel's own places, refuses the
 * journal whole before it writes anything, keeps it aside for inspection and
 * says so; a kept file reaches the system folder only once its hash matches.
 * Wine enforces few ACLs: what is tested here is the panel's own refusals
 * (Wine reports a folder that Linux lets others write as one Everyone may
 * write); that the installer's and the panel's folder really keep users out
 * is Windows' to show.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { runCli, type CliRun } from './cliRunner';
import { registerFixtures } from './fixtureRegistry';
import { registrationSnapshot } from './registrySnapshot';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';
import { NATIVE_VIEW } from '../../app/views';
import { wineRegStatus } from '../../scripts/wineRegistry';

const system32 = join(driveC, 'windows', 'system32');
const runKey = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
const evil = Buffer.from('MZ not a driver, but someone else\'s program');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const regSz = (text: string): { type: number; data: string } => ({ type: 1, data: Buffer.from(`${text}\0`, 'utf16le').toString('base64') });

/** A step the panel never writes, as an adversary would plant it; each is refused on its own. */
const hostileSteps: Record<string, object> = {
  'a Run key value': { where: 'registry', view: '64-bit', key: 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', name: 'rtevil', before: regSz('C:\\evil.exe'), after: null },
  "a service's ImagePath": { where: 'registry', view: '64-bit', key: 'SYSTEM\\CurrentControlSet\\Services\\rtevil', name: 'ImagePath', before: regSz('C:\\evil.exe'), after: null },
  'a subkey of Drivers32 that is not a disabled one': { where: 'registry', view: '32-bit', key: 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\Other', name: 'x', before: regSz('x.dll'), after: null },
  'a [boot] line of system.ini': { where: 'system.ini', section: 'boot', name: 'shell', before: { text: 'C:\\evil.exe' }, after: null },
  'a [drivers32] value that writes other lines': { where: 'system.ini', section: 'drivers32', name: 'rt.evil', before: { text: 'x.dll\r\n[boot]\r\nshell=C:\\evil.exe' }, after: null },
  'a file copied from C:\\Users\\Public': {
    where: 'file',
    path: 'C:\\windows\\system32\\rtevil.dll',
    before: { sha256: sha256(evil), size: evil.length, copyFrom: 'C:\\users\\Public\\rtevil.dll' },
    after: null,
  },
  'a file outside the system folders': { where: 'file', path: 'C:\\windows\\rtevil.dll', before: null, after: { sha256: sha256(evil), size: evil.length, copyFrom: 'C:\\users\\Public\\rtevil.dll' } },
  'a file named through ..': { where: 'file', path: 'C:\\windows\\system32\\..\\rtevil.dll', before: null, after: null },
  'a file read from a network share': {
    where: 'file',
    path: 'C:\\windows\\system32\\rtevil.dll',
    before: { sha256: sha256(evil), size: evil.length, copyFrom: '\\\\attacker\\share\\rtevil.dll' },
    after: null,
  },
};

describe('the change journal, as an adversary meets it', () => {
  let bench: Bench;
  let original: Record<string, string>;
  const state = join(driveC, 'journal-security-state');
  const folder = join(state, 'Changes');
  const journal = join(folder, 'changes.json');
  const cli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> =>
    runCli({ ...bench.env, WINEPREFIX: testPrefix, DRIVERS_PANEL_STATE_DIR: windowsPath(state), ...env }, args);
  const snapshot = (): Record<string, string> => registrationSnapshot(testPrefix, bench.env);
  const runValue = (): boolean => wineRegStatus(bench.env, NATIVE_VIEW, 'query', runKey, '/v', 'rtevil') === 0;
  const refusedFiles = (): string[] => (existsSync(folder) ? readdirSync(folder).filter((n) => n.startsWith('changes.refused-')) : []);
  /** A journal as the panel writes it, holding one entry. */
  function plant(entry: object): void {
    mkdirSync(folder, { recursive: true });
    writeFileSync(journal, JSON.stringify({ version: 2, entries: [entry] }, null, 2));
  }
  const entry = (status: string, steps: object[]): object => ({
    id: '6f1c0000-0000-4000-8000-000000000001',
    kind: 'disable',
    alias: 'msacm.l3acm',
    view: '64-bit',
    at: '2026-12-01T10:00:00.000Z',
    summary: 'Disable msacm.l3acm (64-bit): move it to Drivers32\\DriversPanelDisabled',
    byDriver: [],
    undoneAt: null,
    state: status,
    steps,
    // A process that is gone, so that its change counts as interrupted.
    owner: { pid: 999_999_996, started: '1' },
  });

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
    original = snapshot();
    mkdirSync(join(driveC, 'users', 'Public'), { recursive: true });
    writeFileSync(join(driveC, 'users', 'Public', 'rtevil.dll'), evil);
  });
  beforeEach(() => rmSync(state, { recursive: true, force: true }));
  after(() => {
    rmSync(state, { recursive: true, force: true });
    rmSync(join(driveC, 'users', 'Public', 'rtevil.dll'), { force: true });
    bench.stop();
  });

  function assertNothingWritten(what: string): void {
    assert.equal(runValue(), false, `${what}: no Run value`);
    assert.ok(!existsSync(join(system32, 'rtevil.dll')) && !existsSync(join(driveC, 'windows', 'rtevil.dll')), `${what}: no file copied`);
    assert.deepEqual(readdirSync(system32).filter((n) => n.endsWith('.new')), [], `${what}: nothing staged in System32`);
    assert.doesNotMatch(readFileSync(join(driveC, 'windows', 'system.ini'), 'latin1'), /rtevil|evil\.exe/i, `${what}: system.ini untouched`);
    assert.deepEqual(snapshot(), original, `${what}: every registration as it was`);
  }

  for (const [what, step] of Object.entries(hostileSteps)) {
    it(`an interrupted change naming ${what}: a plain list as administrator refuses the journal whole, keeps it aside and writes nothing`, async () => {
      // A harmless-looking first step, which recovery would have carried out before reaching the hostile one.
      const decoy = { where: 'registry', view: '64-bit', key: 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\DriversPanelDisabled', name: 'msacm.l3acm', before: null, after: regSz('l3codeca.acm') };
      plant(entry('applying', [decoy, step]));
      const planted = readFileSync(journal, 'utf8');
      const run = await cli({}, 'list', '--no-probe', '--json');
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const notices = (JSON.parse(run.stdout) as DriverListing).notices.join('\n');
      assert.match(notices, /The change journal .*changes\.json names .*, which the panel never writes: it was not written by the panel, so none of it was carried out and nothing was changed\. It was kept as .*changes\.refused-.*\.json for inspection/);
      assert.doesNotMatch(notices, /rolled back|completed/);
      assertNothingWritten(what);
      assert.equal(refusedFiles().length, 1);
      assert.equal(readFileSync(join(folder, refusedFiles()[0] ?? ''), 'utf8'), planted, 'kept aside as it was found');
      assert.ok(!existsSync(journal), 'the next change starts a new journal');
    });
  }

  it("undo of a planted change naming a service's ImagePath is refused before anything is written", async () => {
    plant(entry('applied', [hostileSteps["a service's ImagePath"] ?? {}]));
    const run = await cli({}, 'undo', '--json');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'untrusted-journal');
    assert.match(error.message, /^The change journal .* names the registry key HKLM\\SYSTEM\\CurrentControlSet\\Services\\rtevil, not Drivers32 or one of its disabled subkeys, which the panel never writes: it was not written by the panel, so none of it was carried out and nothing was changed\. It was kept as .*changes\.refused-.*\.json for inspection/);
    assert.equal(refusedFiles().length, 1, 'kept aside');
    const service = wineRegStatus(bench.env, NATIVE_VIEW, 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\rtevil');
    assert.notEqual(service, 0, 'no service key was written');
    assertNothingWritten('undo');
  });

  it('puts a replaced file back only once its kept copy has the recorded hash: a tampered backup never reaches System32', async () => {
    const { old, incoming } = await addReplacing('fxclash2.dll', 'vidc.FXC2');
    try {
      const afterAdd = snapshot();
      const kept = keptCopyOf('fxclash2.dll', old);
      writeFileSync(kept, Buffer.concat([old, Buffer.from('tampered')]));
      const undo = await cli({}, 'undo', '--json');
      assert.equal(undo.status, 1, undo.stdout + undo.stderr);
      const error = (JSON.parse(undo.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'change-failed');
      assert.match(error.message, /does not hold the bytes the journal recorded for C:\\windows\\system32\\fxclash2\.dll.*so it was not put in place.*What had been written was put back; nothing changed\./i);
      assert.deepEqual(readFileSync(join(system32, 'fxclash2.dll')), readFileSync(join(incoming, 'fxclash2.dll')), 'System32 still holds the added file, not the tampered copy');
      assert.deepEqual(readdirSync(system32).filter((n) => n.endsWith('.new')), [], 'nothing was left beside it');
      assert.deepEqual(snapshot(), afterAdd, 'the registration stands, as the change does');
      writeFileSync(kept, old);
      const again = await cli({}, 'undo');
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.deepEqual(readFileSync(join(system32, 'fxclash2.dll')), old, 'with the copy as recorded, the old file is back');
      assert.deepEqual(snapshot(), original);
    } finally {
      rmSync(join(system32, 'fxclash2.dll'), { force: true });
      rmSync(incoming, { recursive: true, force: true });
    }
  });

  it('an elevated process refuses a journal folder others may write, naming it, and changes nothing', async () => {
    const first = await cli({}, 'disable', 'fx.plain');
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.equal((await cli({}, 'undo')).status, 0);
    chmodSync(folder, 0o777);
    try {
      const run = await cli({}, 'disable', 'fx.plain', '--json');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'untrusted-journal');
      assert.match(error.message, /^The folder Z:.*\\journal-security-state\\Changes can be changed by others than administrators \(Everyone \(S-1-1-0\) may change it\), so what the folder holds cannot be trusted: the panel neither reads nor writes it and nothing was changed\. Move that folder aside/);
      assert.deepEqual(snapshot(), original);
      const undo = await cli({}, 'undo', '--json');
      assert.equal((JSON.parse(undo.stdout) as { error: { code: string } }).error.code, 'untrusted-journal', 'undo is refused too');
      const list = await cli({}, 'list', '--no-probe', '--json');
      assert.match((JSON.parse(list.stdout) as DriverListing).notices.join('\n'), /Changes can be changed by others than administrators/, 'and every listing says so');
    } finally {
      chmodSync(folder, 0o755);
    }
    const fixed = await cli({}, 'disable', 'fx.plain');
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.equal((await cli({}, 'undo')).status, 0);
    assert.deepEqual(snapshot(), original);
  });

  it('an elevated process refuses a journal that others may write, though its folder is the administrators\'', async () => {
    assert.equal((await cli({}, 'disable', 'fx.plain')).status, 0);
    assert.equal((await cli({}, 'undo')).status, 0);
    chmodSync(journal, 0o666);
    try {
      const run = await cli({}, 'disable', 'fx.plain', '--json');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const error = (JSON.parse(run.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, 'untrusted-journal');
      assert.match(error.message, /^Z:.*\\Changes\\changes\.json, in the folder Z:.*\\Changes, can be changed by others than administrators \(Everyone \(S-1-1-0\) may change it\)/);
      assert.deepEqual(snapshot(), original);
    } finally {
      chmodSync(journal, 0o644);
    }
  });

  it('a refused journal goes aside with the driver files it names, which a new journal would otherwise drop', async () => {
    const { old, incoming } = await addReplacing('fxclash3.dll', 'vidc.FXC3');
    try {
      const planted = JSON.parse(readFileSync(journal, 'utf8')) as { version: number; entries: object[] };
      planted.entries.push(entry('applied', [hostileSteps['a Run key value'] ?? {}]));
      writeFileSync(journal, JSON.stringify(planted));
      const run = await cli({}, 'list', '--no-probe', '--json');
      assert.match((JSON.parse(run.stdout) as DriverListing).notices.join('\n'), /kept as .*changes\.refused-.*\.json for inspection, with the driver files it names/);
      const files = readdirSync(folder).filter((n) => n.startsWith('files.refused-'));
      assert.equal(files.length, 1, 'the files went aside with the journal');
      assert.ok(
        readdirSync(join(folder, files[0] ?? '')).some((n) => readFileSync(join(folder, files[0] ?? '', n)).equals(old)),
        'the replaced driver file is still kept, for whoever inspects the refused journal',
      );
      assert.equal(runValue(), false, 'nothing of the planted entry was carried out');
    } finally {
      // The addition stands (its journal was refused): taken back by hand.
      wineRegStatus(bench.env, NATIVE_VIEW, 'delete', 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32', '/v', 'vidc.FXC3', '/f');
      rmSync(join(system32, 'fxclash3.dll'), { force: true });
      rmSync(incoming, { recursive: true, force: true });
    }
    assert.deepEqual(snapshot(), original);
  });

  it('a process without administrator rights leaves a half-done change alone and says who can settle it', async () => {
    const killed = await cli({ DRIVERS_PANEL_TEST_KILL_AFTER_WRITES: '1' }, 'disable', 'fx.plain');
    assert.equal(killed.windowsCode, 9, killed.stdout + killed.stderr);
    const halfDone = snapshot();
    assert.notDeepEqual(halfDone, original);
    const limited = await cli({ DRIVERS_PANEL_ASSUME_ELEVATION: 'limited' }, 'list', '--no-probe', '--json');
    assert.equal(limited.status, 0, limited.stderr);
    assert.match((JSON.parse(limited.stdout) as DriverListing).notices.join('\n'), /The change "Disable fx\.plain \(64-bit\).*" \(.*\) was interrupted\. Run the panel or drivers-cli as administrator to complete it or roll it back\./);
    assert.deepEqual(snapshot(), halfDone, 'nothing was written without rights');
    const elevated = await cli({}, 'list', '--no-probe', '--json');
    assert.match((JSON.parse(elevated.stdout) as DriverListing).notices.join('\n'), /1 of 4 writes done\. It was rolled back/);
    assert.deepEqual(snapshot(), original);
  });

  /**
   * Adds the fixture driver over a different file of the same name in System32
   * (--replace), so that the journal keeps the replaced file; returns its bytes.
   */
  async function addReplacing(name: string, alias: string): Promise<{ old: Buffer; incoming: string }> {
    const incoming = join(driveC, 'incoming-journal');
    mkdirSync(incoming, { recursive: true });
    copyFileSync(join(system32, 'nodriverproc.dll'), join(system32, name));
    copyFileSync(join(system32, 'fixture.dll'), join(incoming, name));
    const old = readFileSync(join(system32, name));
    const added = await cli({}, 'add', `C:\\incoming-journal\\${name}`, '--replace', '--alias', alias);
    assert.equal(added.status, 0, added.stdout + added.stderr);
    return { old, incoming };
  }

  /** The panel's kept copy of a replaced file, found by its bytes among the journal's files. */
  function keptCopyOf(name: string, bytes: Buffer): string {
    const files = join(folder, 'files');
    const match = readdirSync(files).find((n) => n.endsWith(`-${name}`) && readFileSync(join(files, n)).equals(bytes));
    return join(files, match ?? assert.fail(`no kept copy of ${name} in ${files}`));
  }
});

