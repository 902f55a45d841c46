/**
 * Electronegativity, Doyensec's checker for Electron security anti-patterns,
 * over the app's main/, preload/ and renderer/: every high or medium finding
 * fails the suite unless electronegativity-allowlist.json explains it, and an
 * entry that no longer matches a finding fails too, so the list stays true.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import run from '@doyensec/electronegativity';

const root = join(import.meta.dirname, '..', '..');

interface Finding {
  id: string;
  file: string;
  severity: { name: string };
  location: { line: number };
  sample?: string;
}
interface AllowedFinding {
  id: string;
  file: string;
  reason: string;
}

const allowlist = JSON.parse(readFileSync(join(import.meta.dirname, 'electronegativity-allowlist.json'), 'utf8')) as AllowedFinding[];
const matches = (a: AllowedFinding, f: Finding): boolean => a.id === f.id && a.file === f.file.replaceAll('\\', '/');

/**
 * The sources as they ship: index.html is taken from the build, because its
 * Content-Security-Policy tag is written there from main/window/securityPolicy.ts.
 */
function stageSources(): string {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  for (const dir of ['main', 'preload', 'renderer']) cpSync(join(root, dir), join(stage, dir), { recursive: true });
  copyFileSync(join(root, 'dist', 'renderer', 'index.html'), join(stage, 'renderer', 'index.html'));
  // Electronegativity reads the Electron version from here.
  copyFileSync(join(root, 'package.json'), join(stage, 'package.json'));
  return stage;
}

describe('Electronegativity over main/, preload/ and renderer/', () => {
  const stage = stageSources();
  after(() => rmSync(stage, { recursive: true, force: true }));

  it('finds nothing of high or medium severity that the allow-list does not explain', { timeout: 120_000 }, async () => {
    const result = (await run({
      input: stage,
      severitySet: 'medium',
      isRelative: true,
      // It downloads Electron's release notes from GitHub; the Electron version is kept current by `npm run check:electron`.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    })) as { issues: Finding[]; errors: unknown[] };
    assert.deepEqual(result.errors, [], 'every file was parsed');
    const serious = result.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
    const unexplained = serious.filter((f) => !allowlist.some((a) => matches(a, f)));
    assert.deepEqual(
      unexplained.map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line} ${f.sample ?? ''}`),
      [],
      'findings not explained in test/security/electronegativity-allowlist.json',
    );
    const stale = allowlist.filter((a) => !serious.some((f) => matches(a, f)));
    assert.deepEqual(stale, [], 'allow-list entries that no longer match a finding');
  });
});
