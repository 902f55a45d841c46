/**
 * The driver service: what the panel, the CLI and the tests ask of installable
 * drivers. Plain Node (no Electron), so it runs the same in the app, in the CLI
 * and under Wine in the test bench.
 *
 * Listing streams: the registrations come back at once, file details and probe
 * results follow as `driversUpdated` events. Every call into a driver runs in
 * the supervised driver host; a driver that crashes or stops answering there is
 * quarantined and not opened again on the panel's own initiative.
 *
 * It only ever opens aliases registered right now (admit): OpenDriver would also
 * load any DLL given by path, so a path or an unregistered name never reaches Winmm.
 */
import { EventEmitter } from 'node:events';
import type {
  ActionResult,
  DriverAction,
  DriverEntry,
  DriverListing,
  Disabler,
  FileDetails,
  ProbeMode,
  FileIdentity,
  ProbeResult,
  QuarantineRecord,
  RestartRequirement,
  SendResult,
} from '../../app/drivers';
import { sameFile } from '../../app/drivers';
import type { RegistryView } from '../../app/views';
import { checkAliasShape } from '../../app/aliases';
import type { FileSignature } from '../../app/signatures';
import type { ActionOutcome } from '../../app/changes';
import { describeExitCode, describeQuarantine, describeStage } from '../../app/faults';
import type { Activity, DriverCallRecord } from './activity';
import {
  DRV_CONFIGURE,
  DRV_INSTALL,
  DRV_QUERYCONFIGURE,
  DRV_REMOVE,
  decodeConfigResult,
  isSendableMessage,
  messageName,
} from '../../app/messages';
import { DRIVERS_SECTION, type HostParam1, type HostParam2 } from '../host/hostProtocol';
import {
  forgetEarlierBoots,
  pendingRestarts,
  answerFor,
  quarantineFor,
  withProbes,
  withQuarantine,
  withRestart,
  withFreshChance,
  withoutQuarantine,
  type PanelState,
} from '../state/panelState';
import type { StateKeeper } from '../state/stateKeeper';
import type { ChangeJournal } from '../changes/changeJournal';
import { DriverChanges } from '../changes/driverChanges';
import type { CatalogReader } from '../catalog/catalogReader';
import {
  deriveEntry,
  driverId,
  missingFileDetail,
  splitRegisteredValue,
  type EntryFacts,
  type MergedRegistration,
} from '../catalog/driverCatalog';
import { errorText } from '../../app/errorText';
import { DriverError } from '../../app/driverError';
import type { CallOptions, CallResult, HostSupervisor, Priority } from '../host/supervisor/hostSupervisor';

/** One line of the call trace: every call into a driver, as Wine's winmm logs its entry points. */
/** How long a driver may take to answer, by kind of call; null waits for as long as a person does. */
export interface Deadlines {
  background: number;
  interactive: number;
  /** Configure, install and remove may show a dialog that waits for a person. */
  dialog: number | null;
}

export const defaultDeadlines: Deadlines = { background: 5_000, interactive: 30_000, dialog: null };

export interface DriverServiceParts {
  supervisor: HostSupervisor;
  catalog: CatalogReader;
  state: StateKeeper;
  journal: ChangeJournal;
  /** The identity of the current boot (bootClock.ts). */
  bootTime: string;
  /** The native system folder, where added drivers go. */
  systemDirectory: string;
  /** Whether this process runs with administrator rights: only then may it change registrations, or let a driver change them. */
  elevated: boolean;
  /** What each call is given: the panel's own deadlines, or a person's (the CLI's --timeout). */
  deadlines: Deadlines;
  /**
   * The panel's own deadlines: a driver that misses one of these hangs. A
   * person's shorter deadline says how long they would wait, not that the
   * driver is broken, so missing it quarantines nothing.
   */
  panelDeadlines: Deadlines;
}

