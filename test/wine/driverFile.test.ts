/**
 * The check a file must pass before Add driver does anything, on real files:
 * the fixture builds, Wine's own mingw-built codecs (which carry a COFF symbol
 * table), a program, and thousands of damaged copies, none of which may throw.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDriverFile } from '../../main/catalog/driverFile';
import { installFixtureFiles, prepare } from '../../scripts/prepare-wine';
import { driveC, testPrefix } from './wineBench';

const system32 = join(driveC, 'windows', 'system32');

describe('what Add driver accepts as a driver file', () => {
  before(() => {
    prepare(testPrefix);
    installFixtureFiles(testPrefix);
  });

  it('accepts x64 DLLs that export DriverProc, with or without a symbol table', () => {
    for (const file of ['fixture.dll', 'imaadp32.acm', 'msrle32.dll', 'iccvid.dll']) assert.deepEqual(checkDriverFile(join(system32, file)), { ok: true, view: '64-bit' }, file);
  });

  it('refuses a DLL without DriverProc, a program, and what is not a PE file, saying which', () => {
    const problem = (path: string): string => {
      const check = checkDriverFile(path);
      return check.ok ? 'accepted' : check.problem;
    };
    assert.match(problem(join(system32, 'nodriverproc.dll')), /does not export DriverProc/);
    assert.match(problem(join(system32, 'notepad.exe')), /a program, not a DLL/);
    assert.match(problem(join(driveC, 'windows', 'system.ini')), /not a Windows program file/);
    assert.match(problem(join(driveC, 'no-such-file.dll')), /cannot be read \(ENOENT\)/);
  });

  it('answers for any damaged copy of a driver without throwing', () => {
    const good = readFileSync(join(system32, 'fixture.dll'));
    const damaged = join(driveC, 'damaged.dll');
    fc.assert(
      fc.property(fc.nat(good.length), fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (length, patches) => {
        const bytes = Buffer.from(good.subarray(0, length));
        for (const [at, value] of patches) if (at < bytes.length) bytes[at] = value;
        writeFileSync(damaged, bytes);
        const check = checkDriverFile(damaged);
        assert.ok(check.ok || check.problem.length > 10);
      }),
      { numRuns: 2_000, seed: 20261123 },
    );
  });
});
