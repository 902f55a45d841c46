/**
 * A lock on a machine-wide file, shared with every other process (the app and
 * the CLI of every user), held for as long as `work` runs. The file's folder
 * is created first. A holder that was killed leaves a lock that goes stale
 * after `staleMs`, after which the next process takes it. Only another
 * holder is waited for: a folder this process may not write fails at once,
 * naming the folder, since no amount of waiting changes that.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { lock } from 'proper-lockfile';
import { DriverError } from '../../app/driverError';

/** Generous: a holder keeps the lock for milliseconds, a stale one is waited out (about a minute in all). */
const LOCK_ATTEMPTS = 300;
const FIRST_WAIT_MS = 5;
const WAIT_GROWTH = 1.2;
const LONGEST_WAIT_MS = 200;

/** What Windows' ERROR_ACCESS_DENIED and a read-only medium become in Node. */
const accessDenied = new Set(['EPERM', 'EACCES', 'EROFS']);

export async function withMachineLock<T>(file: string, staleMs: number, work: () => Promise<T>): Promise<T> {
  const folder = dirname(file);
  const release = await mkdir(folder, { recursive: true })
    .then(() => acquire(file, staleMs))
    .catch((error: unknown) => {
      throw cannotWrite(folder, error);
    });
  try {
    return await work();
  } finally {
    await release();
  }
}

/**
 * proper-lockfile's own `retries` would retry every error, a denied folder
 * as patiently as a busy lock; so it tries once, and only ELOCKED (another
 * process holds the lock) is tried again here.
 */
async function acquire(file: string, staleMs: number): Promise<() => Promise<void>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lock(file, {
        realpath: false,
        stale: staleMs,
        retries: 0,
        // A lock lost mid-write (held past `stale`) costs at most a concurrent write; the default would throw from a timer and end the process.
        onCompromised: () => undefined,
      });
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED' || attempt === LOCK_ATTEMPTS) throw error;
      await delay(Math.min(FIRST_WAIT_MS * WAIT_GROWTH ** attempt, LONGEST_WAIT_MS));
    }
  }
}

/** A lock held elsewhere stays what it is; anything else means the folder cannot be written, and says which. */
function cannotWrite(folder: string, error: unknown): unknown {
  const code = errorCode(error);
  if (code === 'ELOCKED' || !(error instanceof Error)) return error;
  const advice = code && accessDenied.has(code) ? ' Access is denied: give this account the right to modify that folder.' : '';
  return new DriverError('write-failed', `The folder ${folder} cannot be written (${error.message}).${advice}`);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
