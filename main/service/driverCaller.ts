/**
 * Every call into a driver, through the supervised host: the deadline its kind
 * is given, the call trace, and what an outcome means for the driver (a probe
 * remembered, a quarantine, a restart requirement).
 */
import type { EventEmitter } from 'node:events';
import type { ActionResult, DriverAction, ProbeResult, QuarantineRecord } from '../../app/drivers';
import { describeQuarantine } from '../../app/faults';
import { DRV_QUERYCONFIGURE, decodeConfigResult } from '../../app/messages';
import { messageNameFor, messageValue } from '../../app/messageCatalogue';
import { offersConfiguration } from '../../app/configurationAnswers';
import { classifyAlias } from '../../app/driverKinds';
import type { DriverError } from '../../app/driverError';
import type { EntryFacts } from '../catalog/driverCatalog';
import { aliasInView } from '../../app/views';
import { DRIVERS_SECTION, formatQuery, loaderOpening, type FormatDirection, type HostParam1, type HostParam2 } from '../host/hostProtocol';
import type { CallOptions, CallResult, Priority } from '../host/supervisor/hostSupervisor';
import { pendingRestarts, quarantineFor, withProbes, withQuarantine, withRestart } from '../state/panelState';
import type { DriverCallRecord } from './activity';
import type { Admitted } from './admission';
import { callFailure, describeFailure, failedMessage, type FailedCall } from './callFailures';
import { fileLoadProblem } from '../catalog/driverFile';
import type { CallKind, DriverServiceParts, ServiceEvents } from './serviceParts';

/** Applies what a call found out to the driver's entry in the listing. */
export type FactsUpdate = (admitted: Admitted, change: (facts: EntryFacts) => EntryFacts) => void;

type CallerParts = Pick<DriverServiceParts, 'hosts' | 'state' | 'bootTime' | 'deadlines' | 'panelDeadlines'>;

// Drivers receive the section they are registered in, as the Drivers applet passed it.
export const configInfo: HostParam2 = { kind: 'config-info', section: DRIVERS_SECTION };

export function integer(value: bigint): { kind: 'integer'; value: string } {
  return { kind: 'integer', value: value.toString() };
}

/** A parameter as the call trace shows it. */
function paramText(param: HostParam1 | HostParam2, alias: string): string {
  switch (param.kind) {
    case 'integer':
      return param.value;
    case 'owner-window':
      return 'owner window';
    case 'config-info':
      return `DRVCONFIGINFO(${param.section}, ${alias})`;
    case 'bitmap-header':
      return `BITMAPINFOHEADER(${param.compression || 'BI_RGB'}, ${param.bitCount}-bit)`;
    case 'structure':
      return param.structure === 'ACMFORMATTAGDETAILS' ? `${param.structure}(index ${param.index})` : param.structure;
  }
}

export class DriverCaller {
  constructor(
    private readonly parts: CallerParts,
    private readonly events: EventEmitter<ServiceEvents>,
    private readonly updateFacts: FactsUpdate,
  ) {}

