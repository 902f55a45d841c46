/**
 * Finds every registered installable driver: both registry views of the
 * Drivers32 key and the [drivers32] section of system.ini; then, separately,
 * each registration's file: where the loader finds it, its size and time, and
 * its version resource. The registrations are read where the service runs
 * (thousands take milliseconds); the files in the catalog worker, off its thread.
 */
import { win32 } from 'node:path';
import type { Disabler, FileDetails, FileIdentity, VersionFields } from '../../app/drivers';
import { REGISTRATIONS_PER_BATCH, disablers, emptyVersion } from '../../app/drivers';
import { NATIVE_VIEW, registryViews, type RegistryView } from '../../app/views';
import { isPathLike } from '../../app/aliases';
import { DRIVERS_DESC_KEY, SYSTEM_INI, keyFor, mediaResourceKeys, sectionFor } from './registrationPlaces';
import { redirectedPath } from './driverCatalog';
import { localMachineSubkeys, localMachineValues, readLocalMachineValues, viewFlags } from '../win32/advapi32';
import {
  expandEnvironmentStrings,
  fileTimesAndSize,
  readProfileSection,
  searchPath,
  systemDirectory,
  systemWow64Directory,
} from '../win32/kernel32';
import { readVersionBlock, versionString, versionTranslations } from '../win32/version';
import { fileLoadProblem } from './driverFile';
import { runsUnderWine } from '../win32/ntdll';
import {
  decodeDescription,
  decodeProfileEntry,
  decodeRegistryValue,
  mergeInto,
  mergeRegistrations,
  parseProfileSection,
  placeUnreadable,
  splitRegisteredValue,
  type MergedRegistration,
  type Registration,
  type UnreadableValue,
} from './driverCatalog';

export interface RegistrationScan {
  registrations: MergedRegistration[];
  unreadable: UnreadableValue[];
  /** What is not about one registration: a key that could not be read, a default value. */
  notes: string[];
}

/** One thing a scan comes across: a registration, a value it cannot use, or a note about a whole place. */
type ScanItem = { kind: 'found'; reg: Registration } | { kind: 'unreadable'; value: UnreadableValue } | { kind: 'note'; note: string };

/** Reads the registrations only (registry and system.ini), enabled and disabled: what a person sees first. */
export function scanRegistrations(): RegistrationScan {
  return scanned([...readPlaces()]);
}

/**
 * The same scan, handing on the registrations found so far in batches, the
 * event loop free in between: thousands of values take longer to read than a
 * person should wait for the first rows (a registry round trip each, about
 * 45 µs under Wine). A batch is provisional: a later place (system.ini) can
 * add to a registration, and only the result is the listing.
 */
