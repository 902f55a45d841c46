/**
 * Marks in the host's stdout and stderr which driver is being called
 * (hostProtocol.ts, outputMark), in order with whatever the driver writes
 * there itself: a synchronous write to the same standard handle, on the same
 * thread. The standard handles, not Node's file descriptors 1 and 2: in the
 * 32-bit host those are not what the drivers write to (hostPipe.ts).
 */
import { outputMark } from '../hostProtocol';
import { STD_ERROR_HANDLE, STD_OUTPUT_HANDLE, writeStandardHandle } from '../../win32/kernel32';

export function outputMarker(hostName: string): (alias: string | null) => void {
  return (alias) => {
    const mark = outputMark(hostName, alias ?? '');
    // A failed write means nobody reads this stream (a host started by hand): the calls matter more than who wrote what.
    for (const which of [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] as const) writeStandardHandle(which, mark);
  };
}
