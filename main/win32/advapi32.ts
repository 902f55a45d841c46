/** advapi32.dll: reading and writing registry values in a chosen registry view; the process token and its privileges. */
import { koffi, utf16, type Handle } from './win32Types';

const advapi32 = koffi.load('advapi32.dll');

const HKEY_LOCAL_MACHINE: Handle = 0x80000002n;
const KEY_READ = 0x20019;
const KEY_QUERY_VALUE = 0x0001;
const KEY_SET_VALUE = 0x0002;
const REG_OPTION_NON_VOLATILE = 0;
export const KEY_WOW64_64KEY = 0x0100;
export const KEY_WOW64_32KEY = 0x0200;
const ERROR_SUCCESS = 0;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_MORE_DATA = 234;
const ERROR_NO_MORE_ITEMS = 259;

/** LSTATUS RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired, PHKEY phkResult); */
const RegOpenKeyExW = advapi32.func(
  'LSTATUS __stdcall RegOpenKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD ulOptions, REGSAM samDesired, _Out_ HKEY *phkResult)',
) as (key: Handle, subKey: string, options: number, sam: number, result: [Handle | null]) => number;

/**
 * LSTATUS RegQueryInfoKeyW(HKEY hKey, LPWSTR lpClass, LPDWORD lpcchClass, LPDWORD lpReserved,
 *   LPDWORD lpcSubKeys, LPDWORD lpcbMaxSubKeyLen, LPDWORD lpcbMaxClassLen, LPDWORD lpcValues,
 *   LPDWORD lpcbMaxValueNameLen, LPDWORD lpcbMaxValueLen, LPDWORD lpcbSecurityDescriptor,
 *   PFILETIME lpftLastWriteTime);
 */
const RegQueryInfoKeyW = advapi32.func(
  'LSTATUS __stdcall RegQueryInfoKeyW(HKEY hKey, void *lpClass, void *lpcchClass, void *lpReserved, void *lpcSubKeys, void *lpcbMaxSubKeyLen, void *lpcbMaxClassLen, _Out_ DWORD *lpcValues, _Out_ DWORD *lpcbMaxValueNameLen, _Out_ DWORD *lpcbMaxValueLen, void *lpcbSecurityDescriptor, void *lpftLastWriteTime)',
) as (
  key: Handle,
  cls: null,
  clsLen: null,
  reserved: null,
  subKeys: null,
  maxSubKeyLen: null,
  maxClassLen: null,
  values: [number],
  maxValueNameLen: [number],
  maxValueLen: [number],
  securityDescriptor: null,
  lastWrite: null,
) => number;

/** LSTATUS RegEnumValueW(HKEY hKey, DWORD dwIndex, LPWSTR lpValueName, LPDWORD lpcchValueName, LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData); */
const RegEnumValueW = advapi32.func(
  'LSTATUS __stdcall RegEnumValueW(HKEY hKey, DWORD dwIndex, _Out_ char16_t *lpValueName, _Inout_ DWORD *lpcchValueName, void *lpReserved, _Out_ DWORD *lpType, _Out_ uint8_t *lpData, _Inout_ DWORD *lpcbData)',
) as (
  key: Handle,
  index: number,
  name: Buffer,
  nameChars: [number],
  reserved: null,
  type: [number],
  data: Buffer,
  dataBytes: [number],
) => number;

/** LSTATUS RegCloseKey(HKEY hKey); */
const RegCloseKey = advapi32.func('LSTATUS __stdcall RegCloseKey(HKEY hKey)') as (key: Handle) => number;

/**
 * LSTATUS RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, LPWSTR lpClass, DWORD dwOptions,
 *   REGSAM samDesired, const LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult, LPDWORD lpdwDisposition);
 */
const RegCreateKeyExW = advapi32.func(
  'LSTATUS __stdcall RegCreateKeyExW(HKEY hKey, LPCWSTR lpSubKey, DWORD Reserved, void *lpClass, DWORD dwOptions, REGSAM samDesired, void *lpSecurityAttributes, _Out_ HKEY *phkResult, void *lpdwDisposition)',
) as (key: Handle, subKey: string, reserved: number, cls: null, options: number, sam: number, security: null, result: [Handle | null], disposition: null) => number;

/** LSTATUS RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, LPDWORD lpReserved, LPDWORD lpType, LPBYTE lpData, LPDWORD lpcbData); */
const RegQueryValueExW = advapi32.func(
  'LSTATUS __stdcall RegQueryValueExW(HKEY hKey, LPCWSTR lpValueName, void *lpReserved, _Out_ DWORD *lpType, _Out_ uint8_t *lpData, _Inout_ DWORD *lpcbData)',
) as (key: Handle, name: string, reserved: null, type: [number], data: Buffer | null, dataBytes: [number]) => number;