export async function streamRegistrations(onFound: (found: MergedRegistration[]) => void): Promise<RegistrationScan> {
  const items: ScanItem[] = [];
  const merged = new Map<string, MergedRegistration>();
  let batch = new Set<MergedRegistration>();
  for (const item of readPlaces()) {
    items.push(item);
    if (item.kind !== 'found') continue;
    batch.add(mergeInto(merged, item.reg));
    if (batch.size < REGISTRATIONS_PER_BATCH) continue;
    onFound([...batch].map((reg) => ({ ...reg, sources: [...reg.sources] })));
    batch = new Set();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return scanned(items);
}

function scanned(items: readonly ScanItem[]): RegistrationScan {
  const found: Registration[] = [];
  const unreadable: UnreadableValue[] = [];
  const notes: string[] = [];
  for (const item of items) {
    if (item.kind === 'found') found.push(item.reg);
    else if (item.kind === 'unreadable') unreadable.push(item.value);
    else notes.push(item.note);
  }
  const placed = placeUnreadable(mergeRegistrations(found), unreadable);
  return { registrations: placed.registrations, unreadable: placed.entries, notes: [...notes, ...placed.notes] };
}

/** Every place a registration can be, in the order Winmm looks: the Drivers32 key, then system.ini, then the disabled ones. */
function* readPlaces(): Generator<ScanItem> {
  for (const disabledBy of [null, ...disablers]) {
    for (const view of registryViews) yield* readKey(view, disabledBy);
    const section = sectionFor(disabledBy);
    if (section) yield* readSection(section, disabledBy);
  }
}

function* readKey(view: RegistryView, disabledBy: Disabler | null): Generator<ScanItem> {
  const values = localMachineValues(keyFor(disabledBy), viewFlags[view]);
  for (let next = values.next(); ; next = values.next()) {
    if (next.done) {
      const end = next.value;
      if (!end.ok && !end.missing) {
        yield { kind: 'note', note: `The ${disabledBy ? 'disabled drivers\' key' : 'Drivers32 key'} (${view}) could not be read (error ${end.status}); its drivers are not listed.` };
      }
      return;
    }
    const raw = next.value;
    const decoded = decodeRegistryValue(raw.name, raw.type, raw.data, view, disabledBy);
    if (!decoded.ok) {
      yield { kind: 'unreadable', value: decoded.unreadable };
      continue;
    }
    const value = decoded.expand ? expandEnvironmentStrings(decoded.value) : decoded.value;
    // Only a variable in the file's name matters: Winmm hands the rest to the driver as it is.
    const literalFile = splitRegisteredValue(value).file !== splitRegisteredValue(decoded.value).file;
    const unexpanded = literalFile && winmmTakesLiterally() ? { unexpanded: decoded.value } : {};
    yield { kind: 'found', reg: { alias: raw.name, value, source: 'registry', view, disabledBy, ...unexpanded } };
  }
}

/**
 * Whether this machine's Winmm opens a REG_EXPAND_SZ registration as written:
 * Wine's does, Windows' expands it first. Asked once.
 */
const winmmTakesLiterally = ((): (() => boolean) => {
  let answer: boolean | null = null;
  return () => (answer ??= runsUnderWine());
})();

/** system.ini serves the native view only: a 64-bit Winmm reads it. */
function* readSection(section: string, disabledBy: Disabler | null): Generator<ScanItem> {
  for (const { alias, value } of parseProfileSection(readProfileSection(section, SYSTEM_INI))) {
    const decoded = decodeProfileEntry(alias, value, NATIVE_VIEW, disabledBy);
    if (decoded.ok) yield { kind: 'found', reg: { alias, value: decoded.value, source: 'system.ini', view: NATIVE_VIEW, disabledBy } };
    else yield { kind: 'unreadable', value: decoded.unreadable };
  }
}

/** What installers wrote of a registration: in drivers.desc, by its file's name in its view; in MediaResources, by its alias, for its file. */
export interface InstallerNames {
  description(file: string, view: RegistryView): string | null;
  mediaResource(alias: string, file: string): string | null;
}

/** A codec's MediaResources entry: its Description, else its FriendlyName (often only the FourCC), and the file it names. */
interface MediaResource {
  name: string;
  driver: string | null;
}

/**
 * Both views' drivers.desc and the MediaResources of video and audio codecs,
 * read once for a whole listing's files (a value read on its own costs three
 * registry round trips). Both name files and aliases in any case.
 */
export function readInstallerNames(): InstallerNames {
  const descriptions = new Map(registryViews.map((view) => [view, describedValues(DRIVERS_DESC_KEY, view)] as const));
  const resources = new Map(
    Object.values(mediaResourceKeys).flatMap((key) =>
      localMachineSubkeys(key, viewFlags[NATIVE_VIEW]).flatMap((alias) => {
        const resource = readMediaResource(key, alias);
        return resource ? [[alias.toLowerCase(), resource] as const] : [];
      }),
    ),
  );
  return {
    description: (file, view) => descriptions.get(view)?.get(fileKey(file)) ?? null,
    mediaResource: (alias, file) => resourceFor(resources.get(alias.toLowerCase()) ?? null, file),
  };
}

/** No names: for a request's admission, which needs only the file's path and identity, and would pay for reading every codec's. */
export const noInstallerNames: InstallerNames = { description: () => null, mediaResource: () => null };

function fileKey(file: string): string {
  return win32.basename(file).toLowerCase();
}

/** An entry left behind by an earlier codec of the same alias names another file: it does not name this one. */
function resourceFor(resource: MediaResource | null, file: string): string | null {
  if (!resource) return null;
  return resource.driver === null || fileKey(resource.driver) === fileKey(file) ? resource.name : null;
}

/** A key's string values by lower-case name. */
function describedValues(key: string, view: RegistryView): Map<string, string> {
  const read = readLocalMachineValues(key, viewFlags[view]);
  return new Map(
    (read.ok ? read.values : []).flatMap((v) => {
      const text = decodeDescription(v.type, v.data);
      return text ? [[v.name.toLowerCase(), text] as const] : [];
    }),
  );
}

function readMediaResource(key: string, alias: string): MediaResource | null {
  const values = describedValues(`${key}\\${alias}`, NATIVE_VIEW);
  const name = values.get('description') ?? values.get('friendlyname');
  return name ? { name, driver: values.get('driver') ?? null } : null;
}

/** Where the registered file is, its size and time, what its version resource says, and what its installer wrote of it. */
export function readFileDetails({ alias, value, view }: { alias: string; value: string; view: RegistryView }, names: InstallerNames): FileDetails {
  const { file } = splitRegisteredValue(value);
  const installerDescription = names.description(file, view);
  const mediaResource = names.mediaResource(alias, file);
  const path = resolveDriverFile(file, view);
  if (!path) return { path: null, identity: null, created: null, version: emptyVersion, installerDescription, mediaResource, signature: null, loadProblem: null };
  const found = fileTimesAndSize(path);
  const identity: FileIdentity | null = found ? { path, size: found.size, modified: found.modified } : null;
  const version = readVersionFields(path);
  return { path, identity, created: found?.created ?? null, version, installerDescription, mediaResource, signature: null, loadProblem: fileLoadProblem(path, view) };
}

/**
 * Where the loader would find the file: the view's system directory first (where
 * drivers are installed), then, for the native view, the loader's search order.
 */
export function resolveDriverFile(file: string, view: RegistryView): string | null {
  if (isPathLike(file)) return searchPath(null, view === NATIVE_VIEW ? file : redirectedPath(file, systemDirectory(), systemWow64Directory()));
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
