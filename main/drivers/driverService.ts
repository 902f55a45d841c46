/**
 * The driver service: what the panel, the CLI and the tests ask of installable
 * drivers. Plain Node (no Electron), so it runs the same in the app, in the CLI
 * and under Wine in the test bench.
 *
 * It only ever opens aliases it has just enumerated: OpenDriver would also load
 * any DLL given by path, so a path or an unregistered name never reaches Winmm.
 */
import { EventEmitter } from 'node:events';
import type {
  ActionResult,
  DriverAction,
  DriverEntry,
  DriverListing,
  ProbeOutcome,
  ProbeResult,
  RestartRequirement,
  SendResult,
} from '../../app/drivers';
import { applyProbeOutcome } from '../../app/drivers';
import {
  DRV_CONFIGURE,
  DRV_INSTALL,
  DRV_QUERYCONFIGURE,
  DRV_REMOVE,
  decodeConfigResult,
  isSendableMessage,
  messageName,
} from '../../app/messages';
import { MAX_ALIAS_LENGTH, driverId, isPathLike, splitRegisteredValue, type MergedRegistration } from './driverCatalog';
import { DriverError, toFailure } from './driverError';
import {
  NATIVE_VIEW,
  describeRegistration,
  missingFileDetail,
  resolveDriverFile,
  scanRegistrations,
} from './driverScanner';
import { describeExitCode, describeStage } from '../../app/faults';
import type { HostParam1, HostParam2 } from '../host/hostProtocol';
import type { CallResult, HostSupervisor, Priority } from './hostSupervisor';

/** The section name drivers receive in DRVCONFIGINFO, as the Drivers applet passed it. */
export const CONFIG_SECTION = 'Drivers32';

/** One line of the call trace: every call into a driver, as Wine's winmm logs its entry points. */
export interface DriverCallRecord {
  alias: string;
  message: number;
  messageName: string;
  lParam1: string;
  lParam2: string;
  result: string;
  durationMs: number;
}

/** The one-line trace of a call, for the CLI's --verbose and the app's log. */
export function formatCallRecord(call: DriverCallRecord): string {
  return `[driver] ${call.alias} ${call.messageName}(${call.lParam1}, ${call.lParam2}) -> ${call.result} in ${call.durationMs.toFixed(1)} ms`;
}

interface ServiceEvents {
  probeOutcome: [ProbeOutcome];
  call: [DriverCallRecord];
  restartRequired: [RestartRequirement];
}

/** How long a driver may take to answer, by kind of call; null waits for as long as a person does. */
export interface Deadlines {
  background: number;
  interactive: number;
  /** Configure, install and remove may show a dialog that waits for a person. */
  dialog: number | null;
}

export const defaultDeadlines: Deadlines = { background: 5_000, interactive: 30_000, dialog: null };

type CallKind = keyof Deadlines;
type Answered = Extract<CallResult, { ok: true }>;

export class DriverService extends EventEmitter<ServiceEvents> {
  private readonly probes = new Map<string, ProbeOutcome>();
  /** Background probes queued or running, so that repeated refreshes do not pile up. */
  private readonly queuedProbes = new Map<string, Promise<ProbeOutcome>>();
  private readonly restarts: RestartRequirement[] = [];

  constructor(
    private readonly supervisor: HostSupervisor,
    private readonly deadlines: Deadlines = defaultDeadlines,
  ) {
    super();
  }

  /** Ends the driver host at once, even while a driver hangs; queued calls fail. */
  close(): void {
    this.supervisor.close();
  }

  /** Gives up on the call in flight for `alias`, if a person is waiting for it. */
  stopWaiting(alias: string): boolean {
    return this.supervisor.stopWaiting(alias);
  }

  /** Every registered driver, at once; probe results known so far are included. */
  async listDrivers(): Promise<DriverListing> {
    const scan = scanRegistrations();
    const drivers = scan.registrations.map((reg) => this.withProbe(describeRegistration(reg)));
    return { drivers, skipped: scan.skipped };
  }

