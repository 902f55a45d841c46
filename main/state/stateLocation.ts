/**
 * Where the machine-wide files live. Quarantine records, restart
 * requirements and probe results are facts about the machine (its drivers and
 * its boots), not about one user, so there is one copy per machine under
 * ProgramData, shared by the app and the CLI of every user: any of them may
 * write it. The change journal and its files say what an elevated process
 * writes where, so they live in a subfolder only administrators can change
 * (main/changes/changesFolder.ts). DRIVERS_PANEL_STATE_DIR moves both (the test bench uses
 * that to give each suite its own).
 */
import { win32 } from 'node:path';

function stateDir(env: NodeJS.ProcessEnv): string {
  return env.DRIVERS_PANEL_STATE_DIR ?? win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Multimedia Drivers Panel');
}

export function stateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return win32.join(stateDir(env), 'state.json');
}

/** The administrators' folder: the journal of changes to the registrations (which are the machine's too) and the driver files it keeps. */
export function changesFolderPath(env: NodeJS.ProcessEnv = process.env): string {
  return win32.join(stateDir(env), 'Changes');
}
