/** A failed call into a driver in words: one line for the activity log, and the typed error a person reads. */
import { describeExitCode, describeStage } from '../../app/faults';
import { DriverError } from '../../app/driverError';
import type { CallResult } from '../host/supervisor/hostSupervisor';
import type { CallStage } from '../../app/drivers';

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

/**
 * A failed call as a typed error that says what happened, where, and that the
 * panel carried on. `shortenedFrom`: the panel's own deadline, when the one
 * missed was a person's shorter one.
 */
export function callFailure(alias: string, sent: number, result: FailedCall, quarantines: boolean, shortenedFrom: number | null = null): DriverError {
  const message = failedMessage(result, sent);
  const ended = 'Its driver host was ended; the panel carries on';
  const then = quarantines ? `${ended}, and does not open ${alias} on its own again until you try it again.` : `${ended}.`;
  switch (result.failure) {
    case 'open-failed':
      return new DriverError(
        'open-failed',
        `Winmm could not open ${alias}: the driver did not load or refused DRV_OPEN. Check that its file is a driver for this architecture.`,
        alias,
      );
    case 'crashed':
      return new DriverError('driver-crashed', `${alias} crashed in ${describeStage(result.stage, message, alias)} (exit code ${describeExitCode(result.exitCode)}). ${then}`, alias);
    case 'not-responding': {
      const late = `${alias} did not answer ${describeStage(result.stage, message, alias)} within ${seconds(result.durationMs)} s`;
      if (shortenedFrom === null) return new DriverError('driver-not-responding', `${late}. ${then}`, alias);
      const allowed = `the time you allowed, shorter than the panel's own ${shortenedFrom / 1000} s, so ${alias} is not quarantined`;
      return new DriverError('driver-not-responding', `${late}: ${allowed}. ${then}`, alias);
    }
    case 'stopped-waiting':
      return new DriverError(
        'stopped-waiting',
        result.stage === null
          ? `You stopped waiting for ${alias} before its turn came; it was not called.`
          : `You stopped waiting for ${alias} in ${describeStage(result.stage, message, alias)}. Its driver host was ended, cutting short whatever the driver was doing.`,
        alias,
      );
    case 'skipped':
      return new DriverError('quarantined', `${alias} was quarantined before its turn came; it was not called.`, alias);
    case 'host-failed':
      return new DriverError('host-failed', result.message, alias);
  }
}

/** Tenths of a second, or thousandths below one tenth: a deadline of 1 ms did not pass "within 0.0 s". */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 100 ? 3 : 1);
}
