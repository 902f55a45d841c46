/**
 * Pure rules that turn what the registry and system.ini say into driver
 * entries. No Win32 calls here, so the rules are unit-tested under plain Node.
 */
import type { DriverEntry, DriverSource, FileDetails, ProbeResult, QuarantineRecord, RegistryView } from '../../app/drivers';
import { classifyAlias } from '../../app/drivers';
import { describeQuarantine } from '../../app/faults';

/** One `alias=value` registration as read from one place. */
export interface Registration {
  alias: string;
  value: string;
  source: DriverSource;
  view: RegistryView;
}

/** All registrations of one alias in one registry view, merged. */
export interface MergedRegistration {
  alias: string;
  view: RegistryView;
  /** The value Winmm will use: the registry's, which OpenDriver consults before system.ini. */
  value: string;
  sources: DriverSource[];
}

/** A Drivers32 value that names no driver file (wrong type, empty): listed with the reason, never opened. */
export interface UnreadableValue {
  alias: string;
  view: RegistryView;
  reason: string;
}

// winnt.h value types; kept here (not in the advapi32 binding) so these rules load without koffi.
const REG_SZ = 1;
const REG_EXPAND_SZ = 2;
const registryTypeNames = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN',
  'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR',
  'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD',
];

export type DecodedValue =
  | { ok: true; value: string; expand: boolean }
  | { ok: false; unreadable: UnreadableValue };

/** Decodes a Drivers32 registry value; anything but a non-empty string is unreadable, with the reason. */
export function decodeRegistryValue(name: string, type: number, data: Buffer, view: RegistryView): DecodedValue {
  const skip = (reason: string): DecodedValue => ({ ok: false, unreadable: { alias: name, view, reason } });
  if (name === '') return skip('the key\'s default value is not a driver registration');
  if (type !== REG_SZ && type !== REG_EXPAND_SZ) {
    const typeName = registryTypeNames[type] ?? `type ${type}`;
    return skip(`${typeName} value; a driver registration must be REG_SZ or REG_EXPAND_SZ`);
  }
  const value = data.toString('utf16le').replace(/\0.*$/s, '').trim();
  if (value === '') return skip('empty value; no driver file is registered');
  return { ok: true, value, expand: type === REG_EXPAND_SZ };
}

/** Parses the `alias=value` lines of the [drivers32] section. */
export function parseProfileSection(lines: readonly string[]): Array<{ alias: string; value: string }> {
  return lines.flatMap((line) => {
    const eq = line.indexOf('=');
    if (eq <= 0) return [];
    const alias = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    return alias && value ? [{ alias, value }] : [];
  });
}

/** Splits a registered value the way Winmm does: the file name ends at the first space. */
export function splitRegisteredValue(value: string): { file: string; parameters: string | null } {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) return { file: trimmed, parameters: null };
  return { file: trimmed.slice(0, space), parameters: trimmed.slice(space + 1).trim() || null };
}

export function driverId(view: RegistryView, alias: string): string {
  return `${view}:${alias.toLowerCase()}`;
}

/**
 * Unreadable values become entries of their own unless a readable registration
 * of the same alias exists (system.ini's, in the same view), which Winmm would
 * not use either; such a clash is told as a note instead. The key's default
 * value names no alias at all: a note too.
 */
export function placeUnreadable(
  registrations: readonly MergedRegistration[],
  unreadable: readonly UnreadableValue[],
): { entries: UnreadableValue[]; notes: string[] } {
  const readable = new Set(registrations.map((r) => driverId(r.view, r.alias)));
  const entries: UnreadableValue[] = [];
  const notes: string[] = [];
  for (const value of unreadable) {
    if (value.alias === '') notes.push(`Drivers32 (${value.view}) has a default value; ${value.reason}.`);
    else if (readable.has(driverId(value.view, value.alias))) notes.push(`${value.alias} (${value.view}): the registry value is unreadable (${value.reason}); the system.ini registration is listed instead.`);
    else entries.push(value);
  }
  return { entries, notes };
}

/**
 * Merges registrations by (view, alias), case-insensitively as the registry
 * and the profile API compare names. The registry's value wins over
 * system.ini's because OpenDriver looks there first.
 */
