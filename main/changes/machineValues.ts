/**
 * Reads and writes the places a change touches, exactly: registry values with
 * their type and bytes in a chosen view, system.ini lines, and driver files.
 * The only module that writes to the machine's driver registrations.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import type { RegistryView } from '../../app/drivers';
import {
  KEY_WOW64_32KEY,
  KEY_WOW64_64KEY,
  deleteLocalMachineValue,
  readLocalMachineValue,
  readLocalMachineValues,
  writeLocalMachineValue,
} from '../win32/advapi32';
import { readProfileSection, writeProfileString } from '../win32/kernel32';
import { parseProfileSection } from '../drivers/driverCatalog';
import { SYSTEM_INI } from './registrationPlaces';
import type { Content, FileContent, IniContent, Place, RegistryContent } from './changeSteps';

const viewFlags: Record<RegistryView, number> = { '64-bit': KEY_WOW64_64KEY, '32-bit': KEY_WOW64_32KEY };

export interface MachineValues {
  read(place: Place): Content;
  /** Puts `content` (of the kind the place holds) there; null deletes. */
  write(place: Place, content: Content): void;
}

/** A value's name as stored (registry and profile names compare case-insensitively), or null. */
export function storedRegistryName(view: RegistryView, key: string, name: string): string | null {
  const read = readLocalMachineValues(key, viewFlags[view]);
  if (!read.ok) return null;
  return read.values.find((v) => v.name.toLowerCase() === name.toLowerCase())?.name ?? null;
}

function iniLine(section: string, name: string): { alias: string; value: string } | undefined {
  return parseProfileSection(readProfileSection(section, SYSTEM_INI)).find((e) => e.alias.toLowerCase() === name.toLowerCase());
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
        if (!file) return rmSync(place.path, { force: true });
        copyFileSync(file.copyFrom, place.path);
        const written = fileContent(place.path);
        if (written?.sha256 !== file.sha256) throw new Error(`${place.path} does not hold the expected bytes after copying ${file.copyFrom}; that file changed.`);
        return;
      }
    }
  },
};
