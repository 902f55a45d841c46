/**
 * Pure rules that turn what the registry and system.ini say into driver
 * entries. No Win32 calls here, so the rules are unit-tested under plain Node.
 */
import type { Disabler, DriverEntry, DriverSource, FileDetails, ProbeResult, QuarantineRecord } from '../../app/drivers';
import { NATIVE_VIEW, registryViews, type RegistryView } from '../../app/views';
import { aliasProblem } from '../../app/aliases';
import { classifyAlias } from '../../app/drivers';
import { describeQuarantine, unexpandedProblem, unopenableWhy } from '../../app/faults';
import { describeDisabled } from './registrationPlaces';

/** One `alias=value` registration as read from one place. */
export interface Registration {
  alias: string;
  value: string;
  source: DriverSource;
  view: RegistryView;
  /** Null for a registration Winmm reads; else who moved it aside. */
  disabledBy: Disabler | null;
  /**
   * A REG_EXPAND_SZ value as written, when this machine's Winmm opens it so
   * rather than expanded (Wine's; Windows' expands it): `value` is expanded.
   */
  unexpanded?: string;
}

/** All registrations of one alias in one registry view (enabled, or disabled by one tool), merged. */
export interface MergedRegistration {
  alias: string;
  view: RegistryView;
  disabledBy: Disabler | null;
  /** The value Winmm will use: the registry's, which OpenDriver consults before system.ini. */
  value: string;
  sources: DriverSource[];
  /** See Registration.unexpanded: the registry's value, when it is one. */
  unexpanded?: string;
}

/**
 * A registration the panel lists but never opens: a value that names no driver
 * file as Winmm reads it, or an alias that is not safe to hand to OpenDriver.
 */
export interface UnreadableValue {
  alias: string;
  view: RegistryView;
  source: DriverSource;
  disabledBy: Disabler | null;
  /** What is wrong, what Winmm does with it, and what to do: shown as the entry's status detail. */
  reason: string;
  /** The value as registered, when it is a string, to show which file it names. */
  value: string | null;
  /**
   * Whether Winmm skips the registry value and reads system.ini's registration
   * of the alias instead (it does so only when it cannot read the value).
   */
  winmmReadsIni: boolean;
}

// winnt.h value types; kept here (not in the advapi32 binding) so these rules load without koffi.
const REG_SZ = 1;
const REG_EXPAND_SZ = 2;
const registryTypeNames = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN',
  'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR',
  'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD',
];

/** A drivers.desc value: the text of a string value up to its first NUL, trimmed; null when there is none. */
export function decodeDescription(type: number, data: Buffer): string | null {
  if (type !== REG_SZ && type !== REG_EXPAND_SZ) return null;
  return data.toString('utf16le').replace(/\0.*$/s, '').trim() || null;
}

/**
 * OpenDriver reads a registration into a buffer of MAX_PATH + 1 characters
 * (Winmm's driver.c): a longer registry value fails with ERROR_MORE_DATA and
 * Winmm falls back to system.ini; a longer system.ini value is cut short.
 */
export const WINMM_VALUE_CHARS = 260;
const WINMM_VALUE_BYTES = (WINMM_VALUE_CHARS + 1) * 2;

function aliasEntry(alias: string, view: RegistryView, source: DriverSource, value: string, disabledBy: Disabler | null): UnreadableValue {
  const reason = `The panel does not open this driver: its alias ${aliasProblem(alias) ?? ''}. Give the driver a plain alias (such as msacm.name), or remove the registration.`;
  return { alias, view, source, disabledBy, reason, value, winmmReadsIni: false };
}

export type DecodedValue =
  | { ok: true; value: string; expand: boolean }
  | { ok: false; unreadable: UnreadableValue };

/**
 * Decodes a Drivers32 registry value exactly as OpenDriver reads it: not
 * trimmed, and unusable when it is not a string, is empty, begins with a space
 * (Winmm's file name ends at the first space, so it would be empty), or is too
 * long for Winmm's buffer. Each unusable value gets what Winmm will do with it.
 */