interface ServiceEvents {
  /** Entries whose details, probe or status changed, whole. */
  driversUpdated: [DriverEntry[]];
  restartsChanged: [RestartRequirement[]];
  /** Registrations were added, removed, disabled or enabled: the listing is out of date. */
  registrationsChanged: [Record<string, never>];
  /** A listing's registrations as they are read, before its reply (which is the listing). */
  registrationsFound: [DriverEntry[]];
  activity: [Activity];
}

type CallKind = keyof Deadlines;

export interface ListingOptions {
  /**
   * Check each file's signature after every file's details (the default).
   * WinVerifyTrust hashes the whole file, so a listing without them is done
   * much sooner; Autoruns leaves its own check off by default for this reason.
   */
  signatures?: boolean;
}

/** A driver the panel may open for a request, as registered and found right now. */
interface Admitted {
  id: string;
  alias: string;
  value: string;
  file: FileIdentity | null;
}

export class DriverService extends EventEmitter<ServiceEvents> {
  private facts = new Map<string, EntryFacts>();
  /** Each listing starts a generation; details read for an older one are dropped. */
  private generation = 0;
  private revision = 0;
  private detailsRead: Promise<void> = Promise.resolve();
  /** What the last scan said about the registrations (an unreadable system.ini, …). */
  private scanNotes: string[] = [];
  /**
   * The drivers a refresh asked to probe whose files it has not reached yet: a
   * newer listing (a change elsewhere, say) replaces the refresh's reads, not
   * what it asked for.
   */
  private refreshPending = new Set<string>();
  /** Background probes queued or running, so that repeated refreshes do not pile up. */
  private readonly queuedProbes = new Map<string, Promise<void>>();
  /** Remove, disable, enable, undo: the changes to the registrations, journaled. */
  readonly changes: DriverChanges;

  private constructor(
    private readonly parts: DriverServiceParts,
    /** What changed before anyone could listen: restart requirements met by a restart since. */
    private readonly startupActivity: readonly Activity[],
  ) {
    super();
    this.changes = new DriverChanges({
      journal: parts.journal,
      sendRemove: (alias) => this.sendRemove(alias),
      sendInstall: (alias) => this.installAdded(alias),
      sharers: (alias, view) => parts.catalog.sharers(alias, view),
      registeredAliases: async (view) => {
        const scan = await parts.catalog.scan();
        return [...scan.registrations, ...scan.unreadable].filter((r) => r.view === view).map((r) => r.alias);
      },
      systemDirectory: parts.systemDirectory,
      elevated: parts.elevated,
      changed: () => this.emit('registrationsChanged', {}),
    });
    parts.supervisor.on('output', (output) => this.emit('activity', { kind: 'driver-output', ...output }));
  }

  /** A service whose state has caught up with the machine: restart requirements of earlier boots are gone. */
  static async open(parts: DriverServiceParts): Promise<DriverService> {
    await recoverChanges(parts);
    const before = await parts.state.refresh();
    // Written only when there is something to forget: most starts have nothing, and a write takes a lock.
    if (forgetEarlierBoots(before, parts.bootTime).restarts.length < before.restarts.length) {
      await parts.state.record((state) => forgetEarlierBoots(state, parts.bootTime));
    }
    const kept = parts.state.current.restarts;
    const met = before.restarts.filter((r) => !kept.some((k) => k.id === r.id && k.action === r.action));
    return new DriverService(
      parts,
      met.map(({ alias, action }) => ({ kind: 'restart-done', alias, action })),
    );
  }

  /** Calls `listener` with every activity from the service's start on; returns how to stop. */
  followActivity(listener: (activity: Activity) => void): () => void {
    this.startupActivity.forEach(listener);
    this.on('activity', listener);
    return () => this.off('activity', listener);
  }

  /** Ends the driver host at once, even while a driver hangs, and writes what is not written yet. */
  async close(): Promise<void> {
    this.parts.supervisor.close();
    await Promise.all([this.parts.catalog.close(), this.parts.state.flush()]);
  }

  /** Notices nobody has been shown yet. */
  takeNotices(): string[] {
    return this.parts.state.takeNotices();
  }

