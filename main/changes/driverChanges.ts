/**
 * Remove, disable, enable and undo, as the Windows Drivers applet and
 * Autoruns do them, on top of the journal. Removal tells the driver
 * (DRV_REMOVE) only when this alias is the last registration of its file in
 * its view, since the driver's settings belong to the file and the other
 * aliases would lose them; a registration the panel may not open (file
 * missing, quarantined, unsafe alias, disabled) goes without
 * loading anything. Every change is journaled before a driver is called, and
 * what the driver changes in the registrations while it runs (install,
 * remove, configure) is recorded with it, so that Undo puts that back too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { win32 } from 'node:path';
import { kindForFile, suggestAlias, type AddableKind } from '../../app/aliasSuggestion';
import type { ActionOutcome, Addition, ChangeRecord, ChosenDriverFile, Removal, UndoResult } from '../../app/changes';
import type { ActionResult } from '../../app/drivers';
import type { RegistryView } from '../../app/views';
import { DRV_CONFIGURE, DRV_INSTALL, DRV_REMOVE } from '../../app/messages';
import { aliasProblem } from '../../app/aliases';
import { DriverError } from '../../app/driverError';
import type { ChangeJournal, OpenChange, PlannedChange } from './changeJournal';
import { disabledSomewhere, planDisable, planEnable, planRemoval, refuseDisabledOnly, type RegistrationTarget } from './registrationChanges';
import { additionTakenBack, planAddition } from './driverAddition';
import { additionPlace } from './additionPlace';
import { checkDriverFile } from '../catalog/driverFile';
import { errorText } from '../../app/errorText';

export interface ChangeParts {
  journal: ChangeJournal;
  /** Sends DRV_REMOVE to an enabled registration of `view`, under every rule of the driver service. */
  sendRemove(alias: string, view: RegistryView): Promise<ActionResult>;
  /** Sends DRV_INSTALL to a driver being added, likewise; a quarantine from an earlier attempt does not stop it. */
  sendInstall(alias: string, view: RegistryView): Promise<ActionResult>;
  /** Every alias registered in `view`, enabled or disabled, readable or not. */
  registeredAliases(view: RegistryView): Promise<string[]>;
  /** Where added drivers go, by view: System32 for the native view, SysWOW64 for the 32-bit one. */
  systemDirectories: Readonly<Record<RegistryView, string>>;
  /** The registrations of `view` naming the file at `path`. */
  registeredAs(path: string, view: RegistryView): Promise<string[]>;
  /** The other registrations of `view` naming the same file. */
  sharers(alias: string, view: RegistryView): Promise<string[]>;
  /** Whether this process may change the registrations (and so let a driver change them): it runs elevated. */
  elevated: boolean;
  /** Tells whoever shows the list that registrations changed. */
  changed(): void;
}

/** Refusals that mean "this driver is not to be loaded": the registration still goes. */
const notLoadable = new Set(['invalid-alias', 'unreadable-value', 'missing-file', 'quarantined', 'open-failed']);

export interface AddRequest {
  /** The driver file, where the person has it. */
  file: string;
  alias?: string;
  /** What kind of driver it is, for the suggested alias (by default from the file's extension). */
  kind?: AddableKind;
  /** Replace a different file of the same name in the system folder. */
  replace?: boolean;
  /** The view asked for (the CLI's --view); the file's machine decides without it, and one that disagrees is refused. */
  view?: RegistryView;
}

const actionMessages = { configure: DRV_CONFIGURE, install: DRV_INSTALL } as const;
const actionWords = { configure: 'Configure', install: 'Install' } as const;

export class DriverChanges {
  constructor(private readonly parts: ChangeParts) {}

  /**
   * Removes a registration. The removal is journaled before DRV_REMOVE is
   * sent, with everything the registrations hold, so that a driver that
   * deletes or rewrites registrations itself loses nothing: what it changed
   * is recorded with the removal and Undo puts it back.
   */
  async remove(target: RegistrationTarget): Promise<Removal> {
    checkName(target.alias);
    if (target.disabledBy === null) refuseDisabledOnly(target);
    const { alias, view } = target;
    const reason = await this.reasonNotToTell(target);
    const change = await this.parts.journal.begin(planRemoval(target), reason === null ? { message: DRV_REMOVE, afterWrites: false } : undefined);
    const told = reason === null ? await this.tellDriver(alias, view, change) : { answer: null, note: reason };
    if (told.answer?.result === 'cancel') {
      const note = `${alias} cancelled its removal (DRV_REMOVE returned ${told.answer.raw}); the registration was kept.${await takeBack(alias, change)}`;
      return { alias, view, driverAnswer: told.answer, removed: false, restartRequired: false, note, change: null };
    }
    const record = (await change.complete()) as ChangeRecord;
    this.parts.changed();
    const restartRequired = told.answer?.result === 'restart';
    const note = `${told.note} ${record.summary}.${restartRequired ? ' The removal takes effect after Windows restarts.' : ''}`;
    return { alias, view, driverAnswer: told.answer, removed: true, restartRequired, note, change: record };
  }