  /**
   * Queues a probe of every openable driver behind any interactive request.
   * Each outcome is emitted as `probeOutcome` as it completes; `done` settles
   * when all have (a failed probe is an outcome, not a rejection).
   */
  async probeAll(): Promise<{ queued: number; done: Promise<ProbeOutcome[]> }> {
    // Registrations only: the caller has just listed, so version resources need not be read again.
    const openable = scanRegistrations().registrations.filter((r) => r.view === NATIVE_VIEW && fileOf(r) !== null);
    const outcomes = openable.map((r) => this.queueProbe(driverId(r.view, r.alias), r.alias));
    return { queued: openable.length, done: Promise.all(outcomes) };
  }

  private queueProbe(id: string, alias: string): Promise<ProbeOutcome> {
    const queued = this.queuedProbes.get(id);
    if (queued) return queued;
    const outcome = this.probeEntry(alias, 'background')
      .then(
        (probe): ProbeOutcome => ({ ok: true, alias, probe }),
        (error: unknown): ProbeOutcome => ({ ok: false, alias, error: toFailure(error) }),
      )
      .finally(() => this.queuedProbes.delete(id));
    this.queuedProbes.set(id, outcome);
    return outcome;
  }

  async probe(alias: unknown): Promise<ProbeResult> {
    return this.probeEntry(this.openableAlias(alias), 'interactive');
  }

  /**
   * DRV_CONFIGURE, only for a driver that answered DRV_QUERYCONFIGURE with
   * nonzero. `parentWindow` owns the dialog; null lets the host provide one.
   */
  async configure(alias: unknown, parentWindow: bigint | null): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    const probe = await this.probeEntry(name, 'interactive');
    if (!probe.configurable) {
      throw new DriverError(
        'not-configurable',
        `${name} has no configuration dialog (DRV_QUERYCONFIGURE returned 0).`,
        name,
      );
    }
    const owner: HostParam1 = parentWindow === null ? { kind: 'owner-window' } : integer(parentWindow);
    return this.action(name, 'configure', DRV_CONFIGURE, owner, configInfo);
  }

  async install(alias: unknown): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    return this.action(name, 'install', DRV_INSTALL, integer(0n), configInfo);
  }

  async remove(alias: unknown): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    return this.action(name, 'remove', DRV_REMOVE, integer(0n), integer(0n));
  }

  /** A technician's message with integer parameters; pointer-taking messages are refused. */
  async send(alias: unknown, message: number, lParam1: bigint, lParam2: bigint): Promise<SendResult> {
    const name = this.openableAlias(alias);
    if (!Number.isInteger(message) || !isSendableMessage(message)) {
      throw new DriverError(
        'message-not-allowed',
        `${messageName(message)} cannot be sent with integer parameters. Use the probe, configure, install or remove command for Winmm's own messages; custom messages start at 0x0800 (DRV_RESERVED).`,
        name,
      );
    }
    const outcome = await this.call(name, message, integer(lParam1), integer(lParam2), 'interactive');
    return { alias: name, message, raw: outcome.raw.toString(), durationMs: outcome.durationMs };
  }

  restartRequirements(): RestartRequirement[] {
    return [...this.restarts];
  }

  private withProbe(entry: DriverEntry): DriverEntry {
    const outcome = this.probes.get(entry.id);
    return outcome ? applyProbeOutcome(entry, outcome) : entry;
  }

  private async probeEntry(alias: string, priority: Priority): Promise<ProbeResult> {
    const id = driverId(NATIVE_VIEW, alias);
    try {
      const outcome = await this.call(alias, DRV_QUERYCONFIGURE, integer(0n), integer(0n), priority);
      const probe: ProbeResult = {
        alias,
        raw: outcome.raw.toString(),
        configurable: outcome.raw !== 0n,
        loadedPath: outcome.loadedPath,
        durationMs: outcome.durationMs,
      };
      this.record(id, { ok: true, alias, probe });
      return probe;
    } catch (error) {
      this.record(id, { ok: false, alias, error: toFailure(error) });
      throw error;
    }
  }

  private record(id: string, outcome: ProbeOutcome): void {
    this.probes.set(id, outcome);
    this.emit('probeOutcome', outcome);
  }

  private async action(
    alias: string,
    action: DriverAction,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
  ): Promise<ActionResult> {
    const outcome = await this.call(alias, message, lParam1, lParam2, 'dialog');
    const result = decodeConfigResult(outcome.raw);
    const restartRequired = result === 'restart';
    if (restartRequired) {
      const requirement = { alias, action, at: new Date().toISOString() };
      this.restarts.push(requirement);
      this.emit('restartRequired', requirement);
    }
    return { alias, action, result, raw: outcome.raw.toString(), restartRequired };
  }

  private async call(
    alias: string,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
    kind: CallKind,
  ): Promise<Answered> {
    const priority: Priority = kind === 'background' ? 'background' : 'interactive';
    const result = await this.supervisor.call({ alias, message, lParam1, lParam2 }, { priority, deadlineMs: this.deadlines[kind] });
    this.emit('call', {
      alias,
      message,
      messageName: messageName(message),
      lParam1: lParam1.kind === 'integer' ? lParam1.value : 'owner window',
      lParam2: lParam2.kind === 'integer' ? lParam2.value : `DRVCONFIGINFO(${lParam2.section}, ${alias})`,
      result: result.ok ? result.raw.toString() : result.failure,
      durationMs: result.durationMs,
    });
    if (!result.ok) throw callFailure(alias, message, result);
    return result;
  }

  /**
   * The registered entry for `alias`, from a fresh enumeration, if the panel
   * may open it; otherwise a typed error and nothing is loaded.
   */
  private openableAlias(alias: unknown): string {
    const name = checkAliasShape(alias);
    const matches = scanRegistrations().registrations.filter((r) => r.alias.toLowerCase() === name.toLowerCase());
    const native = matches.find((r) => r.view === NATIVE_VIEW);
    if (!native) {
      if (matches.length > 0) {
        throw new DriverError(
          'other-architecture',
          `${name} is registered only for 32-bit programs; this 64-bit panel cannot open it.`,
          name,
        );
      }
      throw new DriverError('unknown-alias', `No installed driver is registered as "${name}".`, name);
    }
    if (fileOf(native) === null) {
      throw new DriverError('missing-file', missingFileDetail(splitRegisteredValue(native.value).file, native.view), native.alias);
    }
    return native.alias;
  }
}

