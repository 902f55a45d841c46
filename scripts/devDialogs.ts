/**
 * dev:wine's answers to the dialogs the bridge host stands in for (Add
 * driver…'s open dialog, Export report…'s save dialog, Open file location):
 * the app's are Electron's and cannot run here, so the person is asked on the
 * console that runs dev:wine, one question at a time.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { DialogQuestion } from '../bench/bridge/bridgeProtocol';
import type { DialogAnswerer } from '../test/wine/bridgeClient';
import { linuxPathOf, pathForWine } from './devPlaces';

export interface ConsoleDialogOptions {
  prefix: string;
  reportsFolder: string;
  input: Readable;
  output: NodeJS.WritableStream;
  /** Where relative paths start: where the person started dev:wine. */
  cwd: string;
  /** Ctrl+C while a question is open goes to the question, so it has to stop dev:wine from here. */
  onInterrupt: () => void;
}

export function consoleDialogs(options: ConsoleDialogOptions): DialogAnswerer {
  let queue: Promise<unknown> = Promise.resolve();
  return async (question) => {
    if (question.kind === 'show') return tellLocation(question.path, options);
    // Two dialogs at once would share one console line: the second waits.
    const answered = queue.then(() => answer(question, options));
    queue = answered.catch(() => undefined);
    return answered;
  };
}

function answer(question: Exclude<DialogQuestion, { kind: 'show' }>, options: ConsoleDialogOptions): Promise<string | null> {
  return question.kind === 'open' ? chooseDriverFile(options) : chooseReportFile(question.suggestedName, options);
}

async function chooseDriverFile(options: ConsoleDialogOptions): Promise<string | null> {
  const typed = await ask(
    options,
    'Add driver… asks which driver file to open. Type its path (a Linux path, or a Windows one such as C:\\windows\\system32\\x.acm) and press Enter; an empty line cancels.\n',
    'driver file> ',
  );
  if (!typed?.trim()) return cancelled(options, 'Add driver…');
  return pathForWine(typed, options.cwd);
}

async function chooseReportFile(suggestedName: string, options: ConsoleDialogOptions): Promise<string | null> {
  const suggested = join(options.reportsFolder, suggestedName);
  const typed = await ask(
    options,
    `Export report… saves ${suggestedName}. Press Enter to save it as ${suggested}, or type another path (Linux or Windows; a folder keeps the name); "-" cancels.\n`,
    'report file> ',
  );
  if (typed === null || typed.trim() === '-') return cancelled(options, 'Export report…');
  if (!typed.trim()) {
    mkdirSync(options.reportsFolder, { recursive: true });
    return pathForWine(suggested, options.cwd);
  }
  const path = pathForWine(typed, options.cwd);
  return isFolder(linuxPathOf(options.prefix, path)) ? `${path.replace(/[\\/]+$/, '')}\\${suggestedName}` : path;
}

function tellLocation(path: string, { prefix, output }: ConsoleDialogOptions): null {
  output.write(`Open file location: ${path} (on Linux: ${linuxPathOf(prefix, path)})\n`);
  return null;
}

function cancelled({ output }: ConsoleDialogOptions, dialog: string): null {
  output.write(`${dialog} cancelled.\n`);
  return null;
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** One line from the console, or null when it has none to give (input ended) or the person pressed Ctrl+C. */
function ask({ input, output, onInterrupt }: ConsoleDialogOptions, explanation: string, prompt: string): Promise<string | null> {
  output.write(explanation);
  // A reader made on input that has already ended never closes: say so now, for this question and every later one.
  if (input.readableEnded) {
    output.write('(no input on this console: run dev:wine in a terminal to answer)\n');
    return Promise.resolve(null);
  }
  // Only while a question is open: a console read all the time would take Ctrl+C from dev:wine.
  const lines = createInterface({ input, output });
  return new Promise((resolve) => {
    let answered = false;
    lines.once('close', () => {
      if (!answered) output.write('\n(no input on this console: run dev:wine in a terminal to answer)\n');
      resolve(null);
    });
    lines.once('SIGINT', () => {
      answered = true;
      lines.close();
      onInterrupt();
    });
    lines.question(prompt, (line) => {
      answered = true;
      resolve(line);
      lines.close();
    });
  });
}
