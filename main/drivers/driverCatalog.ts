/**
 * Pure rules that turn what the registry and system.ini say into driver
 * entries. No Win32 calls here, so the rules are unit-tested under plain Node.
 */
import type { DriverSource, RegistryView, SkippedValue } from '../../app/drivers';

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
  | { ok: false; skipped: SkippedValue };

/** Decodes a Drivers32 registry value; anything but a non-empty string is skipped with the reason. */
export function decodeRegistryValue(name: string, type: number, data: Buffer, view: RegistryView): DecodedValue {
  const skip = (reason: string): DecodedValue => ({ ok: false, skipped: { name, view, reason } });
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
