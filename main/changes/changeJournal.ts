/**
 * The change journal: every change to the driver registrations is written
 * here before anything is done, with the exact content of every place it
 * touches before and after, and marked applied when it is done. A change that
 * calls a driver (DRV_INSTALL, DRV_REMOVE, DRV_CONFIGURE) also records what
 * every registration held before the call, so that what the driver itself
 * changed is found, kept in the entry and put back by undo. Undo puts the
 * "before" contents back, byte for byte, and is journaled the same way. A
 * change found half-done (its process was killed) is settled by the next
 * elevated process: completed when every write had happened and the driver
 * had answered, rolled back otherwise, and a person is told which.
 *
 * One change at a time on the machine: the file is changed under a lock
 * shared with every other process, and a new change is refused while another
 * process's change is under way. The lock is not held while a driver runs: a
 * dialog may wait for a person for as long as they like.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChangeKind, ChangeRecord } from '../../app/changes';
import type { RegistryView } from '../../app/views';
import { messageName } from '../../app/messages';
import { DriverError } from '../../app/driverError';
import { withMachineLock } from '../state/machineLock';
import { describeChange, describePlace, placeKey, placeOf, sameContent, type Content, type Place, type Step } from './changeSteps';
import { JournalFile, unsettled, type Entry, type ProcessIdentity } from './journalFile';
import { stepProblem, type PanelPlaces } from './journalPlaces';
import type { MachineValues } from './machineValues';
import { changesBetween, takeSnapshot, type PlaceChange } from './registrationSnapshot';
import { errorText } from '../../app/errorText';

/** A process killed mid-change leaves its lock; the next start waits this long for it. */
const STALE_MS = 5_000;
/** How long a new change waits for one that another process has under way, and how often it looks. */
const BUSY_PATIENCE_MS = 10_000;
const BUSY_POLL_MS = 100;

/** What a change will write: the content each place should hold afterwards. */
export interface PlannedChange {
  kind: ChangeKind;
  alias: string;
  view: RegistryView;
  summary: string;
  /** `before` is read from the machine unless given (a file the plan has kept a copy of). */
  writes: Array<{ place: Place; after: Content; before?: Content }>;
}

/** The driver call a change is made around: sent before the planned writes (remove) or after them (add). */
export interface DriverCall {
  message: number;
  afterWrites: boolean;
}

export interface JournalParts {
  folder: { journal: string; files: string; exists(): boolean; prepare(): void; check(): void };
  machine: MachineValues;
  places: PanelPlaces;
  /** Only an elevated process changes anything; a limited one reads the history. */
  elevated: boolean;
  /** This process, recorded as the owner of a change under way. */
  owner: ProcessIdentity;
  isRunning(owner: ProcessIdentity): boolean;
  /** What a person should hear of that is not the answer to their request (a change settled, the journal not updated). */
  notice(message: string): void;
  /** Called after each write to the machine; the test bench ends the process here to prove recovery. */
  afterWrite(): void;
}

/** A change journaled and under way, carried out around a driver call. */
export interface OpenChange {
  /** Makes the planned writes (add: before its DRV_INSTALL). */
  write(): Promise<void>;
  /**
   * The driver answered and the change stands: the planned writes still due
   * are made, and what the driver changed is recorded. Null for a driver
   * call that changed nothing and planned nothing (most configurations).
   */
  complete(): Promise<ChangeRecord | null>;
  /** The driver failed or cancelled: everything the plan and the driver changed is put back; returns what the driver had changed. */
  abandon(): Promise<string[]>;
}

const driverOnlyKinds: ReadonlySet<ChangeKind> = new Set(['configure', 'install']);

export class ChangeJournal {
  private readonly file: JournalFile;
  /** The entries this process has under way; any other entry it owns was left by a call that never finished. */
  private readonly open = new Set<string>();
  /**
   * A journal this process refused and set aside when it started: the first
   * change asked of it afterwards is refused too, so that a person hears of it
   * before anything is written with a new journal.
   */
  private refusedAtStart: DriverError | null = null;

  constructor(private readonly parts: JournalParts) {
    this.file = new JournalFile(parts.folder.journal, parts.folder.files, parts.places);
  }

