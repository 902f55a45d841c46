/** Where the driver host's script is and where the host runs. */
import { join, win32 } from 'node:path';
import { unpackedPath } from '../../win32/unpackedPaths';

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
