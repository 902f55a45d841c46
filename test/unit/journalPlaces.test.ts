/**
 * The places a journal step may touch, fuzzed with fast-check: whatever a
 * planted journal names, only a Drivers32 value (either view, or of its two
 * disabled subkeys), a [drivers32] or disabled-section line without line
 * breaks, a plain file directly in a system folder, and a copy in the panel's
 * own folder pass; every other spelling of a key, section or path is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Step } from '../../main/changes/changeSteps';
import { stepProblem, type PanelPlaces } from '../../main/changes/journalPlaces';
import { anyText, hostilePaths } from '../fuzz/hostileText';

const places: PanelPlaces = {
  systemFolders: ['C:\\windows\\system32', 'C:\\windows\\syswow64'],
  filesFolder: 'C:\\ProgramData\\Multimedia Drivers Panel\\Changes\\files',
};
const drivers32 = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const ownKeys = [drivers32, `${drivers32}\\DriversPanelDisabled`, `${drivers32}\\AutorunsDisabled`];
const value = { type: 1, data: Buffer.from('fixture.dll\0', 'utf16le').toString('base64') };
const file = { sha256: 'a'.repeat(64), size: 10, copyFrom: `${places.filesFolder}\\0b9e-fixture.dll` };

type RegistryStep = Extract<Step, { where: 'registry' }>;
type FileStep = Extract<Step, { where: 'file' }>;
const registry = (key: string, name = 'fx.plain'): RegistryStep => ({ where: 'registry', view: '64-bit', key, name, before: value, after: null });
const ini = (section: string, name: string, text: string): Step => ({ where: 'system.ini', section, name, before: { text }, after: null });
const filePath = (path: string, copyFrom = file.copyFrom): FileStep => ({ where: 'file', path, before: { ...file, copyFrom }, after: null });

/** Paths an adversary might try for a file step or a copy to read from. */
const hostileFilePaths = fc.oneof(
  fc.constantFrom(
    ...hostilePaths,
    'C:\\windows\\system32\\..\\win.ini',
    // Windows trims a name's trailing spaces and dots: this is C:\windows, found by this property with a random seed.
    'C:\\windows\\system32\\.. ',
    'C:\\windows\\system32\\fixture.dll.',
    'C:\\windows\\system32\\.\\fixture.dll',
    'C:\\windows\\system32\\sub\\fixture.dll',
    'C:\\windows\\system32\\fixture.dll:stream',
    'C:\\windows\\system32\\NUL',
    'C:\\windows\\system32\\con.dll',
    'C:\\windows\\system32\\nul .dll',
    'C:\\windows\\system32\\CONIN$',
    'C:\\windows\\system32\\com\u00b9.dll',
    'C:/windows/system32/fixture.dll',
    'C:\\windows\\system32\\',
    'C:\\windows\\system32',
    'C:\\windows\\fixture.dll',
    'C:\\Users\\Public\\fixture.dll',
    'D:\\windows\\system32\\fixture.dll',
    '\\\\.\\C:\\windows\\system32\\fixture.dll',
    'C:\\ProgramData\\Multimedia Drivers Panel\\files\\x.dll',
  ),
  anyText.map((text) => `C:\\windows\\system32\\${text}`).filter((path) => /[\p{Cc}<>:"/|?*]|\\.*\\|\.\.|^$/u.test(path.slice('C:\\windows\\system32\\'.length))),
);

describe('the places a journal may name', () => {
  it('accepts what the panel writes: Drivers32 values of both views and its disabled subkeys, its sections, system-folder files and its own copies', () => {
    for (const key of ownKeys) assert.equal(stepProblem(registry(key.toLowerCase()), places), null, key);
    assert.equal(stepProblem({ ...registry(drivers32), view: '32-bit' }, places), null);
    assert.equal(stepProblem(registry(drivers32, 'C:\\x\\evil.dll'), places), null, 'any registered name may be removed or moved, a path too');
    for (const section of ['drivers32', 'Drivers32.DriversPanelDisabled']) assert.equal(stepProblem(ini(section, 'fx.ini', 'fixture.dll name=fx.ini'), places), null);
    for (const folder of places.systemFolders) assert.equal(stepProblem(filePath(`${folder}\\fxnew.acm`), places), null);
  });

  it('refuses every registry key but those three, however it is spelled', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...ownKeys.map((k) => `${k}\\`), `${drivers32}\\..\\Run`, `\\${drivers32}`, `${drivers32}\\Other`, 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run')), (key) => {
        fc.pre(!ownKeys.some((own) => own.toLowerCase() === key.toLowerCase()));
        assert.notEqual(stepProblem(registry(key), places), null);
      }),
    );
  });

  it('accepts every value a registration key can hold (a snapshot keeps them all): the default value, any type', () => {
    assert.equal(stepProblem(registry(drivers32, ''), places), null);
    assert.equal(stepProblem({ ...registry(drivers32), before: { type: 0x12345678, data: '' } }, places), null);
  });

  it('refuses names with NUL, and longer than the registry holds', () => {
    for (const name of ['fx.plain\0evil', 'x'.repeat(16_384)]) assert.notEqual(stepProblem(registry(drivers32, name), places), null, JSON.stringify(name.slice(0, 20)));
  });

  it('refuses other sections, and lines that would write other lines', () => {
    fc.assert(
      fc.property(anyText, anyText, (section, text) => {
        fc.pre(!['drivers32', 'drivers32.driverspaneldisabled'].includes(section.toLowerCase()));
        assert.notEqual(stepProblem(ini(section, 'fx.ini', 'fixture.dll'), places), null);
        if (/[\r\n\0]/.test(text)) assert.notEqual(stepProblem(ini('drivers32', 'fx.ini', text), places), null);
      }),
    );
    // A fullwidth bracket is written as "[" in the ANSI file: it would start a section.
    for (const name of ['', ' fx', 'fx=1', '[boot]', ';x', 'a\r\nshell', '\uff3bboot\uff3d', 'fx\tx']) assert.notEqual(stepProblem(ini('drivers32', name, 'x.dll'), places), null, JSON.stringify(name));
  });

  it('refuses a file anywhere but directly in a system folder, and a copy read from anywhere but the panel’s own folder', () => {
    fc.assert(
      fc.property(hostileFilePaths, (path) => {
        // A plain file in System32 (two of the shared hostile paths) is a fine target; it is still no place to copy from.
        if (!/^C:\\windows\\system32\\\w+\.dll$/.test(path)) assert.notEqual(stepProblem(filePath(path), places), null, `path ${path}`);
        assert.notEqual(stepProblem(filePath('C:\\windows\\system32\\fxnew.acm', path), places), null, `copy from ${path}`);
      }),
    );
  });

  it('refuses contents the registry and a file cannot have', () => {
    assert.notEqual(stepProblem({ ...registry(drivers32), before: { type: 2 ** 32, data: '' } }, places), null);
    assert.notEqual(stepProblem({ ...registry(drivers32), before: { type: 1, data: 'not base64!' } }, places), null);
    assert.notEqual(stepProblem({ ...filePath('C:\\windows\\system32\\x.dll'), before: { ...file, sha256: 'x' } }, places), null);
  });
});
