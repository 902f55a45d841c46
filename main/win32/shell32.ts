/** shell32.dll: starting a program with administrator rights (the "runas" verb shows the UAC prompt). */
import { koffi, type Handle } from './win32Types';

const shell32 = koffi.load('shell32.dll');

const SW_SHOWNORMAL = 1;

/**
 * HINSTANCE ShellExecuteW(HWND hwnd, LPCWSTR lpOperation, LPCWSTR lpFile, LPCWSTR lpParameters,
 *   LPCWSTR lpDirectory, INT nShowCmd);
 */
const ShellExecuteW = shell32.func(
  'HINSTANCE __stdcall ShellExecuteW(HWND hwnd, LPCWSTR lpOperation, LPCWSTR lpFile, LPCWSTR lpParameters, LPCWSTR lpDirectory, int nShowCmd)',
) as (hwnd: Handle | null, operation: string, file: string, parameters: string | null, directory: string | null, show: number) => Handle | null;

/** True when Windows started `file` elevated; false when it did not (the person declined, or it failed). */
export function runElevated(file: string, parameters: string): boolean {
  // ShellExecuteW returns a value above 32 on success.
  const result = ShellExecuteW(null, 'runas', file, parameters, null, SW_SHOWNORMAL);
  return result !== null && result > 32n;
}
