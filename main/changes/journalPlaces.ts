/**
 * The places a change may touch, whatever the journal says: a value of
 * Drivers32 (either view) or of its DriversPanelDisabled / AutorunsDisabled
 * subkey, a line of system.ini's [drivers32] section or of the section the
 * panel keeps disabled lines in, a driver file in a system folder, and the
 * panel's own copies of driver files. A journal that names anything else was
 * not written by the panel, and none of it is carried out: recovery and undo
 * check every entry before they write anything. Pure, so the rule is
 * unit-tested apart from Windows.
 */
import { win32 } from 'node:path';
import { UINT32_MAX } from '../../app/integerRange';
import type { Content, FileContent, Held, Place, Step } from './changeSteps';
import { DRIVERS32_KEY, DRIVERS32_SECTION, disabledKeys, disabledSections } from '../catalog/registrationPlaces';

export interface PanelPlaces {
  /** Where driver files are added: the native system folder and, on 64-bit Windows, SysWOW64. */
  systemFolders: readonly string[];
  /** Where the panel keeps copies of driver files (changesFolder.ts). */
  filesFolder: string;
}

const registrationKeys = [DRIVERS32_KEY, ...Object.values(disabledKeys)].map((key) => key.toLowerCase());
const registrationSections = [DRIVERS32_SECTION, ...Object.values(disabledSections).filter((s) => s !== null)].map((s) => s.toLowerCase());
/** The registry's limit on value names. */
const MAX_VALUE_NAME = 16_383;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/**
 * system.ini is written in the ANSI code page, whose best-fit mapping turns
 * look-alikes such as a fullwidth "［" into "[": a name outside printable
 * ASCII could start a section of its own in the file.
 */
const INI_NAME = /^[\x20-\x7e]+$/;
/**
 * Characters no file name may hold, and a name ending in a space or a dot:
 * Windows trims those when it opens the file, so "..\x20" is ".." and names
 * another folder than the one checked.
 */
const UNSAFE_FILE_NAME = /[\p{Cc}<>:"/\\|?*]|[ .]$/u;
/** Device names Windows opens in any folder, also with an extension or spaces before it ("nul .dll"), and COM¹–³/LPT¹–³. */
const DEVICE_NAME = /^(con|prn|aux|nul|com[\d¹²³]|lpt[\d¹²³]|conin\$|conout\$) *(\..*)?$/i;

/** Null when a step may be carried out; else what is wrong with it. */
export function stepProblem(step: Step, places: PanelPlaces): string | null {
  return placeProblem(step, places) ?? contentProblem(step.before, places) ?? contentProblem(step.after, places);
}

/** Null when a line of a snapshot names a registration place and holds a value of it. */
export function heldProblem(held: Held, places: PanelPlaces): string | null {
  return placeProblem(held, places) ?? contentProblem(held.content, places);
}

export function placeProblem(place: Place, places: PanelPlaces): string | null {
  switch (place.where) {
    case 'registry':
      if (!registrationKeys.includes(place.key.toLowerCase())) return `the registry key HKLM\\${place.key}, not Drivers32 or one of its disabled subkeys`;
      return valueNameProblem(place.name);
    case 'system.ini':
      if (!registrationSections.includes(place.section.toLowerCase())) return `the system.ini section [${place.section}], not [drivers32] or the panel's disabled section`;
      return iniNameProblem(place.name);
    case 'file':
      return fileProblem(place.path, places.systemFolders, 'a driver file in a system folder');
  }
}

function contentProblem(content: Content, places: PanelPlaces): string | null {
  if (content === null) return null;
  if ('type' in content) {
    // A value's type is any DWORD: the registry stores what it is given, and a snapshot keeps what it finds.
    if (content.type < 0 || content.type > UINT32_MAX) return `a registry value of type ${content.type}, which the registry cannot have`;
    return BASE64.test(content.data) ? null : 'registry bytes that are not base64';
  }
  if ('text' in content) return /[\r\n\0]/.test(content.text) ? 'a system.ini value with a line break or NUL in it, which would write other lines' : null;
  return fileContentProblem(content, places);
}

function fileContentProblem(content: FileContent, places: PanelPlaces): string | null {
  if (!SHA256.test(content.sha256) || content.size < 0) return 'a file without a valid SHA-256 hash and size';
  return fileProblem(content.copyFrom, [places.filesFolder], "a copy in the panel's own folder");
}

/** Any name the registry can hold, the key's default value ("") too: a snapshot keeps every value it finds. */
function valueNameProblem(name: string): string | null {
  if (name.length > MAX_VALUE_NAME || name.includes('\0')) return `a registry value name that is too long or holds a NUL`;
  return null;
}

function iniNameProblem(name: string): string | null {
  if (!INI_NAME.test(name) || name !== name.trim() || name.includes('=') || /^[[;]/.test(name)) {
    return `the system.ini name ${JSON.stringify(name)}, empty, padded, outside printable ASCII, or holding "=" or a section or comment start`;
  }
  return null;
}

/** A plain file directly in one of `folders`, named by a full local path: no link to elsewhere, no `..`, no stream, no device. */
function fileProblem(path: string, folders: readonly string[], what: string): string | null {
  const name = win32.basename(path);
  const plainPath = /^[A-Za-z]:\\/.test(path) && win32.normalize(path) === path && !path.slice(2).includes(':');
  const inFolder = folders.some((folder) => win32.dirname(path).toLowerCase() === win32.normalize(folder).toLowerCase());
  if (plainPath && inFolder && !UNSAFE_FILE_NAME.test(name) && !DEVICE_NAME.test(name) && name !== '.' && name !== '..') return null;
  return `the file ${JSON.stringify(path)}, not ${what} (${folders.join(', ')})`;
}
