import type { DriverErrorCode, DriverFailure } from './drivers';
import { errorText } from './errorText';

/** A failure the service reports on purpose: it carries a code for programs and words for people. */
export class DriverError extends Error {
  constructor(
    readonly code: DriverErrorCode,
    message: string,
    readonly alias?: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }

  toFailure(): DriverFailure {
    return this.alias === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, alias: this.alias };
  }
}

/** Any thrown value as a typed failure; unexpected errors keep their message. */
export function toFailure(error: unknown): DriverFailure {
  if (error instanceof DriverError) return error.toFailure();
  const message = errorText(error);
  return { code: 'host-failed', message: `Unexpected failure: ${message}` };
}