  get filesFolder(): string {
    return this.parts.folder.files;
  }

  /** Every change that stands or was undone, newest first. */
  async history(): Promise<ChangeRecord[]> {
    if (!this.parts.folder.exists()) return [];
    if (this.parts.elevated) this.parts.folder.check();
    const entries = await this.file.read();
    return entries.filter((e) => e.state === 'applied' || e.state === 'undone').reverse().map(toRecord);
  }

  /** Journals a change that calls no driver, and writes it, all under the lock: no other process ever sees it under way. */
  async apply(plan: (machine: MachineValues) => PlannedChange): Promise<ChangeRecord> {
    return this.whenFree(async (entries) => {
      const entry = this.newEntry(entries, plan);
      await this.file.write(entries);
      try {
        this.writeSteps(entry.steps, 'after');
      } catch (error) {
        settle(entry, 'rolled-back');
        await this.file.write(entries);
        throw writeFailure(entry, error);
      }
      settle(entry, 'applied');
      await this.writeSettled(entries, 'made');
      return toRecord(entry);
    });
  }

  /** Journals a change, and what the registrations hold if a driver will be called, before anything is written or sent. */
  async begin(plan: (machine: MachineValues) => PlannedChange, driver?: DriverCall): Promise<OpenChange> {
    const id = await this.whenFree(async (entries) => {
      const entry = this.newEntry(entries, plan);
      if (driver) Object.assign(entry, { driver: { ...driver, answered: false }, snapshot: takeSnapshot(this.parts.machine, this.parts.places) });
      await this.file.write(entries);
      this.open.add(entry.id);
      return entry.id;
    });
    return {
      write: () => this.writePlanned(id),
      complete: () => this.complete(id),
      abandon: () => this.abandon(id),
    };
  }

  /** A new entry under way for `plan`, with what each place holds now; refused when it would write a place the panel never writes. */
  private newEntry(entries: Entry[], plan: (machine: MachineValues) => PlannedChange): Entry {
    const planned = plan(this.parts.machine);
    const steps = planned.writes.map(({ place, after, before }) => ({ ...place, before: before === undefined ? this.parts.machine.read(place) : before, after }) as Step);
    const problem = steps.map((step) => stepProblem(step, this.parts.places)).find((p) => p !== null);
    if (problem) throw new DriverError('change-failed', `"${planned.summary}" was not made: it would write ${problem}. Nothing was changed.`, planned.alias);
    const { kind, alias, view, summary } = planned;
    const entry: Entry = { id: randomUUID(), kind, alias, view, at: new Date().toISOString(), summary, byDriver: [], undoneAt: null, state: 'applying', steps, owner: this.parts.owner };
    entries.push(entry);
    return entry;
  }

  /** Undoes `id`, or the newest change that stands; refuses when a place has changed since. */
  async undo(id?: string): Promise<ChangeRecord> {
    return this.whenFree(async (entries) => {
      const entry = id === undefined ? entries.findLast((e) => e.state === 'applied') : changeNamed(entries, id);
      if (!entry) throw new DriverError('nothing-to-undo', id === undefined ? 'There is no change to undo.' : `No change ${id} is in the journal.`);
      if (entry.state !== 'applied') throw new DriverError('nothing-to-undo', `"${entry.summary}" is not in effect (${entry.state}); there is nothing to undo.`);
      const moved = entry.steps.find((step) => !sameContent(this.parts.machine.read(placeOf(step)), step.after));
      if (moved) {
        throw new DriverError(
          'change-conflict',
          `"${entry.summary}" cannot be undone: ${describePlace(placeOf(moved))} has changed since, and undoing would overwrite that. Nothing was changed.`,
          entry.alias,
        );
      }
      Object.assign(entry, { state: 'undoing', owner: this.parts.owner });
      await this.file.write(entries);
      try {
        this.writeSteps([...entry.steps].reverse(), 'before');
      } catch (error) {
        settle(entry, 'applied');
        await this.file.write(entries);
        throw writeFailure(entry, error);
      }
      settle(entry, 'undone');
      entry.undoneAt = new Date().toISOString();
      await this.writeSettled(entries, 'undone');
      return toRecord(entry);
    });
  }

