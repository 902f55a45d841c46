/**
 * The change journal: every change to the driver registrations is written
 * here, with the exact content of every place it touches before and after,
 * before the first of its writes, and marked applied after the last. Undo puts
 * the "before" contents back, byte for byte, and is journaled the same way. A
 * change found half-done (the process was killed between two writes) is
 * settled at the next start: completed when every write had happened, rolled
 * back otherwise, and a person is told which.
 *
 * One change at a time on the machine: each holds a lock shared with every
 * other process (the app and the CLI of every user).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { changeRecordSchema, type ChangeKind, type ChangeRecord } from '../../app/changes';
import type { RegistryView } from '../../app/drivers';
import { DriverError } from '../drivers/driverError';
import { withMachineLock } from '../state/machineLock';
import { describePlace, placeOf, sameContent, stepSchema, type Content, type Place, type Step } from './changeSteps';
import type { MachineValues } from './machineValues';

const entryStates = ['applying', 'applied', 'undoing', 'undone', 'rolled-back'] as const;

/** What the journal keeps of a change: the record a person sees, its state, and every write with its contents. */
const entrySchema = changeRecordSchema.extend({ state: z.enum(entryStates), steps: z.array(stepSchema) });
type Entry = z.infer<typeof entrySchema>;

const journalSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

/** Enough history for any undo a person means; the oldest settled entries go first. */
const KEEP_ENTRIES = 500;

/** A process killed mid-change leaves its lock; the next start waits this long for it, then settles the change. */
const STALE_MS = 5_000;

/** What a change will write: the content each place should hold afterwards. */
export interface PlannedChange {
  kind: ChangeKind;
  alias: string;
  view: RegistryView;
  summary: string;
  /** `before` is read from the machine unless given (a file the plan has kept a copy of). */
  writes: Array<{ place: Place; after: Content; before?: Content }>;
}

export class ChangeJournal {
  constructor(
    readonly file: string,
    private readonly machine: MachineValues,
    /** Called after each write to the machine; the test bench ends the process here to prove recovery. */
    private readonly afterWrite: () => void = () => undefined,
  ) {}

  /** Every change that stands or was undone, newest first. */
  async history(): Promise<ChangeRecord[]> {
    const entries = await this.load();
    return entries.filter((e) => e.state === 'applied' || e.state === 'undone').reverse().map(toRecord);
  }

  /**
   * Plans a change against the machine as it is (under the lock), journals it
   * with what each place holds now, and writes it. A write that fails rolls
   * back the ones before it and throws a 'change-failed' DriverError.
   */
  async apply(plan: (machine: MachineValues) => PlannedChange): Promise<ChangeRecord> {
    return this.locked(async (entries) => {
      const planned = plan(this.machine);
      const steps = planned.writes.map(({ place, after, before }) => ({ ...place, before: before === undefined ? this.machine.read(place) : before, after }) as Step);
      const entry: Entry = { id: randomUUID(), kind: planned.kind, alias: planned.alias, view: planned.view, at: new Date().toISOString(), summary: planned.summary, state: 'applying', undoneAt: null, steps };
      entries.push(entry);
      await this.save(entries);
      await this.run(entries, entry, 'after', 'applied', 'rolled-back');
      return toRecord(entry);
    });
  }

  /** Undoes `id`, or the newest change that stands; refuses when a place has changed since. */
  async undo(id?: string): Promise<ChangeRecord> {
    return this.locked(async (entries) => {
      const entry = id === undefined ? entries.findLast((e) => e.state === 'applied') : entries.find((e) => e.id === id);
      if (!entry) throw new DriverError('nothing-to-undo', id === undefined ? 'There is no change to undo.' : `No change ${id} is in the journal.`);
      if (entry.state !== 'applied') throw new DriverError('nothing-to-undo', `"${entry.summary}" is not in effect (${entry.state}); there is nothing to undo.`);
      const moved = entry.steps.find((step) => !sameContent(this.machine.read(placeOf(step)), step.after));
      if (moved) {
        throw new DriverError(
          'change-conflict',
          `"${entry.summary}" cannot be undone: ${describePlace(placeOf(moved))} has changed since, and undoing would overwrite that. Nothing was changed.`,
          entry.alias,
        );
      }
      entry.state = 'undoing';
      await this.save(entries);
      await this.run(entries, entry, 'before', 'undone', 'applied');
      entry.undoneAt = new Date().toISOString();
      await this.save(entries);
      return toRecord(entry);
    });
  }

