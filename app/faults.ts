/**
 * How a driver's fault is told to a person: which step of a call it happened
 * in, and what a Windows exit code means. Shared by the service's messages,
 * the CLI and the UI's quarantine notes.
 */
import type { CallStage, QuarantineRecord } from './drivers';
import { classifyAlias } from './driverKinds';
import { messageNameFor } from './messageCatalogue';

/**
 * "OpenDriver (DRV_LOAD … DRV_OPEN)", "DRV_QUERYCONFIGURE", "CloseDriver (DRV_CLOSE … DRV_FREE)";
 * `alias` says what kind of driver read the message (0x5002 is ICM_GETINFO to a video codec).
 */
export function describeStage(stage: CallStage, message: number, alias = ''): string {
  switch (stage) {
    case 'open':
      return 'OpenDriver (DRV_LOAD, DRV_ENABLE, DRV_OPEN)';
    case 'message':
      return messageNameFor(classifyAlias(alias), message);
    case 'close':
      return 'CloseDriver (DRV_CLOSE, DRV_DISABLE, DRV_FREE)';
  }
}

const exitCodeNames: ReadonlyMap<number, string> = new Map([
  [0xc0000005, 'access violation'],
  [0xc00000fd, 'stack overflow'],
  [0xc0000409, 'stack buffer overrun'],
  [0xc000001d, 'illegal instruction'],
  [0xc0000094, 'integer division by zero'],
  [0xc0000096, 'privileged instruction'],
  [0xc0000374, 'heap corruption'],
  [0x80000003, 'breakpoint'],
]);

/** 3221225477 → "0xC0000005 (access violation)": fault exit codes are NTSTATUS values, read in hex. */
export function describeExitCode(code: number | null): string {
  if (code === null) return 'an unknown exit code';
  const unsigned = code >>> 0;
  if (unsigned <= 0xffff) return String(unsigned);
  const hex = `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
  const name = exitCodeNames.get(unsigned);
  return name ? `${hex} (${name})` : hex;
}

const causeWords: Record<QuarantineRecord['what'], string> = {
  crashed: 'crashed',
  'not-responding': 'stopped responding',
  'stopped-waiting': 'kept you waiting until you stopped it',
};

/** What the driver did, in words: "crashed", "stopped responding". */
export function quarantineCause(record: Pick<QuarantineRecord, 'what'>): string {
  return causeWords[record.what];
}

/**
 * "Quarantined: crashed in DRV_QUERYCONFIGURE on 2026-11-22 (exit code 0xC0000005 (access violation))."
 * and what to do about it.
 */
export function describeQuarantine(record: QuarantineRecord): string {
  const exit = record.what === 'crashed' ? ` (exit code ${describeExitCode(record.exitCode)})` : '';
  return `Quarantined: ${quarantineCause(record)} in ${describeStage(record.stage, record.message, record.alias)} on ${record.at.slice(0, 10)}${exit}. The panel does not open it on its own any more. Try again once the driver is updated (CLI: probe ${record.alias} --retry); a changed driver file gets a fresh chance by itself.`;
}

/** What a registration Winmm cannot open shows of itself, and that reinstalling the same cannot help. */
export function unopenableWhy(problem: string): string {
  return `${problem}. Installing it again cannot help; remove the registration, or reinstall what put it there.`;
}

/**
 * A REG_EXPAND_SZ registration under a Winmm that opens it as written (Wine's;
 * Windows' own expands it, as mmRegQueryValue does with ExpandEnvironmentStringsW).
 */
export function unexpandedProblem(written: string, expandedIsDriver: boolean): string {
  const fix = expandedIsDriver ? '; registered as REG_SZ with the path expanded, it would open' : '';
  return `its registration is REG_EXPAND_SZ ("${written}"), which Windows' Winmm expands but this one (Wine's) opens as written, and no file has that name${fix}`;
}