  /**
   * Settles every change that a killed process left half-done, telling a
   * person what became of each. Only an elevated process can; a limited one
   * says that one is waiting.
   */
  async recover(): Promise<void> {
    if (!this.parts.folder.exists()) return;
    if (!this.parts.elevated) return this.reportStranded();
    this.parts.folder.check();
    // A journal that cannot be used is set aside, and reported, by the locked reading.
    const entries = await this.file.read().catch(() => null);
    if (entries?.some((e) => this.stranded(e)) === false) return;
    try {
      await this.locked(async () => undefined);
    } catch (error) {
      if (error instanceof DriverError && entries === null) this.refusedAtStart = error;
      throw error;
    }
  }

  private async reportStranded(): Promise<void> {
    const entries = await this.file.read().catch(() => [] as Entry[]);
    for (const entry of entries.filter((e) => this.stranded(e))) {
      this.parts.notice(`The change "${entry.summary}" (${entry.at}) was interrupted. Run the panel or drivers-cli as administrator to complete it or roll it back.`);
    }
  }

  /** Runs `work` on the journal under the machine-wide lock, once every change a killed process left is settled. */
  private async locked<T>(work: (entries: Entry[]) => Promise<T>): Promise<T> {
    this.prepareFolder();
    return withMachineLock(this.file.path, STALE_MS, async () => {
      let entries = await this.file.readForChange();
      const left = entries.filter((e) => this.stranded(e));
      if (left.length > 0) {
        const settled = left.map((entry) => ({ entry, ...this.settleStranded(entry) }));
        entries = entries.filter((e) => !settled.some((s) => s.entry === e && s.drop));
        await this.file.write(entries);
        settled.forEach((s) => this.parts.notice(s.notice));
      }
      return work(entries);
    });
  }

  private prepareFolder(): void {
    try {
      this.parts.folder.prepare();
    } catch (error) {
      if (error instanceof DriverError) throw error;
      throw new DriverError('change-failed', `The folder of the change journal, ${this.parts.folder.journal}, could not be prepared (${errorText(error)}). Nothing was changed.`);
    }
  }

  /** A change under way whose process is gone, or that this process left behind. */
  private stranded(entry: Entry): boolean {
    if (!unsettled(entry)) return false;
    if (!entry.owner) return true;
    const mine = entry.owner.pid === this.parts.owner.pid && entry.owner.started === this.parts.owner.started;
    return mine ? !this.open.has(entry.id) : !this.parts.isRunning(entry.owner);
  }

  /**
   * Runs `work` under the lock once no other change is under way: one that
   * another process has under way (a driver answering, for milliseconds
   * usually) is waited for a while, then the new change is refused.
   */
  private async whenFree<T>(work: (entries: Entry[]) => Promise<T>): Promise<T> {
    const refused = this.refusedAtStart;
    this.refusedAtStart = null;
    if (refused) throw refused;
    const until = Date.now() + BUSY_PATIENCE_MS;
    for (;;) {
      const outcome = await this.locked(async (entries): Promise<{ busy: Entry } | { done: T }> => {
        const busy = entries.find(unsettled);
        return busy ? { busy } : { done: await work(entries) };
      });
      if ('done' in outcome) return outcome.done;
      if (Date.now() >= until) {
        const { busy } = outcome;
        const by = busy.owner?.pid === this.parts.owner.pid ? 'in this window or command' : `by process ${busy.owner?.pid ?? '?'}`;
        throw new DriverError('change-conflict', `Another change is under way: "${busy.summary}", started ${busy.at} ${by}. Try again when it is done; nothing was changed.`, busy.alias);
      }
      await delay(BUSY_POLL_MS);
    }
  }

  private async writePlanned(id: string): Promise<void> {
    try {
      await this.locked(async (entries) => {
        const entry = this.ours(entries, id);
        try {
          this.writeSteps(entry.steps, 'after');
        } catch (error) {
          await this.rollBack(entries, entry);
          throw writeFailure(entry, error);
        }
      });
    } catch (error) {
      this.open.delete(id);
      throw error;
    }
  }

