/**
 * The driver service: what the panel, the CLI and the tests ask of installable
 * drivers. Plain Node (no Electron), so it runs the same in the app, in the CLI
 * and under Wine in the test bench. It puts its parts together: the listing
 * (driverListing.ts), which requests may open a driver (admission.ts), the
 * calls into drivers and what their outcomes mean (driverCaller.ts), and the
 * journaled changes to the registrations (changes/driverChanges.ts).
 *
 * Every call into a driver runs in the supervised driver host; a driver that
 * crashes or stops answering there is quarantined and not opened again on the
 * panel's own initiative.
 */
import { EventEmitter } from 'node:events';
import { configurationVerdict } from '../../app/configurationAnswers';
import { classifyAlias, kindNouns, withArticle, type DriverKind } from '../../app/driverKinds';
import { answerWords, catalogueMessage, catalogueMessageNamed, messageNameFor, pointerRefusal, type CatalogueMessage } from '../../app/messageCatalogue';
import type {
  ActionResult,
  CodecDialog,
  CodecDialogResult,
  Disabler,
  DriverListing as Listing,
  ProbeMode,
  ProbeResult,
  RestartRequirement,
  SendResult,
} from '../../app/drivers';
import { WOW64_VIEW, aliasInView, type RegistryView } from '../../app/views';
import { viewOfDriverId } from '../catalog/driverCatalog';
import { INT32_MAX, INT32_MIN, isInt32 } from '../../app/integerRange';
import type { ActionOutcome } from '../../app/changes';
import { DRV_CONFIGURE, DRV_INSTALL, DRV_REMOVE, isMinusOne, isSendableMessage, messageName } from '../../app/messages';
import { errorText } from '../../app/errorText';
import { DriverError } from '../../app/driverError';
import { loaderOpening, openingText, type HostParam1 } from '../host/hostProtocol';
import { forgetEarlierBoots, pendingRestarts } from '../state/panelState';
import { DriverChanges } from '../changes/driverChanges';
import type { Activity } from './activity';
import { admit, type Admitted, type AdmitOptions } from './admission';
import { callFailure } from './callFailures';
import { findCodecs } from './codecFinder';
import { messageParameters, type StructureFill } from './messageParameters';
import { parseCodecQuery, type CodecQueryResult } from '../../app/codecQuery';
import { DriverCaller, configInfo, integer } from './driverCaller';
import { DriverListing, type ListingOptions } from './driverListing';
import { watchRegistrations } from '../catalog/registrationWatcher';
import { ChangeFollower } from './changeFollower';
import type { DriverServiceParts, ServiceEvents } from './serviceParts';

export class DriverService extends EventEmitter<ServiceEvents> {
  /** Remove, disable, enable, undo: the changes to the registrations, journaled. */
  readonly changes: DriverChanges;
  private readonly listing: DriverListing;
  private readonly caller: DriverCaller;
  /** Changes made by other programs, told once and only when the registrations did change. */
  private readonly follower: ChangeFollower;
  private stopWatching: (() => void) | null = null;

