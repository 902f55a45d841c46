/** kernel32.dll: system.ini, module and directory look-ups, job objects, and ending this process. */
import { koffi, utf16, utf16List, type Handle } from './win32Types';
import { UINT32_MAX } from '../../app/integerRange';
import { errorText } from '../../app/errorText';

const kernel32 = koffi.load('kernel32.dll');

const MAX_PATH_CHARS = 32768;

/** DWORD GetPrivateProfileSectionW(LPCWSTR lpAppName, LPWSTR lpReturnedString, DWORD nSize, LPCWSTR lpFileName); */
const GetPrivateProfileSectionW = kernel32.func(
  'DWORD __stdcall GetPrivateProfileSectionW(LPCWSTR lpAppName, _Out_ char16_t *lpReturnedString, DWORD nSize, LPCWSTR lpFileName)',
) as (appName: string, out: Buffer, size: number, fileName: string) => number;

/** BOOL WritePrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpString, LPCWSTR lpFileName); NULL lpString deletes the key. */
const WritePrivateProfileStringW = kernel32.func(
  'BOOL __stdcall WritePrivateProfileStringW(LPCWSTR lpAppName, LPCWSTR lpKeyName, LPCWSTR lpString, LPCWSTR lpFileName)',
) as (appName: string, keyName: string, value: string | null, fileName: string) => number;

/** DWORD GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize); */
const GetModuleFileNameW = kernel32.func(
  'DWORD __stdcall GetModuleFileNameW(HMODULE hModule, _Out_ char16_t *lpFilename, DWORD nSize)',
) as (module: Handle, out: Buffer, size: number) => number;

/** UINT GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize); */
const GetSystemDirectoryW = kernel32.func(
  'UINT __stdcall GetSystemDirectoryW(_Out_ char16_t *lpBuffer, UINT uSize)',
) as (out: Buffer, size: number) => number;

/** UINT GetSystemWow64DirectoryW(LPWSTR lpBuffer, UINT uSize); */
const GetSystemWow64DirectoryW = kernel32.func(
  'UINT __stdcall GetSystemWow64DirectoryW(_Out_ char16_t *lpBuffer, UINT uSize)',
) as (out: Buffer, size: number) => number;

/** UINT GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize); where a profile file named without a folder (system.ini) lives. */
const GetWindowsDirectoryW = kernel32.func('UINT __stdcall GetWindowsDirectoryW(_Out_ char16_t *lpBuffer, UINT uSize)') as (out: Buffer, size: number) => number;

/** DWORD SearchPathW(LPCWSTR lpPath, LPCWSTR lpFileName, LPCWSTR lpExtension, DWORD nBufferLength, LPWSTR lpBuffer, LPWSTR *lpFilePart); */
const SearchPathW = kernel32.func(
  'DWORD __stdcall SearchPathW(LPCWSTR lpPath, LPCWSTR lpFileName, LPCWSTR lpExtension, DWORD nBufferLength, _Out_ char16_t *lpBuffer, void *lpFilePart)',
) as (path: string | null, fileName: string, extension: string | null, size: number, out: Buffer, filePart: null) => number;

/** DWORD ExpandEnvironmentStringsW(LPCWSTR lpSrc, LPWSTR lpDst, DWORD nSize); */
const ExpandEnvironmentStringsW = kernel32.func(
  'DWORD __stdcall ExpandEnvironmentStringsW(LPCWSTR lpSrc, _Out_ char16_t *lpDst, DWORD nSize)',
) as (source: string, out: Buffer, size: number) => number;

/** HWND GetConsoleWindow(void); */
export const GetConsoleWindow = kernel32.func('HWND __stdcall GetConsoleWindow(void)') as () => Handle | null;

/** ULONGLONG GetTickCount64(void); milliseconds since the system started. */
export const GetTickCount64 = kernel32.func('uint64_t __stdcall GetTickCount64(void)') as () => number | bigint;

export const SEM_FAILCRITICALERRORS = 0x0001;
export const SEM_NOGPFAULTERRORBOX = 0x0002;
export const SEM_NOOPENFILEERRORBOX = 0x8000;

