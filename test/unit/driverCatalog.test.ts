import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyVersion } from '../../app/drivers';
import { MAX_ALIAS_LENGTH, aliasProblem, isPathLike } from '../../app/aliases';
import {
  WINMM_VALUE_CHARS,
  decodeProfileEntry,
  decodeRegistryValue,
  deriveEntry,
  driverId,
  mergeRegistrations,
  parseProfileSection,
  placeUnreadable,
  splitRegisteredValue,
  type EntryFacts,
  redirectedPath,
  type MergedRegistration,
  type Registration,
  type UnreadableValue,
} from '../../main/catalog/driverCatalog';

const sz = (text: string): Buffer => Buffer.from(`${text}\0`, 'utf16le');

describe('decodeRegistryValue', () => {
  it('reads REG_SZ and REG_EXPAND_SZ, dropping the terminator', () => {
    assert.deepEqual(decodeRegistryValue('msacm.x', 1, sz('x.acm'), '64-bit'), { ok: true, value: 'x.acm', expand: false });
    assert.deepEqual(decodeRegistryValue('msacm.x', 2, sz('%SystemRoot%\\x.acm'), '64-bit'), {
      ok: true,
      value: '%SystemRoot%\\x.acm',
      expand: true,
    });
  });

  it('skips other types, empty values and the default value, saying what Winmm does with them', () => {
    const dword = decodeRegistryValue('wave', 4, Buffer.from([1, 0, 0, 0]), '32-bit');
    assert.ok(!dword.ok);
    assert.deepEqual(dword.unreadable, {
      alias: 'wave',
      view: '32-bit',
      source: 'registry',
      disabledBy: null,
      reason: 'Winmm cannot load a driver from this registry value: it is a REG_DWORD value; a driver registration must be REG_SZ or REG_EXPAND_SZ. Correct or remove the value.',
      value: null,
      winmmReadsIni: false,
    });
    const multi = decodeRegistryValue('wave', 7, sz('a'), '64-bit');
    assert.match(!multi.ok ? multi.unreadable.reason : '', /REG_MULTI_SZ/);
    const unknownType = decodeRegistryValue('wave', 99, sz('a'), '64-bit');
    assert.match(!unknownType.ok ? unknownType.unreadable.reason : '', /type 99/);
    const empty = decodeRegistryValue('wave', 1, sz(''), '64-bit');
    assert.match(!empty.ok ? empty.unreadable.reason : '', /it is empty/);
    const unnamed = decodeRegistryValue('', 1, sz('x.dll'), '64-bit');
    assert.match(!unnamed.ok ? unnamed.unreadable.reason : '', /default value/);
  });

  it('reads a value as OpenDriver does: untrimmed, a leading space is an empty file name', () => {
    const leading = decodeRegistryValue('msacm.x', 1, sz('  x.acm'), '64-bit');
    assert.ok(!leading.ok);
    assert.equal(leading.unreadable.value, '  x.acm');
    assert.match(leading.unreadable.reason, /begins with a space; Winmm takes the file name to end at the first space, so it reads an empty file name/);
    assert.deepEqual(decodeRegistryValue('msacm.x', 1, sz('x.acm  '), '64-bit'), { ok: true, value: 'x.acm  ', expand: false });
  });

  it(`ignores a value longer than Winmm's ${WINMM_VALUE_CHARS}-character buffer, as Winmm does, which reads system.ini then`, () => {
    const fits = `x.dll ${'p'.repeat(WINMM_VALUE_CHARS - 6)}`;
    assert.equal(decodeRegistryValue('msacm.x', 1, sz(fits), '64-bit').ok, true);
    const long = decodeRegistryValue('msacm.x', 1, sz(`${fits}p`), '64-bit');
    assert.ok(!long.ok);
    assert.equal(long.unreadable.winmmReadsIni, true);
    assert.match(long.unreadable.reason, /261 characters long, and Winmm reads at most 260, so it ignores it and looks in system\.ini instead/);
  });

  it('lists but never opens a registration whose alias is a path or contains a space', () => {
    for (const alias of ['C:\\somewhere\\evil.dll', 'canary x', '..\\x', 'a/b', 'tab\tx', 'nul\0x']) {
      const decoded = decodeRegistryValue(alias, 1, sz('fixture.dll'), '64-bit');
      assert.ok(!decoded.ok, alias);
      assert.match(decoded.unreadable.reason, /^The panel does not open this driver: its alias /);
      assert.equal(decoded.unreadable.value, 'fixture.dll');
      const ini = decodeProfileEntry(alias, 'fixture.dll', '64-bit');
      assert.ok(!ini.ok && ini.unreadable.source === 'system.ini', alias);
    }
  });
});

