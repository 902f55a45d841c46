/**
 * The 32-bit host's line to its supervisor: a named pipe, one JSON message per
 * line, and two more for its stdout and stderr. A 64-bit Node cannot hand a
 * 32-bit child its IPC channel: libuv passes inherited handles in the C
 * runtime's STARTUPINFO block, laid out with handles of the parent's width,
 * and the 32-bit runtime reads them at its own
 * (tried under Wine: the channel is dead, fd 1 is lost, and Node puts NUL in
 * the standard output handle in its place). The pipes' names are random and
 * the supervisor creates them before the host starts; the host's first line
 * on each is a secret only its environment holds, and the supervisor reads no
 * other connection.
 */
import { StringDecoder } from 'node:string_decoder';

/** The pipe's name and the secret, in the host's environment (set by the supervisor, never inherited). */
export const HOST_PIPE_VARIABLE = 'DRIVERS_PANEL_HOST_PIPE';
export const HOST_TOKEN_VARIABLE = 'DRIVERS_PANEL_HOST_TOKEN';

/** The pipes the 32-bit host's standard output and error go to. */
export function outputPipeNames(channelPipe: string): { stdout: string; stderr: string } {
  return { stdout: `${channelPipe}.stdout`, stderr: `${channelPipe}.stderr` };
}

/**
 * Splits a stream of UTF-8 into its lines, whatever the chunks (a character
 * cut between two chunks is decoded whole); the last, unended line waits for more.
 */
export function lineSplitter(onLine: (line: string) => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return (chunk) => {
    pending += decoder.write(chunk);
    let end = pending.indexOf('\n');
    while (end >= 0) {
      onLine(pending.slice(0, end));
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
    }
  };
}

/** One message as a line: JSON never holds a raw line break. */
export function messageLine(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