/** UINT SetErrorMode(UINT uMode); */
export const SetErrorMode = kernel32.func('UINT __stdcall SetErrorMode(UINT uMode)') as (mode: number) => number;

/** DWORD GetLastError(void); read right after the call it explains. */
export const GetLastError = kernel32.func('DWORD __stdcall GetLastError(void)') as () => number;

/** BOOL CloseHandle(HANDLE hObject); */
export const CloseHandle = kernel32.func('BOOL __stdcall CloseHandle(HANDLE hObject)') as (handle: Handle) => number;

/** HANDLE CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName); */
const CreateEventW = kernel32.func('HANDLE __stdcall CreateEventW(void *lpEventAttributes, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName)') as (
  attributes: null,
  manualReset: number,
  initialState: number,
  name: null,
) => Handle | null;

/** BOOL SetEvent(HANDLE hEvent); */
const SetEvent = kernel32.func('BOOL __stdcall SetEvent(HANDLE hEvent)') as (event: Handle) => number;

/** DWORD WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds); */
const WaitForMultipleObjects = kernel32.func('DWORD __stdcall WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll, DWORD dwMilliseconds)');

/** INFINITE: no time-out. */
const INFINITE = UINT32_MAX;
const WAIT_OBJECT_0 = 0;
const MAXIMUM_WAIT_OBJECTS = 64;

/** A new unnamed auto-reset event, not signalled; throws when Windows has none to give. */
export function createEvent(): Handle {
  const event = CreateEventW(null, 0, 0, null);
  if (!event) throw new Error(`CreateEventW failed (error ${GetLastError()})`);
  return event;
}

export function signalEvent(event: Handle): void {
  SetEvent(event);
}

/**
 * Waits on a thread of Node's pool, not this one, until one of `events` is
 * signalled; settles with its index. The events must stay open until it settles.
 */
export function waitForAnyEvent(events: readonly Handle[]): Promise<number> {
  if (events.length === 0 || events.length > MAXIMUM_WAIT_OBJECTS) throw new RangeError(`cannot wait for ${events.length} events`);
  return new Promise((resolve, reject) => {
    WaitForMultipleObjects.async(events.length, [...events], 0, INFINITE, (error: unknown, result: number) => {
      const index = result - WAIT_OBJECT_0;
      if (error) reject(new Error(errorText(error)));
      else if (index >= 0 && index < events.length) resolve(index);
      else reject(new Error(`WaitForMultipleObjects returned ${result} (error ${GetLastError()})`));
    });
  });
}

/** HANDLE GetCurrentProcess(void); */
export const GetCurrentProcess = kernel32.func('HANDLE __stdcall GetCurrentProcess(void)') as () => Handle;

/** BOOL TerminateProcess(HANDLE hProcess, UINT uExitCode); */
export const TerminateProcess = kernel32.func('BOOL __stdcall TerminateProcess(HANDLE hProcess, UINT uExitCode)') as (
  process: Handle,
  exitCode: number,
) => number;

/**
 * typedef struct _JOBOBJECT_BASIC_LIMIT_INFORMATION { LARGE_INTEGER PerProcessUserTimeLimit; LARGE_INTEGER PerJobUserTimeLimit;
 *   DWORD LimitFlags; SIZE_T MinimumWorkingSetSize; SIZE_T MaximumWorkingSetSize; DWORD ActiveProcessLimit;
 *   ULONG_PTR Affinity; DWORD PriorityClass; DWORD SchedulingClass; } JOBOBJECT_BASIC_LIMIT_INFORMATION;
 */
const JOBOBJECT_BASIC_LIMIT_INFORMATION = koffi.struct('JOBOBJECT_BASIC_LIMIT_INFORMATION', {
  PerProcessUserTimeLimit: 'int64_t',
  PerJobUserTimeLimit: 'int64_t',
  LimitFlags: 'DWORD',
  MinimumWorkingSetSize: 'uintptr_t',
  MaximumWorkingSetSize: 'uintptr_t',
  ActiveProcessLimit: 'DWORD',
  Affinity: 'uintptr_t',
  PriorityClass: 'DWORD',
  SchedulingClass: 'DWORD',
});
/**
 * typedef struct _IO_COUNTERS { ULONGLONG ReadOperationCount; ULONGLONG WriteOperationCount; ULONGLONG OtherOperationCount;
 *   ULONGLONG ReadTransferCount; ULONGLONG WriteTransferCount; ULONGLONG OtherTransferCount; } IO_COUNTERS;
 */
