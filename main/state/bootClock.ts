/**
 * The identity of the current boot: the time Windows started, as now minus
 * GetTickCount64 (which counts through sleep), to the second. The test bench
 * replaces it with DRIVERS_PANEL_BOOT_TIME to play a restart.
 */
import { GetTickCount64 } from '../win32/kernel32';

export function currentBootTime(env: NodeJS.ProcessEnv = process.env): string {
  const injected = env.DRIVERS_PANEL_BOOT_TIME;
  if (injected !== undefined && !Number.isNaN(Date.parse(injected))) return new Date(injected).toISOString();
  const started = Date.now() - Number(GetTickCount64());
  return new Date(Math.round(started / 1000) * 1000).toISOString();
}
