/** user32.dll: the hidden window that owns driver dialogs when the host has no window of its own; restarting Windows. */
import { koffi, type Handle } from './win32Types';

const user32 = koffi.load('user32.dll');

const WS_OVERLAPPED = 0;

/**
 * HWND CreateWindowExW(DWORD dwExStyle, LPCWSTR lpClassName, LPCWSTR lpWindowName, DWORD dwStyle,
 *   int X, int Y, int nWidth, int nHeight, HWND hWndParent, HMENU hMenu, HINSTANCE hInstance, LPVOID lpParam);
 */
const CreateWindowExW = user32.func(
  'HWND __stdcall CreateWindowExW(DWORD dwExStyle, LPCWSTR lpClassName, LPCWSTR lpWindowName, DWORD dwStyle, int X, int Y, int nWidth, int nHeight, HWND hWndParent, HMENU hMenu, HINSTANCE hInstance, void *lpParam)',
) as (
  exStyle: number,
  className: string,
  windowName: string,
  style: number,
  x: number,
  y: number,
  width: number,
  height: number,
  parent: Handle | null,
  menu: Handle | null,
  instance: Handle | null,
  param: null,
) => Handle | null;

/** BOOL DestroyWindow(HWND hWnd); */
export const DestroyWindow = user32.func('BOOL __stdcall DestroyWindow(HWND hWnd)') as (window: Handle) => number;

/**
 * A hidden top-level window to parent driver dialogs. It must be created on the
 * thread that calls into drivers: a modal dialog pumps that thread's messages,
 * while Node's own thread never pumps Win32 messages.
 */
export function createOwnerWindow(title: string): Handle | null {
  return CreateWindowExW(0, 'STATIC', title, WS_OVERLAPPED, 0, 0, 0, 0, null, null, null, null);
}

export const EWX_REBOOT = 0x0002;
/** SHTDN_REASON_MAJOR_SOFTWARE | SHTDN_REASON_MINOR_RECONFIG | SHTDN_REASON_FLAG_PLANNED */
export const SHTDN_REASON_SOFTWARE_RECONFIG_PLANNED = 0x80000000 + 0x00030000 + 0x00000004;

/** BOOL ExitWindowsEx(UINT uFlags, DWORD dwReason); */
export const ExitWindowsEx = user32.func('BOOL __stdcall ExitWindowsEx(UINT uFlags, DWORD dwReason)') as (flags: number, reason: number) => number;
