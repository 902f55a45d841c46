/**
 * Whether a file can be an installable driver for this panel, decided from its
 * bytes before anything else happens (nothing is loaded): a PE DLL that
 * exports DriverProc, the entry point Winmm calls, built for x64 (the drivers
 * of 64-bit programs) or x86 (those of 32-bit programs, opened by the panel's
 * 32-bit driver host). Which of the two it is decides where it goes.
 *
 * Read here rather than with pe-library: that library refuses any file with a
 * COFF symbol table ("Binary with symbols is not supported"), and drivers
 * built with mingw-w64 have one (Wine's own imaadp32.acm among them); it also
 * does not parse export tables. Only the few fields needed are read, each
 * bounds-checked.
 */
import { readFileSync } from 'node:fs';
import { NATIVE_VIEW, WOW64_VIEW, type RegistryView } from '../../app/views';

const IMAGE_FILE_DLL = 0x2000;
const PE32 = 0x10b;
const PE32_PLUS = 0x20b;

/**
 * The machines the panel has a driver host for, with the optional header
 * each must have and where its data directory starts: after the Windows
 * fields, which are 4 bytes shorter in PE32 (BaseOfData is there, but
 * ImageBase and the four stack and heap sizes are 4 bytes each, not 8).
 */
interface HostedMachine {
  view: RegistryView;
  name: string;
  magic: number;
  /** NumberOfRvaAndSizes, from the start of the optional header; the data directory follows it. */
  directoryCount: number;
}
const hostedMachines: ReadonlyMap<number, HostedMachine> = new Map([
  [0x8664, { view: NATIVE_VIEW, name: 'x64', magic: PE32_PLUS, directoryCount: 108 }],
  [0x014c, { view: WOW64_VIEW, name: 'x86', magic: PE32, directoryCount: 92 }],
]);
const otherMachines: Record<number, string> = { 0xaa64: 'ARM64', 0x01c4: 'ARM (32-bit)', 0x0200: 'Itanium' };

/** What a driver built for `view` is, in a message: "a 32-bit (x86) driver". */
export function driverOfView(view: RegistryView): string {
  return `a ${view} (${view === NATIVE_VIEW ? 'x64' : 'x86'}) driver`;
}

/** `otherMachine`: built for a machine the panel has no host for (ARM64, say), which another Windows may load. */
export type DriverFileCheck = { ok: true; view: RegistryView } | { ok: false; problem: string; otherMachine?: true };

/**
 * Why no Winmm of `view` can load the file at `path` as a driver, read from
 * its bytes: no DriverProc, another architecture, no DLL. Null when it looks
 * like a driver of the view: then only loading it tells (the driver may
 * refuse, or a DLL it needs may be missing).
 */
export function fileLoadProblem(path: string, view: RegistryView): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    // Held open by an installer or a scanner, say: that proves nothing about the driver.
    return null;
  }
  const check = checkDriverBytes(bytes);
  // Only what no Winmm of the view can load: a machine without a host here may be native elsewhere (ARM64 Windows).
  if (!check.ok) return check.otherMachine ? null : check.problem;
  return check.view === view ? null : `it is ${driverOfView(check.view)}, and ${view} programs cannot load it`;
}

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
  return checkDriverBytes(bytes);
}

/** The check on a file's bytes; pure, so that hand-built files can be tested apart from Windows. */
export function checkDriverBytes(bytes: Buffer): DriverFileCheck {
  const pe = readHeaders(bytes);
  if (!pe) return { ok: false, problem: 'it is not a Windows program file (no valid PE header)' };
  const hosted = hostedMachines.get(pe.machine);
  if (!hosted) {
    const built = otherMachines[pe.machine] ?? `machine type 0x${pe.machine.toString(16)}`;
    return { ok: false, otherMachine: true, problem: `it is built for ${built}; the panel registers only x64 drivers, which ${NATIVE_VIEW} programs load, and x86 drivers, which ${WOW64_VIEW} programs load` };
  }
  if (pe.magic !== hosted.magic) return { ok: false, problem: `it is not a valid Windows program file (an ${hosted.name} file without the ${hosted.magic === PE32 ? 'PE32' : 'PE32+'} header it must have)` };
  if ((pe.characteristics & IMAGE_FILE_DLL) === 0) return { ok: false, problem: 'it is a program, not a DLL' };
  const exportRva = readExportRva(bytes, pe.optional, pe.optionalSize, hosted);
  const names = exportNames(bytes, exportRva, pe.sections);
  if (names.includes('DriverProc')) return { ok: true, view: hosted.view };
  const decorated = names.find((name) => /^_?DriverProc@\d+$/.test(name));
  if (decorated) {
    return {
      ok: false,
      problem: `it exports ${decorated} but not DriverProc, the name Winmm looks for: a 32-bit DriverProc keeps its stdcall decoration unless the driver is linked with -Wl,--kill-at (mingw) or a .def file naming DriverProc; ask its maker for a build that exports DriverProc`,
    };
  }
  return { ok: false, problem: 'it does not export DriverProc, the function Winmm calls in every installable driver' };
}

/** IMAGE_DOS_HEADER.e_lfanew → "PE\0\0", IMAGE_FILE_HEADER, the optional header's magic, the section table. */
function readHeaders(bytes: Buffer): { machine: number; characteristics: number; magic: number; optional: number; optionalSize: number; sections: Section[] } | null {
  if (bytes.length < 64 || bytes.toString('latin1', 0, 2) !== 'MZ') return null;
  const pe = bytes.readUInt32LE(60);
  if (pe + 24 > bytes.length || bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null;
  const machine = bytes.readUInt16LE(pe + 4);
  const sectionCount = bytes.readUInt16LE(pe + 6);
  const optionalSize = bytes.readUInt16LE(pe + 20);
  const characteristics = bytes.readUInt16LE(pe + 22);
  const optional = pe + 24;
  const sectionTable = optional + optionalSize;
  if (optionalSize < 2 || sectionTable + sectionCount * 40 > bytes.length) return null;
  const magic = bytes.readUInt16LE(optional);
  const sections = Array.from({ length: sectionCount }, (_, i) => {
    const at = sectionTable + i * 40;
    return { virtualAddress: bytes.readUInt32LE(at + 12), size: bytes.readUInt32LE(at + 16), rawOffset: bytes.readUInt32LE(at + 20) };
  });
  return { machine, characteristics, magic, optional, optionalSize, sections };
}

/** The export entry, the data directory's first, when the optional header holds it; 0 (none) otherwise. */
function readExportRva(bytes: Buffer, optional: number, optionalSize: number, machine: HostedMachine): number {
  const directory = machine.directoryCount + 4;
  if (optionalSize < directory + 8) return 0;
  return bytes.readUInt32LE(optional + machine.directoryCount) >= 1 ? bytes.readUInt32LE(optional + directory) : 0;
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
