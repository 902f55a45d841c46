import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyVersion } from '../../app/drivers';
import {
  decodeRegistryValue,
  deriveEntry,
  isPathLike,
  mergeRegistrations,
  parseProfileSection,
  placeUnreadable,
  splitRegisteredValue,
  type EntryFacts,
  type Registration,
} from '../../main/drivers/driverCatalog';

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

  it('skips other types, empty values and the default value with a reason', () => {
    const dword = decodeRegistryValue('wave', 4, Buffer.from([1, 0, 0, 0]), '32-bit');
    assert.ok(!dword.ok);
    assert.deepEqual(dword.unreadable, {
      alias: 'wave',
      view: '32-bit',
      reason: 'REG_DWORD value; a driver registration must be REG_SZ or REG_EXPAND_SZ',
    });
    const multi = decodeRegistryValue('wave', 7, sz('a'), '64-bit');
    assert.match(!multi.ok ? multi.unreadable.reason : '', /^REG_MULTI_SZ/);
    const unknownType = decodeRegistryValue('wave', 99, sz('a'), '64-bit');
    assert.match(!unknownType.ok ? unknownType.unreadable.reason : '', /^type 99/);
    const empty = decodeRegistryValue('wave', 1, sz(''), '64-bit');
    assert.match(!empty.ok ? empty.unreadable.reason : '', /empty value/);
    const unnamed = decodeRegistryValue('', 1, sz('x.dll'), '64-bit');
    assert.match(!unnamed.ok ? unnamed.unreadable.reason : '', /default value/);
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
    assert.deepEqual(splitRegisteredValue(' imaadp32.acm '), { file: 'imaadp32.acm', parameters: null });
    assert.deepEqual(splitRegisteredValue('C:\\Program Files\\x.dll'), { file: 'C:\\Program', parameters: 'Files\\x.dll' });
  });
});

describe('mergeRegistrations', () => {
  const reg = (alias: string, value: string, source: Registration['source'], view: Registration['view'] = '64-bit'): Registration => ({
    alias,
    value,
    source,
    view,
  });

  it('merges one alias from both sources case-insensitively; the registry value wins', () => {
    const merged = mergeRegistrations([
      reg('msacm.IMA', 'ini.acm', 'system.ini'),
      reg('msacm.ima', 'registry.acm', 'registry'),
    ]);
    assert.deepEqual(merged, [{ alias: 'msacm.ima', view: '64-bit', value: 'registry.acm', sources: ['system.ini', 'registry'] }]);
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
  it('lists an unreadable value as its own entry unless a readable registration has its alias', () => {
    const registrations = [{ alias: 'fx.both', view: '64-bit' as const, value: 'x.dll', sources: ['system.ini' as const] }];
    const placed = placeUnreadable(registrations, [
      { alias: 'fx.dword', view: '64-bit', reason: 'REG_DWORD value' },
      { alias: 'FX.BOTH', view: '64-bit', reason: 'REG_BINARY value' },
      { alias: '', view: '32-bit', reason: 'the key\'s default value is not a driver registration' },
    ]);
    assert.deepEqual(placed.entries.map((e) => e.alias), ['fx.dword']);
    assert.equal(placed.notes.length, 2);
    assert.match(placed.notes[0] ?? '', /FX\.BOTH \(64-bit\): the registry value is unreadable \(REG_BINARY value\); the system\.ini registration is listed/);
    assert.match(placed.notes[1] ?? '', /Drivers32 \(32-bit\) has a default value/);
  });
});

describe('deriveEntry', () => {
  const file = { path: 'C:\\windows\\system32\\x.dll', size: 10, modified: '2026-11-01T00:00:00.000Z' };
  const details = { path: file.path, identity: file, version: emptyVersion };
  const reg = { alias: 'msacm.x', view: '64-bit' as const, value: 'x.dll p=1', sources: ['registry' as const] };
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

  it('never lets the panel open a missing, 32-bit, quarantined or unreadable registration, and says why', () => {
    const missing = deriveEntry(facts({ details: { ...details, path: null, identity: null } }), 1);
    assert.deepEqual([missing.status, missing.openable], ['missing-file', false]);
    assert.match(missing.statusDetail ?? '', /"x\.dll" was not found/);
    const wow = deriveEntry(facts({ registration: { kind: 'value', reg: { ...reg, view: '32-bit' } } }), 1);
    assert.deepEqual([wow.status, wow.openable, wow.id], ['other-architecture', false, '32-bit:msacm.x']);
    const quarantined = deriveEntry(facts({ details, quarantine }), 1);
    assert.deepEqual([quarantined.status, quarantined.openable], ['quarantined', false]);
    assert.match(quarantined.statusDetail ?? '', /^Quarantined: crashed in DRV_QUERYCONFIGURE on 2026-11-22 \(exit code 0xC0000005 \(access violation\)\)\..*probe msacm\.x --retry/);
    const unreadable = deriveEntry(facts({ registration: { kind: 'unreadable', value: { alias: 'wave', view: '64-bit', reason: 'REG_DWORD value' } } }), 1);
    assert.deepEqual([unreadable.status, unreadable.openable, unreadable.file], ['unreadable-value', false, '']);
    assert.match(unreadable.statusDetail ?? '', /REG_DWORD value/);
  });
});