/** LSTATUS RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType, const BYTE *lpData, DWORD cbData); */
const RegSetValueExW = advapi32.func(
  'LSTATUS __stdcall RegSetValueExW(HKEY hKey, LPCWSTR lpValueName, DWORD Reserved, DWORD dwType, const uint8_t *lpData, DWORD cbData)',
) as (key: Handle, name: string, reserved: number, type: number, data: Buffer, dataBytes: number) => number;

/** LSTATUS RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName); */
const RegDeleteValueW = advapi32.func('LSTATUS __stdcall RegDeleteValueW(HKEY hKey, LPCWSTR lpValueName)') as (key: Handle, name: string) => number;

/** One registry value exactly as stored, so later undo can restore it byte for byte. */
export interface RegistryValue {
  name: string;
  type: number;
  data: Buffer;
}

export type RegistryRead =
  | { ok: true; values: RegistryValue[] }
  | { ok: false; missing: boolean; status: number };

/** How an enumeration of values ended: all read, or not (a missing key, access denied). */
export type RegistryEnd = { ok: true } | { ok: false; missing: boolean; status: number };

/** Reads every value of HKLM\`subKey` in the view selected by `viewFlag` (KEY_WOW64_64KEY or KEY_WOW64_32KEY). */
export function readLocalMachineValues(subKey: string, viewFlag: number): RegistryRead {
  const values: RegistryValue[] = [];
  const reading = localMachineValues(subKey, viewFlag);
  for (let next = reading.next(); ; next = reading.next()) {
    if (next.done) return next.value.ok ? { ok: true, values } : next.value;
    values.push(next.value);
  }
}

/**
 * The values of HKLM\`subKey` one at a time, the key held open in between: a
 * caller can hand the first ones on before the last are read (each is a round
 * trip to the registry). Returns how the enumeration ended.
 */
export function* localMachineValues(subKey: string, viewFlag: number): Generator<RegistryValue, RegistryEnd> {
  const opened: [Handle | null] = [null];
  const status = RegOpenKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, KEY_READ | viewFlag, opened);
  const key = opened[0];
  if (status !== ERROR_SUCCESS || key === null) {
    return { ok: false, missing: status === ERROR_FILE_NOT_FOUND, status };
  }
  try {
    return yield* enumerateValues(key);
  } finally {
    RegCloseKey(key);
  }
}

function* enumerateValues(key: Handle): Generator<RegistryValue, RegistryEnd> {
  const count: [number] = [0];
  const maxName: [number] = [0];
  const maxData: [number] = [0];
  const info = RegQueryInfoKeyW(key, null, null, null, null, null, null, count, maxName, maxData, null, null);
  if (info !== ERROR_SUCCESS) return { ok: false, missing: false, status: info };
  const name = Buffer.alloc((maxName[0] + 1) * 2);
  const data = Buffer.alloc(maxData[0] + 2);
  for (let index = 0; ; index++) {
    const nameChars: [number] = [maxName[0] + 1];
    const dataBytes: [number] = [data.length];
    const type: [number] = [0];
    const status = RegEnumValueW(key, index, name, nameChars, null, type, data, dataBytes);
    if (status === ERROR_NO_MORE_ITEMS) return { ok: true };
    if (status !== ERROR_SUCCESS) return { ok: false, missing: false, status };
    yield { name: utf16(name, nameChars[0]), type: type[0], data: Buffer.from(data.subarray(0, dataBytes[0])) };
  }
}

/** A registry call that failed, with the Win32 status it returned (5: access denied). */
export class RegistryError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`${what} failed with Windows error ${status}${status === 5 ? ' (access denied)' : ''}`);
  }
}

/** Opens (creating it when `create`) HKLM\`subKey` in a view for reading and writing one value; null when it does not exist. */
function openForValue(subKey: string, viewFlag: number, create: boolean): Handle | null {
  const opened: [Handle | null] = [null];
  const sam = KEY_QUERY_VALUE | KEY_SET_VALUE | viewFlag;
  const status = create
    ? RegCreateKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, null, REG_OPTION_NON_VOLATILE, sam, null, opened, null)
    : RegOpenKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, sam, opened);
  if (status === ERROR_FILE_NOT_FOUND && !create) return null;
  if (status !== ERROR_SUCCESS || opened[0] === null) throw new RegistryError(status, `Opening HKLM\\${subKey}`);
  return opened[0];
}

function withValueKey<T>(subKey: string, viewFlag: number, create: boolean, absent: T, use: (key: Handle) => T): T {
  const key = openForValue(subKey, viewFlag, create);
  if (key === null) return absent;
  try {
    return use(key);
  } finally {
    RegCloseKey(key);
  }
}

/** One value of HKLM\`subKey`, exactly as stored; null when the key or the value does not exist. */
export function readLocalMachineValue(subKey: string, name: string, viewFlag: number): RegistryValue | null {
  return withValueKey(subKey, viewFlag, false, null, (key) => {
    const type: [number] = [0];
    const size: [number] = [0];
    let status = RegQueryValueExW(key, name, null, type, null, size);
    if (status === ERROR_FILE_NOT_FOUND) return null;
    // The value can grow between the two calls; a larger buffer is asked for again.
    for (let attempt = 0; status === ERROR_SUCCESS || status === ERROR_MORE_DATA; attempt++) {
      const data = Buffer.alloc(size[0]);
      status = RegQueryValueExW(key, name, null, type, data, size);
      if (status === ERROR_SUCCESS) return { name, type: type[0], data: data.subarray(0, size[0]) };
      if (attempt > 3) break;
    }
    throw new RegistryError(status, `Reading ${name}`);
  });
}

