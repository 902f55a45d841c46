/**
 * What a technician sends to support: every driver with all its fields, its
 * probe, status and quarantine, the restarts still pending, and which machine
 * and Windows it came from, when. One value, rendered as JSON, CSV or HTML.
 */
import { hostname, release, version } from 'node:os';
import type { DriverEntry, RestartRequirement } from '../../app/drivers';

export interface SupportReport {
  generatedAt: string;
  machine: { name: string; windows: string };
  drivers: DriverEntry[];
  restarts: RestartRequirement[];
  notices: string[];
}

export function supportReport(drivers: DriverEntry[], restarts: RestartRequirement[], notices: string[], at = new Date()): SupportReport {
  return {
    generatedAt: at.toISOString(),
    machine: { name: hostname(), windows: `${version()} (${release()})` },
    drivers: [...drivers].sort((a, b) => a.kind.localeCompare(b.kind) || a.alias.localeCompare(b.alias) || a.view.localeCompare(b.view)),
    restarts,
    notices,
  };
}

/** One flat row per driver, the columns of the CSV and the HTML table, in order. */
export function reportRow(driver: DriverEntry, restarts: readonly RestartRequirement[]): Record<string, string> {
  const details = driver.details;
  const version = details?.version;
  const quarantine = driver.quarantine;
  return {
    alias: driver.alias,
    kind: driver.kind,
    view: driver.view,
    status: driver.status,
    'status detail': driver.statusDetail ?? '',
    configurable: driver.probe ? (driver.probe.configurable ? 'yes' : 'no') : '',
    'DRV_QUERYCONFIGURE': driver.probe?.raw ?? '',
    'probed at': driver.probe?.at ?? '',
    file: driver.file,
    path: details?.path ?? '',
    size: details?.identity ? String(details.identity.size) : '',
    modified: details?.identity?.modified ?? '',
    description: version?.fileDescription ?? '',
    company: version?.companyName ?? '',
    product: version?.productName ?? '',
    version: version?.fileVersion ?? '',
    parameters: driver.parameters ?? '',
    'registered in': driver.sources.join(', '),
    quarantine: quarantine ? `${quarantine.what} at ${quarantine.at}${quarantine.exitCode === null ? '' : ` (exit code ${quarantine.exitCode})`}` : '',
    'restart pending for': restarts.filter((r) => r.id === driver.id).map((r) => r.action).join(', '),
  };
}