  private constructor(
    private readonly parts: DriverServiceParts,
    /** What changed before anyone could listen: restart requirements met by a restart since. */
    private readonly startupActivity: readonly Activity[],
  ) {
    super();
    this.listing = new DriverListing(parts, this, (admitted) => this.caller.probe(admitted, 'background'));
    this.caller = new DriverCaller(parts, this, (admitted, change) => this.listing.update(admitted, change));
    this.changes = new DriverChanges({
      journal: parts.journal,
      sendRemove: (alias, view) => this.sendRemove(alias, view),
      sendInstall: (alias, view) => this.installAdded(alias, view),
      sharers: (alias, view) => parts.catalog.sharers(alias, view),
      registeredAs: (path, view) => parts.catalog.registeredAs(path, view),
      registeredAliases: async (view) => {
        const scan = await parts.catalog.scan();
        return [...scan.registrations, ...scan.unreadable].filter((r) => r.view === view).map((r) => r.alias);
      },
      systemDirectories: parts.systemDirectories,
      elevated: parts.elevated,
      changed: () => {
        this.follower.toldOwnChange();
        this.emit('registrationsChanged', {});
      },
    });
    this.follower = new ChangeFollower({
      readRegistrations: async () => JSON.stringify(await parts.catalog.scan()),
      tell: (places) => {
        for (const place of places) this.emit('activity', { kind: 'changed-elsewhere', place });
        this.emit('registrationsChanged', {});
      },
    });
    parts.hosts.on('output', (output) => this.emit('activity', { kind: 'driver-output', ...output }));
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
      met.map(({ id, alias, action }) => ({ kind: 'restart-done', alias: aliasInView(alias, viewOfDriverId(id)), action })),
    );
  }

  /** Calls `listener` with every activity from the service's start on; returns how to stop. */
  followActivity(listener: (activity: Activity) => void): () => void {
    this.startupActivity.forEach(listener);
    this.on('activity', listener);
    return () => this.off('activity', listener);
  }

  /**
   * Tells `registrationsChanged` when a registration changes by any hand, not
   * only the panel's: for a window that stays open. A CLI command reads once.
   */
  watchRegistrations(): void {
    this.stopWatching ??= watchRegistrations({
      changed: (place) => this.follower.signalled(place),
      failed: (reason) => {
        this.parts.state.notice(`The panel no longer notices drivers changed by other programs (${reason}). Refresh shows their changes.`);
        this.emit('registrationsChanged', {});
      },
    });
  }

  /** Ends the driver host at once, even while a driver hangs, and writes what is not written yet. */
  async close(): Promise<void> {
    this.stopWatching?.();
    this.follower.stop();
    this.parts.hosts.close();
    await Promise.all([this.parts.catalog.close(), this.parts.state.flush()]);
  }

  /** Notices nobody has been shown yet. */
  takeNotices(): string[] {
    return this.parts.state.takeNotices();
  }

  /** See DriverListing.list: the registrations at once, the rest streamed. */
  listDrivers(probe: ProbeMode = 'none', options: ListingOptions = {}): Promise<Listing> {
    return this.listing.list(probe, options);
  }

  completeListing(probe: ProbeMode, options: ListingOptions = {}): Promise<Listing> {
    return this.listing.complete(probe, options);
  }

  shownListing(): Promise<Listing> {
    return this.listing.shown();
  }

  filePath(alias: string, view: RegistryView, disabledBy: Disabler | null): Promise<string> {
    return this.listing.filePath(alias, view, disabledBy);
  }

  idle(): Promise<void> {
    return this.listing.idle();
  }

  /** DRV_QUERYCONFIGURE for one driver; `retry` lifts its quarantine first. */
  async probe(alias: unknown, { retry = false, view = null }: { retry?: boolean; view?: RegistryView | null } = {}): Promise<ProbeResult> {
    const admitted = await this.admit(alias, { retry, view });
    return this.caller.probe(admitted, 'interactive');
  }

  /**
   * DRV_CONFIGURE, only for a driver that answered DRV_QUERYCONFIGURE with
   * nonzero. `parentWindow` owns the dialog; null lets the host provide one.
   */
  async configure(alias: unknown, parentWindow: bigint | null, view: RegistryView | null = null): Promise<ActionOutcome> {
    const admitted = await this.admit(alias, { view });
    const probe = await this.caller.probe(admitted, 'interactive');
    if (!probe.configurable) {
      throw new DriverError('not-configurable', `${admitted.alias} ${configurationVerdict(admitted.alias, probe.raw)}.`, admitted.alias);
    }
    const owner: HostParam1 = parentWindow === null ? { kind: 'owner-window' } : integer(parentWindow);
    return this.changes.watch('configure', admitted, () => this.caller.action(admitted, 'configure', DRV_CONFIGURE, owner, configInfo));
  }

  /** DRV_INSTALL for a registered driver; what it changes in the registrations is journaled, to undo. */
  async install(alias: unknown, view: RegistryView | null = null): Promise<ActionOutcome> {
    const admitted = await this.admit(alias, { view });
    return this.changes.watch('install', admitted, () => this.caller.action(admitted, 'install', DRV_INSTALL, integer(0n), configInfo));
  }

  /**
   * DRV_INSTALL for a driver being added (changes.add). Adding a file is the
   * person's request to try it, so a quarantine left by an earlier attempt does
   * not stop it. A crash still quarantines it; the message leaves out when the
   * panel will open it again, since the addition takes its registration back
   * and says what follows.
   */
  async installAdded(alias: string, view: RegistryView): Promise<ActionResult> {
    return this.caller.action(await this.admit(alias, { retry: true, view }), 'install', DRV_INSTALL, integer(0n), configInfo, { registrationStays: false });
  }

  /** DRV_REMOVE alone; `changes.remove` decides whether to send it and removes the registration. */
  async sendRemove(alias: unknown, view: RegistryView): Promise<ActionResult> {
    return this.caller.action(await this.admit(alias, { view }), 'remove', DRV_REMOVE, integer(0n), integer(0n));
  }

  /**
   * A technician's message: integer parameters, or for a catalogue message
   * that takes a structure the host can allocate, that structure, read back
   * (messageParameters.ts); other pointer-taking messages are refused. It
   * reaches a quarantined driver too (the technician asked for it), and a
   * crash it causes is reported but quarantines nothing: the message was theirs.
   */
  async send(alias: unknown, message: number, lParam1: bigint, lParam2: bigint, view: RegistryView | null = null, fill: StructureFill = {}): Promise<SendResult> {
    const admitted = await this.admit(alias, { allowQuarantined: true, view });
    const kind = classifyAlias(admitted.alias);
    const known = Number.isInteger(message) ? catalogueMessage(kind, message) : null;
    // Winmm's own messages the catalogue names say what sends them instead.
    if (known?.own) throw new DriverError('message-not-allowed', pointerRefusal(known) ?? known.own, admitted.alias);
    if (!Number.isInteger(message) || !isSendableMessage(message)) {
      throw new DriverError(
        'message-not-allowed',
        `${messageName(message)} cannot be sent with integer parameters. Use the probe, configure, install or remove command for Winmm's own messages; custom messages start at 0x0800 (DRV_RESERVED).`,
        admitted.alias,
      );
    }
    const refusal = known && pointerRefusal(known);
    if (refusal) throw new DriverError('message-not-allowed', refusal, admitted.alias);
    const sent = messageParameters(admitted.alias, known, lParam1, lParam2, fill);
    refuseUnfitting(admitted, sent.integers);
    const result = await this.caller.call(admitted, message, sent.lParam1, sent.lParam2, 'interactive', sent.mode === undefined ? {} : { mode: sent.mode });
    if (!result.ok) throw callFailure(admitted.alias, message, result, { quarantines: false });
    return {
      alias: admitted.alias,
      message,
      messageName: messageNameFor(kind, message),
      raw: result.raw.toString(),
      answer: known && answerWords(known, result.raw),
      opening: openingText(admitted.alias, loaderOpening(admitted.alias, sent.mode)),
      structure: sent.filled && result.structure ? { name: sent.filled, fields: result.structure } : null,
      durationMs: result.durationMs,
    };
  }

  /**
   * A codec's own dialog, owned by `parentWindow` (null: the host's own).
   * Codec settings… only for a video codec whose ICM_CONFIGURE query answered
   * ICERR_OK (asked again now); About… for any codec, never asked first (see
   * codecDialogs). A codec without the dialog says so in its answer.
   */
  async codecDialog(alias: unknown, dialog: CodecDialog, parentWindow: bigint | null, view: RegistryView | null = null): Promise<CodecDialogResult> {
    const admitted = await this.admit(alias, { view });
    const kind = classifyAlias(admitted.alias);
    const message = codecDialogMessage(admitted.alias, kind, dialog);
    if (dialog === 'settings') {
      const { identity } = await this.caller.probe(admitted, 'interactive');
      if (identity?.kind !== 'vidc' || !identity.settings) {
        throw new DriverError('not-configurable', `${admitted.alias} has no settings dialog of its own: ICM_CONFIGURE's query (-1) did not answer ICERR_OK.`, admitted.alias);
      }
    }
    const owner: HostParam1 = parentWindow === null ? { kind: 'owner-window' } : integer(parentWindow);
    const raw = await this.caller.dialog(admitted, message.value, owner);
    return { alias: admitted.alias, dialog, messageName: message.name, raw: raw.toString(), supported: !lacksDialog(message, raw), answer: answerWords(message, raw) };
  }

  /** The codecs in both views that handle a FourCC or a WAVE format tag (codecFinder.ts). */
  async whichCodec(text: unknown): Promise<CodecQueryResult> {
    const query = typeof text === 'string' ? parseCodecQuery(text) : null;
    if (!query) {
      throw new DriverError('invalid-request', 'Name a format: a FourCC (XVID, MJPG), a WAVE format tag (0x55, 85) or its name (MPEG Layer-3), at most 64 printable characters.');
    }
    return findCodecs(
      {
        listing: () => this.completeListing('new'),
        admit: (alias, view) => this.admit(alias, { view }),
        formatQuery: (admitted, direction, fourcc) => this.caller.formatQuery(admitted, direction, fourcc),
      },
      query,
    );
  }

  /** Gives up on the interactive call in flight for `alias` (in `view`, or either): its host is ended. */
  stopWaiting(alias: string, view: RegistryView | null = null): boolean {
    return this.parts.hosts.stopWaiting(alias, view);
  }

  /** Changes that wait for Windows to restart, as recorded by any process in this boot. */
  async restartRequirements(): Promise<RestartRequirement[]> {
    return pendingRestarts(await this.parts.state.refresh(), this.parts.bootTime);
  }

  /** Admission, and a quarantine a person lifted by trying again shown in the entry and the activity. */
  private admit(alias: unknown, options: AdmitOptions = {}): Promise<Admitted> {
    return admit(this.parts, alias, options, (admitted, was) => {
      if (was) this.emit('activity', { kind: 'quarantine-lifted', alias: aliasInView(admitted.alias, admitted.view), why: 'retry' });
      this.listing.update(admitted, (facts) => ({ ...facts, quarantine: null }));
    });
  }
}

