/** How drivers are named, grouped, sorted and searched in the panel: pure, so it is unit-tested. */
import { bestName, driverNames } from '../app/driverNames';
import { codecSearchTexts } from '../app/codecWords';
import { statusLabels } from '../app/statusWords';
import { hasCodecSettings } from './codecPresentation';
import type { DriverAction, DriverEntry, DriverKind, QuarantineRecord, RestartRequirement } from '../app/drivers';
import { describeExitCode, describeStage, quarantineCause } from '../app/faults';
import { isMicrosoftSigned } from '../app/signatures';
import { NATIVE_VIEW } from '../app/views';

export const kindLabels: Record<DriverKind, string> = {
  acm: 'Audio codecs',
  vidc: 'Video codecs',
  wave: 'Wave devices',
  midi: 'MIDI devices',
  aux: 'Auxiliary audio',
  mixer: 'Mixers',
  other: 'Other drivers',
};

const kindOrder: readonly DriverKind[] = ['acm', 'vidc', 'wave', 'midi', 'aux', 'mixer', 'other'];

/**
 * The table's columns, in order: what Autoruns and InstalledCodec show of a
 * codec. What is wrong with a driver and what it offers come right after its
 * names, so that a window of 1280 pixels shows them without scrolling sideways.
 */
export const columnIds = ['name', 'alias', 'view', 'status', 'configurable', 'kind', 'file', 'version', 'company', 'signer'] as const;
export type ColumnId = (typeof columnIds)[number];

export const columnLabels: Record<ColumnId, string> = {
  name: 'Name',
  alias: 'Alias',
  view: 'View',
  kind: 'Type',
  file: 'File',
  version: 'Version',
  company: 'Company',
  signer: 'Signer',
  status: 'Status',
  configurable: 'Configurable',
};

export interface SortOrder {
  column: ColumnId;
  direction: 'ascending' | 'descending';
}

/** What a person reads as the driver's name: its description, else its alias. */
export function displayName(driver: DriverEntry): string {
  return bestName(driver);
}

export { statusLabels };

export type ConfigurableState = 'unknown' | 'yes' | 'no' | 'not-applicable';

export function configurableState(driver: DriverEntry): ConfigurableState {
  if (driver.probe) return driver.probe.configurable ? 'yes' : 'no';
  return driver.openable ? 'unknown' : 'not-applicable';
}

/** Words a person searches by that are not in any field: what the driver can do and what is wrong with it. */
function statusWords(driver: DriverEntry): string[] {
  const words = [statusLabels[driver.status]];
  if (driver.probe?.configurable) words.push('configurable');
  if (hasCodecSettings(driver)) words.push('codec settings');
  if (driver.view !== NATIVE_VIEW) words.push(driver.view);
  if (driver.status === 'missing-file') words.push('missing');
  const signature = driver.details?.signature;
  if (signature) words.push(signature.verdict === 'unsigned' ? 'unsigned' : `signed ${signature.verdict}`, signature.signer ?? '');
  return words;
}

/**
 * What a search looks through, lowercased, once per entry: entries are never
 * changed (an update is a new entry), and a keystroke filters thousands.
 */
const searchTexts = new WeakMap<DriverEntry, string>();

function searchText(driver: DriverEntry): string {
  let text = searchTexts.get(driver);
  if (text === undefined) {
    const version = driver.details?.version;
    text = [
      driver.alias,
      driver.file,
      ...driverNames(driver).map((n) => n.name),
      ...codecSearchTexts(driver.probe?.identity),
      version?.companyName ?? '',
      version?.fileVersion ?? '',
      kindLabels[driver.kind],
      ...statusWords(driver),
    ]
      .join(' ')
      .toLowerCase();
    searchTexts.set(driver, text);
  }
  return text;
}