describe('aliasProblem', () => {
  it('accepts the aliases drivers really use and refuses anything Winmm could take for a file', () => {
    for (const alias of ['msacm.imaadpcm', 'vidc.MJPG', 'wavemapper', 'midi1', 'fx.restart']) assert.equal(aliasProblem(alias), null, alias);
    assert.match(aliasProblem('C:\\x\\evil.dll') ?? '', /file path/);
    assert.match(aliasProblem('\\\\?\\C:\\x.dll') ?? '', /file path/);
    assert.match(aliasProblem('canary x') ?? '', /space/);
    assert.match(aliasProblem('x'.repeat(MAX_ALIAS_LENGTH + 1)) ?? '', /longer than 255/);
    assert.match(aliasProblem('') ?? '', /empty/);
  });
});

describe('decodeProfileEntry', () => {
  it('cuts a system.ini value to what Winmm reads', () => {
    const decoded = decodeProfileEntry('msacm.x', `x.dll ${'p'.repeat(400)}`, '64-bit');
    assert.ok(decoded.ok);
    assert.equal(decoded.value.length, WINMM_VALUE_CHARS);
  });
});

describe('parseProfileSection', () => {
  it('splits key=value lines at the first equals sign and ignores the rest', () => {
    assert.deepEqual(parseProfileSection(['msacm.a = a.acm', 'vidc.b=b.dll p=1', 'junk', '=x.dll', 'c=']), [
      { alias: 'msacm.a', value: 'a.acm' },
      { alias: 'vidc.b', value: 'b.dll p=1' },
    ]);
  });
});

describe('splitRegisteredValue', () => {
  it('ends the file name at the first space, as Winmm does', () => {
    assert.deepEqual(splitRegisteredValue('fixture.dll name=x  query=1'), { file: 'fixture.dll', parameters: 'name=x  query=1' });
    assert.deepEqual(splitRegisteredValue('imaadp32.acm   '), { file: 'imaadp32.acm', parameters: null });
    assert.deepEqual(splitRegisteredValue(' imaadp32.acm'), { file: '', parameters: 'imaadp32.acm' });
    assert.deepEqual(splitRegisteredValue('C:\\Program Files\\x.dll'), { file: 'C:\\Program', parameters: 'Files\\x.dll' });
  });
});

describe('mergeRegistrations', () => {
  const reg = (alias: string, value: string, source: Registration['source'], view: Registration['view'] = '64-bit'): Registration => ({
    alias,
    value,
    source,
    disabledBy: null,
    view,
  });

  it('merges one alias from both sources case-insensitively; the registry value wins', () => {
    const merged = mergeRegistrations([
      reg('msacm.IMA', 'ini.acm', 'system.ini'),
      reg('msacm.ima', 'registry.acm', 'registry'),
    ]);
    assert.deepEqual(merged, [{ alias: 'msacm.ima', view: '64-bit', disabledBy: null, value: 'registry.acm', sources: ['system.ini', 'registry'] }]);
  });

  it('keeps a disabled registration apart from an enabled one of the same alias', () => {
    const merged = mergeRegistrations([reg('msacm.ima', 'a.acm', 'registry'), { ...reg('msacm.ima', 'b.acm', 'registry'), disabledBy: 'autoruns' }]);
    assert.deepEqual(merged.map((r) => [r.value, r.disabledBy, driverId(r.view, r.alias, r.disabledBy)]), [
      ['a.acm', null, '64-bit:msacm.ima'],
      ['b.acm', 'autoruns', '64-bit disabled-by-autoruns:msacm.ima'],
    ]);
  });

  it('keeps the two registry views apart and sorts by view, then alias', () => {
    const merged = mergeRegistrations([
      reg('wave', 'b.drv', 'registry', '64-bit'),
      reg('msacm.x', 'x32.acm', 'registry', '32-bit'),
      reg('msacm.x', 'x.acm', 'registry', '64-bit'),
    ]);
    assert.deepEqual(
      merged.map((m) => [m.view, m.alias, m.value]),
      [
        ['32-bit', 'msacm.x', 'x32.acm'],
        ['64-bit', 'msacm.x', 'x.acm'],
        ['64-bit', 'wave', 'b.drv'],
      ],
    );
  });
});