  /** Probes a driver and records the outcome in its entry, the remembered probes or the quarantine. */
  async probe(admitted: Admitted, kind: 'interactive' | 'background'): Promise<ProbeResult> {
    // A background probe is dropped if the driver was quarantined while it waited (by a person's request, say).
    const stillWanted = kind === 'background' ? () => quarantineFor(this.parts.state.current, admitted.id, admitted.file) === null : undefined;
    const call = (freshHost: boolean): Promise<CallResult> =>
      this.call(admitted, DRV_QUERYCONFIGURE, integer(0n), integer(0n), kind, { freshHost, readIdentity: true, ...(stillWanted ? { stillWanted } : {}) });
    const first = await call(false);
    // A fault in a host that had called other drivers may be theirs: it counts only if a fresh host sees it too.
    const result = !first.ok && 'hostWasFresh' in first && !first.hostWasFresh ? await call(true) : first;
    if (!result.ok) {
      const shortenedFrom = result.failure === 'not-responding' ? this.shortenedFrom(kind) : null;
      const broken = shortenedFrom === null && (result.failure !== 'stopped-waiting' || this.waitedLongEnough(result.durationMs));
      const error = this.failure(admitted, DRV_QUERYCONFIGURE, result, broken, shortenedFrom);
      await this.noteFailure(admitted, DRV_QUERYCONFIGURE, result, error, broken);
      throw error;
    }
    const probe: ProbeResult = {
      alias: admitted.alias,
      raw: result.raw.toString(),
      configurable: offersConfiguration(classifyAlias(admitted.alias), result.raw),
      loadedPath: result.loadedPath,
      identity: result.identity,
      durationMs: result.durationMs,
      at: new Date().toISOString(),
    };
    const { file } = admitted;
    if (file) this.parts.state.remember((state) => withProbes(state, [{ id: admitted.id, value: admitted.value, file, probe, openFailure: null }]));
    this.updateFacts(admitted, (facts) => ({ ...facts, probe, openFailure: null, quarantine: null }));
    return probe;
  }

  /** Configure, install or remove: sent once, in a fresh host, with as long as a dialog needs. */
  async action(
    admitted: Admitted,
    action: DriverAction,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
    { registrationStays = true }: { registrationStays?: boolean } = {},
  ): Promise<ActionResult> {
    const { alias } = admitted;
    // Never sent twice, so run where a fault can only be this driver's.
    const result = await this.call(admitted, message, lParam1, lParam2, 'dialog', { freshHost: true });
    if (!result.ok) {
      const error = this.failure(admitted, message, result, registrationStays && result.failure === 'crashed');
      await this.noteFailure(admitted, message, result, error, false);
      throw error;
    }
    const decoded = decodeConfigResult(result.raw);
    const restartRequired = decoded === 'restart';
    if (restartRequired) {
      const { bootTime } = this.parts;
      await this.parts.state.record((state) => withRestart(state, { id: admitted.id, alias, action, at: new Date().toISOString() }, bootTime));
      this.events.emit('activity', { kind: 'restart-required', alias: aliasInView(alias, admitted.view), action });
      this.events.emit('restartsChanged', pendingRestarts(this.parts.state.current, bootTime));
    }
    return { alias, action, result: decoded, raw: result.raw.toString(), restartRequired };
  }

  /** A codec's own dialog (ICM_CONFIGURE, ICM_ABOUT, ACMDM_DRIVER_ABOUT): sent once, in a fresh host, with as long as a dialog needs. */
  async dialog(admitted: Admitted, message: number, owner: HostParam1): Promise<bigint> {
    const result = await this.call(admitted, message, owner, integer(0n), 'dialog', { freshHost: true });
    if (!result.ok) {
      const error = this.failure(admitted, message, result, result.failure === 'crashed');
      await this.noteFailure(admitted, message, result, error, false);
      throw error;
    }
    return result.raw;
  }

  /**
   * ICM_DECOMPRESS_QUERY (a frame of `fourcc`) or ICM_COMPRESS_QUERY (RGB to
   * `fourcc`) in a codec opened for that, as ICLocate asks: its answer, or
   * 'refused' when it would not open so (a decoder refuses an open to
   * compress). A crash or a hang quarantines it, as in a probe: a query takes
   * milliseconds. Throws what went wrong otherwise.
   */
  async formatQuery(admitted: Admitted, direction: FormatDirection, fourcc: string): Promise<bigint | 'refused'> {
    const query = formatQuery(direction, fourcc);
    const message = messageValue(query.message);
    const call = (freshHost: boolean): Promise<CallResult> => this.call(admitted, message, query.lParam1, query.lParam2, 'interactive', { mode: query.mode, freshHost });
    const first = await call(false);
    // As in a probe: a fault in a host that had called other codecs counts only if a fresh host sees it too.
    const result = !first.ok && 'hostWasFresh' in first && !first.hostWasFresh ? await call(true) : first;
    if (result.ok) return result.raw;
    if (result.failure === 'open-failed') return 'refused';
    const shortenedFrom = result.failure === 'not-responding' ? this.shortenedFrom('interactive') : null;
    const broken = result.failure === 'crashed' || (result.failure === 'not-responding' && shortenedFrom === null);
    const error = this.failure(admitted, message, result, broken, shortenedFrom);
    if (broken) await this.noteFailure(admitted, message, result, error, true);
    throw error;
  }