/** Where the registered file is, or null if the loader would not find it. */
function fileOf(reg: MergedRegistration): string | null {
  return resolveDriverFile(splitRegisteredValue(reg.value).file, reg.view);
}

const configInfo: HostParam2 = { kind: 'config-info', section: CONFIG_SECTION };

function integer(value: bigint): { kind: 'integer'; value: string } {
  return { kind: 'integer', value: value.toString() };
}

/** A failed call as a typed error that says what happened, where, and that the panel carried on. */
function callFailure(alias: string, message: number, result: Exclude<CallResult, { ok: true }>): DriverError {
  switch (result.failure) {
    case 'open-failed':
      return new DriverError(
        'open-failed',
        `Winmm could not open ${alias}: the driver did not load or refused DRV_OPEN. Check that its file is a driver for this architecture.`,
        alias,
      );
    case 'crashed':
      return new DriverError(
        'driver-crashed',
        `${alias} crashed in ${describeStage(result.stage, message)} (exit code ${describeExitCode(result.exitCode)}). Its driver host was ended; the panel carries on.`,
        alias,
      );
    case 'not-responding':
      return new DriverError(
        'driver-not-responding',
        `${alias} did not answer ${describeStage(result.stage, message)} within ${(result.durationMs / 1000).toFixed(1)} s. Its driver host was ended; the panel carries on.`,
        alias,
      );
    case 'stopped-waiting':
      return new DriverError(
        'stopped-waiting',
        `You stopped waiting for ${alias} in ${describeStage(result.stage, message)}. Its driver host was ended, cutting short whatever the driver was doing.`,
        alias,
      );
    case 'host-failed':
      return new DriverError('host-failed', result.message, alias);
  }
}

function checkAliasShape(alias: unknown): string {
  if (typeof alias !== 'string' || alias.trim() === '' || alias.length > MAX_ALIAS_LENGTH) {
    throw new DriverError('invalid-alias', `A driver alias is a name of 1 to ${MAX_ALIAS_LENGTH} characters, such as msacm.imaadpcm.`);
  }
  if (isPathLike(alias)) {
    throw new DriverError(
      'invalid-alias',
      `"${alias}" looks like a file path. Only registered driver aliases can be opened.`,
    );
  }
  return alias;
}
