/**
 * The administrators' folder of the panel: the change journal, its lock, and
 * the driver files it keeps (a file replaced by Add driver, a file being
 * added). An elevated process carries out what the journal says, so only
 * administrators and SYSTEM may change this folder: the installer creates it
 * so, the first elevated change creates it so when it is missing, and an
 * elevated process refuses a folder that others can write (or that is a link
 * to somewhere else) before it reads anything in it.
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync } from 'node:fs';
import { win32 } from 'node:path';
import { DriverError } from '../drivers/driverError';
import { OpenProcessToken, TOKEN_QUERY, fileSecurity, tokenUserSid, withSecurityDescriptor } from '../win32/advapi32';
import { CloseHandle, GetCurrentProcess, createDirectoryWithSecurity } from '../win32/kernel32';
import { adminOnlyProblem, administratorSids } from './adminOnlyFolder';

/**
 * Owned by Administrators; SYSTEM and Administrators have full control, Users
 * may read (History… lists the journal without rights); nothing is inherited
 * from the shared folder above, which Users may modify (P).
 */
const ADMIN_ONLY_SDDL = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)';

export class ChangesFolder {
  readonly journal: string;
  /** Copies of driver files the journal may put back: each step's `copyFrom` is here. */
  readonly files: string;

  constructor(readonly path: string) {
    this.journal = win32.join(path, 'changes.json');
    this.files = win32.join(path, 'files');
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Before an elevated process writes: creates the folder admin-only when it is missing, then checks it. */
  prepare(): void {
    if (!this.exists()) this.create();
    this.check();
  }

  private create(): void {
    try {
      mkdirSync(win32.dirname(this.path), { recursive: true });
      withSecurityDescriptor(ADMIN_ONLY_SDDL, (descriptor) => createDirectoryWithSecurity(this.path, descriptor));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DriverError('write-failed', `The folder ${this.path} cannot be written (${reason}), so no change can be journaled and nothing was changed. Check that administrators may create it.`);
    }
  }

  /** Throws 'untrusted-journal', naming the folder, unless only administrators can change it and it is where it says. */
  check(): void {
    const problem = redirection(this.path) ?? adminOnlyProblem(this.path, fileSecurity(this.path), [...administratorSids, ...currentUser()]);
    if (problem) throw new DriverError('untrusted-journal', problem);
  }
}

/**
 * Why the folder is not where its path says (it, or a folder above it, is a
 * junction or a symbolic link, which a person who may change the shared
 * folder could put there to send the panel's writes elsewhere), or null.
 */
function redirection(folder: string): string | null {
  for (let path = win32.normalize(folder); win32.dirname(path) !== path; path = win32.dirname(path)) {
    if (lstatSync(path).isSymbolicLink()) {
      return `The folder ${folder} is reached through ${path}, a link or junction to ${readlinkSync(path)}, so what it holds cannot be trusted: the panel neither reads nor writes it and nothing was changed. Remove the link and try again.`;
    }
  }
  return null;
}

/** The account this elevated process runs as: an administrator's, since it is elevated. */
function currentUser(): string[] {
  const token: [bigint | null] = [null];
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, token) || token[0] === null) return [];
  try {
    const sid = tokenUserSid(token[0]);
    return sid ? [sid] : [];
  } finally {
    CloseHandle(token[0]);
  }
}
