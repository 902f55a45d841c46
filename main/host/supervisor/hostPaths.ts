/** Where the driver host's script and the 32-bit host's Node are, and where a host runs. */
import { existsSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { unpackedPath, x86RuntimeFolder } from '../../win32/unpackedPaths';

/** The built host script; it sits beside the bundle that starts it. The same script runs in both hosts. */
export function hostScriptPath(): string {
  return unpackedPath(join(__dirname, 'driverHost.js'));
}

/** The x86 build of Node that runs the 32-bit host. */
export function x86NodePath(): string {
  return join(x86RuntimeFolder(__dirname), 'node.exe');
}

/** Why the 32-bit host cannot start, in words (spawn's own ENOENT names neither the file nor what to do); null when its Node is there. */
export function missingRuntime(execPath: string): string | null {
  if (existsSync(execPath)) return null;
  return `the 32-bit host's runtime is missing (${execPath}); reinstall the panel (from the sources: tsx scripts/x86Runtime.ts)`;
}

/**
 * The host runs in the system directory, not in whatever folder the panel or
 * the CLI was started from: no file there can stand in for a driver.
 */
export function hostWorkingDirectory(): string | undefined {
  const systemRoot = process.env.SystemRoot;
  return systemRoot ? win32.join(systemRoot, 'System32') : undefined;
}
