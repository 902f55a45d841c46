/**
 * A lock on a machine-wide file, shared with every other process (the app and
 * the CLI of every user), held for as long as `work` runs. The file's folder
 * is created first. A holder that was killed leaves a lock that goes stale
 * after `staleMs`, after which the next process takes it.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lock } from 'proper-lockfile';

export async function withMachineLock<T>(file: string, staleMs: number, work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true });
  const release = await lock(file, {
    realpath: false,
    stale: staleMs,
    // Generous: a holder keeps the lock for milliseconds, a stale one is waited out.
    retries: { retries: 300, factor: 1.2, minTimeout: 5, maxTimeout: 200 },
    // A lock lost mid-write (held past `stale`) costs at most a concurrent write; the default would throw from a timer and end the process.
    onCompromised: () => undefined,
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
