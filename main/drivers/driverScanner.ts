/**
 * Finds every registered installable driver: both registry views of the
 * Drivers32 key and the [drivers32] section of system.ini; then, separately,
 * each registration's file: where the loader finds it, its size and time, and
 * its version resource. Runs in the catalog worker, off the panel's main thread.
 */
import { statSync, type Stats } from 'node:fs';
import type { Disabler, FileDetails, FileIdentity, RegistryView, VersionFields } from '../../app/drivers';
import { disablers, emptyVersion } from '../../app/drivers';
import { SYSTEM_INI, keyFor, sectionFor } from '../changes/registrationPlaces';
import { KEY_WOW64_32KEY, KEY_WOW64_64KEY, readLocalMachineValues } from '../win32/advapi32';
import {
  expandEnvironmentStrings,
  readProfileSection,
  searchPath,
  systemDirectory,
  systemWow64Directory,
} from '../win32/kernel32';
import { readVersionBlock, versionString, versionTranslations } from '../win32/version';
import {
  NATIVE_VIEW,
  decodeProfileEntry,
  decodeRegistryValue,
  isPathLike,
  mergeRegistrations,
  parseProfileSection,
  placeUnreadable,
  splitRegisteredValue,
  type MergedRegistration,
  type Registration,
  type UnreadableValue,
} from './driverCatalog';

const views: ReadonlyArray<{ view: RegistryView; flag: number }> = [
  { view: '64-bit', flag: KEY_WOW64_64KEY },
  { view: '32-bit', flag: KEY_WOW64_32KEY },
];

export interface RegistrationScan {
  registrations: MergedRegistration[];
  unreadable: UnreadableValue[];
  /** What is not about one registration: a key that could not be read, a default value. */
  notes: string[];
}

interface Found {
  found: Registration[];
  unreadable: UnreadableValue[];
  notes: string[];
}

/** Reads the registrations only (registry and system.ini), enabled and disabled: what a person sees first. */
export function scanRegistrations(): RegistrationScan {
  const all: Found = { found: [], unreadable: [], notes: [] };
  for (const disabledBy of [null, ...disablers]) {
    for (const { view, flag } of views) readKey(all, view, flag, disabledBy);
    const section = sectionFor(disabledBy);
    if (section) readSection(all, section, disabledBy);
  }
  const { found, unreadable, notes } = all;
  const placed = placeUnreadable(mergeRegistrations(found), unreadable);
  return { registrations: placed.registrations, unreadable: placed.entries, notes: [...notes, ...placed.notes] };
}

function readKey(into: Found, view: RegistryView, flag: number, disabledBy: Disabler | null): void {
  const read = readLocalMachineValues(keyFor(disabledBy), flag);
  if (!read.ok) {
    if (!read.missing) into.notes.push(`The ${disabledBy ? 'disabled drivers\' key' : 'Drivers32 key'} (${view}) could not be read (error ${read.status}); its drivers are not listed.`);
    return;
  }
  for (const raw of read.values) {
    const decoded = decodeRegistryValue(raw.name, raw.type, raw.data, view, disabledBy);
    if (!decoded.ok) {
      into.unreadable.push(decoded.unreadable);
      continue;
    }
    const value = decoded.expand ? expandEnvironmentStrings(decoded.value) : decoded.value;
    into.found.push({ alias: raw.name, value, source: 'registry', view, disabledBy });
  }
}

/** system.ini serves the native view only: a 64-bit Winmm reads it. */
function readSection(into: Found, section: string, disabledBy: Disabler | null): void {
  for (const { alias, value } of parseProfileSection(readProfileSection(section, SYSTEM_INI))) {
    const decoded = decodeProfileEntry(alias, value, NATIVE_VIEW, disabledBy);
    if (decoded.ok) into.found.push({ alias, value: decoded.value, source: 'system.ini', view: NATIVE_VIEW, disabledBy });
    else into.unreadable.push(decoded.unreadable);
  }
}

/** Where the registered file is, its size and time, and what its version resource says. */
export function readFileDetails(value: string, view: RegistryView): FileDetails {
  const path = resolveDriverFile(splitRegisteredValue(value).file, view);
  if (!path) return { path: null, identity: null, created: null, version: emptyVersion, signature: null };
  const stat = statOrNull(path);
  const identity: FileIdentity | null = stat ? { path, size: stat.size, modified: stat.mtime.toISOString() } : null;
  return { path, identity, created: stat?.birthtime.toISOString() ?? null, version: readVersionFields(path), signature: null };
}

/** A file the loader would find may still be unreadable to us (locked down, or gone since). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Where the loader would find the file: the view's system directory first (where
 * drivers are installed), then, for the native view, the loader's search order.
 */
export function resolveDriverFile(file: string, view: RegistryView): string | null {
  if (isPathLike(file)) return searchPath(null, file);
  const systemDir = view === NATIVE_VIEW ? systemDirectory() : systemWow64Directory();
  const inSystem = systemDir ? searchPath(systemDir, file) : null;
  if (inSystem || view !== NATIVE_VIEW) return inSystem;
  return searchPath(null, file);
}

const preferredTranslations = ['040904b0', '040904e4', '04090000'];

function readVersionFields(path: string): VersionFields {
  const block = readVersionBlock(path);
  if (!block) return emptyVersion;
  const translations = [...new Set([...versionTranslations(block), ...preferredTranslations])];
  const field = (name: string): string | null => {
    for (const t of translations) {
      const value = versionString(block, t, name);
      if (value) return value;
    }
    return null;
  };
  return {
    fileDescription: field('FileDescription'),
    companyName: field('CompanyName'),
    fileVersion: field('FileVersion'),
    productName: field('ProductName'),
  };
}
