/** ntdll.dll: how Win32 itself reads a path; whether this is Wine. */
import { koffi } from './win32Types';

const ntdll = koffi.load('ntdll.dll');

/**
 * ULONG RtlIsDosDeviceName_U(PCWSTR DosFileName); where the DOS device a path
 * names starts (high word) and how long its name is (low word), in bytes; 0
 * when the path names a file. It is the rule CreateFileW applies, so it knows
 * every case (NUL, nul.txt, C:\folder\Com1.log, "CON  ") as the Windows it runs on does.
 */
const RtlIsDosDeviceName_U = ntdll.func('ULONG __stdcall RtlIsDosDeviceName_U(LPCWSTR DosFileName)') as (name: string) => number;

/** The device a path means to Win32 (NUL, CON, COM1…), or null for an ordinary file. */
export function dosDeviceName(path: string): string | null {
  const found = RtlIsDosDeviceName_U(path);
  if (found === 0) return null;
  const start = (found >>> 16) / 2;
  return path.slice(start, start + (found & 0xffff) / 2);
}

/**
 * Whether this process runs under Wine, which exports wine_get_version from
 * its ntdll and Windows does not. Wine runs every program as one user, owner
 * of every file, with no UAC boundary between elevated and other processes.
 */
export function runsUnderWine(): boolean {
  try {
    ntdll.func('const char * __cdecl wine_get_version(void)');
    return true;
  } catch {
    return false;
  }
}
