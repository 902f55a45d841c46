// Runs the CLI with the Windows build of Node under Wine and prints what the
// Windows process printed. Honours WINEPREFIX (default .cache/wineprefix).
//
// A Windows process's output must not be a Linux pipe, so it goes to files
// first. A Linux exit status keeps only the low 8 bits of a Windows exit code
// (3010 arrives as 194), so a small relay inside Wine reads the CLI's full exit
// code with the Windows API and reports it when it does not fit.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultPrefix, prepare, root, wineEnv, windowsNode } from './prepare-wine';

const relay = `
const { spawnSync } = require('node:child_process');
const [codeFile, ...args] = process.argv.slice(1);
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
require('node:fs').writeFileSync(codeFile, String(run.status ?? 1));
`;

const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
prepare(prefix);
const work = mkdtempSync(join(root, '.cache', 'cli-wine-'));
const out = openSync(join(work, 'stdout'), 'w');
const err = openSync(join(work, 'stderr'), 'w');
const codeFile = join(work, 'exit-code');
const linuxStatus = spawnSync(
  'wine',
  [windowsNode, '-e', relay, `Z:${codeFile.replaceAll('/', '\\')}`, join(root, 'dist/main/cli.js'), ...process.argv.slice(2)],
  { cwd: root, env: wineEnv(prefix), stdio: ['ignore', out, err] },
).status;
closeSync(out);
closeSync(err);
process.stdout.write(readFileSync(join(work, 'stdout')));
process.stderr.write(readFileSync(join(work, 'stderr')));
let windowsCode = linuxStatus ?? 1;
try {
  windowsCode = Number(readFileSync(codeFile, 'utf8'));
} catch {
  // The relay itself failed; the Linux status is all there is.
}
rmSync(work, { recursive: true, force: true });
if (windowsCode > 255) {
  process.stderr.write(`[cli:wine] Windows exit code ${windowsCode} (Linux keeps its low 8 bits: ${windowsCode & 0xff})\n`);
}
process.exit(windowsCode & 0xff);