/** The message that opens `dialog` for a codec of `kind`; a driver that is no codec has neither dialog. */
function codecDialogMessage(alias: string, kind: DriverKind, dialog: CodecDialog): CatalogueMessage {
  const name = dialog === 'settings' ? (kind === 'vidc' ? 'ICM_CONFIGURE' : null) : kind === 'vidc' ? 'ICM_ABOUT' : kind === 'acm' ? 'ACMDM_DRIVER_ABOUT' : null;
  const message = name && catalogueMessageNamed(name);
  if (!message) {
    const what = dialog === 'settings' ? 'Codec settings… is for video codecs (VfW)' : 'About… is for codecs (VfW and ACM)';
    throw new DriverError('not-configurable', `${what}; ${alias} is ${withArticle(kindNouns[kind])}.`, alias);
  }
  return message;
}

/** ICERR_UNSUPPORTED from a video codec, MMSYSERR_NOTSUPPORTED from an audio codec: it has no such dialog. */
function lacksDialog(message: CatalogueMessage, raw: bigint): boolean {
  return message.answer === 'icerr' ? isMinusOne(raw) : raw === MMSYSERR_NOTSUPPORTED;
}

const MMSYSERR_NOTSUPPORTED = 8n;

/**
 * A 32-bit driver's LPARAM is 32 bits: a value that does not fit is refused
 * before anything is loaded, never cut short on its way.
 */
function refuseUnfitting(admitted: Admitted, values: readonly bigint[]): void {
  if (admitted.view !== WOW64_VIEW) return;
  const unfit = values.find((value) => !isInt32(value));
  if (unfit === undefined) return;
  throw new DriverError(
    'invalid-request',
    `${admitted.alias} is a ${WOW64_VIEW} driver: its parameters are 32-bit values, from ${INT32_MIN} to ${INT32_MAX}, and ${unfit} does not fit. Nothing was sent.`,
    admitted.alias,
  );
}

/** A change a killed process left half-done is settled before anything else reads the registrations. */
async function recoverChanges(parts: DriverServiceParts): Promise<void> {
  try {
    await parts.journal.recover();
  } catch (error) {
    parts.state.notice(errorText(error));
  }
}
