// Unpacks a package from the npm registry: the bench's Windows builds of Node
// and koffi's modules for other platforms than this one, which `npm ci` skips.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm pack` a registry package and unpack it into `dest`, replacing what was there. */
export function unpackPackage(spec: string, dest: string): void {
  const work = mkdtempSync(join(tmpdir(), 'pack-'));
  try {
    const file = execFileSync('npm', ['pack', spec, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['xzf', join(work, file), '-C', dest, '--strip-components=1'], { stdio: ['ignore', process.stderr, process.stderr] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
