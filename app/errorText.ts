/** Any thrown value as words: an Error's message, anything else as a string (a driver host can reject with a plain string). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The same with where it was thrown, for a program's last words on stderr. */
export function errorTrace(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
