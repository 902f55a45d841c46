/** How dev:wine hands a path a person types to the Windows process under Wine, and tells them where a Windows path is. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devLogFile, linuxPathOf, pathForWine } from '../../scripts/devPlaces';

const prefix = '/home/p/.cache/wineprefix';

describe("dev:wine's paths", () => {
  it('gives a Linux path on Wine\'s Z: drive, from where dev:wine was started, with ~ for home and without pasted quotes', () => {
    assert.equal(pathForWine('/tmp/codecs/x.acm', '/work'), 'Z:\\tmp\\codecs\\x.acm');
    assert.equal(pathForWine('codecs/x.acm', '/work'), 'Z:\\work\\codecs\\x.acm');
    assert.equal(pathForWine('~/x.acm', '/work', '/home/p'), 'Z:\\home\\p\\x.acm');
    assert.equal(pathForWine(" '/tmp/a b/x.acm' ", '/work'), 'Z:\\tmp\\a b\\x.acm');
  });

  it('keeps a Windows path as typed', () => {
    for (const path of ['C:\\windows\\system32\\x.acm', 'd:/codecs/x.acm']) assert.equal(pathForWine(path, '/work'), path);
  });

  it('finds a Windows path of the prefix on Linux, and a typed Linux path again', () => {
    assert.equal(linuxPathOf(prefix, 'C:\\windows\\system32\\x.acm'), `${prefix}/drive_c/windows/system32/x.acm`);
    assert.equal(linuxPathOf(prefix, 'D:\\x.acm'), `${prefix}/dosdevices/d:/x.acm`);
    assert.equal(linuxPathOf(prefix, pathForWine('/tmp/a b/x.acm', '/')), '/tmp/a b/x.acm');
  });

  it("keeps the log in the app's place in the prefix, named alike for Windows and Linux", () => {
    const log = devLogFile(prefix, 'p');
    assert.match(log.windows, /^C:\\users\\p\\AppData\\Roaming\\Multimedia Drivers Panel\\logs\\main\.log$/);
    assert.equal(linuxPathOf(prefix, log.windows), log.linux);
  });
});
