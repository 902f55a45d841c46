/**
 * Restarts Windows the documented way: enable the shutdown privilege in the
 * process's token, then ExitWindowsEx(EWX_REBOOT) with a planned
 * software-reconfiguration reason. Windows asks other programs to close first.
 */
import { DriverError } from '../../app/driverError';
import { AdjustTokenPrivileges, LookupPrivilegeValueW, OpenProcessToken, SE_PRIVILEGE_ENABLED, TOKEN_ADJUST_PRIVILEGES, TOKEN_QUERY, type Luid } from './advapi32';
import { CloseHandle, GetCurrentProcess, GetLastError } from './kernel32';
import { EWX_REBOOT, ExitWindowsEx, SHTDN_REASON_SOFTWARE_RECONFIG_PLANNED } from './user32';

const ERROR_NOT_ALL_ASSIGNED = 1300;

function refuse(step: string, code: number): never {
  const hint = code === ERROR_NOT_ALL_ASSIGNED || code === 1314 ? ' Your account may not shut down this computer; restart it from the Start menu or ask an administrator.' : '';
  throw new DriverError('restart-failed', `Windows did not restart: ${step} failed (error ${code}).${hint}`);
}

function enableShutdownPrivilege(): void {
  const token: [bigint | null] = [null];
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, token) || token[0] === null) refuse('opening the process token', GetLastError());
  try {
    const luid: Luid = { LowPart: 0, HighPart: 0 };
    if (!LookupPrivilegeValueW(null, 'SeShutdownPrivilege', luid)) refuse('looking up the shutdown privilege', GetLastError());
    const adjusted = AdjustTokenPrivileges(token[0], 0, { PrivilegeCount: 1, Privileges: [{ Luid: luid, Attributes: SE_PRIVILEGE_ENABLED }] }, 0, null, null);
    // It succeeds even when the token lacks the privilege; GetLastError says so.
    const error = GetLastError();
    if (!adjusted || error === ERROR_NOT_ALL_ASSIGNED) refuse('enabling the shutdown privilege', error);
  } finally {
    CloseHandle(token[0]);
  }
}

export function restartWindows(): void {
  enableShutdownPrivilege();
  if (!ExitWindowsEx(EWX_REBOOT, SHTDN_REASON_SOFTWARE_RECONFIG_PLANNED)) refuse('ExitWindowsEx', GetLastError());
}
