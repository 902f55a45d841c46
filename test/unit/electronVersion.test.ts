/**
 * The Electron the installer ships is exactly the one package.json names:
 * pinned without a range, and resolved to that same version in the lockfile
 * that `npm ci` installs. Whether a newer patch release exists is a fact of
 * the npm registry that changes while this code does not, so it is not a
 * test: scripts/electron-current.mjs asks it before `npm run dist` builds an
 * installer, and in CI as a warning line (patch releases carry Electron's
 * security fixes).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(root, name), 'utf8'));

describe('the Electron version', () => {
  it('is pinned exactly, and the lockfile installs that version', () => {
    const pinned = (readJson('package.json') as { devDependencies: Record<string, string> }).devDependencies.electron ?? '';
    assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version, no range');
    const locked = (readJson('package-lock.json') as { packages: Record<string, { version?: string }> }).packages['node_modules/electron']?.version;
    assert.equal(locked, pinned);
  });
});
