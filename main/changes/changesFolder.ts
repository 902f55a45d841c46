/**
 * The administrators' folder of the panel: the change journal, its lock, and
 * the driver files it keeps (a file replaced by Add driver, a file being
 * added). An elevated process carries out what the journal says, so only
 * administrators and SYSTEM may change this folder or anything in it: the
 * installer creates it so, the first elevated change creates it so when it is
 * missing, and an elevated process refuses it, before it reads anything
 * there, when anyone else owns or may write the folder or anything in it, or
 * when a link or junction leads to it or is inside it.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync } from 'node:fs';
import { win32 } from 'node:path';
import { DriverError } from '../../app/driverError';
import { OpenProcessToken, TOKEN_QUERY, fileSecurity, tokenUserSid, withSecurityDescriptor } from '../win32/advapi32';
import { CloseHandle, GetCurrentProcess, createDirectoryWithSecurity } from '../win32/kernel32';
import { runsUnderWine } from '../win32/ntdll';
import { adminOnlyProblem, administratorSids } from './adminOnlyFolder';
import { errorText } from '../../app/errorText';

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

  /** Throws 'untrusted-journal', naming what is wrong, unless only administrators can change the folder and all it holds, and it is where it says. */
  check(): void {
    const trusted = [...administratorSids, ...wineUser()];
    const problem = redirection(this.path) ?? this.problemIn(this.path, trusted);
    if (problem) throw new DriverError('untrusted-journal', problem);
  }

  private create(): void {
    try {
      mkdirSync(win32.dirname(this.path), { recursive: true });
      withSecurityDescriptor(ADMIN_ONLY_SDDL, (descriptor) => createDirectoryWithSecurity(this.path, descriptor));
    } catch (error) {
      throw new DriverError('write-failed', `The folder ${this.path} cannot be written (${errorText(error)}), so no change can be journaled and nothing was changed. Check that administrators may create it.`);
    }
  }

  /** The first file or folder, from `path` down, that anyone but administrators can change or that is a link. */
  private problemIn(path: string, trusted: readonly string[]): string | null {
    // Another process's temporary file or lock may be gone by now, here or while it is asked about: nothing left to trust or not.
    const entry = lstatSync(path, { throwIfNoEntry: false });
    if (!entry) return null;
    if (entry.isSymbolicLink()) return linkProblem(this.path, path);
    let security;
    try {
      security = fileSecurity(path);
    } catch (error) {
      if (!existsSync(path)) return null;
      return `Who may change ${path} cannot be read (${errorText(error)}), so the panel's change journal cannot be trusted and nothing was changed.`;
    }
    const problem = adminOnlyProblem(path, this.path, security, trusted);
    if (problem || !entry.isDirectory()) return problem;
    for (const name of namesIn(path)) {
      const inside = this.problemIn(win32.join(path, name), trusted);
      if (inside) return inside;
    }
    return null;
  }
}

/** What a folder holds; nothing once another process has removed it (its lock, between two looks). */
function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Why the folder is not where its path says (it, or a folder above it, is a
 * junction or a symbolic link, which a person who may change the shared
 * folder could put there to send the panel's writes elsewhere), or null.
 */
function redirection(folder: string): string | null {
  for (let path = win32.normalize(folder); win32.dirname(path) !== path; path = win32.dirname(path)) {
    if (lstatSync(path).isSymbolicLink()) return linkProblem(folder, path);
  }
  return null;
}

function linkProblem(folder: string, link: string): string {
  return `The folder ${folder} holds or is reached through ${link}, a link or junction to ${readlinkSync(link)}, so what it holds cannot be trusted: the panel neither reads nor writes it and nothing was changed. Remove the link and try again.`;
}

/**
 * Under Wine every program runs as one user, who owns every file and for
 * whom there is no UAC boundary to keep: that user counts as an
 * administrator there. On Windows an account's own SID never does, since its
 * processes without elevation could write whatever it may write.
 */
function wineUser(): string[] {
  if (!runsUnderWine()) return [];
  const token: [bigint | null] = [null];
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, token) || token[0] === null) return [];
  try {
    const sid = tokenUserSid(token[0]);
    return sid ? [sid] : [];
  } finally {
    CloseHandle(token[0]);
  }
}
