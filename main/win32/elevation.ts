/**
 * Whether this process runs with administrator rights, asked of its token
 * once at start. DRIVERS_PANEL_ASSUME_ELEVATION=limited|elevated replaces the
 * answer: the tests use it to see both sides on one machine. Claiming
 * "elevated" gains nothing: Windows still refuses what the token may not do.
 */
import { tokenIsElevated, OpenProcessToken, TOKEN_QUERY } from './advapi32';
import { CloseHandle, GetCurrentProcess } from './kernel32';

export function processIsElevated(env: NodeJS.ProcessEnv = process.env): boolean {
  const assumed = env.DRIVERS_PANEL_ASSUME_ELEVATION;
  if (assumed === 'limited' || assumed === 'elevated') return assumed === 'elevated';
  const token: [bigint | null] = [null];
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, token) || token[0] === null) return false;
  try {
    return tokenIsElevated(token[0]) === true;
  } finally {
    CloseHandle(token[0]);
  }
}
