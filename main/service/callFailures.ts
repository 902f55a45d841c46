/** A failed call into a driver in words: one line for the activity log, and the typed error a person reads. */
import { describeExitCode, describeStage, quarantineCause, unexpandedProblem, unopenableWhy } from '../../app/faults';
import { DriverError } from '../../app/driverError';
import type { CallResult } from '../host/supervisor/hostSupervisor';
import type { CallStage, QuarantineRecord } from '../../app/drivers';

export type FailedCall = Exclude<CallResult, { ok: true }>;

/** The message a failed call was in: the one its host named (a codec's probe sends several after its own), else the call's own. */
export function failedMessage(result: FailedCall, message: number): number {
  return 'message' in result && typeof result.message === 'number' ? result.message : message;
}

/** The result column of the call trace: where the driver failed, by the message it was in (ICM_GETINFO after a probe's DRV_QUERYCONFIGURE). */
export function describeFailure(result: FailedCall, sent: number, alias: string): string {
  const where = (stage: CallStage | null): string => (stage === null ? 'the queue' : describeStage(stage, failedMessage(result, sent), alias));
  switch (result.failure) {
    case 'crashed':
      return `crashed in ${where(result.stage)} (exit code ${describeExitCode(result.exitCode)})`;
    case 'not-responding':
    case 'stopped-waiting':
      return `${result.failure} in ${where(result.stage)}`;
    default:
      return result.failure;
  }
}

export interface FailureContext {
  /** The fault quarantines the driver. */
  quarantines: boolean;
  /** The panel's own deadline, when the one missed was a person's shorter one. */
  shortenedFrom?: number | null;
  /** For a refused open: what the file says of itself (fileLoadProblem); null when it looks like a driver. */
  fileProblem?: string | null;
  /** For a refused open: the REG_EXPAND_SZ value as written, when Winmm opened it so. */
  unexpanded?: string;
  /** The quarantine a person lifted to try again, if any: the fault now is a fault again. */
  earlier?: QuarantineRecord | null;
}

/** A failed call as a typed error that says what happened, where, and that the panel carried on. */
export function callFailure(alias: string, sent: number, result: FailedCall, context: FailureContext): DriverError {
  const { quarantines, shortenedFrom = null, fileProblem = null, earlier = null, unexpanded } = context;
  const message = failedMessage(result, sent);
  const ended = 'Its driver host was ended; the panel carries on';
  const then = quarantines ? `${ended}, and does not open ${alias} on its own again until you try it again.` : `${ended}.`;
  const repeated = earlier !== null && quarantines;
  const again = repeated ? ' again' : '';
  const before = (stage: CallStage): string => (repeated ? sinceEarlier(earlier, stage, message) : '');
  switch (result.failure) {
    case 'open-failed':
      if (unexpanded !== undefined) return new DriverError('open-failed', `Winmm could not open ${alias}: ${unexpandedProblem(unexpanded, fileProblem === null)}.`, alias);
      return new DriverError(
        'open-failed',
        fileProblem
          ? `Winmm could not open ${alias}, and its file shows why: ${unopenableWhy(fileProblem)}`
          : `Winmm could not open ${alias}: its file is a driver for this view, but it did not load (a DLL it needs may be missing) or refused DRV_OPEN.`,
        alias,
      );
    case 'crashed':
      return new DriverError('driver-crashed', `${alias} crashed${again} in ${describeStage(result.stage, message, alias)}${before(result.stage)} (exit code ${describeExitCode(result.exitCode)}). ${then}`, alias);
    case 'not-responding': {
      const late = `${alias}${again} did not answer ${describeStage(result.stage, message, alias)} within ${seconds(result.durationMs)} s${before(result.stage)}`;
      if (shortenedFrom === null) return new DriverError('driver-not-responding', `${late}. ${then}`, alias);
      const allowed = `the time you allowed, shorter than the panel's own ${shortenedFrom / 1000} s, so ${alias} is not quarantined`;
      return new DriverError('driver-not-responding', `${late}: ${allowed}. ${then}`, alias);
    }
    case 'stopped-waiting':
      if (result.stage === null) return new DriverError('stopped-waiting', `You stopped waiting for ${alias} before its turn came; it was not called.`, alias);
      if (quarantines) {
        // A query takes milliseconds: one a person gave up on hangs, and the next listing would wait for it again.
        const where = describeStage(result.stage, message, alias);
        const hung = repeated ? `${alias} hung again in ${where} until you stopped waiting${before(result.stage)}` : `You stopped waiting for ${alias} in ${where}, a question a driver answers at once: it hangs there`;
        return new DriverError('driver-not-responding', `${hung}. ${then}`, alias);
      }
      return new DriverError('stopped-waiting', `You stopped waiting for ${alias} in ${describeStage(result.stage, message, alias)}. Its driver host was ended, cutting short whatever the driver was doing.`, alias);
    case 'skipped':
      return new DriverError('quarantined', `${alias} was quarantined before its turn came; it was not called.`, alias);
    case 'host-failed':
      return new DriverError('host-failed', result.message, alias);
  }
}

/** ", as before" when it failed where it did before; else what it did before, for a person comparing. */
function sinceEarlier(earlier: QuarantineRecord, stage: CallStage, message: number): string {
  if (earlier.stage === stage && earlier.message === message) return ', as before';
  return ` (before, it ${quarantineCause(earlier)} in ${describeStage(earlier.stage, earlier.message, earlier.alias)})`;
}

/** Tenths of a second, or thousandths below one tenth: a deadline of 1 ms did not pass "within 0.0 s". */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 100 ? 3 : 1);
}
