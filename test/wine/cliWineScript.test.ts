/**
 * `npm run cli:wine` as a person first runs it: on a machine whose Wine prefix
 * does not exist yet, and with arguments Windows cannot take.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DriverListing } from '../../app/drivers';
import { root } from '../../scripts/prepare-wine';
import { runCli } from './cliRunner';
import { bulkFixtures, registerFixtures } from './fixtureRegistry';
import { startBench, testPrefix, type Bench } from './wineBench';

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('npm run cli:wine (64-bit drivers: how the script starts the CLI, not what it asks)', () => {
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

  it('starts Wine once more when Wine itself ends before Node starts, says so with what Wine said, and fails if it does again', async () => {
    // A prefix of another architecture than asked for: Wine refuses at once, before any Windows program runs.
    const result = await runCli({ ...env, WINEPREFIX: join(root, '.cache', 'wine-test'), WINEARCH: 'win32' }, ['help']);
    const refused = /wine: WINEARCH set to win32 but .* is a 64-bit installation\.\n/;
    assert.match(result.stderr, new RegExp(`${refused.source}\\[cli:wine\\] Wine ended \\(status 1, after \\d+\\.\\d s\\) before it started Node; starting it again\\.\\n${refused.source}\\[cli:wine\\] Wine ended \\(status 1, after \\d+\\.\\d s\\) before it started Node\\.\\n$`));
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
  });

  it('says why when the command line is too long for Windows, instead of ending silently', async () => {
    const result = await runCli({ ...env, WINEPREFIX: join(root, '.cache', 'wine-test') }, ['probe', 'x'.repeat(40_000)]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\[cli:wine\] the command line would be \d+ characters; Windows allows at most 32767/);
  });
});

describe('npm run cli:wine into a pipe', () => {
  let bench: Bench | undefined;
  before(async () => {
    bench = await startBench();
    // Enough drivers that the listing is well over a pipe's 64 KB.
    registerFixtures(testPrefix, bench.env, bulkFixtures('pipe', 150));
  });
  after(() => {
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });

  it('hands a reader that is slower than the CLI the whole JSON document, through a shell pipe', { timeout: 240_000 }, async () => {
    // A shell pipe, as a person's `| jq` gets: Node's own 'pipe' is a socket pair, whose buffer is larger than a pipe's 64 KB.
    // The reader starts late, so the pipe is full when the CLI has written everything.
    const command = 'npm run --silent cli:wine -- list --no-probe --json | { sleep 3; cat; }';
    const { status, stdout, stderr } = await run('bash', ['-o', 'pipefail', '-c', command], { ...bench?.env, WINEPREFIX: testPrefix });
    assert.equal(status, 0, stderr);
    assert.ok(stdout.length > 2 * 65536, `the listing is ${stdout.length} characters, well over a pipe's buffer`);
    const listing = JSON.parse(stdout) as DriverListing;
    assert.equal(listing.drivers.filter((d) => d.alias.startsWith('msacm.pipe')).length, 150);
  });

  it('stops quietly, with the CLI\'s exit code, when the reader has had enough', { timeout: 240_000 }, async () => {
    const command = 'npm run --silent cli:wine -- list --no-probe --json | head -c 100';
    const { status, stdout, stderr } = await run('bash', ['-o', 'pipefail', '-c', command], { ...bench?.env, WINEPREFIX: testPrefix });
    assert.equal(stdout.length, 100);
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(status, 0, stderr);
  });
});
