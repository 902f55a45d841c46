/**
 * The test bench's stand-in for the app's native dialogs and Explorer, which
 * are Electron glue (main/electron/nativeDialogs.ts) and cannot run here. A test writes
 * what the person "chooses" into files of one folder before it clicks:
 *   open.txt  the path Add driver…'s open dialog returns (no file: cancelled)
 *   save.txt  the path Export report…'s save dialog returns (no file: cancelled)
 * and Open file location appends the path it would show to shown.txt.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerContext } from '../../main/contract/contractHandlers';

type Dialogs = Pick<HandlerContext, 'chooseDriverFile' | 'chooseReportFile' | 'showInFolder'>;

function answer(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export function benchDialogs(folder: string | undefined): Dialogs {
  if (!folder) {
    const none = async (): Promise<null> => null;
    return { chooseDriverFile: none, chooseReportFile: none, showInFolder: () => undefined };
  }
  return {
    chooseDriverFile: async () => answer(join(folder, 'open.txt')),
    chooseReportFile: async () => answer(join(folder, 'save.txt')),
    showInFolder: (path) => appendFileSync(join(folder, 'shown.txt'), `${path}\n`),
  };
}
