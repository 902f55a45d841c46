/**
 * Electron stays at the newest patch release of its major version: security
 * fixes land in patch releases. Asks the npm registry (which `npm ci` needs anyway).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');

/** Numeric collation orders dotted versions by each number (45.10.0 after 45.9.0). */
function newestOf(versions: string[]): string {
  return versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1) ?? '';
}

describe('the Electron version', () => {
  it('is the newest release of its major version on npm', { timeout: 60_000 }, () => {
    const pinned = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';
    const major = pinned.split('.')[0] ?? '';
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const listed = JSON.parse(execFileSync(npm, ['view', `electron@${major}`, 'version', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' })) as string | string[];
    assert.equal(pinned, newestOf(Array.isArray(listed) ? listed : [listed]));
  });
});
