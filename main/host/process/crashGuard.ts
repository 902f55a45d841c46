/**
 * Makes sure a fault inside a driver ends the host at once, with the fault's
 * code as its exit code, instead of leaving it alive behind an error dialog.
 *
 * SetErrorMode keeps Windows' own error reporting dialog away. That is not
 * enough on its own: a JIT debugger registered under AeDebug still attaches,
 * and Wine ignores SEM_NOGPFAULTERRORBOX and starts winedbg with a crash
 * dialog, which keeps the process alive. A top-level exception filter runs
 * before either and terminates the process with the exception code.
 */
import {
  GetCurrentProcess,
  SEM_FAILCRITICALERRORS,
  SEM_NOGPFAULTERRORBOX,
  SEM_NOOPENFILEERRORBOX,
  SetErrorMode,
  TerminateProcess,
  setUnhandledExceptionFilter,
} from '../../win32/kernel32';

export function guardAgainstCrashDialogs(): void {
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
  setUnhandledExceptionFilter((exceptionCode) => TerminateProcess(GetCurrentProcess(), exceptionCode));
}
