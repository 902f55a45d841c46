/**
 * Where the state lives. Quarantine records, restart requirements and probe
 * results are facts about the machine (its drivers and its boots), not about
 * one user, so there is one copy per machine under ProgramData, shared by the
 * app and the CLI of every user. DRIVERS_PANEL_STATE_DIR moves it (the test
 * bench uses that to give each suite its own).
 */
import { win32 } from 'node:path';

export function stateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DRIVERS_PANEL_STATE_DIR ?? win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Multimedia Drivers Panel');
  return win32.join(dir, 'state.json');
}