  private async complete(id: string): Promise<ChangeRecord | null> {
    return this.finishing(id, async (entries) => {
      const entry = this.ours(entries, id);
      this.adoptDriverChanges(entry);
      const due = entry.steps.filter((step) => !sameContent(this.parts.machine.read(placeOf(step)), step.after));
      if (due.length > 0) {
        // Recorded first: the driver has answered, so a process killed among these writes is completed by the next one.
        await this.file.write(entries);
        try {
          this.writeSteps(due, 'after');
        } catch (error) {
          await this.rollBack(entries, entry);
          throw writeFailure(entry, error);
        }
      }
      if (entry.steps.length === 0 && driverOnlyKinds.has(entry.kind)) {
        await this.writeSettled(entries.filter((e) => e !== entry), 'made');
        return null;
      }
      settle(entry, 'applied');
      await this.writeSettled(entries, 'made');
      return toRecord(entry);
    });
  }

  private async abandon(id: string): Promise<string[]> {
    return this.finishing(id, async (entries) => {
      const entry = this.ours(entries, id);
      const byDriver = this.driverChanges(entry).map((c) => describeChange(c.place, c.before, c.after));
      await this.rollBack(entries, entry);
      return byDriver;
    });
  }

  /** Ends a change under way, however it ends: an entry that could not be settled is left for the next change, or the next start, to settle. */
  private async finishing<T>(id: string, work: (entries: Entry[]) => Promise<T>): Promise<T> {
    try {
      return await this.locked(work);
    } finally {
      this.open.delete(id);
    }
  }

  /**
   * Puts every place back as it was before the change and records it so. A
   * place that cannot be put back (a driver file in use) leaves the change
   * under way, to be settled again by the next change or start.
   */
  private async rollBack(entries: Entry[], entry: Entry): Promise<void> {
    const failures = this.putBack(entry);
    if (failures.length > 0) {
      this.open.delete(entry.id);
      throw new DriverError(
        'change-failed',
        `"${entry.summary}" could not be put back entirely: ${failures.join('; ')}. Close the programs that use it; the next change, or the next start of the panel as administrator, tries again.`,
        entry.alias,
      );
    }
    settle(entry, 'rolled-back');
    await this.writeSettled(entries, 'taken back');
  }

  private ours(entries: readonly Entry[], id: string): Entry {
    const entry = entries.find((e) => e.id === id);
    if (!entry || entry.state !== 'applying') {
      this.open.delete(id);
      throw new DriverError('change-failed', `The change journal no longer holds this change as under way (${entry?.state ?? 'gone'}); another process settled it. Refresh the list.`);
    }
    return entry;
  }

  /**
   * What the driver changed, place by place, against what each place would
   * hold had it done nothing: the plan's own places (written already, or not
   * yet) and every other registration of the snapshot.
   */
  private driverChanges(entry: Entry): PlaceChange[] {
    if (!entry.snapshot) return [];
    const now = takeSnapshot(this.parts.machine, this.parts.places);
    const current = new Map(now.map((held) => [placeKey(placeOf(held)), held.content]));
    const planned = new Set(entry.steps.map((step) => placeKey(placeOf(step))));
    const writtenFirst = entry.driver?.afterWrites === true;
    const ownPlaces = entry.steps.flatMap((step): PlaceChange[] => {
      if (step.where === 'file') return [];
      const expected = writtenFirst ? step.after : step.before;
      const after = current.get(placeKey(placeOf(step))) ?? null;
      return sameContent(after, expected) ? [] : [{ place: placeOf(step), before: expected, after }];
    });
    const others = changesBetween(entry.snapshot, now).filter((change) => !planned.has(placeKey(change.place)));
    return [...ownPlaces, ...others];
  }