  /**
   * Every registration, with what is remembered about it (probe results,
   * quarantine); on the way, provisional batches as `registrationsFound`. File
   * details are read afterwards and streamed; each driver that `probe` asks for
   * is queued for a probe as soon as its file is found, behind any interactive
   * request.
   */
  async listDrivers(probe: ProbeMode = 'none', { signatures = true }: ListingOptions = {}): Promise<DriverListing> {
    const state = await this.parts.state.refresh();
    const shown = this.facts;
    const found = (reg: MergedRegistration): DriverEntry => {
      const id = driverId(reg.view, reg.alias, reg.disabledBy);
      return this.entry(this.knownFacts(id, reg, shown.get(id), state));
    };
    const scan = await this.parts.catalog.stream((batch) => this.emit('registrationsFound', batch.map(found)));
    // Probing 'new' drivers may load none (a second start); probing 'all' loads every one. Started after the reply: it takes a while under Wine.
    if (probe === 'all') setImmediate(() => this.parts.supervisor.warmUp());
    const previous = this.facts;
    this.facts = new Map();
    for (const reg of scan.registrations) {
      const id = driverId(reg.view, reg.alias, reg.disabledBy);
      this.facts.set(id, this.knownFacts(id, reg, previous.get(id), state));
    }
    for (const value of scan.unreadable) {
      this.facts.set(driverId(value.view, value.alias, value.disabledBy), { registration: { kind: 'unreadable', value }, details: null, probe: null, openFailure: null, quarantine: null, pending: null });
    }
    this.scanNotes = scan.notes;
    if (probe === 'all') this.refreshPending = new Set(scan.registrations.map((reg) => driverId(reg.view, reg.alias, reg.disabledBy)));
    this.detailsRead = this.readDetails(++this.generation, scan.registrations, probe, signatures);
    const drivers = [...this.facts.values()].map((facts) => this.entry(facts)).sort((a, b) => listingOrder.compare(a.view, b.view) || listingOrder.compare(a.id, b.id));
    return { drivers, notices: [...scan.notes, ...this.takeNotices()] };
  }

  /**
   * What is known about a registration before its file is looked at again: the
   * last details if the registration is unchanged, and what the state
   * remembers (valid for that file, when it is known).
   */
  private knownFacts(id: string, reg: MergedRegistration, before: EntryFacts | undefined, state: PanelState): EntryFacts {
    const same = before?.registration.kind === 'value' && before.registration.reg.value === reg.value;
    const details = same ? before.details : null;
    const file = details?.identity ?? null;
    return {
      registration: { kind: 'value', reg },
      details,
      ...answerFor(state, id, reg.value, file),
      quarantine: quarantineFor(state, id, file),
      pending: this.queuedProbes.has(id) ? 'probe' : 'details',
    };
  }

  /** A listing with every file's details read and every probe that `probe` asks for answered: what a report shows. */
  async completeListing(probe: ProbeMode, options: ListingOptions = {}): Promise<DriverListing> {
    const entries = new Map<string, DriverEntry>();
    const keep = (updated: DriverEntry[]): void => updated.forEach((e) => entries.set(e.id, e));
    this.on('driversUpdated', keep);
    try {
      const listing = await this.listDrivers(probe, options);
      keep(listing.drivers);
      await this.idle();
      return { drivers: [...entries.values()], notices: [...listing.notices, ...this.takeNotices()] };
    } finally {
      this.off('driversUpdated', keep);
    }
  }

  /**
   * The drivers as the last listing shows them, once its reads are done: what
   * the app's report holds, without reading every file again. A service that
   * has not listed yet lists first.
   */
  async shownListing(): Promise<DriverListing> {
    if (this.generation === 0) return this.completeListing('none');
    await this.idle();
    return { drivers: [...this.facts.values()].map((facts) => this.entry(facts)), notices: [...this.scanNotes] };
  }

