/** advapi32.dll: reading and writing registry values in a chosen registry view; the process token and its privileges; who owns a file and whom its DACL lets write. */
import { koffi, utf16, type Handle } from './win32Types';
import { NATIVE_VIEW, WOW64_VIEW, type RegistryView } from '../../app/views';

const advapi32 = koffi.load('advapi32.dll');

const HKEY_LOCAL_MACHINE: Handle = 0x80000002n;
const KEY_READ = 0x20019;
const KEY_QUERY_VALUE = 0x0001;
const KEY_SET_VALUE = 0x0002;
const REG_OPTION_NON_VOLATILE = 0;
const KEY_WOW64_64KEY = 0x0100;
const KEY_WOW64_32KEY = 0x0200;
const ERROR_SUCCESS = 0;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_MORE_DATA = 234;
const ERROR_NO_MORE_ITEMS = 259;

/** The flag that opens a key in a registry view, whichever view this process itself sees. */
export const viewFlags: Record<RegistryView, number> = { [NATIVE_VIEW]: KEY_WOW64_64KEY, [WOW64_VIEW]: KEY_WOW64_32KEY };

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

/** LSTATUS RegEnumKeyExW(HKEY hKey, DWORD dwIndex, LPWSTR lpName, LPDWORD lpcchName, LPDWORD lpReserved, LPWSTR lpClass, LPDWORD lpcchClass, PFILETIME lpftLastWriteTime); */
const RegEnumKeyExW = advapi32.func(
  'LSTATUS __stdcall RegEnumKeyExW(HKEY hKey, DWORD dwIndex, _Out_ char16_t *lpName, _Inout_ DWORD *lpcchName, void *lpReserved, void *lpClass, void *lpcchClass, void *lpftLastWriteTime)',
) as (key: Handle, index: number, name: Buffer, nameChars: [number], reserved: null, cls: null, clsChars: null, lastWrite: null) => number;

/** A registry key name is at most 255 characters. */
const MAX_KEY_NAME_CHARS = 256;

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

const KEY_NOTIFY = 0x0010;
/** A value or subkey added, removed or renamed, or a value written: what a registration's change is. */
const REG_NOTIFY_CHANGE_NAME = 0x0001;
const REG_NOTIFY_CHANGE_LAST_SET = 0x0004;

/** LSTATUS RegNotifyChangeKeyValue(HKEY hKey, BOOL bWatchSubtree, DWORD dwNotifyFilter, HANDLE hEvent, BOOL fAsynchronous); */
const RegNotifyChangeKeyValue = advapi32.func(
  'LSTATUS __stdcall RegNotifyChangeKeyValue(HKEY hKey, BOOL bWatchSubtree, DWORD dwNotifyFilter, HANDLE hEvent, BOOL fAsynchronous)',
) as (key: Handle, subtree: number, filter: number, event: Handle, asynchronous: number) => number;

/** HKLM\`subKey` in a view, opened to be watched; null when it does not exist or may not be read. */
export function openLocalMachineKeyToWatch(subKey: string, viewFlag: number): Handle | null {
  const opened: [Handle | null] = [null];
  return RegOpenKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, KEY_NOTIFY | viewFlag, opened) === ERROR_SUCCESS ? opened[0] : null;
}

/**
 * Signals `event` once at the next change of `key`'s values or of any subkey
 * below it; asked again after each signal. The request belongs to the calling
 * thread and ends with it, so it is made from the thread that stays.
 */
export function signalNextChange(key: Handle, event: Handle): boolean {
  return RegNotifyChangeKeyValue(key, 1, REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET, event, 1) === ERROR_SUCCESS;
}

export function closeKey(key: Handle): void {
  RegCloseKey(key);
}

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

/** Reads every value of HKLM\`subKey` in the view selected by `viewFlag` (one of viewFlags). */
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