/** Sets a value of HKLM\`subKey` (creating the key), with exactly this type and these bytes. */
export function writeLocalMachineValue(subKey: string, value: RegistryValue, viewFlag: number): void {
  withValueKey(subKey, viewFlag, true, undefined, (key) => {
    const status = RegSetValueExW(key, value.name, 0, value.type, value.data, value.data.length);
    if (status !== ERROR_SUCCESS) throw new RegistryError(status, `Writing ${value.name}`);
  });
}

/** Deletes a value of HKLM\`subKey`; a value that is not there is already deleted. */
export function deleteLocalMachineValue(subKey: string, name: string, viewFlag: number): void {
  withValueKey(subKey, viewFlag, false, undefined, (key) => {
    const status = RegDeleteValueW(key, name);
    if (status !== ERROR_SUCCESS && status !== ERROR_FILE_NOT_FOUND) throw new RegistryError(status, `Deleting ${name}`);
  });
}

export const TOKEN_ADJUST_PRIVILEGES = 0x0020;
export const TOKEN_QUERY = 0x0008;
export const SE_PRIVILEGE_ENABLED = 0x0002;

/** typedef struct _LUID { DWORD LowPart; LONG HighPart; } LUID; */
const LUID = koffi.struct('LUID', { LowPart: 'DWORD', HighPart: 'LONG' });
/** typedef struct _TOKEN_PRIVILEGES { DWORD PrivilegeCount; LUID_AND_ATTRIBUTES Privileges[1]; } TOKEN_PRIVILEGES; */
koffi.struct('TOKEN_PRIVILEGES', {
  PrivilegeCount: 'DWORD',
  Privileges: koffi.array(koffi.struct('LUID_AND_ATTRIBUTES', { Luid: LUID, Attributes: 'DWORD' }), 1),
});

export interface Luid {
  LowPart: number;
  HighPart: number;
}

export interface TokenPrivileges {
  PrivilegeCount: number;
  Privileges: Array<{ Luid: Luid; Attributes: number }>;
}

/** BOOL OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, PHANDLE TokenHandle); */
export const OpenProcessToken = advapi32.func(
  'BOOL __stdcall OpenProcessToken(HANDLE ProcessHandle, DWORD DesiredAccess, _Out_ HANDLE *TokenHandle)',
) as (process: Handle, access: number, token: [Handle | null]) => number;

/** BOOL LookupPrivilegeValueW(LPCWSTR lpSystemName, LPCWSTR lpName, PLUID lpLuid); */
export const LookupPrivilegeValueW = advapi32.func(
  'BOOL __stdcall LookupPrivilegeValueW(LPCWSTR lpSystemName, LPCWSTR lpName, _Out_ LUID *lpLuid)',
) as (systemName: null, name: string, luid: Luid) => number;

/**
 * BOOL AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges, PTOKEN_PRIVILEGES NewState,
 *   DWORD BufferLength, PTOKEN_PRIVILEGES PreviousState, PDWORD ReturnLength);
 */
export const AdjustTokenPrivileges = advapi32.func(
  'BOOL __stdcall AdjustTokenPrivileges(HANDLE TokenHandle, BOOL DisableAllPrivileges, _In_ TOKEN_PRIVILEGES *NewState, DWORD BufferLength, void *PreviousState, void *ReturnLength)',
) as (token: Handle, disableAll: number, newState: TokenPrivileges, bufferLength: number, previous: null, returnLength: null) => number;

/** TOKEN_INFORMATION_CLASS TokenElevation: a TOKEN_ELEVATION { DWORD TokenIsElevated; }. */
const TokenElevation = 20;

/**
 * BOOL GetTokenInformation(HANDLE TokenHandle, TOKEN_INFORMATION_CLASS TokenInformationClass,
 *   LPVOID TokenInformation, DWORD TokenInformationLength, PDWORD ReturnLength);
 */
const GetTokenInformation = advapi32.func(
  'BOOL __stdcall GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass, _Out_ DWORD *TokenInformation, DWORD TokenInformationLength, _Out_ DWORD *ReturnLength)',
) as (token: Handle, infoClass: number, info: [number], length: number, returned: [number]) => number;

/** Whether `token` (opened with TOKEN_QUERY) is elevated; null when Windows does not say. */
export function tokenIsElevated(token: Handle): boolean | null {
  const elevated: [number] = [0];
  const returned: [number] = [0];
  return GetTokenInformation(token, TokenElevation, elevated, 4, returned) ? elevated[0] !== 0 : null;
}