  /** Where the file of a listed registration was found, as the last listing read it. */
  async filePath(alias: string, view: RegistryView, disabledBy: Disabler | null): Promise<string> {
    const id = driverId(view, alias, disabledBy);
    // Only a file not looked at yet waits for the listing's reads (which end with every signature).
    if (!this.facts.get(id)?.details) await this.detailsRead;
    const facts = this.facts.get(id);
    if (!facts) throw new DriverError('unknown-alias', `${alias} is not in the list any more. Refresh the list and choose it again.`, alias);
    const path = facts.details?.path;
    if (!path) throw new DriverError('missing-file', `The file of ${alias} was not found, so there is no folder to open.`, alias);
    return path;
  }

  /** Resolves when the latest listing's file details are all read and every probe queued so far has answered. */
  async idle(): Promise<void> {
    await this.detailsRead;
    await Promise.all(this.queuedProbes.values());
  }

  /** DRV_QUERYCONFIGURE for one driver; `retry` lifts its quarantine first. */
  async probe(alias: unknown, options: { retry?: boolean } = {}): Promise<ProbeResult> {
    const admitted = await this.admit(alias, { retry: options.retry ?? false });
    return this.probeAdmitted(admitted, 'interactive');
  }

  /**
   * DRV_CONFIGURE, only for a driver that answered DRV_QUERYCONFIGURE with
   * nonzero. `parentWindow` owns the dialog; null lets the host provide one.
   */
  async configure(alias: unknown, parentWindow: bigint | null): Promise<ActionOutcome> {
    const admitted = await this.admit(alias);
    const probe = await this.probeAdmitted(admitted, 'interactive');
    if (!probe.configurable) {
      throw new DriverError(
        'not-configurable',
        `${admitted.alias} has no configuration dialog (DRV_QUERYCONFIGURE returned 0).`,
        admitted.alias,
      );
    }
    const owner: HostParam1 = parentWindow === null ? { kind: 'owner-window' } : integer(parentWindow);
    return this.changes.watch('configure', admitted.alias, () => this.action(admitted, 'configure', DRV_CONFIGURE, owner, configInfo));
  }

  /** DRV_INSTALL for a registered driver; what it changes in the registrations is journaled, to undo. */
  async install(alias: unknown): Promise<ActionOutcome> {
    const admitted = await this.admit(alias);
    return this.changes.watch('install', admitted.alias, () => this.action(admitted, 'install', DRV_INSTALL, integer(0n), configInfo));
  }

  /**
   * DRV_INSTALL for a driver being added (changes.add). Adding a file is the
   * person's request to try it, so a quarantine left by an earlier attempt does
   * not stop it. A crash still quarantines it; the message leaves out when the
   * panel will open it again, since the addition takes its registration back
   * and says what follows.
   */
  async installAdded(alias: string): Promise<ActionResult> {
    return this.action(await this.admit(alias, { retry: true }), 'install', DRV_INSTALL, integer(0n), configInfo, { registrationStays: false });
  }

  /** DRV_REMOVE alone; `changes.remove` decides whether to send it and removes the registration. */
  async sendRemove(alias: unknown): Promise<ActionResult> {
    return this.action(await this.admit(alias), 'remove', DRV_REMOVE, integer(0n), integer(0n));
  }

  /**
   * A technician's message with integer parameters; pointer-taking messages are
   * refused. It reaches a quarantined driver too (the technician asked for it),
   * and a crash it causes is reported but quarantines nothing: the message was theirs.
   */
  async send(alias: unknown, message: number, lParam1: bigint, lParam2: bigint): Promise<SendResult> {
    const admitted = await this.admit(alias, { allowQuarantined: true });
    if (!Number.isInteger(message) || !isSendableMessage(message)) {
      throw new DriverError(
        'message-not-allowed',
        `${messageName(message)} cannot be sent with integer parameters. Use the probe, configure, install or remove command for Winmm's own messages; custom messages start at 0x0800 (DRV_RESERVED).`,
        admitted.alias,
      );
    }
    const result = await this.call(admitted.alias, message, integer(lParam1), integer(lParam2), 'interactive');
    if (!result.ok) throw callFailure(admitted.alias, message, result, false);
    return { alias: admitted.alias, message, raw: result.raw.toString(), durationMs: result.durationMs };
  }