  /** Removes a disabled registration wherever it is kept: this panel's first, as Enable takes it, else the one Autoruns disabled. */
  async removeDisabled(target: Omit<RegistrationTarget, 'disabledBy'>): Promise<Removal> {
    checkName(target.alias);
    return this.remove({ ...target, disabledBy: disabledSomewhere(target) });
  }

  /**
   * What Add driver… shows of a file before anything is done: whether it can
   * be added, what kind it looks like, and where it would go (its view and
   * the path in that view's system folder).
   */
  async inspect(path: string): Promise<ChosenDriverFile> {
    const check = checkDriverFile(path);
    const name = win32.basename(path);
    const kind = kindForFile(name);
    if (!check.ok) return { path, name, problem: check.problem, kind, view: null, destination: null, registeredAs: [], destinationDiffers: false };
    const { view, destination } = additionPlace(path, check.view, null, this.parts.systemDirectories);
    const registeredAs = await this.parts.registeredAs(destination, view);
    return { path, name, problem: null, kind, view, destination, registeredAs, destinationDiffers: differentFileAt(destination, path) };
  }

  /**
   * Registers a driver file: checked before anything else (an x64 or x86 PE
   * DLL that exports DriverProc), copied into the system folder of the view
   * it is built for (System32 or SysWOW64), registered in that view, then sent
   * DRV_INSTALL by that view's driver host. A driver that cancels, crashes or hangs leaves nothing behind,
   * not even what it changed itself; one that installs keeps what it changed,
   * recorded with the addition for Undo.
   */
  async add(request: AddRequest): Promise<Addition> {
    const check = checkDriverFile(request.file);
    if (!check.ok) throw new DriverError('not-a-driver', `${request.file} cannot be added as a driver: ${check.problem}.`);
    const { view, systemDirectory, destination: path } = additionPlace(request.file, check.view, request.view ?? null, this.parts.systemDirectories);
    const alias = await this.aliasFor(request, view);
    const outcome = { copied: false };
    const target = { alias, source: request.file, view, systemDirectory, filesFolder: this.parts.journal.filesFolder, replace: request.replace ?? false, outcome };
    const change = await this.parts.journal.begin(planAddition(target), { message: DRV_INSTALL, afterWrites: true });
    await change.write();
    const { copied } = outcome;
    let answer: ActionResult;
    try {
      answer = await this.parts.sendInstall(alias, view);
    } catch (error) {
      const tookBack = await takeBack(alias, change);
      if (error instanceof DriverError) throw new DriverError(error.code, `${error.message} ${additionTakenBack(error.code, alias, copied)}${tookBack}`, alias);
      throw error;
    }
    const driverAnswer = { result: answer.result, raw: answer.raw };
    if (answer.result === 'cancel') {
      const note = `${alias} cancelled its installation (DRV_INSTALL returned ${answer.raw}); nothing was added.${await takeBack(alias, change)}`;
      return { alias, view, path, copied, driverAnswer, added: false, restartRequired: false, note, change: null };
    }
    const record = (await change.complete()) as ChangeRecord;
    this.parts.changed();
    const restart = answer.restartRequired ? ' The driver takes effect after Windows restarts.' : '';
    return { alias, view, path, copied, driverAnswer, added: true, restartRequired: answer.restartRequired, note: `${record.summary}; ${alias} answered DRV_INSTALL with ${answer.raw}.${restart}`, change: record };
  }

  /**
   * Runs Configure… or Install… of a registered driver (`call`), journaled in
   * an elevated process: what the driver changes in the registrations while
   * it runs is recorded as a change of its own, which Undo puts back. Without
   * administrator rights a driver cannot change them, and nothing is recorded.
   */
  async watch(action: 'configure' | 'install', { alias, view }: { alias: string; view: RegistryView }, call: () => Promise<ActionResult>): Promise<ActionOutcome> {
    if (!this.parts.elevated) return { ...(await call()), change: null };
    const plan = (): PlannedChange => ({ kind: action, alias, view, summary: `${actionWords[action]} ${alias} (${view})`, writes: [] });
    const change = await this.parts.journal.begin(plan, { message: actionMessages[action], afterWrites: false });
    let result: ActionResult;
    try {
      result = await call();
    } catch (error) {
      const record = await change.complete();
      if (record) this.parts.changed();
      if (error instanceof DriverError && record) throw new DriverError(error.code, `${error.message} Before that, ${alias} ${record.byDriver.join(', ')}; Undo puts it back.`, error.alias);
      throw error;
    }
    const record = await change.complete();
    if (record) this.parts.changed();
    return { ...result, change: record };
  }

