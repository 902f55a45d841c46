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
if (run.error) process.stderr.write('[cli:wine] the CLI did not start under Wine: ' + run.error.message + '\\n');
require('node:fs').writeFileSync(codeFile, String(run.status ?? 1));
`;

function fail(message: string, code: number): never {
  process.stderr.write(`[cli:wine] ${message}\n`);
  process.exit(code);
}

/** The length of the command line Windows builds from `args` (each quoted, space-separated). */
function windowsCommandLineLength(args: readonly string[]): number {
  return args.reduce((sum, arg) => sum + arg.length + 3, 0);
}
// CreateProcess takes at most 32,767 characters; Wine ends silently with 1 beyond that.
const WINDOWS_COMMAND_LINE_MAX = 32767;

const prefix = resolve(process.env.WINEPREFIX ?? defaultPrefix);
const codeFileArg = (file: string): string => `Z:${file.replaceAll('/', '\\')}`;
const cliArgs = [join(root, 'dist/main/cli.js'), ...process.argv.slice(2)];
const length = windowsCommandLineLength([windowsNode, '-e', relay, codeFileArg(join(root, '.cache', 'cli-wine-XXXXXX', 'exit-code')), ...cliArgs]);
if (length > WINDOWS_COMMAND_LINE_MAX) {
  fail(`the command line would be ${length} characters; Windows allows at most ${WINDOWS_COMMAND_LINE_MAX}. Shorten the arguments.`, 2);
}
prepare(prefix);
const work = mkdtempSync(join(root, '.cache', 'cli-wine-'));
const out = openSync(join(work, 'stdout'), 'w');
const err = openSync(join(work, 'stderr'), 'w');
const codeFile = join(work, 'exit-code');
const wine = spawnSync('wine', [windowsNode, '-e', relay, codeFileArg(codeFile), ...cliArgs], {
  cwd: root,
  env: wineEnv(prefix),
  stdio: ['ignore', out, err],
});
closeSync(out);
closeSync(err);
if (wine.error) {
  rmSync(work, { recursive: true, force: true });
  fail(`could not start Wine: ${wine.error.message}. Is Wine installed? Run \`npm run setup:linux\`.`, 1);
}
const linuxStatus = wine.status;
// A reader that has had enough (`| head`) closes the pipe: the rest of the output is not wanted, which is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
process.stdout.write(readFileSync(join(work, 'stdout')));
process.stderr.write(readFileSync(join(work, 'stderr')));
let windowsCode = linuxStatus ?? 1;
try {
  windowsCode = Number(readFileSync(codeFile, 'utf8'));
} catch {
  process.stderr.write(`[cli:wine] Wine ended (status ${linuxStatus ?? wine.signal}) before the CLI reported an exit code.\n`);
}
rmSync(work, { recursive: true, force: true });
if (windowsCode > 255) {
  process.stderr.write(`[cli:wine] Windows exit code ${windowsCode} (Linux keeps its low 8 bits: ${windowsCode & 0xff})\n`);
}
// Not process.exit(): into a pipe the output is written as the reader takes it, and exiting would drop what a slow reader has not taken yet.
process.exitCode = windowsCode & 0xff;
