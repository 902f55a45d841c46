/**
 * Where `dev:wine` keeps what a person looks for afterwards, and how a path
 * crosses between Linux and the Windows process under Wine.
 */
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { root } from './prepare-wine';

export interface PlacedFile {
  /** As the Windows process under Wine names it. */
  windows: string;
  /** The same file on Linux, for the person. */
  linux: string;
}

/**
 * The app's own activity log (%APPDATA%\Multimedia Drivers Panel\logs\main.log),
 * in the prefix's profile of this user: Wine names the profile after the Linux user.
 */
export function devLogFile(prefix: string, user = userInfo().username): PlacedFile {
  const parts = ['users', user, 'AppData', 'Roaming', 'Multimedia Drivers Panel', 'logs', 'main.log'];
  return { windows: `C:\\${parts.join('\\')}`, linux: join(prefix, 'drive_c', ...parts) };
}

/** Where Export report… saves unless the person names another place: DEV_WINE_REPORTS, else beside the default prefix. */
export function devReportsFolder(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DEV_WINE_REPORTS ?? join(root, '.cache', 'dev-wine', 'reports'));
}

/**
 * A path as a person typed it, for the Windows process: a Windows path as it
 * is, a Linux one (relative to `cwd`, `~` for home) on Wine's Z: drive, which is /.
 */
export function pathForWine(typed: string, cwd: string, home = homedir()): string {
  // File managers and shells paste paths in quotes.
  const path = typed.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (/^[A-Za-z]:[\\/]/.test(path)) return path;
  const linux = path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : resolve(cwd, path);
  return `Z:${linux.replaceAll('/', '\\')}`;
}

/** Where a Windows path of the prefix is on Linux, through its drive letters (C: is drive_c, Z: is /). */
export function linuxPathOf(prefix: string, windowsPath: string): string {
  const match = /^([A-Za-z]):(.*)$/.exec(windowsPath);
  if (!match) return windowsPath;
  const letter = (match[1] ?? '').toLowerCase();
  const parts = (match[2] ?? '').split(/[\\/]/).filter(Boolean);
  if (letter === 'z') return `/${parts.join('/')}`;
  if (letter === 'c') return join(prefix, 'drive_c', ...parts);
  return join(prefix, 'dosdevices', `${letter}:`, ...parts);
}
