/**
 * The catalog worker ended while it loads its Win32 bindings: koffi cannot
 * throw into a thread being torn down, and the whole process aborted (exit
 * 134, "Error::ThrowAsJavaScriptException napi_throw"), as a CLI `undo` did in
 * the test suite. The reader now waits for the worker's start before ending it.
 * The abort is a race: the old reader failed about one run in four of these.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startBench, spawnWindowsNode, testPrefix } from './wineBench';

describe('the catalog reader', () => {
  it('closes at any moment of the worker start without taking the process down', async () => {
    const bench = await startBench();
    try {
      for (let run = 0; run < 2; run++) {
        const workDir = mkdtempSync(join(testPrefix, 'drive_c', 'close-race-'));
        const child = spawnWindowsNode({ args: ['dist/bench/catalogCloseRace.js'], env: bench.env, workDir });
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        const out = readFileSync(join(workDir, 'stdout.txt'), 'utf8');
        assert.equal(code, 0, `run ${run}: ${out}${readFileSync(join(workDir, 'stderr.txt'), 'utf8').slice(0, 400)}`);
        assert.equal(out.match(/^closed \d+ ms after the start$/gm)?.length, 71, out);
        rmSync(workDir, { recursive: true });
      }
    } finally {
      bench.stop();
    }
  });
});