export function mergeRegistrations(registrations: readonly Registration[]): MergedRegistration[] {
  const merged = new Map<string, MergedRegistration>();
  for (const reg of registrations) {
    const id = driverId(reg.view, reg.alias);
    const existing = merged.get(id);
    if (!existing) {
      merged.set(id, { alias: reg.alias, view: reg.view, value: reg.value, sources: [reg.source] });
      continue;
    }
    if (!existing.sources.includes(reg.source)) existing.sources.push(reg.source);
    if (reg.source === 'registry') {
      existing.value = reg.value;
      existing.alias = reg.alias;
    }
  }
  return [...merged.values()].sort(compareRegistrations);
}

function compareRegistrations(a: MergedRegistration, b: MergedRegistration): number {
  return a.view.localeCompare(b.view) || a.alias.toLowerCase().localeCompare(b.alias.toLowerCase());
}

/** Whether a file name names a path rather than a bare file the loader searches for. */
export function isPathLike(name: string): boolean {
  return /[\\/:]/.test(name);
}

export const MAX_ALIAS_LENGTH = 255;

export function missingFileDetail(file: string, view: RegistryView): string {
  return `The file "${file}" was not found in the ${view} system directory or on the search path. Reinstall the driver, or remove its registration.`;
}

/** The panel ships as an x64 program: it can open only drivers registered in the 64-bit view. */
export const NATIVE_VIEW: RegistryView = '64-bit';

/** Everything the panel knows about one registration; the entry shown everywhere is derived from it. */
export interface EntryFacts {
  registration: { kind: 'value'; reg: MergedRegistration } | { kind: 'unreadable'; value: UnreadableValue };
  /** Null until the file has been looked for. */
  details: FileDetails | null;
  probe: ProbeResult | null;
  /** Why the last attempt to open the driver failed, when it did. */
  openFailure: string | null;
  quarantine: QuarantineRecord | null;
  pending: DriverEntry['pending'];
}

/**
 * The entry a person and a program see, and the one rule for whether the panel
 * may open the driver on its own: a readable 64-bit registration whose file is
 * there (or not yet looked for) and that is not quarantined.
 */
export function deriveEntry(facts: EntryFacts, revision: number): DriverEntry {
  const { registration } = facts;
  if (registration.kind === 'unreadable') {
    const { alias, view, reason } = registration.value;
    return {
      id: driverId(view, alias),
      alias,
      kind: classifyAlias(alias),
      file: '',
      parameters: null,
      sources: ['registry'],
      view,
      details: null,
      status: 'unreadable-value',
      statusDetail: `The registry value cannot name a driver: ${reason}. Winmm cannot load it; correct or remove the value.`,
      openable: false,
      probe: null,
      quarantine: null,
      pending: null,
      revision,
    };
  }
  const { reg } = registration;
  const { file, parameters } = splitRegisteredValue(reg.value);
  const [status, statusDetail] = statusOf(facts, reg, file);
  return {
    id: driverId(reg.view, reg.alias),
    alias: reg.alias,
    kind: classifyAlias(reg.alias),
    file,
    parameters,
    sources: reg.sources,
    view: reg.view,
    details: facts.details,
    status,
    statusDetail,
    openable: status === 'ok' || status === 'open-failed',
    probe: facts.probe,
    quarantine: facts.quarantine,
    pending: facts.pending,
    revision,
  };
}

function statusOf(facts: EntryFacts, reg: MergedRegistration, file: string): [DriverEntry['status'], string | null] {
  if (facts.details && facts.details.path === null) return ['missing-file', missingFileDetail(file, reg.view)];
  if (reg.view !== NATIVE_VIEW) {
    return [
      'other-architecture',
      `Registered for ${reg.view} programs. This ${NATIVE_VIEW} panel lists it but cannot open it; configure it from a ${reg.view} program.`,
    ];
  }
  if (facts.quarantine) return ['quarantined', describeQuarantine(facts.quarantine)];
  if (facts.openFailure) return ['open-failed', facts.openFailure];
  return ['ok', null];
}
