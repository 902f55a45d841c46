/** How drivers are named, grouped, sorted and searched in the panel: pure, so it is unit-tested. */
import type { DriverAction, DriverEntry, DriverKind, RestartRequirement } from '../app/drivers';

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

export type SortKey = 'name' | 'alias' | 'file' | 'version';

export const sortLabels: Record<SortKey, string> = {
  name: 'Name',
  alias: 'Alias',
  file: 'File',
  version: 'Version',
};

/** What a person reads as the driver's name: its description, else its alias. */
export function displayName(driver: DriverEntry): string {
  return driver.version.fileDescription ?? driver.alias;
}

export const statusLabels: Record<DriverEntry['status'], string> = {
  ok: 'OK',
  'missing-file': 'File missing',
  'other-architecture': '32-bit only',
  'open-failed': 'Failed to open',
};

export type ConfigurableState = 'unknown' | 'yes' | 'no' | 'not-applicable';

export function configurableState(driver: DriverEntry): ConfigurableState {
  if (driver.probe) return driver.probe.configurable ? 'yes' : 'no';
  return driver.status === 'ok' ? 'unknown' : 'not-applicable';
}

export function matchesSearch(driver: DriverEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = [driver.alias, driver.file, displayName(driver), driver.version.companyName ?? '', kindLabels[driver.kind]]
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function sortValue(driver: DriverEntry, key: SortKey): string {
  switch (key) {
    case 'name':
      return displayName(driver);
    case 'alias':
      return driver.alias;
    case 'file':
      return driver.file;
    case 'version':
      return driver.version.fileVersion ?? '';
  }
}

export type ListRow =
  | { type: 'group'; kind: DriverKind; label: string; count: number }
  | { type: 'driver'; driver: DriverEntry };

/** Filters, sorts and groups the drivers into the rows the list shows, groups in a fixed order. */
export function buildRows(drivers: readonly DriverEntry[], query: string, sort: SortKey): ListRow[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const visible = drivers
    .filter((d) => matchesSearch(d, query))
    .sort((a, b) => collator.compare(sortValue(a, sort), sortValue(b, sort)) || collator.compare(a.id, b.id));
  return kindOrder.flatMap((kind): ListRow[] => {
    const members = visible.filter((d) => d.kind === kind);
    if (members.length === 0) return [];
    return [
      { type: 'group', kind, label: kindLabels[kind], count: members.length },
      ...members.map((driver): ListRow => ({ type: 'driver', driver })),
    ];
  });
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