  /** Gives up on the interactive call in flight for `alias`: its host is ended. */
  stopWaiting(alias: string): boolean {
    return this.parts.supervisor.stopWaiting(alias);
  }

  /** Changes that wait for Windows to restart, as recorded by any process in this boot. */
  async restartRequirements(): Promise<RestartRequirement[]> {
    return pendingRestarts(await this.parts.state.refresh(), this.parts.bootTime);
  }

  private async readDetails(generation: number, registrations: readonly MergedRegistration[], probe: ProbeMode, signatures: boolean): Promise<void> {
    const items = registrations.map((reg) => ({ id: driverId(reg.view, reg.alias, reg.disabledBy), value: reg.value, view: reg.view }));
    try {
      await this.parts.catalog.details(
        items,
        (batch) => generation === this.generation && this.applyDetails(batch, probe),
        signatures ? (batch) => generation === this.generation && this.applySignatures(batch) : null,
      );
    } catch (error) {
      this.parts.state.notice(`The driver files could not all be read: ${errorText(error)}`);
      if (generation === this.generation) this.stopReading();
    }
  }

  /** Entries whose details will not come any more are not pending either. */
  private stopReading(): void {
    const stuck = [...this.facts.entries()].filter(([, facts]) => facts.pending === 'details');
    for (const [, facts] of stuck) facts.pending = null;
    this.announce(stuck.map(([id]) => id));
  }

  /**
   * New details can lift a quarantine or void a remembered probe (a changed
   * file is a different driver); then the driver is probed if `probe` asks.
   */
  private applyDetails(batch: ReadonlyArray<{ id: string; details: FileDetails }>, probe: ProbeMode): void {
    const state = this.parts.state.current;
    const changed: string[] = [];
    for (const { id, details } of batch) {
      const facts = this.facts.get(id);
      if (facts?.registration.kind !== 'value') continue;
      const { value } = facts.registration.reg;
      // The signature of an unchanged file stays shown while it is checked again.
      const before = facts.details;
      const unchanged = before?.identity && details.identity && sameFile(before.identity, details.identity);
      facts.details = unchanged ? { ...details, signature: before.signature } : details;
      if (facts.pending === 'details') facts.pending = null;
      const file = details.identity;
      if (facts.quarantine?.file && file && !sameFile(facts.quarantine.file, file)) {
        facts.quarantine = null;
        void this.parts.state.record((s) => withFreshChance(s, id, file));
        this.emit('activity', { kind: 'quarantine-lifted', alias: facts.registration.reg.alias, why: 'file-changed' });
      }
      Object.assign(facts, answerFor(state, id, value, details.identity));
      if (this.probeDue(id, facts, probe)) this.queueProbe(id, facts);
      this.refreshPending.delete(id);
      changed.push(id);
    }
    this.announce(changed);
  }

  /** Signatures come after all details, each for the file its entry's details name. */
  private applySignatures(batch: ReadonlyArray<{ id: string; signature: FileSignature }>): void {
    const changed: string[] = [];
    for (const { id, signature } of batch) {
      const facts = this.facts.get(id);
      if (!facts?.details) continue;
      facts.details = { ...facts.details, signature };
      changed.push(id);
    }
    this.announce(changed);
  }

  /** `new`: not answered yet (no valid remembered probe, no refusal in this session); a refresh: every driver the panel may open. */
  private probeDue(id: string, facts: EntryFacts, probe: ProbeMode): boolean {
    if (this.queuedProbes.has(id) || !deriveEntry(facts, this.revision).openable) return false;
    if (this.refreshPending.has(id)) return true;
    return probe === 'new' && facts.probe === null && facts.openFailure === null;
  }