const IO_COUNTERS = koffi.struct('IO_COUNTERS', {
  ReadOperationCount: 'uint64_t',
  WriteOperationCount: 'uint64_t',
  OtherOperationCount: 'uint64_t',
  ReadTransferCount: 'uint64_t',
  WriteTransferCount: 'uint64_t',
  OtherTransferCount: 'uint64_t',
});
/**
 * typedef struct _JOBOBJECT_EXTENDED_LIMIT_INFORMATION { JOBOBJECT_BASIC_LIMIT_INFORMATION BasicLimitInformation; IO_COUNTERS IoInfo;
 *   SIZE_T ProcessMemoryLimit; SIZE_T JobMemoryLimit; SIZE_T PeakProcessMemoryUsed; SIZE_T PeakJobMemoryUsed; } JOBOBJECT_EXTENDED_LIMIT_INFORMATION;
 */
const JOBOBJECT_EXTENDED_LIMIT_INFORMATION = koffi.struct('JOBOBJECT_EXTENDED_LIMIT_INFORMATION', {
  BasicLimitInformation: JOBOBJECT_BASIC_LIMIT_INFORMATION,
  IoInfo: IO_COUNTERS,
  ProcessMemoryLimit: 'uintptr_t',
  JobMemoryLimit: 'uintptr_t',
  PeakProcessMemoryUsed: 'uintptr_t',
  PeakJobMemoryUsed: 'uintptr_t',
});

/** JOBOBJECTINFOCLASS JobObjectExtendedLimitInformation */
const JobObjectExtendedLimitInformation = 9;
const JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;

/** HANDLE CreateJobObjectW(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCWSTR lpName); */
const CreateJobObjectW = kernel32.func('HANDLE __stdcall CreateJobObjectW(void *lpJobAttributes, LPCWSTR lpName)') as (
  security: null,
  name: null,
) => Handle | null;

/**
 * BOOL SetInformationJobObject(HANDLE hJob, JOBOBJECTINFOCLASS JobObjectInformationClass,
 *   LPVOID lpJobObjectInformation, DWORD cbJobObjectInformationLength);
 */
const SetInformationJobObject = kernel32.func(
  'BOOL __stdcall SetInformationJobObject(HANDLE hJob, int JobObjectInformationClass, _In_ JOBOBJECT_EXTENDED_LIMIT_INFORMATION *lpJobObjectInformation, DWORD cbJobObjectInformationLength)',
) as (job: Handle, infoClass: number, info: { BasicLimitInformation: { LimitFlags: number } }, length: number) => number;

/** BOOL AssignProcessToJobObject(HANDLE hJob, HANDLE hProcess); */
export const AssignProcessToJobObject = kernel32.func('BOOL __stdcall AssignProcessToJobObject(HANDLE hJob, HANDLE hProcess)') as (
  job: Handle,
  process: Handle,
) => number;

/** A new, unnamed job that ends every process in it when its last handle is closed; null if Windows refuses. */
export function createKillOnCloseJob(): Handle | null {
  const job = CreateJobObjectW(null, null);
  if (!job) return null;
  const limits = { BasicLimitInformation: { LimitFlags: JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE } };
  if (SetInformationJobObject(job, JobObjectExtendedLimitInformation, limits, koffi.sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION))) return job;
  CloseHandle(job);
  return null;
}

/** typedef LONG (WINAPI *PTOP_LEVEL_EXCEPTION_FILTER)(EXCEPTION_POINTERS *ExceptionInfo); */
const TopLevelExceptionFilter = koffi.proto('LONG __stdcall TopLevelExceptionFilter(void *ExceptionInfo)');

