/** Where the scripts the service starts and koffi's native module are, in development and in the packaged app, and where the host runs. */
import { join, sep, win32 } from 'node:path';

/**
 * Worker and child scripts cannot run from inside an asar archive, so the
 * installer unpacks dist/main; inside the packaged app __dirname still names
 * the archive, and this maps it to the unpacked copy.
 */
export function unpackedPath(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** The built host script; it sits beside the bundle that starts it. */
export function hostScriptPath(): string {
  return unpackedPath(join(__dirname, 'driverHost.js'));
}

/**
 * The host runs in the system directory, not in whatever folder the panel or
 * the CLI was started from: no file there can stand in for a driver.
 */
export function hostWorkingDirectory(): string | undefined {
  const systemRoot = process.env.SystemRoot;
  return systemRoot ? win32.join(systemRoot, 'System32') : undefined;
}

/**
 * koffi's native module for `arch`, as seen from the folder of a script:
 * both dist/<bundle>/ and the sources' main/win32/ sit two levels below the
 * folder that holds node_modules, in development and unpacked in the app.
 */
export function koffiNativePath(scriptFolder: string, arch: string = process.arch): string {
  return join(unpackedPath(scriptFolder), '..', '..', 'node_modules', '@koromix', `koffi-win32-${arch}`, `win32_${arch}`, 'koffi.node');
}
