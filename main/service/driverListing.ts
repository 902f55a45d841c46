/**
 * The listing: every registration with what is known about it, kept between
 * listings, and streamed. The registrations come back at once; file details,
 * signatures and background probes follow as `driversUpdated` events, each
 * entry whole and with a newer revision.
 */
import type { EventEmitter } from 'node:events';
import type { Disabler, DriverEntry, DriverListing as Listing, FileDetails, ProbeMode } from '../../app/drivers';
import { aliasInView, type RegistryView } from '../../app/views';
import { sameFile } from '../../app/drivers';
import type { FileSignature } from '../../app/signatures';
import { errorText } from '../../app/errorText';
import { DriverError } from '../../app/driverError';
import { deriveEntry, driverId, type EntryFacts, type MergedRegistration } from '../catalog/driverCatalog';
import { answerFor, quarantineFor, withFreshChance, type PanelState } from '../state/panelState';
import type { Admitted } from './admission';
import type { DriverServiceParts, ServiceEvents } from './serviceParts';

export interface ListingOptions {
  /**
   * Check each file's signature after every file's details (the default).
   * WinVerifyTrust hashes the whole file, so a listing without them is done
   * much sooner; Autoruns leaves its own check off by default for this reason.
   */
  signatures?: boolean;
}

// One collator for every listing: localeCompare builds one per call, thousands of times for a long list.
const listingOrder = new Intl.Collator();

export class DriverListing {
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

  constructor(
    private readonly parts: Pick<DriverServiceParts, 'catalog' | 'state' | 'hosts'>,
    private readonly events: EventEmitter<ServiceEvents>,
    private readonly probeInBackground: (admitted: Admitted) => Promise<unknown>,
  ) {}

  /**
   * Every registration, with what is remembered about it (probe results,
   * quarantine); on the way, provisional batches as `registrationsFound`. File
   * details are read afterwards and streamed; each driver that `probe` asks for
   * is queued for a probe as soon as its file is found, behind any interactive
   * request.
   */
  async list(probe: ProbeMode, { signatures = true }: ListingOptions): Promise<Listing> {
    const state = await this.parts.state.refresh();
    const shown = this.facts;
    const found = (reg: MergedRegistration): DriverEntry => {
      const id = driverId(reg.view, reg.alias, reg.disabledBy);
      return this.entry(this.knownFacts(id, reg, shown.get(id), state));
    };
    const scan = await this.parts.catalog.stream((batch) => this.events.emit('registrationsFound', batch.map(found)));
    // Probing 'new' drivers may load none (a second start); probing 'all' loads every one. Started after the reply: it takes a while under Wine.
    if (probe === 'all') setImmediate(() => this.parts.hosts.warmUp(scan.registrations.filter((reg) => reg.disabledBy === null).map((reg) => reg.view)));
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
    return { drivers, notices: [...scan.notes, ...this.parts.state.takeNotices()] };
  }

  /** A listing with every file's details read and every probe that `probe` asks for answered: what a report shows. */
  async complete(probe: ProbeMode, options: ListingOptions): Promise<Listing> {
    const entries = new Map<string, DriverEntry>();
    const keep = (updated: DriverEntry[]): void => updated.forEach((e) => entries.set(e.id, e));
    this.events.on('driversUpdated', keep);
    try {
      const listing = await this.list(probe, options);
      keep(listing.drivers);
      await this.idle();
      return { drivers: [...entries.values()], notices: [...listing.notices, ...this.parts.state.takeNotices()] };
    } finally {
      this.events.off('driversUpdated', keep);
    }
  }

  /**
   * The drivers as the last listing shows them, once its reads are done: what
   * the app's report holds, without reading every file again. A service that
   * has not listed yet lists first.
   */
  async shown(): Promise<Listing> {
    if (this.generation === 0) return this.complete('none', {});
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

  /**
   * Applies what a call found out to the driver's entry, if the entry is still
   * about the registration that was called (a newer listing may have a changed one).
   */
  update(admitted: Admitted, change: (facts: EntryFacts) => EntryFacts): void {
    const facts = this.facts.get(admitted.id);
    if (facts?.registration.kind !== 'value' || facts.registration.reg.value !== admitted.value) return;
    this.facts.set(admitted.id, { ...change(facts), pending: null });
    this.announce([admitted.id]);
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
      ...answerFor(state, id, reg, file),
      quarantine: quarantineFor(state, id, file),
      pending: this.queuedProbes.has(id) ? 'probe' : 'details',
    };
  }

  private async readDetails(generation: number, registrations: readonly MergedRegistration[], probe: ProbeMode, signatures: boolean): Promise<void> {
    const items = registrations.map((reg) => ({ id: driverId(reg.view, reg.alias, reg.disabledBy), alias: reg.alias, value: reg.value, view: reg.view }));
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
      // The signature of an unchanged file stays shown while it is checked again.
      const before = facts.details;
      const unchanged = before?.identity && details.identity && sameFile(before.identity, details.identity);
      facts.details = unchanged ? { ...details, signature: before.signature } : details;
      if (facts.pending === 'details') facts.pending = null;
      const file = details.identity;
      if (facts.quarantine?.file && file && !sameFile(facts.quarantine.file, file)) {
        facts.quarantine = null;
        void this.parts.state.record((s) => withFreshChance(s, id, file));
        this.events.emit('activity', { kind: 'quarantine-lifted', alias: aliasInView(facts.registration.reg.alias, facts.registration.reg.view), why: 'file-changed' });
      }
      Object.assign(facts, answerFor(state, id, facts.registration.reg, details.identity));
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
    const run = this.probeInBackground({ id, alias: reg.alias, view: reg.view, value: reg.value, file: facts.details?.identity ?? null })
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.queuedProbes.delete(id));
    this.queuedProbes.set(id, run);
  }

  private announce(ids: readonly string[]): void {
    const entries = ids.flatMap((id) => {
      const facts = this.facts.get(id);
      return facts ? [this.entry(facts)] : [];
    });
    if (entries.length > 0) this.events.emit('driversUpdated', entries);
  }

  private entry(facts: EntryFacts): DriverEntry {
    return deriveEntry(facts, ++this.revision);
  }
}