  /** One message, in the host of the driver's view, traced in the activity whatever its outcome. */
  async call(
    { alias, view }: Pick<Admitted, 'alias' | 'view'>,
    message: number,
    lParam1: HostParam1,
    lParam2: HostParam2,
    kind: CallKind,
    options: Pick<CallOptions, 'freshHost' | 'stillWanted'> & { readIdentity?: boolean; mode?: number } = {},
  ): Promise<CallResult> {
    const priority: Priority = kind === 'background' ? 'background' : 'interactive';
    const { readIdentity = false, mode, ...callOptions } = options;
    const request = { alias, opening: loaderOpening(alias, mode), message, lParam1, lParam2, readIdentity };
    const result = await this.parts.hosts.of(view).call(request, { priority, deadlineMs: this.parts.deadlines[kind], ...callOptions });
    const call: DriverCallRecord = {
      alias: aliasInView(alias, view),
      message,
      messageName: messageNameFor(classifyAlias(alias), message),
      lParam1: paramText(lParam1, alias),
      lParam2: paramText(lParam2, alias),
      result: result.ok ? result.raw.toString() : describeFailure(result, message, alias),
      durationMs: result.durationMs,
    };
    this.events.emit('activity', { kind: 'call', call });
    return result;
  }

  /** A failed call as a typed error; a refused open says what the file itself shows is wrong with it. */
  private failure(admitted: Admitted, message: number, result: FailedCall, quarantines: boolean, shortenedFrom: number | null = null): DriverError {
    const path = admitted.file?.path;
    const fileProblem = result.failure === 'open-failed' && path ? fileLoadProblem(path, admitted.view) : null;
    const { lifted = null, unexpanded } = admitted;
    return callFailure(admitted.alias, message, result, { quarantines, shortenedFrom, fileProblem, earlier: lifted, ...(unexpanded === undefined ? {} : { unexpanded }) });
  }

  /**
   * A query a person stopped waiting for hangs when it ran as long as the
   * panel itself waits for one (its background deadline); stopped sooner, it
   * is a person's shorter patience, as a shorter --timeout is.
   */
  private waitedLongEnough(durationMs: number): boolean {
    return durationMs >= this.parts.panelDeadlines.background;
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
  private async noteFailure(admitted: Admitted, message: number, result: FailedCall, error: DriverError, hangMeansBroken: boolean): Promise<void> {
    const record = faultRecord(admitted, message, result, hangMeansBroken);
    if (record) {
      await this.parts.state.record((state) => withQuarantine(state, admitted.id, record));
      this.updateFacts(admitted, (facts) => ({ ...facts, quarantine: record, probe: null }));
      this.events.emit('activity', { kind: 'quarantined', alias: aliasInView(admitted.alias, admitted.view), why: describeQuarantine(record) });
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
}

/**
 * The quarantine a failed call earns, or null: a crash always; a hang, or a
 * call a person stopped waiting for once the driver had it, when a hang there
 * means the driver is broken (a query, never a dialog).
 */
function faultRecord(admitted: Admitted, message: number, result: FailedCall, hangMeansBroken: boolean): QuarantineRecord | null {
  const hung = (result.failure === 'not-responding' || result.failure === 'stopped-waiting') && hangMeansBroken;
  if ((result.failure !== 'crashed' && !hung) || !('stage' in result) || result.stage === null) return null;
  return {
    alias: admitted.alias,
    file: admitted.file,
    message: failedMessage(result, message),
    stage: result.stage,
    what: result.failure,
    exitCode: result.failure === 'crashed' ? result.exitCode : null,
    at: new Date().toISOString(),
  };
}
