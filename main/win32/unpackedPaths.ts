/** Where files the installer unpacks from the asar are: the scripts the panel starts and koffi's native module. */
import { join, sep } from 'node:path';

/**
 * Worker and child scripts cannot run from inside an asar archive, so the
 * installer unpacks dist/main; inside the packaged app __dirname still names
 * the archive, and this maps it to the unpacked copy.
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/**
 * koffi's native module for `arch`, as seen from the folder of a script:
 * both dist/<bundle>/ and the sources' main/win32/ sit two levels below the
 * folder that holds node_modules, in development and unpacked in the app.
 */
export function koffiNativePath(scriptFolder: string, arch: string = process.arch): string {
  return join(unpackedPath(scriptFolder), '..', '..', 'node_modules', '@koromix', `koffi-win32-${arch}`, `win32_${arch}`, 'koffi.node');
}
