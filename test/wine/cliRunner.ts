/**
 * Runs the technician CLI as a person would under Wine: `scripts/cli-wine.ts`
 * (what `npm run cli:wine` runs) starts the Windows Node, and reports the full
 * Windows exit code, which a Linux exit status cuts to its low 8 bits.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../scripts/prepare-wine';

export interface CliRun {
  status: number | null;
  /** The CLI's full Windows exit code (3010 stays 3010). */
  windowsCode: number | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole command, Wine start included. */
  ms: number;
}

export function runCli(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/cli-wine.ts'), ...args], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const reported = /\[cli:wine\] Windows exit code (\d+)/.exec(stderr);
      resolve({ status, windowsCode: reported ? Number(reported[1]) : status, stdout, stderr, ms: performance.now() - started });
    });
  });
}