export function decodeRegistryValue(name: string, type: number, data: Buffer, view: RegistryView, disabledBy: Disabler | null = null): DecodedValue {
  const skip = (why: string, value: string | null = null, winmmReadsIni = false): DecodedValue => ({
    ok: false,
    unreadable: { alias: name, view, source: 'registry', disabledBy, reason: `Winmm cannot load a driver from this registry value: ${why}. Correct or remove the value.`, value, winmmReadsIni },
  });
  if (name === '') return skip('the key\'s default value is not a driver registration');
  if (type !== REG_SZ && type !== REG_EXPAND_SZ) {
    const typeName = registryTypeNames[type] ?? `type ${type}`;
    return skip(`it is a ${typeName} value; a driver registration must be REG_SZ or REG_EXPAND_SZ`);
  }
  const value = data.toString('utf16le').replace(/\0.*$/s, '');
  if (data.length > WINMM_VALUE_BYTES) {
    return skip(`it is ${Math.ceil(data.length / 2) - 1} characters long, and Winmm reads at most ${WINMM_VALUE_CHARS}, so it ignores it and looks in system.ini instead`, value, true);
  }
  if (value.trim() === '') return skip('it is empty, so it names no driver file', null);
  if (value.startsWith(' ')) return skip('it begins with a space; Winmm takes the file name to end at the first space, so it reads an empty file name', value);
  if (aliasProblem(name)) return { ok: false, unreadable: aliasEntry(name, view, 'registry', value, disabledBy) };
  return { ok: true, value, expand: type === REG_EXPAND_SZ };
}

/**
 * A [drivers32] line of system.ini as OpenDriver reads it: at most
 * WINMM_VALUE_CHARS characters; an unsafe alias is listed but never opened.
 */
export function decodeProfileEntry(alias: string, value: string, view: RegistryView, disabledBy: Disabler | null = null): DecodedValue {
  const read = value.slice(0, WINMM_VALUE_CHARS);
  if (aliasProblem(alias)) return { ok: false, unreadable: aliasEntry(alias, view, 'system.ini', read, disabledBy) };
  return { ok: true, value: read, expand: false };
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

/**
 * Splits a registered value the way Winmm does: the file name ends at the
 * first space; the parameters start after the spaces that follow it.
 */
export function splitRegisteredValue(value: string): { file: string; parameters: string | null } {
  const space = value.indexOf(' ');
  if (space < 0) return { file: value, parameters: null };
  return { file: value.slice(0, space), parameters: value.slice(space + 1).replace(/^ +/, '') || null };
}

/** Disabled registrations get ids of their own: the same alias may be registered again while one is disabled. */
export function driverId(view: RegistryView, alias: string, disabledBy: Disabler | null): string {
  return `${view}${disabledBy ? ` disabled-by-${disabledBy}` : ''}:${alias.toLowerCase()}`;
}

/** The view a driverId names. */
export function viewOfDriverId(id: string): RegistryView {
  return registryViews.find((view) => id.startsWith(view)) ?? NATIVE_VIEW;
}

/**
 * Decides, for each alias, which registration Winmm uses when one of them is
 * unusable. Winmm reads the registry first and falls back to system.ini only
 * when it cannot read the value (too long): then the system.ini registration
 * is the driver, and the unusable value a note. Otherwise the unusable value
 * is what Winmm would use, so it is listed and system.ini's registration is
 * shadowed. The key's default value names no alias at all: a note.
 */
export function placeUnreadable(
  registrations: readonly MergedRegistration[],
  unreadable: readonly UnreadableValue[],
): { registrations: MergedRegistration[]; entries: UnreadableValue[]; notes: string[] } {
  const readable = new Map(registrations.map((r) => [driverId(r.view, r.alias, r.disabledBy), r]));
  const entries = new Map<string, UnreadableValue>();
  const notes: string[] = [];
  for (const value of unreadable) {
    const id = driverId(value.view, value.alias, value.disabledBy);
    const other = readable.get(id);
    if (value.alias === '') notes.push(`Drivers32 (${value.view}) has a default value, which is not a driver registration.`);
    else if (other && value.winmmReadsIni) notes.push(`${value.alias} (${value.view}): ${value.reason} The system.ini registration, which Winmm uses, is listed.`);
    else if (!entries.has(id) || value.source === 'registry') {
      if (other) {
        readable.delete(id);
        notes.push(`${value.alias} (${value.view}): the system.ini registration is not used, because Winmm reads the registry value first.`);
      }
      entries.set(id, value);
    }
  }
  return { registrations: [...readable.values()], entries: [...entries.values()], notes };
}

/**
 * Merges registrations by (view, alias), case-insensitively as the registry
 * and the profile API compare names. The registry's value wins over
 * system.ini's because OpenDriver looks there first.
 */
export function mergeRegistrations(registrations: readonly Registration[]): MergedRegistration[] {
  const merged = new Map<string, MergedRegistration>();
  for (const reg of registrations) mergeInto(merged, reg);
  return [...merged.values()].sort(compareRegistrations);
}

/** Adds one registration to those merged so far (keyed by driver id); returns its merged registration. */
export function mergeInto(merged: Map<string, MergedRegistration>, reg: Registration): MergedRegistration {
  const id = driverId(reg.view, reg.alias, reg.disabledBy);
  const existing = merged.get(id);
  if (!existing) {
    const added: MergedRegistration = { alias: reg.alias, view: reg.view, disabledBy: reg.disabledBy, value: reg.value, sources: [reg.source], ...unexpandedOf(reg) };
    merged.set(id, added);
    return added;
  }
  if (!existing.sources.includes(reg.source)) existing.sources.push(reg.source);
  if (reg.source === 'registry') {
    existing.value = reg.value;
    existing.alias = reg.alias;
    Object.assign(existing, unexpandedOf(reg));
  }
  return existing;
}

const unexpandedOf = (reg: Registration): Pick<Registration, 'unexpanded'> => (reg.unexpanded === undefined ? {} : { unexpanded: reg.unexpanded });

function compareRegistrations(a: MergedRegistration, b: MergedRegistration): number {
  return a.view.localeCompare(b.view) || a.alias.toLowerCase().localeCompare(b.alias.toLowerCase()) || (a.disabledBy ?? '').localeCompare(b.disabledBy ?? '');
}

export function missingFileDetail(file: string, view: RegistryView): string {
  return `The file "${file}" was not found in the ${view} system directory or on the search path. Reinstall the driver, or remove its registration.`;
}

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
    const { alias, view, source, reason, value, disabledBy } = registration.value;
    const { file, parameters } = value === null ? { file: '', parameters: null } : splitRegisteredValue(value);
    return {
      id: driverId(view, alias, disabledBy),
      alias,
      kind: classifyAlias(alias),
      file,
      parameters,
      sources: [source],
      view,
      disabledBy,
      details: null,
      status: 'unreadable-value',
      statusDetail: reason,
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
    id: driverId(reg.view, reg.alias, reg.disabledBy),
    alias: reg.alias,
    kind: classifyAlias(reg.alias),
    file,
    parameters,
    sources: reg.sources,
    view: reg.view,
    disabledBy: reg.disabledBy,
    details: facts.details,
    status,
    statusDetail,
    // A registration that cannot work here is never opened: nothing offers to load it.
    openable: status === 'ok' || (status === 'open-failed' && unopenableDetail(facts, reg) === null),
    probe: facts.probe,
    quarantine: facts.quarantine,
    pending: facts.pending,
    revision,
  };
}

