import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeRegistryValue,
  isPathLike,
  mergeRegistrations,
  parseProfileSection,
  splitRegisteredValue,
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
    assert.deepEqual(dword.skipped, {
      name: 'wave',
      view: '32-bit',
      reason: 'REG_DWORD value; a driver registration must be REG_SZ or REG_EXPAND_SZ',
    });
    const multi = decodeRegistryValue('wave', 7, sz('a'), '64-bit');
    assert.match(!multi.ok ? multi.skipped.reason : '', /^REG_MULTI_SZ/);
    const unknownType = decodeRegistryValue('wave', 99, sz('a'), '64-bit');
    assert.match(!unknownType.ok ? unknownType.skipped.reason : '', /^type 99/);
    const empty = decodeRegistryValue('wave', 1, sz(''), '64-bit');
    assert.match(!empty.ok ? empty.skipped.reason : '', /empty value/);
    const unnamed = decodeRegistryValue('', 1, sz('x.dll'), '64-bit');
    assert.match(!unnamed.ok ? unnamed.skipped.reason : '', /default value/);
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