/** Every word of the query must occur in the driver's names, FourCC, format tags, file, version, company, kind, status or signer. */
export function matchesSearch(driver: DriverEntry, query: string): boolean {
  return queryWords(query).every((w) => searchText(driver).includes(w));
}

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** "Quarantined: crashed in DRV_QUERYCONFIGURE on 22/11/2026, 21:04 (exit code 0xC0000005 (access violation))" in the person's locale. */
export function quarantineSummary(record: QuarantineRecord): string {
  const when = new Date(record.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const exit = record.what === 'crashed' ? ` (exit code ${describeExitCode(record.exitCode)})` : '';
  return `Quarantined: ${quarantineCause(record)} in ${describeStage(record.stage, record.message, record.alias)} on ${when}${exit}`;
}

const configurableLabels: Record<ConfigurableState, string> = { yes: 'Configurable', no: 'No', unknown: '…', 'not-applicable': '' };

/** The dialogs a driver offers: Configure… (DRV_CONFIGURE) and a video codec's own settings (ICM_CONFIGURE). */
function offersText(driver: DriverEntry): string {
  const configurable = configurableLabels[configurableState(driver)];
  if (!hasCodecSettings(driver)) return configurable;
  return driver.probe?.configurable ? `${configurable}, codec settings` : 'Codec settings';
}

/** Each entry's cells, computed once: a table re-renders its rows on every scroll. */
const cellTexts = new WeakMap<DriverEntry, Record<ColumnId, string>>();

/** What a cell says, as text: shown (ellipsised, with the whole text as its tooltip), sorted by and typed ahead to. */
export function cellText(driver: DriverEntry, column: ColumnId): string {
  let texts = cellTexts.get(driver);
  if (!texts) {
    texts = Object.fromEntries(columnIds.map((id) => [id, computeCellText(driver, id)])) as Record<ColumnId, string>;
    cellTexts.set(driver, texts);
  }
  return texts[column];
}

function computeCellText(driver: DriverEntry, column: ColumnId): string {
  const version = driver.details?.version;
  switch (column) {
    case 'name':
      return displayName(driver);
    case 'alias':
      return driver.alias;
    case 'view':
      return driver.view;
    case 'kind':
      return kindNames[driver.kind];
    case 'file':
      return driver.file;
    case 'version':
      return version?.fileVersion ?? '';
    case 'company':
      return version?.companyName ?? '';
    case 'signer':
      return signerText(driver);
    case 'status':
      return statusLabels[driver.status];
    case 'configurable':
      return offersText(driver);
  }
}

/** Autoruns' "(Verified) Signer" / "(Not verified) Signer", shortened. */
function signerText(driver: DriverEntry): string {
  const signature = driver.details?.signature;
  if (!signature) return '';
  if (signature.verdict === 'unsigned') return 'Not signed';
  const signer = signature.signer ?? 'unknown signer';
  return signature.verdict === 'verified' ? signer : `${signer} (not verified)`;
}

/** One driver, singular: the kind column of a row (the group headers use the plural kindLabels). */
export const kindNames: Record<DriverKind, string> = {
  acm: 'Audio codec',
  vidc: 'Video codec',
  wave: 'Wave device',
  midi: 'MIDI device',
  aux: 'Auxiliary audio',
  mixer: 'Mixer',
  other: 'Other driver',
};

export interface GroupRow {
  type: 'group';
  kind: DriverKind;
  label: string;
  count: number;
}

export type ListRow = GroupRow | { type: 'driver'; driver: DriverEntry };

export interface ListFilter {
  query: string;
  /** Autoruns' "Hide Microsoft entries": drivers whose file Microsoft signed, verified. */
  hideMicrosoft: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Filters, sorts and groups the drivers into the rows the list shows, groups in a fixed order. */
export function buildRows(drivers: readonly DriverEntry[], filter: ListFilter, sort: SortOrder): ListRow[] {
  return groupRows(sortDrivers(drivers, sort), filter);
}

/** The drivers in the table's order; apart from the filter, so that a keystroke in the search box does not sort again. */
export function sortDrivers(drivers: readonly DriverEntry[], sort: SortOrder): DriverEntry[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...drivers].sort((a, b) => sign * (collator.compare(cellText(a, sort.column), cellText(b, sort.column)) || collator.compare(a.id, b.id)));
}

/** The rows of drivers already in order: those the filter lets through, under their groups' headers. */
export function groupRows(sorted: readonly DriverEntry[], filter: ListFilter): ListRow[] {
  const words = queryWords(filter.query);
  const byKind = new Map<DriverKind, ListRow[]>();
  for (const driver of sorted) {
    if (!words.every((w) => searchText(driver).includes(w)) || (filter.hideMicrosoft && isMicrosoftSigned(driver.details?.signature))) continue;
    const members = byKind.get(driver.kind);
    if (members) members.push({ type: 'driver', driver });
    else byKind.set(driver.kind, [{ type: 'driver', driver }]);
  }
  return kindOrder.flatMap((kind): ListRow[] => {
    const members = byKind.get(kind);
    return members ? [{ type: 'group', kind, label: kindLabels[kind], count: members.length }, ...members] : [];
  });
}

/** Where a row of the list is laid out: its index in the rows, and where it ends, in the list's scroll coordinates. */
export interface PlacedRow {
  index: number;
  end: number;
}

/**
 * The group a sticky group header names when its lower edge is at `edge`: that
 * of the first row showing beneath it. A row still partly hidden behind the
 * sticky header does not count, or the header would name the group above the
 * rows a person reads under it. `placed` is in the order of the rows.
 */
export function groupShownBelow(rows: readonly ListRow[], placed: readonly PlacedRow[], edge: number): GroupRow | undefined {
  const first = placed.find((row) => row.end > edge) ?? placed.at(-1);
  for (let i = Math.min(first?.index ?? 0, rows.length - 1); i >= 0; i--) {
    const row = rows[i];
    if (row?.type === 'group') return row;
  }
  return undefined;
}

const actionPhrases: Record<DriverAction, string> = {
  configure: 'configuration',
  install: 'installation',
  remove: 'removal',
};

/** "msacm.imaadpcm (installation), fx.restart (configuration)". */
export function describeRestarts(requirements: readonly RestartRequirement[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of requirements) {
    const text = `${r.alias} (${actionPhrases[r.action]})`;
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return parts.join(', ');
}