  /** The alias asked for, or the suggested one; it must be one the panel may open, and free in the view it goes into. */
  private async aliasFor(request: AddRequest, view: RegistryView): Promise<string> {
    const taken = await this.parts.registeredAliases(view);
    const fileName = win32.basename(request.file);
    const alias = request.alias ?? suggestAlias(request.kind ?? kindForFile(fileName), fileName, taken);
    const problem = aliasProblem(alias);
    if (problem) throw new DriverError('invalid-alias', `The alias "${alias}" ${problem}. Choose a plain alias such as msacm.name or vidc.XVID.`);
    if (taken.some((t) => t.toLowerCase() === alias.toLowerCase())) {
      throw new DriverError('change-conflict', `${alias} is already registered in the ${view} view (enabled or disabled). Choose another alias, or remove that registration first.`, alias);
    }
    return alias;
  }

  async disable(target: Omit<RegistrationTarget, 'disabledBy'>): Promise<ChangeRecord> {
    checkName(target.alias);
    return this.record(await this.parts.journal.apply(planDisable(target)));
  }

  /** Enables what this panel disabled, else what Autoruns disabled. */
  async enable(target: Omit<RegistrationTarget, 'disabledBy'>): Promise<ChangeRecord> {
    checkName(target.alias);
    return this.record(await this.parts.journal.apply(planEnable({ ...target, disabledBy: disabledSomewhere(target) })));
  }

  async undo(id?: string): Promise<UndoResult> {
    const undone = this.record(await this.parts.journal.undo(id));
    return { undone, note: undoNote(undone) };
  }

  history(): Promise<ChangeRecord[]> {
    return this.parts.journal.history();
  }

  private record(change: ChangeRecord): ChangeRecord {
    this.parts.changed();
    return change;
  }

  /** Why DRV_REMOVE is not sent (the driver should not hear of it, or may not be loaded), or null when it is. */
  private async reasonNotToTell(target: RegistrationTarget): Promise<string | null> {
    const { alias, view, disabledBy } = target;
    if (disabledBy) return 'DRV_REMOVE was not sent: the driver is disabled, so it was not loaded.';
    const others = await this.parts.sharers(alias, view);
    if (others.length > 0) return `DRV_REMOVE was not sent: its driver file is also registered as ${others.join(', ')}, which would lose the settings the driver keeps for them.`;
    return null;
  }

  /** DRV_REMOVE, with the removal journaled; a driver the panel may not load is not told, and the removal goes on. */
  private async tellDriver(alias: string, view: RegistryView, change: OpenChange): Promise<{ answer: Removal['driverAnswer']; note: string }> {
    try {
      const result = await this.parts.sendRemove(alias, view);
      return { answer: { result: result.result, raw: result.raw }, note: `${alias} answered DRV_REMOVE with ${result.raw}.` };
    } catch (error) {
      if (error instanceof DriverError && notLoadable.has(error.code)) return { answer: null, note: `DRV_REMOVE was not sent: ${error.message}` };
      const tookBack = await takeBack(alias, change);
      if (error instanceof DriverError && tookBack) throw new DriverError(error.code, `${error.message}${tookBack}`, error.alias);
      throw error;
    }
  }
}

/**
 * Takes back a change whose driver failed or cancelled; says what the driver
 * had changed itself (put back too), or what could not be put back yet, so
 * that the driver's own failure stays the message's first word.
 */
async function takeBack(alias: string, change: OpenChange): Promise<string> {
  try {
    const putBack = await change.abandon();
    return putBack.length > 0 ? ` What ${alias} had changed itself was put back too: it had ${putBack.join(', ')}.` : '';
  } catch (error) {
    return ` ${errorText(error)}`;
  }
}

/** The registry's limit on value names. */
const MAX_VALUE_NAME = 16_383;

/**
 * Any registered name can be changed, also one the panel never opens (a path,
 * a space); but never the key's default value (""), and never with a NUL, which
 * the registry would read as the end of another name.
 */
function checkName(alias: string): void {
  if (alias === '' || alias.length > MAX_VALUE_NAME || alias.includes('\0')) {
    throw new DriverError('invalid-alias', `A registration is named by its alias: 1 to ${MAX_VALUE_NAME} characters, without NUL. Run "list" to see them.`);
  }
}

function undoNote(change: ChangeRecord): string | null {
  if (change.kind === 'remove') {
    return 'The registration is back as it was. If the driver deleted its own settings when it was removed (DRV_REMOVE), choose Install… to let it set them up again.';
  }
  if (change.kind === 'add') {
    return 'The registration and the copied file are gone, and so is what the driver changed in the registrations. Settings it keeps elsewhere (its own registry keys or files) are not part of the journal.';
  }
  return null;
}

/** Whether a file is at `destination` already with other bytes than `source`'s. */
function differentFileAt(destination: string, source: string): boolean {
  if (!existsSync(destination) || win32.normalize(destination).toLowerCase() === win32.normalize(source).toLowerCase()) return false;
  return !readFileSync(destination).equals(readFileSync(source));
}