describe('isPathLike', () => {
  it('tells paths from bare names', () => {
    for (const path of ['C:\\x.dll', '..\\x.dll', 'a/b.dll', 'x:y', '\\\\server\\share\\x.dll']) assert.ok(isPathLike(path), path);
    for (const name of ['msacm.imaadpcm', 'fixture.dll', 'wave1']) assert.ok(!isPathLike(name), name);
  });
});

describe('placeUnreadable', () => {
  const unusable = (alias: string, extra: Partial<UnreadableValue> = {}): UnreadableValue => ({
    alias, view: '64-bit', source: 'registry', disabledBy: null, reason: `${alias} is unusable.`, value: null, winmmReadsIni: false, ...extra,
  });
  const ini = (alias: string): MergedRegistration => ({ alias, view: '64-bit', disabledBy: null, value: 'x.dll', sources: ['system.ini'] });

  it('lists the registration Winmm would use: system.ini only when Winmm cannot read the registry value', () => {
    const placed = placeUnreadable([ini('fx.long'), ini('fx.binary'), ini('fx.fine')], [
      unusable('fx.dword'),
      unusable('FX.LONG', { winmmReadsIni: true }),
      unusable('FX.BINARY'),
      unusable('', { view: '32-bit' }),
    ]);
    assert.deepEqual(placed.registrations.map((r) => r.alias), ['fx.long', 'fx.fine']);
    assert.deepEqual(placed.entries.map((e) => e.alias), ['fx.dword', 'FX.BINARY']);
    assert.equal(placed.notes.length, 3);
    assert.match(placed.notes[0] ?? '', /FX\.LONG \(64-bit\): FX\.LONG is unusable\. The system\.ini registration, which Winmm uses, is listed/);
    assert.match(placed.notes[1] ?? '', /FX\.BINARY \(64-bit\): the system\.ini registration is not used, because Winmm reads the registry value first/);
    assert.match(placed.notes[2] ?? '', /Drivers32 \(32-bit\) has a default value/);
  });

  it('lists an unsafe alias registered in both places once, as the registry has it', () => {
    const placed = placeUnreadable([], [unusable('canary x'), unusable('CANARY X', { source: 'system.ini' })]);
    assert.deepEqual(placed.entries.map((e) => [e.alias, e.source]), [['canary x', 'registry']]);
  });
});

