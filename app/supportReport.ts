/**
 * What a technician sends to support: every driver with all its fields, its
 * probe, status and quarantine, the restarts still pending, and which machine
 * and Windows it came from, when. The report's rows are also what "Copy
 * details" puts on the clipboard, so that both say the same.
 */
import type { DriverEntry, RestartRequirement } from './drivers';

export const reportFormats = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface SupportReport {
  generatedAt: string;
  machine: { name: string; windows: string };
  drivers: DriverEntry[];
  restarts: RestartRequirement[];
  notices: string[];
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
    created: details?.created ?? '',
    modified: details?.identity?.modified ?? '',
    description: version?.fileDescription ?? '',
    company: version?.companyName ?? '',
    product: version?.productName ?? '',
    version: version?.fileVersion ?? '',
    signer: details?.signature?.signer ?? '',
    signature: details?.signature ? `${details.signature.text} (${details.signature.code})` : '',
    parameters: driver.parameters ?? '',
    'registered in': driver.sources.join(', '),
    quarantine: quarantine ? `${quarantine.what} at ${quarantine.at}${quarantine.exitCode === null ? '' : ` (exit code ${quarantine.exitCode})`}` : '',
    'restart pending for': restarts.filter((r) => r.id === driver.id).map((r) => r.action).join(', '),
  };
}

/** One driver as "field: value" lines, the empty fields left out: what Copy details and Ctrl+C copy. */
export function detailsText(driver: DriverEntry, restarts: readonly RestartRequirement[]): string {
  return Object.entries(reportRow(driver, restarts))
    .filter(([, value]) => value !== '')
    .map(([field, value]) => `${field}: ${value}`)
    .join('\r\n');
}
