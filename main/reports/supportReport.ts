/** A support report (app/supportReport.ts) of this machine, now. */
import { hostname, release, version } from 'node:os';
import writeFileAtomic from 'write-file-atomic';
import type { DriverEntry, DriverListing, RestartRequirement } from '../../app/drivers';
import type { ReportFormat, SupportReport } from '../../app/supportReport';
import type { DriverService } from '../drivers/driverService';
import { DriverError } from '../drivers/driverError';
import { formatReport } from './reportFormats';

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

/** Writes the report whole or not at all, so a half-written file never passes for a report. */
export async function writeReport(report: SupportReport, format: ReportFormat, path: string): Promise<void> {
  await writeFileAtomic(path, formatReport(report, format)).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.replace(/\.\d+'$/, "'") : String(error);
    throw new DriverError('write-failed', `The report could not be written to ${path} (${reason}). Choose a folder that exists and that you may write to.`);
  });
}

/** The name the save dialog suggests: which machine, which day. */
export function reportFileName(format: ReportFormat, at = new Date()): string {
  return `multimedia-drivers-${hostname()}-${at.toISOString().slice(0, 10)}.${format}`;
}
