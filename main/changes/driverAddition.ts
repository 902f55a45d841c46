/**
 * What adding a driver writes: its file into the system folder of its view
 * (unless the same bytes are there already) and its alias into that view's
 * Drivers32, as the Drivers applet registered drivers: by bare file name,
 * which Winmm finds in the system folder. A 32-bit (x86) driver goes into
 * SysWOW64 and the 32-bit view (WOW6432Node), where 32-bit programs' Winmm
 * looks, an x64 one into System32 and the 64-bit view (additionPlace.ts).
 * A different file of the same name is replaced only when the person said
 * so, and then kept, so that Undo can put it back. Every file the
 * journal may copy into place is a copy in the panel's own folder, which only
 * administrators can change: the file added is copied there first, and the
 * system folder receives that copy once its hash is checked.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { win32 } from 'node:path';
import type { DriverErrorCode } from '../../app/drivers';
import { DriverError } from '../../app/driverError';
import type { RegistryView } from '../../app/views';
import type { PlannedChange } from './changeJournal';
import type { FileContent, Place } from './changeSteps';
import { fileContent, type MachineValues } from './machineValues';
import { DRIVERS32_KEY } from '../catalog/registrationPlaces';
import { destinationOf } from './additionPlace';
import { checkDriverFile, driverOfView } from '../catalog/driverFile';

const REG_SZ = 1;

export interface AdditionTarget {
  alias: string;
  /** The file the person chose. */
  source: string;
  /** The view it is registered in: the one its machine is built for (additionPlace.ts). */
  view: RegistryView;
  /** The system folder of that view: System32, or SysWOW64 for the 32-bit view. */
  systemDirectory: string;
  /** The panel's own folder of driver files: the file added and a file it replaces are kept there. */
  filesFolder: string;
  replace: boolean;
  /** Filled in by the plan: whether the file is copied. */
  outcome: { copied: boolean };
}

export function planAddition(target: AdditionTarget) {
  return (machine: MachineValues): PlannedChange => {
    const fileName = win32.basename(target.source);
    const destination = destinationOf(target);
    const registration: Place = { where: 'registry', view: target.view, key: DRIVERS32_KEY, name: target.alias };
    const value = { type: REG_SZ, data: Buffer.from(`${fileName}\0`, 'utf16le').toString('base64') };
    const writes: PlannedChange['writes'] = [];
    const copied = fileWrite(target, destination, machine);
    target.outcome.copied = copied !== null;
    if (copied) writes.push(copied);
    writes.push({ place: registration, after: value });
    const summary = `Add ${target.alias} (${target.view}): ${copied ? `copy ${target.source} to ${destination}, ` : ''}register ${fileName} in Drivers32`;
    return { kind: 'add', alias: target.alias, view: target.view, summary, writes };
  };
}

/** The file's write, or null when the same bytes are already there. */
function fileWrite(target: AdditionTarget, destination: string, machine: MachineValues): PlannedChange['writes'][number] | null {
  if (destination.toLowerCase() === win32.resolve(target.source).toLowerCase()) return null;
  const place: Place = { where: 'file', path: destination };
  const incoming = fileContent(target.source);
  if (!incoming) throw new DriverError('not-a-driver', `${target.source} cannot be read any more.`);
  const present = machine.read(place);
  if (present === null) return { place, after: keepDriver(target) };
  if ('sha256' in present && present.sha256 === incoming.sha256) return null;
  if (!target.replace) {
    throw new DriverError(
      'file-conflict',
      `A different ${win32.basename(destination)} is already in ${target.systemDirectory}; the panel does not overwrite it without asking. Add the driver again with "replace" to replace it (Undo puts the old file back), or rename the new file.`,
    );
  }
  return { place, before: keep(destination, target.filesFolder), after: keepDriver(target) };
}

/** The file being added, kept, and checked again as kept: what reaches the system folder is what was checked, whatever the source does meanwhile. */
function keepDriver(target: AdditionTarget): FileContent {
  const kept = keep(target.source, target.filesFolder);
  const check = checkDriverFile(kept.copyFrom);
  // Another architecture now would put a driver where no program of its view could load it.
  const problem = !check.ok ? check.problem : check.view !== target.view ? `it is now ${driverOfView(check.view)}` : null;
  if (problem !== null) {
    rmSync(kept.copyFrom, { force: true });
    throw new DriverError('not-a-driver', `${target.source} cannot be added as a driver: ${problem} (it changed after it was checked).`);
  }
  return kept;
}

/** A copy of `path` in the panel's folder of files, described by its own bytes. */
function keep(path: string, filesFolder: string): FileContent {
  mkdirSync(filesFolder, { recursive: true });
  const kept = win32.join(filesFolder, `${randomUUID()}-${win32.basename(path)}`);
  copyFileSync(path, kept);
  const content = fileContent(kept);
  if (!content) throw new DriverError('change-failed', `${path} could not be kept in ${filesFolder}; nothing was changed.`);
  return content;
}

/** What a failed DRV_INSTALL left of an addition (nothing), and what the person can do next. */
export function additionTakenBack(code: DriverErrorCode, alias: string, copied: boolean): string {
  const nothing = `Nothing was added: the registration${copied ? ' and the copied file were' : ' was'} taken back.`;
  switch (code) {
    case 'driver-crashed':
      return `${nothing} ${alias} is quarantined. Ask the driver's vendor for a version that installs on this Windows; adding this file again tries it once more.`;
    case 'driver-not-responding':
      return `${nothing} If the driver was waiting for an answer in a dialog of its own, add it again with more time to answer (a longer --timeout, or none); otherwise ask its vendor for a version that installs on this Windows.`;
    default:
      return nothing;
  }
}