  /** Records what the driver changed: a rewrite of a place the plan had written becomes that step's outcome, anything else a step of its own. */
  private adoptDriverChanges(entry: Entry): void {
    const changes = this.driverChanges(entry);
    if (entry.driver) entry.driver.answered = true;
    const stepsByPlace = new Map(entry.steps.map((step) => [placeKey(placeOf(step)), step]));
    const planned = entry.steps.length;
    const writtenFirst = entry.driver?.afterWrites === true;
    for (const change of changes) {
      const step = stepsByPlace.get(placeKey(change.place));
      if (step && writtenFirst) step.after = change.after;
      else if (!step) entry.steps.push({ ...change.place, before: change.before, after: change.after } as Step);
    }
    entry.byDriver = changes.map((c) => describeChange(c.place, c.before, c.after));
    if (entry.byDriver.length > 0) entry.summary = `${entry.summary}${planned > 0 ? ';' : ':'} ${entry.alias} itself ${entry.byDriver.join(', ')}`;
  }

  /** Every place back as it was before the change: the plan's places, newest write first, then whatever else the driver changed. */
  private putBack(entry: Entry): string[] {
    const others = this.driverChanges(entry).filter((c) => !entry.steps.some((s) => placeKey(placeOf(s)) === placeKey(c.place)));
    const writes = [
      ...[...entry.steps].reverse().flatMap((step) => (sameContent(this.parts.machine.read(placeOf(step)), step.before) ? [] : [{ place: placeOf(step), content: step.before }])),
      ...others.map((change) => ({ place: change.place, content: change.before })),
    ];
    // Every place is tried: one that cannot be written does not keep the others as they are.
    return writes.flatMap(({ place, content }) => {
      try {
        this.parts.machine.write(place, content);
        return [];
      } catch (error) {
        return [`${describePlace(place)}: ${errorText(error)}`];
      }
    });
  }

  /** Settles a change whose process is gone: what a person should be told, and whether nothing of it is worth keeping. */
  private settleStranded(entry: Entry): { notice: string; drop: boolean } {
    this.open.delete(entry.id);
    const undoing = entry.state === 'undoing';
    const what = `${undoing ? 'Undoing' : 'The change'} "${entry.summary}" (${entry.at})`;
    if (undoing) return { notice: this.settleUndo(entry, what), drop: false };
    if (driverOnlyKinds.has(entry.kind)) return this.settleDriverCall(entry, what);
    const target = entry.steps.filter((step) => sameContent(this.parts.machine.read(placeOf(step)), step.after)).length;
    const answered = !entry.driver || entry.driver.answered;
    // What the driver changed was recorded with its answer; without a driver there was nothing to record.
    if (answered && target === entry.steps.length) {
      settle(entry, 'applied');
      return { notice: `${what} was interrupted after its last write. It was completed: every value is as the change meant it to be.`, drop: false };
    }
    if (entry.driver?.answered && !entry.driver.afterWrites) return { notice: this.rollForward(entry, what, target), drop: false };
    const waitingFor = entry.driver && !answered && (!entry.driver.afterWrites || target === entry.steps.length) ? entry.driver.message : null;
    this.putBackOrRefuse(entry, what);
    settle(entry, 'rolled-back');
    const when = waitingFor === null ? `with ${target} of ${entry.steps.length} writes done` : `before ${entry.alias} answered ${messageName(waitingFor)}`;
    return { notice: `${what} was interrupted ${when}. It was rolled back: every value is as it was before the change.`, drop: false };
  }

  /** A removal the driver had answered (it was told it is removed): its remaining writes are made. */
  private rollForward(entry: Entry, what: string, written: number): string {
    const due = entry.steps.filter((step) => !sameContent(this.parts.machine.read(placeOf(step)), step.after));
    try {
      for (const step of due) this.parts.machine.write(placeOf(step), step.after);
    } catch (error) {
      throw new DriverError('change-failed', `${what} was interrupted, and its last writes cannot be made yet: ${errorText(error)}. Nothing else was changed; try again.`, entry.alias);
    }
    const answered = entry.driver ? ` after ${entry.alias} answered ${messageName(entry.driver.message)}` : '';
    settle(entry, 'applied');
    return `${what} was interrupted${answered}, with ${written} of ${entry.steps.length} writes done. It was completed: every value is as the change meant it to be.`;
  }

