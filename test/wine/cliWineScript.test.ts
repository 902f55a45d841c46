/**
 * `npm run cli:wine` as a person first runs it: on a machine whose Wine prefix
 * does not exist yet, and with arguments Windows cannot take.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { root } from '../../scripts/prepare-wine';
import { runCli } from './cliRunner';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('npm run cli:wine', () => {
  const prefix = join(mkdtempSync(join(tmpdir(), 'cli-wine-first-')), 'prefix');
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', DISPLAY: '' };
  after(() => {
    // This test made the prefix, so it may end the prefix's wineserver.
    spawnSync('wineserver', ['-k'], { env });
    rmSync(join(prefix, '..'), { recursive: true, force: true });
  });

  it('prints only JSON on stdout with --json, also while it prepares a new Wine prefix', { timeout: 240_000 }, async () => {
    const result = await run('npm', ['run', '--silent', 'cli:wine', '--', 'list', '--no-probe', '--json'], env);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /Creating the Wine prefix/, 'the set-up was reported, on stderr');
    const listing = JSON.parse(result.stdout) as DriverListing;
    assert.ok(listing.drivers.some((d) => d.alias.toLowerCase() === 'msacm.imaadpcm'), 'the new prefix lists Wine\'s drivers');
  });

  it('says why when the command line is too long for Windows, instead of ending silently', async () => {
    const result = await runCli({ ...env, WINEPREFIX: join(root, '.cache', 'wine-test') }, ['probe', 'x'.repeat(40_000)]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\[cli:wine\] the command line would be \d+ characters; Windows allows at most 32767/);
  });
});
