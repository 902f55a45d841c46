// Puts the 32-bit driver host's runtime in runtime/win32-ia32/: the x86
// Windows build of Node (npm package node-win-x86) and koffi's ia32 module, at
// the versions package.json names. npm installs neither beside an x64 app; the
// Wine bench and `npm run dist` both call this, and the installer ships the
// folder (electron-builder.yml). The app finds it beside its scripts
// (main/win32/unpackedPaths.ts), never through the environment.
// Usage: tsx scripts/x86Runtime.ts
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unpackPackage } from './npmPackage';

const root = resolve(import.meta.dirname, '..');
export const x86RuntimeDir = join(root, 'runtime', 'win32-ia32');

interface Manifest {
  version: string;
  config?: { windowsNode?: string };
}
const manifest = (path: string): Manifest => JSON.parse(readFileSync(path, 'utf8')) as Manifest;

/** The versions the runtime is made of: one Windows Node version serves both hosts. */
export function runtimeVersions(): { node: string; koffi: string } {
  return {
    node: manifest(join(root, 'package.json')).config?.windowsNode ?? '',
    koffi: manifest(join(root, 'node_modules', 'koffi', 'package.json')).version,
  };
}

export function ensureX86Runtime(): void {
  const { node, koffi } = runtimeVersions();
  const stamp = join(x86RuntimeDir, 'versions.json');
  const wanted = JSON.stringify({ node, koffi });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  process.stderr.write(`Fetching the 32-bit host's runtime: node-win-x86@${node}, @koromix/koffi-win32-ia32@${koffi}…\n`);
  const work = mkdtempSync(join(tmpdir(), 'x86-runtime-'));
  try {
    unpackPackage(`node-win-x86@${node}`, join(work, 'node'));
    unpackPackage(`@koromix/koffi-win32-ia32@${koffi}`, join(work, 'koffi'));
    rmSync(x86RuntimeDir, { recursive: true, force: true });
    mkdirSync(x86RuntimeDir, { recursive: true });
    copyFileSync(join(work, 'node', 'bin', 'node.exe'), join(x86RuntimeDir, 'node.exe'));
    copyFileSync(join(work, 'koffi', 'win32_ia32', 'koffi.node'), join(x86RuntimeDir, 'koffi.node'));
    writeFileSync(stamp, wanted);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname, 'x86Runtime.ts')) ensureX86Runtime();
