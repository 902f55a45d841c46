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
import type { DriverThread } from './driverThread';
import type { CallParam, DriverCallOutcome } from './driverThreadProtocol';

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

type Priority = 'interactive' | 'background';

export class DriverService extends EventEmitter<ServiceEvents> {
  private readonly probes = new Map<string, ProbeOutcome>();
  /** Background probes queued or running, so that repeated refreshes do not pile up. */
  private readonly queuedProbes = new Map<string, Promise<ProbeOutcome>>();
  private readonly restarts: RestartRequirement[] = [];

  constructor(private readonly thread: DriverThread) {
    super();
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

  /** DRV_CONFIGURE, only for a driver that answered DRV_QUERYCONFIGURE with nonzero. */
  async configure(alias: unknown, parentWindow: bigint): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    const probe = await this.probeEntry(name, 'interactive');
    if (!probe.configurable) {
      throw new DriverError(
        'not-configurable',
        `${name} has no configuration dialog (DRV_QUERYCONFIGURE returned 0).`,
        name,
      );
    }
    return this.action(name, 'configure', DRV_CONFIGURE, parentWindow, configInfo);
  }

  async install(alias: unknown): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    return this.action(name, 'install', DRV_INSTALL, 0n, configInfo);
  }

  async remove(alias: unknown): Promise<ActionResult> {
    const name = this.openableAlias(alias);
    return this.action(name, 'remove', DRV_REMOVE, 0n, { kind: 'integer', value: 0n });
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
    const outcome = await this.call(name, message, lParam1, { kind: 'integer', value: lParam2 }, 'interactive');
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
      const outcome = await this.call(alias, DRV_QUERYCONFIGURE, 0n, { kind: 'integer', value: 0n }, priority);
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
    lParam1: bigint,
    lParam2: CallParam,
  ): Promise<ActionResult> {
    const outcome = await this.call(alias, message, lParam1, lParam2, 'interactive');
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
    lParam1: bigint,
    lParam2: CallParam,
    priority: Priority,
  ): Promise<Extract<DriverCallOutcome, { ok: true }>> {
    const outcome = await this.thread.call({ alias, message, lParam1, lParam2 }, priority);
    this.emit('call', {
      alias,
      message,
      messageName: messageName(message),
      lParam1: lParam1.toString(),
      lParam2: lParam2.kind === 'integer' ? lParam2.value.toString() : `DRVCONFIGINFO(${lParam2.section}, ${alias})`,
      result: outcome.ok ? outcome.raw.toString() : 'open failed',
      durationMs: outcome.durationMs,
    });
    if (!outcome.ok) {
      throw new DriverError(
        'open-failed',
        `Winmm could not open ${alias}: the driver did not load or refused DRV_OPEN. Check that its file is a driver for this architecture.`,
        alias,
      );
    }
    return outcome;
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

const configInfo: CallParam = { kind: 'config-info', section: CONFIG_SECTION };

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
