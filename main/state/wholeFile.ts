/**
 * Replaces a machine-wide file whole: the text goes to a new file of an
 * unpredictable name beside it, created exclusively, then renamed over the
 * file. The rename replaces the directory entry, so a link someone planted
 * at the file's name is replaced, never followed. write-file-atomic is not
 * used here because it writes to the real path behind such a link (it
 * resolves it first) and names its temporary file after the process id,
 * which anyone can guess; both matter in a folder every user may write.
 * Windows refuses the rename for a moment while another process has the file
 * open (seen with three CLIs at once), so it is tried again for a while.
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

const RENAME_PATIENCE_MS = 3_000;
const transient = new Set(['EPERM', 'EACCES', 'EBUSY']);

export async function replaceWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const file = await open(temporary, 'wx');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await renameRetrying(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function renameRetrying(from: string, to: string): Promise<void> {
  const until = Date.now() + RENAME_PATIENCE_MS;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (!transient.has((error as NodeJS.ErrnoException).code ?? '') || Date.now() >= until) throw error;
      await delay(wait);
    }
  }
}
