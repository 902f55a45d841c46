/**
 * Splits a socket's bytes into lines, refusing any line longer than a limit.
 * readline has no such limit: one endless line grows its buffer until the
 * host dies on V8's string limit, before the client has even said hello.
 */
import type { Socket } from 'node:net';

export function readBoundedLines(
  socket: Socket,
  maxBytes: () => number,
  onLine: (line: string) => void,
  onTooLong: () => void,
): void {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  socket.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      const line = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      if (line.length > maxBytes()) return onTooLong();
      onLine(line.toString('utf8').replace(/\r$/, ''));
      if (socket.destroyed) return;
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    if (pendingBytes > maxBytes()) onTooLong();
  });
}