/** LPTOP_LEVEL_EXCEPTION_FILTER SetUnhandledExceptionFilter(LPTOP_LEVEL_EXCEPTION_FILTER lpTopLevelExceptionFilter); */
const SetUnhandledExceptionFilter = kernel32.func(
  'void * __stdcall SetUnhandledExceptionFilter(TopLevelExceptionFilter *lpTopLevelExceptionFilter)',
) as (filter: unknown) => unknown;

/**
 * Makes `filter` the process's last word on an exception nobody handled. It is
 * given the exception code (EXCEPTION_POINTERS->ExceptionRecord->ExceptionCode).
 */
export function setUnhandledExceptionFilter(filter: (exceptionCode: number) => void): void {
  const callback = koffi.register((info: unknown) => {
    const record = koffi.decode(info, 'void *') as unknown;
    filter(koffi.decode(record, 'uint32_t') as number);
    return 0;
  }, koffi.pointer(TopLevelExceptionFilter));
  SetUnhandledExceptionFilter(callback);
}

/** Calls a "fill this WCHAR buffer" API; the result is the number of characters written, 0 on failure. */
function readString(fill: (out: Buffer, chars: number) => number): string | null {
  const out = Buffer.alloc(MAX_PATH_CHARS * 2);
  const chars = fill(out, MAX_PATH_CHARS);
  return chars > 0 && chars < MAX_PATH_CHARS ? utf16(out, chars) : null;
}

/** The `key=value` lines of a section of an .ini file, as the profile API sees them, all of them. */
export function readProfileSection(section: string, file: string): string[] {
  for (let size = 65536; ; size *= 2) {
    const out = Buffer.alloc(size * 2);
    const chars = GetPrivateProfileSectionW(section, out, size, file);
    // A section that does not fit is cut, and the count is then size - 2: silently, so read it again with room to spare.
    if (chars < size - 2) return utf16List(out, chars);
  }
}

/** Sets `key=value` in a section of an .ini file, or deletes the key when `value` is null. */
export function writeProfileString(section: string, key: string, value: string | null, file: string): void {
  if (!WritePrivateProfileStringW(section, key, value, file)) {
    throw new Error(`Writing [${section}] ${key} in ${file} failed with Windows error ${GetLastError()}`);
  }
}

export function moduleFileName(module: Handle): string | null {
  return readString((out, n) => GetModuleFileNameW(module, out, n));
}

/**
 * A loaded module's file as every process names it. A 32-bit process on
 * 64-bit Windows is told System32 for what it loaded from SysWOW64 (its view
 * of the file system is redirected); the panel, and the person reading it,
 * must see the file that is really there.
 */
export function loadedModuleFile(module: Handle): string | null {
  const path = moduleFileName(module);
  const [system, wow64] = [systemDirectory(), systemWow64Directory()];
  if (path === null || process.arch !== 'ia32' || !system || !wow64) return path;
  const redirected = path.toLowerCase().startsWith(`${system.toLowerCase()}\\`);
  return redirected ? `${wow64}${path.slice(system.length)}` : path;
}

export function systemDirectory(): string | null {
  return readString((out, n) => GetSystemDirectoryW(out, n));
}

/** The Windows directory (C:\Windows), per user on a terminal server. */
export function windowsDirectory(): string | null {
  return readString((out, n) => GetWindowsDirectoryW(out, n));
}

/** The 32-bit system directory (SysWOW64); null on a 32-bit-only system. */
export function systemWow64Directory(): string | null {
  return readString((out, n) => GetSystemWow64DirectoryW(out, n));
}

/** Full path of `fileName` in `searchPath` (or the loader's default order if null), or null. */
export function searchPath(searchPath: string | null, fileName: string): string | null {
  return readString((out, n) => SearchPathW(searchPath, fileName, null, n, out, null));
}

/** ExpandEnvironmentStringsW counts the terminating NUL in its result. */
export function expandEnvironmentStrings(source: string): string {
  return readString((out, n) => Math.max(0, ExpandEnvironmentStringsW(source, out, n) - 1)) ?? source;
}

/** HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile); */
const CreateFileW = kernel32.func(
  'HANDLE __stdcall CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, void *lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)',
) as (name: string, access: number, share: number, security: null, disposition: number, flags: number, template: null) => Handle;

const GENERIC_READ = 0x80000000;
const FILE_SHARE_READ_WRITE_DELETE = 0x7;
const OPEN_EXISTING = 3;
/** (HANDLE)-1 at this process's pointer width: 32 bits in the 32-bit host. */
const INVALID_HANDLE_VALUE = BigInt.asUintN(koffi.sizeof('void *') * 8, -1n);

function noHandle(handle: Handle): boolean {
  return !handle || handle === INVALID_HANDLE_VALUE;
}

/** Runs `use` with a read handle to the file (shared, so a driver in use can be read), or returns null if it cannot be opened. */
export function withReadHandle<T>(path: string, use: (handle: Handle) => T): T | null {
  const handle = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ_WRITE_DELETE, null, OPEN_EXISTING, 0, null);
  if (noHandle(handle)) return null;
  try {
    return use(handle);
  } finally {
    CloseHandle(handle);
  }
}

/** HANDLE GetStdHandle(DWORD nStdHandle); */
const GetStdHandle = kernel32.func('HANDLE __stdcall GetStdHandle(DWORD nStdHandle)') as (which: number) => Handle | null;

/** BOOL SetStdHandle(DWORD nStdHandle, HANDLE hHandle); */
const SetStdHandle = kernel32.func('BOOL __stdcall SetStdHandle(DWORD nStdHandle, HANDLE hHandle)') as (which: number, handle: Handle) => number;

/** BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped); */
const WriteFile = kernel32.func('BOOL __stdcall WriteFile(HANDLE hFile, const void *lpBuffer, DWORD nNumberOfBytesToWrite, _Out_ DWORD *lpNumberOfBytesWritten, void *lpOverlapped)') as (
  handle: Handle,
  bytes: Buffer,
  length: number,
  written: [number],
  overlapped: null,
) => number;

/** (DWORD)-11 and (DWORD)-12. */
export const STD_OUTPUT_HANDLE = 0xfffffff5;
export const STD_ERROR_HANDLE = 0xfffffff4;
export type StandardHandle = typeof STD_OUTPUT_HANDLE | typeof STD_ERROR_HANDLE;

/** Writes all of `bytes` to a standard handle, as a driver writes there; false when there is none or it is closed. */
export function writeStandardHandle(which: StandardHandle, bytes: Buffer): boolean {
  const handle = GetStdHandle(which);
  if (handle === null || noHandle(handle)) return false;
  const written: [number] = [0];
  return WriteFile(handle, bytes, bytes.length, written, null) !== 0 && written[0] === bytes.length;
}

const GENERIC_WRITE = 0x40000000;

/**
 * Opens the client end of a named pipe for writing and makes it a standard
 * handle of this process: what anything in it writes there (drivers with
 * WriteFile, the C runtimes they link) goes down the pipe. Throws when the
 * pipe cannot be opened.
 */
export function standardHandleToPipe(which: StandardHandle, pipeName: string, firstLine: string): void {
  const handle = CreateFileW(pipeName, GENERIC_WRITE, 0, null, OPEN_EXISTING, 0, null);
  if (noHandle(handle)) throw new Error(`${pipeName} could not be opened (Windows error ${GetLastError()})`);
  const line = Buffer.from(`${firstLine}\n`);
  const written: [number] = [0];
  if (!WriteFile(handle, line, line.length, written, null) || !SetStdHandle(which, handle)) {
    throw new Error(`${pipeName} could not be made a standard handle (Windows error ${GetLastError()})`);
  }
}

/** HANDLE CreateFileMappingW(HANDLE hFile, LPSECURITY_ATTRIBUTES lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName); */
const CreateFileMappingW = kernel32.func(
  'HANDLE __stdcall CreateFileMappingW(HANDLE hFile, void *lpFileMappingAttributes, DWORD flProtect, DWORD dwMaximumSizeHigh, DWORD dwMaximumSizeLow, LPCWSTR lpName)',
) as (file: Handle, security: null, protect: number, sizeHigh: number, sizeLow: number, name: string) => Handle | null;

