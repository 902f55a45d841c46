/**
 * Reads and writes the places a change touches, exactly: registry values with
 * their type and bytes in a chosen view, system.ini lines, and driver files.
 * The only module that writes to the machine's driver registrations.
 */
import { createHash, randomUUID } from 'node:crypto';
import { constants, copyFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { RegistryView } from '../../app/views';
import { deleteLocalMachineValue, readLocalMachineValue, readLocalMachineValues, viewFlags, writeLocalMachineValue } from '../win32/advapi32';
import { readProfileSection, writeProfileString } from '../win32/kernel32';
import { parseProfileSection } from '../catalog/driverCatalog';
import { SYSTEM_INI } from '../catalog/registrationPlaces';
import type { Content, FileContent, Held, IniContent, Place, RegistryContent, Scope } from './changeSteps';

export interface MachineValues {
  read(place: Place): Content;
  /** Puts `content` (of the kind the place holds) there; null deletes. */
  write(place: Place, content: Content): void;
  /** Every value of a registry key, or every line of a system.ini section, as it is now. */
  readAll(scope: Scope): Held[];
}

/** A value's name as stored (registry and profile names compare case-insensitively), or null. */
export function storedRegistryName(view: RegistryView, key: string, name: string): string | null {
  const read = readLocalMachineValues(key, viewFlags[view]);
  if (!read.ok) return null;
  return read.values.find((v) => v.name.toLowerCase() === name.toLowerCase())?.name ?? null;
}

function iniLines(section: string): Array<{ alias: string; value: string }> {
  return parseProfileSection(readProfileSection(section, SYSTEM_INI));
}

function iniLine(section: string, name: string): { alias: string; value: string } | undefined {
  return iniLines(section).find((e) => e.alias.toLowerCase() === name.toLowerCase());
}

export function storedIniName(section: string, name: string): string | null {
  return iniLine(section, name)?.alias ?? null;
}

export function fileContent(path: string, copyFrom = path): FileContent | null {
  try {
    const bytes = readFileSync(path);
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, copyFrom };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Puts a kept copy in place only once its bytes are the ones the journal
 * recorded: copied beside the target (same folder, so the rename is one
 * step), hashed, then renamed over it. A copy that changed never reaches the
 * target, not even for a moment.
 */
function putFile(path: string, file: FileContent): void {
  const staged = `${path}.${randomUUID()}.new`;
  try {
    copyFileSync(file.copyFrom, staged, constants.COPYFILE_EXCL);
    if (fileContent(staged)?.sha256 !== file.sha256) {
      throw new Error(`${file.copyFrom} does not hold the bytes the journal recorded for ${path} (SHA-256 ${file.sha256.slice(0, 16)}…), so it was not put in place`);
    }
    renameSync(staged, path);
  } finally {
    rmSync(staged, { force: true });
  }
}

export const machineValues: MachineValues = {
  read(place) {
    switch (place.where) {
      case 'registry': {
        const value = readLocalMachineValue(place.key, place.name, viewFlags[place.view]);
        return value ? { type: value.type, data: value.data.toString('base64') } : null;
      }
      case 'system.ini': {
        const line = iniLine(place.section, place.name);
        return line ? { text: line.value } : null;
      }
      case 'file':
        return fileContent(place.path);
    }
  },
  write(place, content) {
    switch (place.where) {
      case 'registry': {
        const flag = viewFlags[place.view];
        const value = content as RegistryContent | null;
        if (value) writeLocalMachineValue(place.key, { name: place.name, type: value.type, data: Buffer.from(value.data, 'base64') }, flag);
        else deleteLocalMachineValue(place.key, place.name, flag);
        return;
      }
      case 'system.ini': {
        const line = content as IniContent | null;
        writeProfileString(place.section, place.name, line ? line.text : null, SYSTEM_INI);
        return;
      }
      case 'file': {
        const file = content as FileContent | null;
        if (file) putFile(place.path, file);
        else rmSync(place.path, { force: true });
        return;
      }
    }
  },
  readAll(scope) {
    if (scope.where === 'system.ini') {
      return iniLines(scope.section).map(({ alias, value }) => ({ where: 'system.ini', section: scope.section, name: alias, content: { text: value } }));
    }
    const read = readLocalMachineValues(scope.key, viewFlags[scope.view]);
    if (!read.ok && !read.missing) throw new Error(`HKLM\\${scope.key} (${scope.view}) could not be read (Windows error ${read.status})`);
    const values = read.ok ? read.values : [];
    return values.map((v) => ({ where: 'registry', view: scope.view, key: scope.key, name: v.name, content: { type: v.type, data: v.data.toString('base64') } }));
  },
};
