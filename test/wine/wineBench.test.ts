/**
 * The bench never ends a wineserver it did not start in a person's prefix:
 * `dev:wine` without a display once ran `wineserver -k` there and killed a CLI
 * the person was running. Shown with a real Windows process kept alive by the
 * real wineserver of the prefix.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { defaultPrefix } from '../../scripts/prepare-wine';
import { benchOwnsPrefix, driveC, spawnWindowsNode, startBench, testPrefix, windowsPath } from './wineBench';

describe('the bench and a wineserver it did not start', () => {
  it("ends one only in the suites' own prefix, never in a person's", () => {
    assert.equal(benchOwnsPrefix(testPrefix), true);
    assert.equal(benchOwnsPrefix(defaultPrefix), false, 'the prefix dev:wine and cli:wine use by default');
  });

  it('leaves a running Windows program alone when the prefix is not its own', { timeout: 120_000 }, async () => {
    const first = await startBench(testPrefix, null);
    const workDir = mkdtempSync(join(driveC, 'sleeper-'));
    const up = join(workDir, 'up.txt');
    const sleeper = spawnWindowsNode({
      args: ['-e', `require('fs').writeFileSync(${JSON.stringify(windowsPath(up))}, ''); setTimeout(() => {}, 90000)`],
      env: first.env,
      workDir,
    });
    const ended = new Promise<void>((resolve) => sleeper.once('exit', () => resolve()));
    try {
      while (!existsSync(up)) await delay(50);
      const person = await startBench(testPrefix, null, false);
      person.stop();
      await delay(1_000);
      assert.equal(sleeper.exitCode, null, "a bench in a person's prefix left their program running");
      const owner = await startBench(testPrefix, null);
      owner.stop();
      await Promise.race([ended, delay(10_000)]);
      assert.notEqual(sleeper.exitCode, null, 'in its own prefix the bench does end a left-over wineserver');
    } finally {
      sleeper.kill();
      rmSync(workDir, { recursive: true, force: true });
      first.stop();
    }
  });
});