/** HANDLE OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName); */
const OpenFileMappingW = kernel32.func('HANDLE __stdcall OpenFileMappingW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName)') as (
  access: number,
  inherit: number,
  name: string,
) => Handle | null;

/** LPVOID MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, SIZE_T dwNumberOfBytesToMap); */
const MapViewOfFile = kernel32.func(
  'void * __stdcall MapViewOfFile(HANDLE hFileMappingObject, DWORD dwDesiredAccess, DWORD dwFileOffsetHigh, DWORD dwFileOffsetLow, uintptr_t dwNumberOfBytesToMap)',
) as (mapping: Handle, access: number, offsetHigh: number, offsetLow: number, bytes: number) => Handle | null;

/** BOOL UnmapViewOfFile(LPCVOID lpBaseAddress); */
const UnmapViewOfFile = kernel32.func('BOOL __stdcall UnmapViewOfFile(void *lpBaseAddress)') as (address: Handle) => number;

const PAGE_READWRITE = 0x04;
const FILE_MAP_READ_WRITE = 0x06;

/** Memory shared by name with other processes of this session; it lasts while any of them holds it. */
export interface SharedMemory {
  readonly bytes: ArrayBuffer;
  close(): void;
}

/** Creates (`create`) or opens the named shared memory of `size` bytes; null if Windows refuses. */
export function sharedMemory(name: string, size: number, create: boolean): SharedMemory | null {
  const mapping = create
    ? CreateFileMappingW(INVALID_HANDLE_VALUE, null, PAGE_READWRITE, 0, size, name)
    : OpenFileMappingW(FILE_MAP_READ_WRITE, 0, name);
  if (!mapping) return null;
  const view = MapViewOfFile(mapping, FILE_MAP_READ_WRITE, 0, 0, size);
  if (!view) {
    CloseHandle(mapping);
    return null;
  }
  let open = true;
  return {
    bytes: koffi.view(view, size),
    close: () => {
      if (!open) return;
      open = false;
      UnmapViewOfFile(view);
      CloseHandle(mapping);
    },
  };
}

/** typedef struct _SECURITY_ATTRIBUTES { DWORD nLength; LPVOID lpSecurityDescriptor; BOOL bInheritHandle; } SECURITY_ATTRIBUTES; */
const SECURITY_ATTRIBUTES = koffi.struct('SECURITY_ATTRIBUTES', { nLength: 'DWORD', lpSecurityDescriptor: 'void *', bInheritHandle: 'BOOL' });

/** BOOL CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes); */
const CreateDirectoryW = kernel32.func('BOOL __stdcall CreateDirectoryW(LPCWSTR lpPathName, _In_ SECURITY_ATTRIBUTES *lpSecurityAttributes)') as (
  path: string,
  security: { nLength: number; lpSecurityDescriptor: Handle; bInheritHandle: number },
) => number;

const ERROR_ALREADY_EXISTS = 183;

/** Creates a folder with the given security descriptor; false when it exists already, a thrown error otherwise. */
export function createDirectoryWithSecurity(path: string, descriptor: Handle): boolean {
  if (CreateDirectoryW(path, { nLength: koffi.sizeof(SECURITY_ATTRIBUTES), lpSecurityDescriptor: descriptor, bInheritHandle: 0 })) return true;
  const error = GetLastError();
  if (error === ERROR_ALREADY_EXISTS) return false;
  throw new Error(`Creating ${path} failed with Windows error ${error}${error === 5 ? ' (access denied)' : ''}`);
}

/** DWORD GetCurrentProcessId(void); */
export const GetCurrentProcessId = kernel32.func('DWORD __stdcall GetCurrentProcessId(void)') as () => number;

/** HANDLE OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId); */
const OpenProcess = kernel32.func('HANDLE __stdcall OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId)') as (
  access: number,
  inherit: number,
  pid: number,
) => Handle | null;

