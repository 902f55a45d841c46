/** A support report (app/supportReport.ts) of this machine, now. */
import { hostname, release, version } from 'node:os';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { DriverEntry, DriverListing, RestartRequirement } from '../../app/drivers';
import type { ReportFormat, SupportReport } from '../../app/supportReport';
import type { DriverService } from '../service/driverService';
import { DriverError } from '../../app/driverError';
import { errorText } from '../../app/errorText';
import { dosDeviceName } from '../win32/ntdll';
import { formatReport, isReportOpening } from './reportFormats';

export function supportReport(drivers: DriverEntry[], restarts: RestartRequirement[], notices: string[], at = new Date()): SupportReport {
  return {
    generatedAt: at.toISOString(),
    machine: { name: hostname(), windows: `${version()} (${release()})` },
    drivers: [...drivers].sort((a, b) => a.kind.localeCompare(b.kind) || a.alias.localeCompare(b.alias) || a.view.localeCompare(b.view)),
    restarts,
    notices,
  };
}

/** The report of a complete listing, with the restarts pending now. */
export async function currentReport(service: DriverService, listing: DriverListing): Promise<SupportReport> {
  return supportReport(listing.drivers, await service.restartRequirements(), listing.notices);
}

/** How many characters of an existing file tell whether it is a report (isReportOpening). */
const HEAD_BYTES = 512;

export interface WriteOptions {
  /** Replace whatever file is there: the person said so (--force, or the save dialog's own question). */
  replaceAnyFile: boolean;
}

/**
 * Writes the report whole or not at all, so a half-written file never passes
 * for a report. A device name (NUL, CON, COM1, with or without extension or
 * folder) means the device, as it does to every Windows program: written to
 * directly, since a temporary file renamed onto it would become a file named
 * NUL. An existing file that is not a report of this panel (a driver DLL, a
 * person's notes) is replaced only when `replaceAnyFile` says so.
 */
export async function writeReport(report: SupportReport, format: ReportFormat, path: string, { replaceAnyFile }: WriteOptions): Promise<void> {
  const text = formatReport(report, format);
  const device = dosDeviceName(path);
  if (device) {
    await writeFile(`\\\\.\\${device}`, text).catch((error: unknown) => {
      throw writeFailed(path, error);
    });
    return;
  }
  if (!replaceAnyFile && (await holdsSomethingElse(path))) {
    throw new DriverError(
      'file-conflict',
      `${path} is not a report of this panel (JSON, CSV or HTML from drivers-cli report or Export report…), so it was left as it is. Choose another file, or give --force to replace it.`,
    );
  }
  await writeFileAtomic(path, text).catch((error: unknown) => {
    throw writeFailed(path, error);
  });
}

/**
 * Whether `path` is a file with something in it that is not a report. An
 * empty file holds nothing to lose; what cannot be opened is left to the
 * write, which says why it failed.
 */
async function holdsSomethingElse(path: string): Promise<boolean> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch {
    return false;
  }
  try {
    if (!(await file.stat()).isFile()) return false;
    const { buffer, bytesRead } = await file.read(Buffer.alloc(HEAD_BYTES), 0, HEAD_BYTES, 0);
    return bytesRead > 0 && !isReportOpening(buffer.toString('utf8', 0, bytesRead));
  } finally {
    await file.close();
  }
}

function writeFailed(path: string, error: unknown): DriverError {
  // write-file-atomic names its temporary file (report.json.12345); the person named report.json.
  const reason = errorText(error).replace(/\.\d+'$/, "'");
  return new DriverError('write-failed', `The report could not be written to ${path} (${reason}). Choose a folder that exists and that you may write to.`);
}

/** The name the save dialog suggests: which machine, which day. */
export function reportFileName(format: ReportFormat, at = new Date()): string {
  return `multimedia-drivers-${hostname()}-${at.toISOString().slice(0, 10)}.${format}`;
}
