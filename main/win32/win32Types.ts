/**
 * Win32 typedefs, declared once for koffi so that every binding below can be
 * written with the C prototype from the SDK headers. koffi 3 passes pointers
 * and handles as bigint.
 */
import { koffi } from './koffiNative';

koffi.alias('BOOL', 'int');
koffi.alias('UINT', 'uint32_t');
koffi.alias('DWORD', 'uint32_t');
koffi.alias('ULONG', 'uint32_t');
koffi.alias('LONG', 'int32_t');
koffi.alias('LSTATUS', 'int32_t');
koffi.alias('REGSAM', 'uint32_t');
koffi.alias('LPARAM', 'intptr_t');
koffi.alias('LRESULT', 'intptr_t');
koffi.alias('LPCWSTR', 'const char16_t *');
koffi.alias('HANDLE', 'void *');
koffi.alias('HWND', 'HANDLE');
koffi.alias('HDRVR', 'HANDLE');
koffi.alias('HMODULE', 'HANDLE');
koffi.alias('HINSTANCE', 'HANDLE');
koffi.alias('HMENU', 'HANDLE');
koffi.alias('HKEY', 'HANDLE');

/** A Win32 handle as koffi 3 returns it; 0n or null means "none". */
export type Handle = bigint;

/** Decodes a UTF-16 buffer that the API filled with `chars` characters. */
export function utf16(buffer: Buffer, chars: number): string {
  return buffer.toString('utf16le', 0, chars * 2);
}

/** Splits a double-NUL-terminated list of strings (as profile APIs return). */
export function utf16List(buffer: Buffer, chars: number): string[] {
  return utf16(buffer, chars).split('\0').filter((s) => s.length > 0);
}

export { koffi };