function statusOf(facts: EntryFacts, reg: MergedRegistration, file: string): [DriverEntry['status'], string | null] {
  if (reg.disabledBy) return ['disabled', describeDisabled(reg.disabledBy)];
  const unopenable = unopenableDetail(facts, reg);
  if (unopenable) return ['open-failed', unopenable];
  if (facts.details && facts.details.path === null) return ['missing-file', missingFileDetail(file, reg.view)];
  if (facts.quarantine) return ['quarantined', describeQuarantine(facts.quarantine)];
  if (facts.openFailure) return ['open-failed', facts.openFailure];
  return ['ok', null];
}

/**
 * Why this machine's Winmm cannot open the registration as it stands, known
 * without loading it; null when only loading it tells. A value Wine's Winmm
 * takes literally, or a file whose bytes show it is no driver of the view.
 */
function unopenableDetail(facts: EntryFacts, reg: MergedRegistration): string | null {
  const problem = facts.details?.loadProblem;
  if (reg.unexpanded !== undefined) return `Winmm cannot open it: ${unexpandedProblem(reg.unexpanded, Boolean(facts.details?.path) && !problem)}.`;
  return problem ? `Winmm cannot open it, and its file shows why: ${unopenableWhy(problem)}` : null;
}

/**
 * The file a 32-bit program opens for `path`: WOW64 redirects System32 to
 * SysWOW64, so a 32-bit registration of "C:\Windows\System32\x.acm" loads the
 * x86 build from SysWOW64, not the x64 one a 64-bit process finds there.
 */
export function redirectedPath(path: string, systemDir: string | null, wow64Dir: string | null): string {
  if (!systemDir || !wow64Dir) return path;
  const folder = `${systemDir.replace(/\\+$/, '')}\\`;
  return path.toLowerCase().startsWith(folder.toLowerCase()) ? `${wow64Dir.replace(/\\+$/, '')}\\${path.slice(folder.length)}` : path;
}