/** The names of HKLM\`subKey`'s subkeys in a view; none when it does not exist or cannot be read. */
export function localMachineSubkeys(subKey: string, viewFlag: number): string[] {
  const opened: [Handle | null] = [null];
  const key = RegOpenKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, KEY_READ | viewFlag, opened) === ERROR_SUCCESS ? opened[0] : null;
  if (key === null) return [];
  try {
    const names: string[] = [];
    const name = Buffer.alloc(MAX_KEY_NAME_CHARS * 2);
    for (let index = 0; ; index++) {
      const nameChars: [number] = [MAX_KEY_NAME_CHARS];
      if (RegEnumKeyExW(key, index, name, nameChars, null, null, null, null) !== ERROR_SUCCESS) return names;
      names.push(utf16(name, nameChars[0]));
    }
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

/** TOKEN_INFORMATION_CLASS TokenUser: a TOKEN_USER { SID_AND_ATTRIBUTES User; }, the SID pointer first. */
const TokenUser = 1;

/** The same GetTokenInformation, declared for classes that return a variable-length structure. */
const GetTokenInformationBuffer = advapi32.func(
  'BOOL __stdcall GetTokenInformation(HANDLE TokenHandle, int TokenInformationClass, _Out_ uint8_t *TokenInformation, DWORD TokenInformationLength, _Out_ DWORD *ReturnLength)',
) as (token: Handle, infoClass: number, info: Buffer, length: number, returned: [number]) => number;

/** BOOL ConvertSidToStringSidW(PSID Sid, LPWSTR *StringSid); the string is freed with LocalFree. */
const ConvertSidToStringSidW = advapi32.func('BOOL __stdcall ConvertSidToStringSidW(void *Sid, _Out_ void **StringSid)') as (
  sid: Handle,
  out: [Handle | null],
) => number;

/**
 * BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR StringSecurityDescriptor,
 *   DWORD StringSDRevision, PSECURITY_DESCRIPTOR *SecurityDescriptor, PULONG SecurityDescriptorSize);
 */
const ConvertStringSecurityDescriptorToSecurityDescriptorW = advapi32.func(
  'BOOL __stdcall ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR StringSecurityDescriptor, DWORD StringSDRevision, _Out_ void **SecurityDescriptor, void *SecurityDescriptorSize)',
) as (sddl: string, revision: number, out: [Handle | null], size: null) => number;

/**
 * DWORD GetNamedSecurityInfoW(LPCWSTR pObjectName, SE_OBJECT_TYPE ObjectType, SECURITY_INFORMATION SecurityInfo,
 *   PSID *ppsidOwner, PSID *ppsidGroup, PACL *ppDacl, PACL *ppSacl, PSECURITY_DESCRIPTOR *ppSecurityDescriptor);
 */
const GetNamedSecurityInfoW = advapi32.func(
  'DWORD __stdcall GetNamedSecurityInfoW(LPCWSTR pObjectName, int ObjectType, DWORD SecurityInfo, _Out_ void **ppsidOwner, void *ppsidGroup, _Out_ void **ppDacl, void *ppSacl, _Out_ void **ppSecurityDescriptor)',
) as (name: string, type: number, info: number, owner: [Handle | null], group: null, dacl: [Handle | null], sacl: null, sd: [Handle | null]) => number;

/** typedef struct _ACL_SIZE_INFORMATION { DWORD AceCount; DWORD AclBytesInUse; DWORD AclBytesFree; } ACL_SIZE_INFORMATION; */
const ACL_SIZE_INFORMATION = koffi.struct('ACL_SIZE_INFORMATION', { AceCount: 'DWORD', AclBytesInUse: 'DWORD', AclBytesFree: 'DWORD' });
const AclSizeInformation = 2;

/** BOOL GetAclInformation(PACL pAcl, LPVOID pAclInformation, DWORD nAclInformationLength, ACL_INFORMATION_CLASS dwAclInformationClass); */
const GetAclInformation = advapi32.func(
  'BOOL __stdcall GetAclInformation(void *pAcl, _Out_ ACL_SIZE_INFORMATION *pAclInformation, DWORD nAclInformationLength, int dwAclInformationClass)',
) as (acl: Handle, info: { AceCount: number }, length: number, infoClass: number) => number;

/** BOOL GetAce(PACL pAcl, DWORD dwAceIndex, LPVOID *pAce); */
const GetAce = advapi32.func('BOOL __stdcall GetAce(void *pAcl, DWORD dwAceIndex, _Out_ void **pAce)') as (acl: Handle, index: number, ace: [Handle | null]) => number;

/**
 * ACCESS_ALLOWED_ACE, ACCESS_DENIED_ACE and their callback forms:
 * { ACE_HEADER { BYTE AceType; BYTE AceFlags; WORD AceSize; } Header; ACCESS_MASK Mask; DWORD SidStart; }.
 * Object ACEs put GUIDs before the SID; they do not occur on files.
 */
const ACE_WITH_SID = koffi.struct('ACE_WITH_SID', { AceType: 'uint8_t', AceFlags: 'uint8_t', AceSize: 'uint16_t', Mask: 'uint32_t' });
const SID_OFFSET = 8n;
const sidAceTypes = new Set([0, 1, 9, 10]);

const kernel32 = koffi.load('kernel32.dll');
/** HLOCAL LocalFree(HLOCAL hMem); in kernel32, for what the security APIs above allocate. */
const LocalFree = kernel32.func('void * __stdcall LocalFree(void *hMem)') as (memory: Handle) => Handle | null;
/** int lstrlenW(LPCWSTR lpString); in kernel32: the length of a string these APIs return by pointer. */
const lstrlenW = kernel32.func('int __stdcall lstrlenW(void *lpString)') as (text: Handle) => number;

const SE_FILE_OBJECT = 1;
const OWNER_SECURITY_INFORMATION = 0x1;
const DACL_SECURITY_INFORMATION = 0x4;

/** One entry of a DACL: `sid` is null for an entry whose layout carries no plain SID (an object ACE). */
export interface AccessEntry {
  type: number;
  flags: number;
  mask: number;
  sid: string | null;
}

/** Who owns a file or folder and whom its DACL lets do what; `entries` is null for a NULL DACL (everyone may do anything). */
export interface FileSecurity {
  owner: string | null;
  entries: AccessEntry[] | null;
}

function sidString(sid: Handle): string | null {
  const out: [Handle | null] = [null];
  if (!ConvertSidToStringSidW(sid, out) || out[0] === null) return null;
  try {
    return koffi.decode(out[0], 'char16_t', lstrlenW(out[0])) as string;
  } finally {
    LocalFree(out[0]);
  }
}

function aclEntries(acl: Handle): AccessEntry[] {
  const size = { AceCount: 0, AclBytesInUse: 0, AclBytesFree: 0 };
  if (!GetAclInformation(acl, size, koffi.sizeof(ACL_SIZE_INFORMATION), AclSizeInformation)) throw new Error('GetAclInformation failed');
  return Array.from({ length: size.AceCount }, (_, index) => {
    const ace: [Handle | null] = [null];
    if (!GetAce(acl, index, ace) || ace[0] === null) throw new Error(`GetAce ${index} failed`);
    const head = koffi.decode(ace[0], ACE_WITH_SID) as { AceType: number; AceFlags: number; Mask: number };
    const sid = sidAceTypes.has(head.AceType) ? sidString(ace[0] + SID_OFFSET) : null;
    return { type: head.AceType, flags: head.AceFlags, mask: head.Mask >>> 0, sid };
  });
}

/** The owner and DACL of a file or folder; throws, with the Win32 error, when Windows does not say. */
export function fileSecurity(path: string): FileSecurity {
  const owner: [Handle | null] = [null];
  const dacl: [Handle | null] = [null];
  const descriptor: [Handle | null] = [null];
  const status = GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, owner, null, dacl, null, descriptor);
  if (status !== ERROR_SUCCESS || descriptor[0] === null) throw new Error(`GetNamedSecurityInfo failed with Windows error ${status}`);
  try {
    return { owner: owner[0] ? sidString(owner[0]) : null, entries: dacl[0] ? aclEntries(dacl[0]) : null };
  } finally {
    LocalFree(descriptor[0]);
  }
}

/** A security descriptor built from SDDL, for as long as `use` runs. */
export function withSecurityDescriptor<T>(sddl: string, use: (descriptor: Handle) => T): T {
  const out: [Handle | null] = [null];
  if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out, null) || out[0] === null) throw new Error(`The security descriptor "${sddl}" was refused`);
  try {
    return use(out[0]);
  } finally {
    LocalFree(out[0]);
  }
}

/** The SID of the user `token` (opened with TOKEN_QUERY) belongs to, as S-1-…; null when Windows does not say. */
export function tokenUserSid(token: Handle): string | null {
  const buffer = Buffer.alloc(256);
  const returned: [number] = [0];
  if (!GetTokenInformationBuffer(token, TokenUser, buffer, buffer.length, returned)) return null;
  // TOKEN_USER's first field points into the buffer itself, which stays alive here.
  const sid = koffi.sizeof('void *') === 8 ? buffer.readBigUInt64LE(0) : BigInt(buffer.readUInt32LE(0));
  return sid ? sidString(sid) : null;
}
