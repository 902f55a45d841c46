/**
 * The check Add driver makes on a file's bytes, on hand-built minimal PE
 * files: PE32+ (x64) and PE32 (x86), whose data directories sit at different
 * offsets, and the ways a file can fail to be a driver for either. The real
 * files (Wine's codecs, the fixtures) are checked under Wine in
 * test/wine/driverFile.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDriverBytes } from '../../main/catalog/driverFile';

const IMAGE_FILE_DLL = 0x2000;
const IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;

interface PeShape {
  machine: number;
  /** 0x10b (PE32) or 0x20b (PE32+). */
  magic: number;
  characteristics?: number;
  exports?: readonly string[];
  /** NumberOfRvaAndSizes; 16 in every real file. */
  directories?: number;
}

const SECTION_RVA = 0x1000;
const SECTION_RAW = 0x400;

/**
 * MZ header → "PE\0\0" at 0x40 → file header → optional header (224 bytes
 * for PE32, 240 for PE32+, 16 data directories) → one section holding an
 * export directory, its name pointers and the names.
 */
function peFile({ machine, magic, characteristics = IMAGE_FILE_DLL | IMAGE_FILE_EXECUTABLE_IMAGE, exports = ['DriverProc'], directories = 16 }: PeShape): Buffer {
  const pe32 = magic === 0x10b;
  const optionalSize = pe32 ? 224 : 240;
  const directoryCountAt = pe32 ? 92 : 108;
  const bytes = Buffer.alloc(SECTION_RAW + 0x200);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x40, 60);
  bytes.write('PE\0\0', 0x40, 'latin1');
  const fileHeader = 0x44;
  bytes.writeUInt16LE(machine, fileHeader);
  bytes.writeUInt16LE(1, fileHeader + 2);
  bytes.writeUInt16LE(optionalSize, fileHeader + 16);
  bytes.writeUInt16LE(characteristics, fileHeader + 18);
  const optional = fileHeader + 20;
  bytes.writeUInt16LE(magic, optional);
  bytes.writeUInt32LE(directories, optional + directoryCountAt);
  // The export directory: the first entry of the data directory, right after its count.
  bytes.writeUInt32LE(SECTION_RVA, optional + directoryCountAt + 4);
  bytes.writeUInt32LE(0x100, optional + directoryCountAt + 8);
  const section = optional + optionalSize;
  bytes.write('.edata', section, 'latin1');
  bytes.writeUInt32LE(0x200, section + 8);
  bytes.writeUInt32LE(SECTION_RVA, section + 12);
  bytes.writeUInt32LE(0x200, section + 16);
  bytes.writeUInt32LE(SECTION_RAW, section + 20);
  // IMAGE_EXPORT_DIRECTORY: NumberOfNames at 24, AddressOfNames at 32; the name pointers at +40, the names at +0x80.
  bytes.writeUInt32LE(exports.length, SECTION_RAW + 24);
  bytes.writeUInt32LE(SECTION_RVA + 40, SECTION_RAW + 32);
  let name = 0x80;
  exports.forEach((exported, i) => {
    bytes.writeUInt32LE(SECTION_RVA + name, SECTION_RAW + 40 + i * 4);
    bytes.write(`${exported}\0`, SECTION_RAW + name, 'latin1');
    name += exported.length + 1;
  });
  return bytes;
}

const x64 = { machine: 0x8664, magic: 0x20b };
const x86 = { machine: 0x014c, magic: 0x10b };

function problem(bytes: Buffer): string {
  const check = checkDriverBytes(bytes);
  return check.ok ? `accepted for ${check.view}` : check.problem;
}

describe('checkDriverBytes', () => {
  it('accepts an x64 DLL exporting DriverProc for the 64-bit view, reading the PE32+ data directory at +112', () => {
    assert.deepEqual(checkDriverBytes(peFile(x64)), { ok: true, view: '64-bit' });
    assert.deepEqual(checkDriverBytes(peFile({ ...x64, exports: ['DllMain', 'DriverProc', 'ZZZ'] })), { ok: true, view: '64-bit' });
  });

  it('accepts an x86 DLL exporting DriverProc for the 32-bit view, reading the PE32 data directory at +96', () => {
    assert.deepEqual(checkDriverBytes(peFile(x86)), { ok: true, view: '32-bit' });
    assert.deepEqual(checkDriverBytes(peFile({ ...x86, exports: ['DllMain@12', 'DriverProc'] })), { ok: true, view: '32-bit' });
  });

  it('refuses an x86 DLL whose only DriverProc is stdcall-decorated, saying how it is built right', () => {
    for (const decorated of ['DriverProc@20', '_DriverProc@20']) {
      const text = problem(peFile({ ...x86, exports: [decorated] }));
      assert.match(text, new RegExp(`^it exports ${decorated} but not DriverProc, the name Winmm looks for`));
      assert.match(text, /-Wl,--kill-at/);
    }
  });

  it('refuses machines it has no driver host for, naming them and the ones it takes', () => {
    assert.match(problem(peFile({ machine: 0xaa64, magic: 0x20b })), /^it is built for ARM64; the panel registers only x64 drivers, which 64-bit programs load, and x86 drivers, which 32-bit programs load$/);
    assert.match(problem(peFile({ machine: 0x01c4, magic: 0x10b })), /built for ARM \(32-bit\)/);
    assert.match(problem(peFile({ machine: 0x1234, magic: 0x10b })), /built for machine type 0x1234/);
  });

  it('refuses an optional header that does not match the machine, rather than reading the directory from the wrong place', () => {
    assert.match(problem(peFile({ machine: 0x014c, magic: 0x20b })), /an x86 file without the PE32 header it must have/);
    assert.match(problem(peFile({ machine: 0x8664, magic: 0x10b })), /an x64 file without the PE32\+ header it must have/);
  });

  it('refuses a program, a DLL without DriverProc or without an export directory, and what is not a PE file', () => {
    for (const machine of [x64, x86]) {
      assert.equal(problem(peFile({ ...machine, characteristics: IMAGE_FILE_EXECUTABLE_IMAGE })), 'it is a program, not a DLL');
      assert.match(problem(peFile({ ...machine, exports: ['DriverProcedure', 'driverproc'] })), /^it does not export DriverProc/);
      assert.match(problem(peFile({ ...machine, exports: [] })), /^it does not export DriverProc/);
      assert.match(problem(peFile({ ...machine, directories: 0 })), /^it does not export DriverProc/);
    }
    assert.match(problem(Buffer.from('not a driver')), /no valid PE header/);
    assert.match(problem(peFile(x86).subarray(0, 0x60)), /no valid PE header/);
  });

  it('answers for any damaged copy of either kind without throwing', () => {
    for (const good of [peFile(x64), peFile(x86)]) {
      fc.assert(
        fc.property(fc.nat(good.length), fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (length, patches) => {
          const bytes = Buffer.from(good.subarray(0, length));
          for (const [at, value] of patches) if (at < bytes.length) bytes[at] = value;
          const check = checkDriverBytes(bytes);
          assert.ok(check.ok || check.problem.length > 10);
        }),
        { numRuns: 2_000, seed: 20261207 },
      );
    }
  });
});
