/**
 * The bridge host's stand-ins for the app's native dialogs and Explorer, which
 * are Electron glue (main/electron/nativeDialogs.ts) and cannot run here.
 *
 * In `dev:wine` each is put to the person, on the console of the process that
 * started the host (askedDialogs). On the test bench a test writes what the
 * person "chooses" into files of one folder before it clicks (benchDialogs):
 *   open.txt  the path Add driver…'s open dialog returns (no file: cancelled)
 *   save.txt  the path Export report…'s save dialog returns (no file: cancelled)
 * and Open file location appends the path it would show to shown.txt.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerContext } from '../../main/contract/contractHandlers';
import type { DialogQuestion } from './bridgeProtocol';

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

/** Each dialog asked through `ask`: the path the person chose, or null. Open file location only tells, and waits for nothing. */
export function askedDialogs(ask: (question: DialogQuestion) => Promise<string | null>): Dialogs {
  return {
    chooseDriverFile: () => ask({ kind: 'open' }),
    chooseReportFile: (suggestedName, format) => ask({ kind: 'save', suggestedName, format }),
    showInFolder: (path) => void ask({ kind: 'show', path }),
  };
}
