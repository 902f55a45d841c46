/**
 * The layout, asked of the code itself: dependency-cruiser reads every import
 * against the rules in .dependency-cruiser.cjs (no two folders importing each
 * other, win32/ at the bottom, the host process apart, nothing shipped reaching
 * the bench), and the README's layout table names every folder that exists and
 * nothing that does not.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ICruiseResult } from 'dependency-cruiser';

const root = join(import.meta.dirname, '..', '..');

async function cruiseLayout(): Promise<ICruiseResult> {
  // dependency-cruiser is ES modules only, and these tests load as CommonJS.
  const { cruise } = await import('dependency-cruiser');
  const { default: extractDepcruiseOptions } = await import('dependency-cruiser/config-utl/extract-depcruise-options');
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const reported = await cruise(['app', 'main', 'renderer', 'preload', 'bench'], { ...options, baseDir: root, outputType: 'json' });
  return typeof reported.output === 'string' ? (JSON.parse(reported.output) as ICruiseResult) : reported.output;
}

/** Every folder of main/, the host's two halves included, as the README names it. */
function mainFolders(): string[] {
  const folders = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => [`${dir}/${entry.name}/`, ...folders(`${dir}/${entry.name}`)]);
  return folders('main');
}

function layoutSection(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Layout\n');
  assert.ok(start >= 0, 'README has a Layout section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the layout', () => {
  it('breaks none of the import rules', async () => {
    const result = await cruiseLayout();
    assert.ok(result.summary.totalCruised > 100, `the whole code base was read (${result.summary.totalCruised} modules)`);
    const broken = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((step) => step.name).join(' → ')})` : ''}`);
    assert.deepEqual(broken, []);
  });

  it('is what the README says: each folder of main/ is in its table, and each path there exists', () => {
    const section = layoutSection();
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const named = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1] ?? '');
    for (const folder of mainFolders()) assert.ok(named.includes(folder), `the README's layout names ${folder}`);
    for (const path of named) assert.ok(existsSync(join(root, path)), `${path}, named in the README's layout, exists`);
  });
});