  /**
   * Settles every change that a killed process left half-done; returns what a
   * person should be told about each.
   */
  async recover(): Promise<string[]> {
    const entries = await this.load();
    if (!entries.some(unsettled)) return [];
    return this.locked(async (current) => {
      const notices = current.filter(unsettled).map((entry) => this.settle(entry));
      await this.save(current);
      return notices;
    });
  }

  private settle(entry: Entry): string {
    const undoing = entry.state === 'undoing';
    const target = undoing ? 'before' : 'after';
    const what = `${undoing ? 'Undoing' : 'The change'} "${entry.summary}" (${entry.at})`;
    const written = entry.steps.filter((step) => sameContent(this.machine.read(placeOf(step)), step[target])).length;
    if (written === entry.steps.length) {
      entry.state = undoing ? 'undone' : 'applied';
      if (undoing) entry.undoneAt = new Date().toISOString();
      return `${what} was interrupted after its last write. It was completed: every value is as the change meant it to be.`;
    }
    writeAll(this.machine, undoing ? entry.steps : [...entry.steps].reverse(), undoing ? 'after' : 'before');
    entry.state = undoing ? 'applied' : 'rolled-back';
    return `${what} was interrupted with ${written} of ${entry.steps.length} writes done. It was rolled back: every value is as it was before ${undoing ? 'the undo' : 'the change'}.`;
  }

  /** Writes each step's `to` content; on a failure, puts back what was written and records `failed`. */
  private async run(entries: Entry[], entry: Entry, to: 'before' | 'after', done: Entry['state'], failed: Entry['state']): Promise<void> {
    const order = to === 'after' ? entry.steps : [...entry.steps].reverse();
    const written: Step[] = [];
    try {
      for (const step of order) {
        this.machine.write(placeOf(step), step[to]);
        written.push(step);
        this.afterWrite();
      }
    } catch (error) {
      writeAll(this.machine, written.reverse(), to === 'after' ? 'before' : 'after');
      entry.state = failed;
      await this.save(entries);
      const reason = error instanceof Error ? error.message : String(error);
      throw new DriverError('change-failed', `"${entry.summary}" could not be written: ${reason}. What had been written was put back; nothing changed.`, entry.alias);
    }
    entry.state = done;
    await this.save(entries);
  }

  private async locked<T>(work: (entries: Entry[]) => Promise<T>): Promise<T> {
    return withMachineLock(this.file, STALE_MS, async () => work(await this.load()));
  }

  private async load(): Promise<Entry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = journalSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new DriverError('change-failed', `The change journal ${this.file} does not hold what the panel writes, so no change can be made or undone safely. It was left as it is; move it aside to start a new one.`);
    }
    return parsed.data.entries;
  }

  private async save(entries: Entry[]): Promise<void> {
    const settled = entries.filter((e) => !unsettled(e));
    const drop = new Set(settled.slice(0, Math.max(0, entries.length - KEEP_ENTRIES)));
    const kept = entries.filter((e) => !drop.has(e));
    await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, entries: kept }, null, 2)}\n`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unsettled(entry: Entry): boolean {
  return entry.state === 'applying' || entry.state === 'undoing';
}

/** Writes each step's `to` content, in the order given. */
function writeAll(machine: MachineValues, steps: readonly Step[], to: 'before' | 'after'): void {
  for (const step of steps) machine.write(placeOf(step), step[to]);
}

function toRecord(entry: Entry): ChangeRecord {
  const { id, kind, alias, view, at, summary } = entry;
  return { id, kind, alias, view, at, summary, undoneAt: entry.state === 'undone' ? entry.undoneAt : null };
}
