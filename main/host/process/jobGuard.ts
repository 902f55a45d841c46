/**
 * Makes every program a driver starts end with the driver host, however the
 * host ends: a crash, the supervisor's TerminateProcess after a missed
 * deadline, or a normal exit. A driver may start a helper or a console in
 * DRV_LOAD, and nothing else would ever end it.
 *
 * The host joins a new job that ends its processes when its last handle
 * closes. The only handle is this process's own and is never closed, so
 * Windows closes it as the process ends, whichever way. Everything a driver
 * starts from the host is in the job too: jobs nest, so this holds even in a
 * job that lets children break away silently, as the one libuv puts the
 * processes Node starts in does.
 */
import { AssignProcessToJobObject, GetCurrentProcess, GetLastError, createKillOnCloseJob } from '../../win32/kernel32';

export function endDriverProgramsWithHost(): void {
  const job = createKillOnCloseJob();
  if (!job || !AssignProcessToJobObject(job, GetCurrentProcess())) {
    throw new Error(
      `The driver host could not put itself in a job object (Windows error ${GetLastError()}), so programs a driver starts would outlive it; it loads no driver without one.`,
    );
  }
}