  private queueProbe(id: string, facts: EntryFacts): void {
    if (facts.registration.kind !== 'value') return;
    const { reg } = facts.registration;
    facts.pending = 'probe';
    const admitted: Admitted = { id, alias: reg.alias, value: reg.value, file: facts.details?.identity ?? null };
    const run = this.probeAdmitted(admitted, 'background')
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.queuedProbes.delete(id));
    this.queuedProbes.set(id, run);
  }

  /** Probes a driver and records the outcome in its entry, the remembered probes or the quarantine. */
  private async probeAdmitted(admitted: Admitted, kind: 'interactive' | 'background'): Promise<ProbeResult> {
    // A background probe is dropped if the driver was quarantined while it waited (by a person's request, say).
    const stillWanted = kind === 'background' ? () => quarantineFor(this.parts.state.current, admitted.id, admitted.file) === null : undefined;
    const call = (freshHost: boolean): Promise<CallResult> =>
      this.call(admitted.alias, DRV_QUERYCONFIGURE, integer(0n), integer(0n), kind, { freshHost, ...(stillWanted ? { stillWanted } : {}) });
    const first = await call(false);
    // A fault in a host that had called other drivers may be theirs: it counts only if a fresh host sees it too.
    const result = !first.ok && 'hostWasFresh' in first && !first.hostWasFresh ? await call(true) : first;
    if (!result.ok) {
      const shortenedFrom = result.failure === 'not-responding' ? this.shortenedFrom(kind) : null;
      const error = callFailure(admitted.alias, DRV_QUERYCONFIGURE, result, shortenedFrom === null, shortenedFrom);
      await this.noteFailure(admitted, DRV_QUERYCONFIGURE, result, error, shortenedFrom === null);
      throw error;
    }
    const probe: ProbeResult = {
      alias: admitted.alias,
      raw: result.raw.toString(),
      configurable: result.raw !== 0n,
      loadedPath: result.loadedPath,
      durationMs: result.durationMs,
      at: new Date().toISOString(),
    };
    const { file } = admitted;
    if (file) this.parts.state.remember((state) => withProbes(state, [{ id: admitted.id, value: admitted.value, file, probe, openFailure: null }]));
    this.updateFacts(admitted, (facts) => ({ ...facts, probe, openFailure: null, quarantine: null }));
    return probe;
  }

  /** The panel's own deadline for `kind` when a person set a shorter one, else null. */
  private shortenedFrom(kind: 'interactive' | 'background'): number | null {
    const own = this.parts.panelDeadlines[kind];
    return this.parts.deadlines[kind] < own ? own : null;
  }

  /**
   * A crash, or a missed deadline that means the driver hangs, quarantines
   * the driver; a refused open is shown on its entry. A dialog past its
   * deadline does not (a person may simply have left it open), nor a
   * deadline a person set shorter than the panel's own.
   */
  private async noteFailure(admitted: Admitted, message: number, result: Exclude<CallResult, { ok: true }>, error: DriverError, hangMeansBroken: boolean): Promise<void> {
    if (result.failure === 'crashed' || (result.failure === 'not-responding' && hangMeansBroken)) {
      const record: QuarantineRecord = {
        alias: admitted.alias,
        file: admitted.file,
        message,
        stage: result.stage,
        what: result.failure,
        exitCode: result.failure === 'crashed' ? result.exitCode : null,
        at: new Date().toISOString(),
      };
      await this.parts.state.record((state) => withQuarantine(state, admitted.id, record));
      this.updateFacts(admitted, (facts) => ({ ...facts, quarantine: record, probe: null }));
      this.emit('activity', { kind: 'quarantined', alias: admitted.alias, why: describeQuarantine(record) });
    } else if (result.failure === 'open-failed' || result.failure === 'host-failed') {
      // A refusal is the driver's answer and is remembered like one; a host that failed is the panel's problem, and is not.
      const { file } = admitted;
      if (result.failure === 'open-failed' && file) {
        this.parts.state.remember((state) => withProbes(state, [{ id: admitted.id, value: admitted.value, file, probe: null, openFailure: error.message }]));
      }
      this.updateFacts(admitted, (facts) => ({ ...facts, openFailure: error.message, probe: null }));
    } else {
      // Stopped, skipped, a dialog left open or a person's short deadline: nothing new is known about the driver, only that nothing is pending.
      this.updateFacts(admitted, (facts) => facts);
    }
  }

  private async action(
    admitted: Admitted,
    action: DriverAction,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
    { registrationStays = true }: { registrationStays?: boolean } = {},
  ): Promise<ActionResult> {
    const { alias } = admitted;
    // Never sent twice, so run where a fault can only be this driver's.
    const result = await this.call(alias, message, lParam1, lParam2, 'dialog', { freshHost: true });
    if (!result.ok) {
      const error = callFailure(alias, message, result, registrationStays && result.failure === 'crashed');
      await this.noteFailure(admitted, message, result, error, false);
      throw error;
    }
    const decoded = decodeConfigResult(result.raw);
    const restartRequired = decoded === 'restart';
    if (restartRequired) {
      const { bootTime } = this.parts;
      await this.parts.state.record((state) => withRestart(state, { id: admitted.id, alias, action, at: new Date().toISOString() }, bootTime));
      this.emit('activity', { kind: 'restart-required', alias, action });
      this.emit('restartsChanged', pendingRestarts(this.parts.state.current, bootTime));
    }
    return { alias, action, result: decoded, raw: result.raw.toString(), restartRequired };
  }

  private async call(
    alias: string,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
    kind: CallKind,
    options: Pick<CallOptions, 'freshHost' | 'stillWanted'> = {},
  ): Promise<CallResult> {
    const priority: Priority = kind === 'background' ? 'background' : 'interactive';
    const result = await this.parts.supervisor.call({ alias, message, lParam1, lParam2 }, { priority, deadlineMs: this.parts.deadlines[kind], ...options });
    const call: DriverCallRecord = {
      alias,
      message,
      messageName: messageName(message),
      lParam1: lParam1.kind === 'integer' ? lParam1.value : 'owner window',
      lParam2: lParam2.kind === 'integer' ? lParam2.value : `DRVCONFIGINFO(${lParam2.section}, ${alias})`,
      result: result.ok ? result.raw.toString() : describeFailure(result),
      durationMs: result.durationMs,
    };
    this.emit('activity', { kind: 'call', call });
    return result;
  }

  /**
   * Applies what a call found out to the driver's entry, if the entry is still
   * about the registration that was called (a newer listing may have a changed one).
   */
  private updateFacts(admitted: Admitted, change: (facts: EntryFacts) => EntryFacts): void {
    const facts = this.facts.get(admitted.id);
    if (facts?.registration.kind !== 'value' || facts.registration.reg.value !== admitted.value) return;
    this.facts.set(admitted.id, { ...change(facts), pending: null });
    this.announce([admitted.id]);
  }

  private announce(ids: readonly string[]): void {
    const entries = ids.flatMap((id) => {
      const facts = this.facts.get(id);
      return facts ? [this.entry(facts)] : [];
    });
    if (entries.length > 0) this.emit('driversUpdated', entries);
  }

  private entry(facts: EntryFacts): DriverEntry {
    return deriveEntry(facts, ++this.revision);
  }

  /**
   * The one rule for every request that reaches the driver host: the alias
   * must be registered right now in the 64-bit view, its file must be there,
   * and it must not be quarantined (unless the technician sends their own
   * message, or a person asked to try again). Otherwise a typed error, and
   * nothing is loaded.
   */
  private async admit(alias: unknown, options: { retry?: boolean; allowQuarantined?: boolean } = {}): Promise<Admitted> {
    const name = checkAliasShape(alias);
    const { native, unusable, otherViewOnly } = await this.parts.catalog.lookup(name);
    if (unusable) throw new DriverError('unreadable-value', `${unusable.alias}: ${unusable.reason}`, unusable.alias);
    if (!native) {
      if (otherViewOnly) {
        throw new DriverError('other-architecture', `${name} is registered only for 32-bit programs; this 64-bit panel cannot open it.`, name);
      }
      throw new DriverError('unknown-alias', `No installed driver is registered as "${name}".`, name);
    }
    const { registration, details } = native;
    if (!details.path) {
      throw new DriverError('missing-file', missingFileDetail(splitRegisteredValue(registration.value).file, registration.view), registration.alias);
    }
    const id = driverId(registration.view, registration.alias, registration.disabledBy);
    const admitted: Admitted = { id, alias: registration.alias, value: registration.value, file: details.identity };
    if (options.retry) {
      const was = quarantineFor(this.parts.state.current, id, details.identity);
      await this.parts.state.record((state) => withoutQuarantine(state, id));
      if (was) this.emit('activity', { kind: 'quarantine-lifted', alias: registration.alias, why: 'retry' });
      this.updateFacts(admitted, (facts) => ({ ...facts, quarantine: null }));
      return admitted;
    }
    const quarantine = quarantineFor(await this.parts.state.refresh(), id, details.identity);
    if (quarantine && !options.allowQuarantined) throw new DriverError('quarantined', `${registration.alias}: ${describeQuarantine(quarantine)}`, registration.alias);
    return admitted;
  }
}

