/** Exit codes of the technician CLI, stable for scripts. */
import type { DriverErrorCode } from '../../app/drivers';
import type { ConfigResult } from '../../app/messages';
import { ERROR_ELEVATION_REQUIRED } from '../../app/privileges';

export const EXIT_OK = 0;
export const EXIT_DRIVER_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNKNOWN_ALIAS = 3;
/** ERROR_ELEVATION_REQUIRED: the action needs a command prompt run as administrator. */
export const EXIT_ELEVATION_REQUIRED = ERROR_ELEVATION_REQUIRED;
/** ERROR_SUCCESS_REBOOT_REQUIRED: the Windows installer convention for "done, restart needed". */
export const EXIT_RESTART_REQUIRED = 3010;

export function exitCodeForFailure(code: DriverErrorCode): number {
  switch (code) {
    case 'invalid-request':
    case 'invalid-alias':
    case 'message-not-allowed':
      return EXIT_USAGE;
    case 'unknown-alias':
      return EXIT_UNKNOWN_ALIAS;
    case 'elevation-required':
      return EXIT_ELEVATION_REQUIRED;
    default:
      return EXIT_DRIVER_FAILURE;
  }
}

/** A removal the driver cancelled is a failure to remove; one that needs a restart says so. */
export function exitCodeForRemoval(removal: { removed: boolean; restartRequired: boolean }): number {
  if (!removal.removed) return EXIT_DRIVER_FAILURE;
  return removal.restartRequired ? EXIT_RESTART_REQUIRED : EXIT_OK;
}

export function exitCodeForAddition(addition: { added: boolean; restartRequired: boolean }): number {
  return exitCodeForRemoval({ removed: addition.added, restartRequired: addition.restartRequired });
}

export function exitCodeForResult(result: ConfigResult): number {
  if (result === 'restart') return EXIT_RESTART_REQUIRED;
  return result === 'cancel' || result === 'unsupported' ? EXIT_DRIVER_FAILURE : EXIT_OK;
}
