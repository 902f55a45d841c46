/**
 * Where files the installer unpacks from the asar are: the scripts the panel
 * starts, koffi's native module, and the 32-bit host's runtime. Every path is
 * fixed relative to the script itself, never taken from the environment: an
 * elevated panel runs with the user's environment, and must not start or load
 * whatever a variable names.
 */
import { join, sep } from 'node:path';

/**
 * Worker and child scripts cannot run from inside an asar archive, so the
 * installer unpacks dist/main; inside the packaged app __dirname still names
 * the archive, and this maps it to the unpacked copy.
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** The app's root as seen from a script's folder: dist/<bundle>/ and the sources' main/win32/ both sit two levels below it. */
function appRoot(scriptFolder: string): string {
  return join(unpackedPath(scriptFolder), '..', '..');
}

/**
 * The 32-bit driver host's runtime: the x86 build of Node and koffi's ia32
 * module. npm installs neither beside an x64 app, so the set-up and the
 * installer's build put them in runtime/win32-ia32/ (scripts/x86Runtime.ts).
 */
export function x86RuntimeFolder(scriptFolder: string): string {
  return join(appRoot(scriptFolder), 'runtime', 'win32-ia32');
}

/** koffi's native module for `arch`: npm's package for the app's own architecture, the 32-bit runtime's copy for ia32. */
export function koffiNativePath(scriptFolder: string, arch: string = process.arch): string {
  if (arch === 'ia32') return join(x86RuntimeFolder(scriptFolder), 'koffi.node');
  return join(appRoot(scriptFolder), 'node_modules', '@koromix', `koffi-win32-${arch}`, `win32_${arch}`, 'koffi.node');
}