// One collator for every listing: localeCompare builds one per call, thousands of times for a long list.
const listingOrder = new Intl.Collator();

/** A change a killed process left half-done is settled before anything else reads the registrations. */
async function recoverChanges(parts: DriverServiceParts): Promise<void> {
  try {
    await parts.journal.recover();
  } catch (error) {
    parts.state.notice(errorText(error));
  }
}

// Drivers receive the section they are registered in, as the Drivers applet passed it.
const configInfo: HostParam2 = { kind: 'config-info', section: DRIVERS_SECTION };

function integer(value: bigint): { kind: 'integer'; value: string } {
  return { kind: 'integer', value: value.toString() };
}

function describeFailure(result: Exclude<CallResult, { ok: true }>): string {
  switch (result.failure) {
    case 'crashed':
      return `crashed in ${result.stage} (exit code ${describeExitCode(result.exitCode)})`;
    case 'not-responding':
    case 'stopped-waiting':
      return `${result.failure} in ${result.stage ?? 'the queue'}`;
    default:
      return result.failure;
  }
}

/**
 * A failed call as a typed error that says what happened, where, and that the
 * panel carried on. `shortenedFrom`: the panel's own deadline, when the one
 * missed was a person's shorter one.
 */
function callFailure(
  alias: string,
  message: number,
  result: Exclude<CallResult, { ok: true }>,
  quarantines: boolean,
  shortenedFrom: number | null = null,
): DriverError {
  const ended = 'Its driver host was ended; the panel carries on';
  const then = quarantines ? `${ended}, and does not open ${alias} on its own again until you try it again.` : `${ended}.`;
  switch (result.failure) {
    case 'open-failed':
      return new DriverError(
        'open-failed',
        `Winmm could not open ${alias}: the driver did not load or refused DRV_OPEN. Check that its file is a driver for this architecture.`,
        alias,
      );
    case 'crashed':
      return new DriverError('driver-crashed', `${alias} crashed in ${describeStage(result.stage, message)} (exit code ${describeExitCode(result.exitCode)}). ${then}`, alias);
    case 'not-responding': {
      const late = `${alias} did not answer ${describeStage(result.stage, message)} within ${seconds(result.durationMs)} s`;
      if (shortenedFrom === null) return new DriverError('driver-not-responding', `${late}. ${then}`, alias);
      const allowed = `the time you allowed, shorter than the panel's own ${shortenedFrom / 1000} s, so ${alias} is not quarantined`;
      return new DriverError('driver-not-responding', `${late}: ${allowed}. ${then}`, alias);
    }
    case 'stopped-waiting':
      return new DriverError(
        'stopped-waiting',
        result.stage === null
          ? `You stopped waiting for ${alias} before its turn came; it was not called.`
          : `You stopped waiting for ${alias} in ${describeStage(result.stage, message)}. Its driver host was ended, cutting short whatever the driver was doing.`,
        alias,
      );
    case 'skipped':
      return new DriverError('quarantined', `${alias} was quarantined before its turn came; it was not called.`, alias);
    case 'host-failed':
      return new DriverError('host-failed', result.message, alias);
  }
}

/** Tenths of a second, or thousandths below one tenth: a deadline of 1 ms did not pass "within 0.0 s". */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 100 ? 3 : 1);
}
