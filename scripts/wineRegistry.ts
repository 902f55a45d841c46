// Wine's `reg`, always told which registry view to use. With wine32 installed,
// Debian's `wine` runs reg and regedit as 32-bit programs, which read and
// write the 32-bit view (WOW6432Node) unless given /reg:64: a bench that did
// not say so lost its 64-bit registrations without a word.
import { spawnSync } from 'node:child_process';
import { NATIVE_VIEW, WOW64_VIEW, type RegistryView } from '../app/views';

const viewSwitch: Record<RegistryView, string> = { [NATIVE_VIEW]: '/reg:64', [WOW64_VIEW]: '/reg:32' };

/** Runs `wine reg <args> /reg:64|32` and answers its exit status. */
export function wineRegStatus(env: NodeJS.ProcessEnv, view: RegistryView, ...args: string[]): number | null {
  return spawnSync('wine', ['reg', ...args, viewSwitch[view]], { env, stdio: 'ignore' }).status;
}

/** Runs `wine reg <args> /reg:64|32`; throws when reg fails. */
export function wineReg(env: NodeJS.ProcessEnv, view: RegistryView, ...args: string[]): void {
  const run = spawnSync('wine', ['reg', ...args, viewSwitch[view]], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wine reg ${args.join(' ')} ${viewSwitch[view]} failed (${run.status}): ${run.stderr.trim()}`);
}