  private putBackOrRefuse(entry: Entry, what: string): void {
    const failures = this.putBack(entry);
    if (failures.length > 0) {
      throw new DriverError('change-failed', `${what} was interrupted, and cannot be rolled back yet: ${failures.join('; ')}. Close the programs that use it and try again; nothing else was changed.`, entry.alias);
    }
  }

  private settleUndo(entry: Entry, what: string): string {
    const written = entry.steps.filter((step) => sameContent(this.parts.machine.read(placeOf(step)), step.before)).length;
    if (written === entry.steps.length) {
      settle(entry, 'undone');
      entry.undoneAt = new Date().toISOString();
      return `${what} was interrupted after its last write. It was completed: every value is as the change meant it to be.`;
    }
    for (const step of entry.steps) this.parts.machine.write(placeOf(step), step.after);
    settle(entry, 'applied');
    return `${what} was interrupted with ${written} of ${entry.steps.length} writes done. It was rolled back: every value is as it was before the undo.`;
  }

  /** A configuration or installation whose process is gone: what the driver had changed is kept, so that Undo can put it back. */
  private settleDriverCall(entry: Entry, what: string): { notice: string; drop: boolean } {
    const message = entry.driver ? messageName(entry.driver.message) : 'its message';
    this.adoptDriverChanges(entry);
    if (entry.steps.length === 0) return { notice: `${what} was interrupted before ${entry.alias} answered ${message}; the driver had changed no registration.`, drop: true };
    settle(entry, 'applied');
    return {
      notice: `${what} was interrupted before ${entry.alias} answered ${message}. What the driver had changed (${entry.byDriver.join(', ')}) is kept as a change that Undo puts back.`,
      drop: false,
    };
  }

  private writeSteps(steps: readonly Step[], to: 'before' | 'after'): void {
    const written: Step[] = [];
    try {
      for (const step of steps) {
        this.parts.machine.write(placeOf(step), step[to]);
        written.push(step);
        this.parts.afterWrite();
      }
    } catch (error) {
      for (const step of written.reverse()) this.parts.machine.write(placeOf(step), step[to === 'after' ? 'before' : 'after']);
      throw error;
    }
  }

  /** The last write of a change that was made (or taken back): if the journal cannot be written, that still stands, and a person is told. */
  private async writeSettled(entries: Entry[], outcome: 'made' | 'taken back' | 'undone'): Promise<void> {
    try {
      await this.file.write(entries);
    } catch (error) {
      this.parts.notice(
        `The change was ${outcome}, but the change journal ${this.file.path} could not be updated (${errorText(error)}). The next start of the panel or drivers-cli as administrator settles it from what it finds on the machine.`,
      );
    }
  }
}

function settle(entry: Entry, state: Entry['state']): void {
  entry.state = state;
  delete entry.owner;
  delete entry.snapshot;
  delete entry.driver;
}

function writeFailure(entry: Entry, error: unknown): DriverError {
  return new DriverError('change-failed', `"${entry.summary}" could not be written: ${errorText(error)}. What had been written was put back; nothing changed.`, entry.alias);
}

function toRecord(entry: Entry): ChangeRecord {
  const { id, kind, alias, view, at, summary, byDriver } = entry;
  return { id, kind, alias, view, at, summary, byDriver, undoneAt: entry.state === 'undone' ? entry.undoneAt : null };
}

/**
 * The change a person names by its id or by the start of it, as history and
 * the messages show ids shortened ("undo 51e0"): the one whose id it is, else
 * the one whose id starts with it; several are refused with their ids.
 */
export function changeNamed<T extends { id: string; summary: string }>(entries: readonly T[], id: string): T | undefined {
  const wanted = id.trim().toLowerCase();
  const exact = entries.find((e) => e.id.toLowerCase() === wanted);
  if (exact || wanted === '') return exact;
  const starting = entries.filter((e) => e.id.toLowerCase().startsWith(wanted));
  if (starting.length > 1) {
    const candidates = starting.map((e) => `${e.id} (${e.summary})`).join('; ');
    throw new DriverError('invalid-request', `${id} is the start of ${starting.length} changes: ${candidates}. Give more of the id.`);
  }
  return starting[0];
}
