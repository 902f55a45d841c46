/**
 * What a technician sends to support: every driver with all its fields, its
 * probe, status and quarantine, the restarts still pending, and which machine
 * and Windows it came from, when. The report's rows are also what "Copy
 * details" puts on the clipboard, so that both say the same.
 */
import type { DriverEntry, FileSignature, QuarantineRecord, RestartRequirement } from './drivers';
import { describeExitCode, describeStage } from './faults';
import { driverNames } from './driverNames';
import { acmVersionText, audioSupportWords, formatTagText, videoCapabilityWords } from './codecWords';

export const reportFormats = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface SupportReport {
  generatedAt: string;
  machine: { name: string; windows: string };
  drivers: DriverEntry[];
  restarts: RestartRequirement[];
  notices: string[];
}

/** Where the signature was found: in the file, or in which catalog (as Windows signs its own drivers). */
function signatureSource(signature: FileSignature | null | undefined): string {
  if (!signature?.source) return '';
  return signature.source === 'catalog' ? `catalog ${signature.catalog ?? ''}`.trim() : 'embedded';
}

/** "crashed in DRV_QUERYCONFIGURE at 2026-11-22T21:04:00.000Z (exit code 0xC0000005 (access violation))": which call, for the driver's vendor. */
function quarantineText(record: QuarantineRecord): string {
  const exit = record.exitCode === null ? '' : ` (exit code ${describeExitCode(record.exitCode)})`;
  return `${record.what} in ${describeStage(record.stage, record.message, record.alias)} at ${record.at}${exit}`;
}

/** What the codec said of itself, with the message that asked; empty for other drivers and codecs that did not answer. */
function codecColumns(driver: DriverEntry): Record<string, string> {
  const identity = driver.probe?.identity;
  const video = identity?.kind === 'vidc' ? identity : null;
  const audio = identity?.kind === 'acm' ? identity : null;
  const info = video?.info;
  const details = audio?.details;
  return {
    'codec name (ICM_GETINFO)': info ? info.description : '',
    'codec short name (ICM_GETINFO)': info ? info.name : '',
    fourcc: info?.fourcc ?? '',
    capabilities: info ? videoCapabilityWords(info.flags).join(', ') : '',
    'codec settings (ICM_CONFIGURE)': video ? (video.settings ? 'yes' : 'no') : '',
    'codec name (ACMDM_DRIVER_DETAILS)': details?.longName ?? '',
    'codec short name (ACMDM_DRIVER_DETAILS)': details?.shortName ?? '',
    'format tags': audio ? audio.formatTags.map(formatTagText).join('; ') : '',
    supports: details ? audioSupportWords(details.support).join(', ') : '',
    'codec version': details ? acmVersionText(details.version) : '',
    'codec copyright': details?.copyright ?? '',
  };
}

/**
 * One flat row per driver, the columns of the CSV and the HTML report, in
 * order: every field of the JSON a technician reads (the internal id, the
 * revision and what is still pending are left out).
 */
export function reportRow(driver: DriverEntry, restarts: readonly RestartRequirement[]): Record<string, string> {
  const details = driver.details;
  const version = details?.version;
  const quarantine = driver.quarantine;
  const [best] = driverNames(driver);
  return {
    alias: driver.alias,
    kind: driver.kind,
    view: driver.view,
    status: driver.status,
    'status detail': driver.statusDetail ?? '',
    'disabled by': driver.disabledBy ?? '',
    // Whether the panel loads this driver at all: a "no" explains an empty probe.
    openable: driver.openable ? 'yes' : 'no',
    configurable: driver.probe ? (driver.probe.configurable ? 'yes' : 'no') : '',
    'DRV_QUERYCONFIGURE': driver.probe?.raw ?? '',
    'probed at': driver.probe?.at ?? '',
    // The file Winmm really loaded, which may not be the one the search path suggests.
    'loaded from': driver.probe?.loadedPath ?? '',
    'probe duration (ms)': driver.probe ? driver.probe.durationMs.toFixed(1) : '',
    file: driver.file,
    path: details?.path ?? '',
    size: details?.identity ? String(details.identity.size) : '',
    created: details?.created ?? '',
    modified: details?.identity?.modified ?? '',
    name: best?.name ?? driver.alias,
    'name source': best?.source ?? 'alias',
    ...codecColumns(driver),
    'installer description (drivers.desc)': details?.installerDescription ?? '',
    'codec description (MediaResources)': details?.mediaResource ?? '',
    description: version?.fileDescription ?? '',
    company: version?.companyName ?? '',
    product: version?.productName ?? '',
    version: version?.fileVersion ?? '',
    signer: details?.signature?.signer ?? '',
    signature: details?.signature ? `${details.signature.text} (${details.signature.code})` : '',
    'signature source': signatureSource(details?.signature),
    parameters: driver.parameters ?? '',
    'registered in': driver.sources.join(', '),
    quarantine: quarantine ? quarantineText(quarantine) : '',
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
