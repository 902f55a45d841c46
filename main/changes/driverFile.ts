/**
 * Whether a file can be an installable driver for this panel, decided from its
 * bytes before anything else happens (nothing is loaded): a PE DLL for x64
 * that exports DriverProc, the entry point Winmm calls.
 *
 * Read here rather than with pe-library: that library refuses any file with a
 * COFF symbol table ("Binary with symbols is not supported"), and drivers
 * built with mingw-w64 have one (Wine's own imaadp32.acm among them); it also
 * does not parse export tables. Only the few fields needed are read, each
 * bounds-checked.
 */
import { readFileSync } from 'node:fs';
import { NATIVE_VIEW } from '../../app/views';

const IMAGE_FILE_DLL = 0x2000;
const NATIVE_MACHINE = 0x8664;
const machines: Record<number, string> = { 0x8664: 'x64', 0x014c: 'x86 (32-bit)', 0xaa64: 'ARM64', 0x01c4: 'ARM (32-bit)' };
const PE32_PLUS = 0x20b;

export type DriverFileCheck = { ok: true } | { ok: false; problem: string };

interface Section {
  virtualAddress: number;
  size: number;
  rawOffset: number;
}

export function checkDriverFile(path: string): DriverFileCheck {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, problem: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const pe = readHeaders(bytes);
  if (!pe) return { ok: false, problem: 'it is not a Windows program file (no valid PE header)' };
  if (pe.machine !== NATIVE_MACHINE) {
    const built = machines[pe.machine] ?? `machine type 0x${pe.machine.toString(16)}`;
    return { ok: false, problem: `it is built for ${built}; this ${NATIVE_VIEW} panel registers only x64 drivers, which ${NATIVE_VIEW} programs load` };
  }
  if ((pe.characteristics & IMAGE_FILE_DLL) === 0) return { ok: false, problem: 'it is a program, not a DLL' };
  if (!exportNames(bytes, pe.exportRva, pe.sections).includes('DriverProc')) {
    return { ok: false, problem: 'it does not export DriverProc, the function Winmm calls in every installable driver' };
  }
  return { ok: true };
}

/** IMAGE_DOS_HEADER.e_lfanew → "PE\0\0", IMAGE_FILE_HEADER, the export entry of the PE32+ data directory, the section table. */
function readHeaders(bytes: Buffer): { machine: number; characteristics: number; exportRva: number; sections: Section[] } | null {
  if (bytes.length < 64 || bytes.toString('latin1', 0, 2) !== 'MZ') return null;
  const pe = bytes.readUInt32LE(60);
  if (pe + 24 > bytes.length || bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null;
  const machine = bytes.readUInt16LE(pe + 4);
  const sectionCount = bytes.readUInt16LE(pe + 6);
  const optionalSize = bytes.readUInt16LE(pe + 20);
  const characteristics = bytes.readUInt16LE(pe + 22);
  const optional = pe + 24;
  const sectionTable = optional + optionalSize;
  if (sectionTable + sectionCount * 40 > bytes.length) return null;
  // Only a PE32+ optional header has the data directory where this reads it; other machines are refused before it matters.
  const exportRva = optionalSize >= 120 && bytes.readUInt16LE(optional) === PE32_PLUS ? bytes.readUInt32LE(optional + 112) : 0;
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const at = sectionTable + i * 40;
    return { virtualAddress: bytes.readUInt32LE(at + 12), size: bytes.readUInt32LE(at + 16), rawOffset: bytes.readUInt32LE(at + 20) };
  });
  return { machine, characteristics, exportRva, sections };
}

/** The names of IMAGE_EXPORT_DIRECTORY (NumberOfNames at 24, AddressOfNames at 32); none when there is no table or it is damaged. */
function exportNames(bytes: Buffer, exportRva: number, sections: readonly Section[]): string[] {
  const offset = (rva: number): number | null => {
    const section = sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + s.size);
    const at = section ? section.rawOffset + (rva - section.virtualAddress) : -1;
    return at >= 0 && at < bytes.length ? at : null;
  };
  const table = exportRva ? offset(exportRva) : null;
  if (table === null || table + 40 > bytes.length) return [];
  const count = bytes.readUInt32LE(table + 24);
  const names = offset(bytes.readUInt32LE(table + 32));
  if (names === null || names + count * 4 > bytes.length) return [];
  return Array.from({ length: count }, (_, i) => {
    const name = offset(bytes.readUInt32LE(names + i * 4));
    if (name === null) return '';
    const end = bytes.indexOf(0, name);
    return bytes.toString('latin1', name, end < 0 ? bytes.length : end);
  });
}
