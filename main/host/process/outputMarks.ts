/**
 * Marks in the host's stdout and stderr which driver is being called
 * (hostProtocol.ts, outputMark), in order with whatever the driver writes
 * there itself: a synchronous write to the same handle, on the same thread.
 */
import { writeSync } from 'node:fs';
import { outputMark } from '../hostProtocol';

const STDOUT = 1;
const STDERR = 2;

export function outputMarker(hostName: string): (alias: string | null) => void {
  return (alias) => {
    const mark = outputMark(hostName, alias ?? '');
    for (const fd of [STDOUT, STDERR]) {
      try {
        writeSync(fd, mark);
      } catch {
        // Nobody reads this stream (a host started by hand): the calls matter more than who wrote what.
      }
    }
  };
}
