/**
 * A seeded sample of hostile command lines through the real CLI under Wine
 * (parseCli itself is fuzzed by the thousand in test/unit/cliFuzz.test.ts):
 * each run prints one JSON document, exits with the code documented for what it
 * printed, and loads no file but the registered fixture. NULs cannot be tried
 * here: a Windows command line cannot carry one.
 */
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { DriverFailure } from '../../app/drivers';
import type { ConfigResult } from '../../app/messages';
import { exitCodeForFailure, exitCodeForRemoval, exitCodeForResult } from '../../main/cli/exitCodes';
import type { Removal } from '../../app/changes';
import { hostilePaths, int64Text } from '../fuzz/hostileText';
import { runCli } from './cliRunner';
import { FixtureLog, registerFixtures, unsafeAliasFiles, unsafeFixtures } from './fixtureRegistry';
import { driveC, startBench, testPrefix, windowsPath, type Bench } from './wineBench';

const alias = fc.constantFrom(
  ...hostilePaths.filter((p) => !p.includes('\0')),
  ...Object.keys(unsafeFixtures),
  'fx.plain',
  'FX.Restart',
  'fx.nothere',
  'fx.missing',
  'a "quoted" name\\',
  'x'.repeat(30_000),
);

const commandLine = fc.oneof(
  fc.tuple(fc.constantFrom('probe', 'configure', 'install', 'remove'), alias),
  fc.tuple(fc.constant('send'), alias, fc.constantFrom('DRV_USER+1', '0x4000', '7', 'DRV_USER+x', '-1'), int64Text),
  fc.tuple(fc.constantFrom('probe', 'list', 'frob'), fc.constantFrom('--retry', '--timeout', '--timeout=0', '--no-probe', '-1'), alias),
);

/** The exit code the CLI documents for the JSON it printed. */
function documentedExit(json: unknown): number {
  if (json && typeof json === 'object' && 'error' in json) return exitCodeForFailure((json.error as DriverFailure).code);
  if (json && typeof json === 'object' && 'result' in json) return exitCodeForResult(json.result as ConfigResult);
  if (json && typeof json === 'object' && 'removed' in json) return exitCodeForRemoval(json as Removal);
  return 0;
}

describe('hostile command lines through the real CLI under Wine (64-bit drivers: a command line is refused before any view is chosen)', () => {
  let bench: Bench | undefined;
  const log = new FixtureLog(join(driveC, 'cli-fuzz-fixture-log.jsonl'));
  const stateDir = join(driveC, 'cli-fuzz-state');

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env, unsafeFixtures);
    const system32 = join(driveC, 'windows', 'system32');
    for (const file of unsafeAliasFiles) copyFileSync(join(system32, 'fixture.dll'), join(system32, file));
    rmSync(stateDir, { recursive: true, force: true });
    log.clear();
  });
  after(() => bench?.stop());

  it('answers each with JSON, the documented exit code, and loads only the registered fixture', { timeout: 300_000 }, async () => {
    const planted = Object.keys(unsafeFixtures).map((a) => ['probe', a]);
    const samples = [...planted, ['probe', 'FX.PLAIN'], ...fc.sample(commandLine, { numRuns: 12, seed: 20261123 })];
    for (const args of samples) {
      const shown = JSON.stringify(args).slice(0, 120);
      const env = { ...bench?.env, WINEPREFIX: testPrefix, FIXTURE_DRIVER_LOG: windowsPath(log.path), DRIVERS_PANEL_STATE_DIR: windowsPath(stateDir) };
      const run = await runCli(env, [...args, '--json']);
      assert.doesNotMatch(run.stderr, /Unexpected failure/, shown);
      const json: unknown = JSON.parse(run.stdout);
      assert.equal(run.windowsCode, documentedExit(json), `${shown}: ${run.stdout.slice(0, 300)}`);
      const typed = args[1] ?? '';
      if (/[\\/:]/.test(typed) && json && typeof json === 'object' && 'error' in json) {
        // A removal looks the name up among the registrations (it may be a registered unsafe one) and never opens it.
        const allowedCodes = args[0] === 'remove' ? /^(invalid-(alias|request)|unknown-alias)$/ : /^invalid-(alias|request)$/;
        assert.match((json.error as DriverFailure).code, allowedCodes, `${shown} was taken for an alias`);
      }
    }
    assert.ok(log.lines().some((l) => l.driver === 'fx.plain'), 'an alias in another case reached its driver');
    const loaded = new Set(log.loadedModules());
    assert.deepEqual([...loaded].filter((m) => !m.endsWith('/system32/fixture.dll')), [], 'only the registered fixture was loaded');
  });
});
