/**
 * Finds every registered installable driver: both registry views of the
 * Drivers32 key and the [drivers32] section of system.ini; then, separately,
 * each registration's file: where the loader finds it, its size and time, and
 * its version resource. Runs in the catalog worker, off the panel's main thread.
 */
import { statSync } from 'node:fs';
import type { FileDetails, FileIdentity, RegistryView, VersionFields } from '../../app/drivers';
import { emptyVersion } from '../../app/drivers';
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

const DRIVERS32_KEY = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const DRIVERS32_SECTION = 'drivers32';

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

/** Reads the registrations only (registry and system.ini): what a person sees first. */
export function scanRegistrations(): RegistrationScan {
  const found: Registration[] = [];
  const unreadable: UnreadableValue[] = [];
  const notes: string[] = [];
  for (const { view, flag } of views) {
    const read = readLocalMachineValues(DRIVERS32_KEY, flag);
    if (!read.ok) {
      if (!read.missing) notes.push(`The Drivers32 key (${view}) could not be read (error ${read.status}); its drivers are not listed.`);
      continue;
    }
    for (const raw of read.values) {
      const decoded = decodeRegistryValue(raw.name, raw.type, raw.data, view);
      if (!decoded.ok) {
        unreadable.push(decoded.unreadable);
        continue;
      }
      const value = decoded.expand ? expandEnvironmentStrings(decoded.value) : decoded.value;
      found.push({ alias: raw.name, value, source: 'registry', view });
    }
  }
  for (const { alias, value } of parseProfileSection(readProfileSection(DRIVERS32_SECTION, 'system.ini'))) {
    const decoded = decodeProfileEntry(alias, value, NATIVE_VIEW);
    if (decoded.ok) found.push({ alias, value: decoded.value, source: 'system.ini', view: NATIVE_VIEW });
    else unreadable.push(decoded.unreadable);
  }
  const placed = placeUnreadable(mergeRegistrations(found), unreadable);
  return { registrations: placed.registrations, unreadable: placed.entries, notes: [...notes, ...placed.notes] };
}

/** Where the registered file is, its size and time, and what its version resource says. */
export function readFileDetails(value: string, view: RegistryView): FileDetails {
  const path = resolveDriverFile(splitRegisteredValue(value).file, view);
  if (!path) return { path: null, identity: null, version: emptyVersion };
  return { path, identity: fileIdentity(path), version: readVersionFields(path) };
}

function fileIdentity(path: string): FileIdentity | null {
  try {
    const stat = statSync(path);
    return { path, size: stat.size, modified: stat.mtime.toISOString() };
  } catch {
    return null;
  }
}

/**
 * Where the loader would find the file: the view's system directory first (where
 * drivers are installed), then, for the native view, the loader's search order.
 */
function resolveDriverFile(file: string, view: RegistryView): string | null {
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
