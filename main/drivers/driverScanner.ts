/**
 * Finds every registered installable driver: both registry views of the
 * Drivers32 key and the [drivers32] section of system.ini, then resolves each
 * file and reads its version resource.
 */
import type { DriverEntry, RegistryView, SkippedValue, VersionFields } from '../../app/drivers';
import { classifyAlias, emptyVersion } from '../../app/drivers';
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
  decodeRegistryValue,
  driverId,
  isPathLike,
  mergeRegistrations,
  parseProfileSection,
  splitRegisteredValue,
  type MergedRegistration,
  type Registration,
} from './driverCatalog';

export const DRIVERS32_KEY = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
export const DRIVERS32_SECTION = 'drivers32';

/** The panel ships as an x64 program: it can open only drivers registered in the 64-bit view. */
export const NATIVE_VIEW: RegistryView = '64-bit';

const views: ReadonlyArray<{ view: RegistryView; flag: number }> = [
  { view: '64-bit', flag: KEY_WOW64_64KEY },
  { view: '32-bit', flag: KEY_WOW64_32KEY },
];

export interface RegistrationScan {
  registrations: MergedRegistration[];
  skipped: SkippedValue[];
}

/** Reads the registrations only: cheap enough to repeat before every driver call. */
export function scanRegistrations(): RegistrationScan {
  const found: Registration[] = [];
  const skipped: SkippedValue[] = [];
  for (const { view, flag } of views) {
    const read = readLocalMachineValues(DRIVERS32_KEY, flag);
    if (!read.ok) {
      if (!read.missing) skipped.push({ name: '(Drivers32 key)', view, reason: `the key could not be read (error ${read.status})` });
      continue;
    }
    for (const raw of read.values) {
      const decoded = decodeRegistryValue(raw.name, raw.type, raw.data, view);
      if (!decoded.ok) {
        skipped.push(decoded.skipped);
        continue;
      }
      const value = decoded.expand ? expandEnvironmentStrings(decoded.value) : decoded.value;
      found.push({ alias: raw.name, value, source: 'registry', view });
    }
  }
  for (const { alias, value } of parseProfileSection(readProfileSection(DRIVERS32_SECTION, 'system.ini'))) {
    found.push({ alias, value, source: 'system.ini', view: NATIVE_VIEW });
  }
  return { registrations: mergeRegistrations(found), skipped };
}

/** A full entry for the list: where the file is, whether it exists, what its version resource says. */
export function describeRegistration(reg: MergedRegistration): DriverEntry {
  const { file, parameters } = splitRegisteredValue(reg.value);
  const path = resolveDriverFile(file, reg.view);
  const entry: DriverEntry = {
    id: driverId(reg.view, reg.alias),
    alias: reg.alias,
    kind: classifyAlias(reg.alias),
    file,
    parameters,
    path,
    exists: path !== null,
    sources: reg.sources,
    view: reg.view,
    version: path ? readVersionFields(path) : emptyVersion,
    status: 'ok',
    statusDetail: null,
    probe: null,
  };
  return { ...entry, ...initialStatus(entry) };
}

function initialStatus(entry: DriverEntry): Pick<DriverEntry, 'status' | 'statusDetail'> {
  if (!entry.exists) {
    return {
      status: 'missing-file',
      statusDetail: missingFileDetail(entry.file, entry.view),
    };
  }
  if (entry.view !== NATIVE_VIEW) {
    return {
      status: 'other-architecture',
      statusDetail: `Registered for ${entry.view} programs. This ${NATIVE_VIEW} panel lists it but cannot open it; configure it from a ${entry.view} program.`,
    };
  }
  return { status: 'ok', statusDetail: null };
}

export function missingFileDetail(file: string, view: RegistryView): string {
  return `The file "${file}" was not found in the ${view} system directory or on the search path. Reinstall the driver, or remove its registration.`;
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