describe('deriveEntry', () => {
  const file = { path: 'C:\\windows\\system32\\x.dll', size: 10, modified: '2026-11-01T00:00:00.000Z' };
  const details = { path: file.path, identity: file, created: null, version: emptyVersion, installerDescription: null, mediaResource: null, signature: null, loadProblem: null };
  const reg = { alias: 'msacm.x', view: '64-bit' as const, disabledBy: null, value: 'x.dll p=1', sources: ['registry' as const] };
  const facts = (extra: Partial<EntryFacts> = {}): EntryFacts => ({
    registration: { kind: 'value', reg },
    details: null,
    probe: null,
    openFailure: null,
    quarantine: null,
    pending: null,
    ...extra,
  });
  const quarantine = { alias: 'msacm.x', file, message: 8, stage: 'message' as const, what: 'crashed' as const, exitCode: 0xc0000005, at: '2026-11-22T10:00:00.000Z' };

  it('splits the registered value and lets the panel open a driver whose file is there or not yet looked for', () => {
    const before = deriveEntry(facts(), 7);
    assert.deepEqual([before.file, before.parameters, before.status, before.openable, before.revision], ['x.dll', 'p=1', 'ok', true, 7]);
    assert.equal(deriveEntry(facts({ details }), 8).openable, true);
    assert.equal(deriveEntry(facts({ openFailure: 'refused' }), 9).status, 'open-failed');
    assert.equal(deriveEntry(facts({ openFailure: 'refused' }), 9).openable, true, 'a refusal can be retried by a refresh');
  });

  it('opens a 32-bit registration as it opens a 64-bit one (in the 32-bit host), under its own id', () => {
    const wow = deriveEntry(facts({ registration: { kind: 'value', reg: { ...reg, view: '32-bit' } }, details }), 1);
    assert.deepEqual([wow.status, wow.openable, wow.id, wow.view], ['ok', true, '32-bit:msacm.x', '32-bit']);
  });

  it('never lets the panel open a missing, quarantined or unreadable registration, and says why', () => {
    const missing = deriveEntry(facts({ details: { ...details, path: null, identity: null } }), 1);
    assert.deepEqual([missing.status, missing.openable], ['missing-file', false]);
    assert.match(missing.statusDetail ?? '', /"x\.dll" was not found/);
    const quarantined = deriveEntry(facts({ details, quarantine }), 1);
    assert.deepEqual([quarantined.status, quarantined.openable], ['quarantined', false]);
    assert.match(quarantined.statusDetail ?? '', /^Quarantined: crashed in DRV_QUERYCONFIGURE on 2026-11-22 \(exit code 0xC0000005 \(access violation\)\)\..*probe msacm\.x --retry/);
    const value = { alias: 'wave', view: '64-bit' as const, source: 'registry' as const, disabledBy: null, reason: 'A REG_DWORD value.', value: null, winmmReadsIni: false };
    const unreadable = deriveEntry(facts({ registration: { kind: 'unreadable', value } }), 1);
    assert.deepEqual([unreadable.status, unreadable.openable, unreadable.file], ['unreadable-value', false, '']);
    assert.equal(unreadable.statusDetail, 'A REG_DWORD value.');
    const unsafe = deriveEntry(facts({ registration: { kind: 'unreadable', value: { ...value, alias: 'canary x', value: 'canary.dll p=1' } } }), 1);
    assert.deepEqual([unsafe.openable, unsafe.file, unsafe.parameters], [false, 'canary.dll', 'p=1']);
  });

  it('never opens a registration that cannot work here, known without loading it, and says why', () => {
    const noDriver = deriveEntry(facts({ details: { ...details, loadProblem: 'it does not export DriverProc' } }), 1);
    assert.deepEqual([noDriver.status, noDriver.openable], ['open-failed', false]);
    assert.match(noDriver.statusDetail ?? '', /^Winmm cannot open it, and its file shows why: it does not export DriverProc\. Installing it again cannot help/);
    const literal = deriveEntry(facts({ registration: { kind: 'value', reg: { ...reg, unexpanded: '%SystemRoot%\\x.dll p=1' } }, details }), 1);
    assert.deepEqual([literal.status, literal.openable], ['open-failed', false]);
    assert.match(literal.statusDetail ?? '', /REG_EXPAND_SZ \("%SystemRoot%\\x\.dll p=1"\)/);
    const disabled = deriveEntry(facts({ registration: { kind: 'value', reg: { ...reg, disabledBy: 'panel' } }, details: { ...details, loadProblem: 'x' } }), 1);
    assert.equal(disabled.status, 'disabled', 'disabled says so first: Enable is what a person can do');
  });
});

describe('redirectedPath', () => {
  it('finds a 32-bit registration of a System32 path in SysWOW64, as WOW64 redirects it, and leaves other paths alone', () => {
    const sys = 'C:\\Windows\\System32';
    const wow = 'C:\\Windows\\SysWOW64';
    assert.equal(redirectedPath('c:\\windows\\system32\\lameacm.acm', sys, wow), 'C:\\Windows\\SysWOW64\\lameacm.acm');
    assert.equal(redirectedPath('C:\\Windows\\System32x\\a.dll', sys, wow), 'C:\\Windows\\System32x\\a.dll');
    assert.equal(redirectedPath('D:\\codecs\\a.dll', sys, wow), 'D:\\codecs\\a.dll');
    assert.equal(redirectedPath('C:\\Windows\\System32\\a.dll', sys, null), 'C:\\Windows\\System32\\a.dll', 'a 32-bit Windows has nothing to redirect');
  });
});
