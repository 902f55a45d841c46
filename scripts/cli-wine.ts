// Runs the CLI with the Windows build of Node under Wine and prints what the
// Windows process printed. Honours WINEPREFIX (default .cache/wineprefix).
// A Windows process's output must not be a Linux pipe, so it goes to files first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { defaultPrefix, prepare, root, wineEnv, windowsNode } from './prepare-wine';

/** Linux keeps only the low 8 bits of an exit status; 3010 arrives as 194 and is the CLI's only code above 255. */
const RESTART_LOW_BITS = 3010 & 0xff;

const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
prepare(prefix);
const work = mkdtempSync(join(tmpdir(), 'cli-wine-'));
const out = openSync(join(work, 'stdout'), 'w');
const err = openSync(join(work, 'stderr'), 'w');
const result = spawnSync('wine', [windowsNode, join(root, 'dist/main/cli.js'), ...process.argv.slice(2)], {
  cwd: root,
  env: wineEnv(prefix),
  stdio: ['ignore', out, err],
});
closeSync(out);
closeSync(err);
process.stdout.write(readFileSync(join(work, 'stdout')));
process.stderr.write(readFileSync(join(work, 'stderr')));
rmSync(work, { recursive: true, force: true });
const status = result.status ?? 1;
process.exit(status === RESTART_LOW_BITS ? 3010 : status);