/** BOOL GetProcessTimes(HANDLE hProcess, LPFILETIME lpCreationTime, LPFILETIME lpExitTime, LPFILETIME lpKernelTime, LPFILETIME lpUserTime); FILETIME read as one 64-bit count. */
const GetProcessTimes = kernel32.func(
  'BOOL __stdcall GetProcessTimes(HANDLE hProcess, _Out_ uint64_t *lpCreationTime, _Out_ uint64_t *lpExitTime, _Out_ uint64_t *lpKernelTime, _Out_ uint64_t *lpUserTime)',
) as (process: Handle, creation: [bigint | number], exit: [bigint | number], kernel: [bigint | number], user: [bigint | number]) => number;

/** BOOL GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId, LPVOID lpFileInformation); */
const GetFileAttributesExW = kernel32.func('BOOL __stdcall GetFileAttributesExW(LPCWSTR lpFileName, int fInfoLevelId, _Out_ uint8_t *lpFileInformation)') as (
  name: string,
  level: number,
  data: Buffer,
) => number;

/** GetFileExInfoStandard: a WIN32_FILE_ATTRIBUTE_DATA (attributes, three FILETIMEs, size high and low: 36 bytes). */
const GET_FILEEX_INFO_STANDARD = 0;
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/**
 * A FILETIME as ISO 8601, rounded to the millisecond exactly as Node's
 * fs.Stats dates are (seconds and nanoseconds, as libuv splits it), so that a
 * file keeps the identity that earlier versions, which used statSync, remembered.
 */
function fileTimeText(data: Buffer, offset: number): string {
  const since1970 = ((BigInt(data.readUInt32LE(offset + 4)) << 32n) | BigInt(data.readUInt32LE(offset))) - FILETIME_UNIX_EPOCH;
  const seconds = Number(since1970 / 10_000_000n);
  const nanoseconds = Number((since1970 % 10_000_000n) * 100n);
  return new Date(Math.round(seconds * 1e3 + nanoseconds / 1e6)).toISOString();
}

/**
 * A file's size and times, in one call. Node's fs.statSync opens the file and
 * asks three times: under Wine 0.65 ms a file against 0.005 ms for this,
 * which the listing pays for every driver.
 */
export function fileTimesAndSize(path: string): { size: number; created: string; modified: string } | null {
  const data = Buffer.alloc(36);
  if (!GetFileAttributesExW(path, GET_FILEEX_INFO_STANDARD, data)) return null;
  return { size: data.readUInt32LE(28) * 2 ** 32 + data.readUInt32LE(32), created: fileTimeText(data, 4), modified: fileTimeText(data, 20) };
}

/** BOOL GetExitCodeProcess(HANDLE hProcess, LPDWORD lpExitCode); */
const GetExitCodeProcess = kernel32.func('BOOL __stdcall GetExitCodeProcess(HANDLE hProcess, _Out_ DWORD *lpExitCode)') as (process: Handle, code: [number]) => number;

const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const STILL_ACTIVE = 259;

/** When the process started (FILETIME, 100 ns since 1601), as a decimal string; null when it cannot be asked. */
function creationTime(process: Handle): string | null {
  const creation: [bigint | number] = [0];
  return GetProcessTimes(process, creation, [0], [0], [0]) ? String(creation[0]) : null;
}

/** This process, as another process can tell it from a later one with the same id. */
export function currentProcessIdentity(): { pid: number; started: string } {
  return { pid: GetCurrentProcessId(), started: creationTime(GetCurrentProcess()) ?? '0' };
}

/** OpenProcess's answer for an id that names no process. */
const ERROR_INVALID_PARAMETER = 87;

/**
 * Whether the process `pid` that started at `started` still runs (not a
 * later process that reuses its id). One that may not be asked (access
 * denied) counts as running: only a process known to be gone is settled for.
 */
export function processIsRunning(pid: number, started: string): boolean {
  const process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
  if (!process) return GetLastError() !== ERROR_INVALID_PARAMETER;
  try {
    const code: [number] = [0];
    return GetExitCodeProcess(process, code) !== 0 && code[0] === STILL_ACTIVE && creationTime(process) === started;
  } finally {
    CloseHandle(process);
  }
}
