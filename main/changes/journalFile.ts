/**
 * The change journal's file: what an entry holds, the check every entry
 * passes before anything in the file is acted on, and writing the file whole.
 * A journal that does not hold what the panel writes, or that names a place
 * the panel never touches, is refused whole: for a change it is kept aside
 * for inspection and a new journal is started; nothing in it is carried out.
 */
import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { win32 } from 'node:path';
import { z } from 'zod';
import { changeRecordSchema } from '../../app/changes';
import { DriverError } from '../../app/driverError';
import { heldSchema, stepSchema } from './changeSteps';
import { heldProblem, stepProblem, type PanelPlaces } from './journalPlaces';
import { replaceWhole } from '../state/wholeFile';

const entryStates = ['applying', 'applied', 'undoing', 'undone', 'rolled-back'] as const;

/** The process carrying a change out, as another process can tell it from a later one with the same id. */
const ownerSchema = z.object({ pid: z.number().int(), started: z.string() });
export type ProcessIdentity = z.infer<typeof ownerSchema>;

/** The driver call a change waits for: sent before the planned writes (remove) or after them (add), answered or not yet. */
const driverCallSchema = z.object({ message: z.number().int(), afterWrites: z.boolean(), answered: z.boolean() });

/**
 * What the journal keeps of a change: the record a person sees, its state,
 * every write with its contents, and while it is under way, who carries it
 * out, the driver call it waits for, and what the registrations held before
 * the driver was called.
 */
export const entrySchema = changeRecordSchema.extend({
  state: z.enum(entryStates),
  steps: z.array(stepSchema),
  owner: ownerSchema.optional(),
  driver: driverCallSchema.optional(),
  snapshot: z.array(heldSchema).optional(),
});
export type Entry = z.infer<typeof entrySchema>;

const journalSchema = z.object({ version: z.literal(2), entries: z.array(entrySchema) });

/** Enough history for any undo a person means; the oldest settled entries go first. */
const KEEP_ENTRIES = 500;

export function unsettled(entry: Entry): boolean {
  return entry.state === 'applying' || entry.state === 'undoing';
}

/** Why the journal cannot be used, with the code a caller reports. */
class Refusal {
  constructor(
    readonly code: 'change-failed' | 'untrusted-journal',
    readonly reason: string,
  ) {}
}

export class JournalFile {
  constructor(
    readonly path: string,
    /** Where the copies of driver files are, which no kept entry may outlive. */
    private readonly filesFolder: string,
    private readonly places: PanelPlaces,
  ) {}

  /** The entries, to read: a journal that cannot be used is reported and left where it is. */
  async read(): Promise<Entry[]> {
    const loaded = await this.load();
    if (loaded instanceof Refusal) throw new DriverError(loaded.code, `The change journal ${this.path} ${loaded.reason}, so it is not used. It was left as it is.`);
    return loaded;
  }

  /** The entries, to change: a journal that cannot be used is kept aside and reported, and nothing is done this time. */
  async readForChange(): Promise<Entry[]> {
    const loaded = await this.load();
    if (!(loaded instanceof Refusal)) return loaded;
    const kept = await this.setAside();
    throw new DriverError(
      loaded.code,
      `The change journal ${this.path} ${loaded.reason}, so none of it was carried out and nothing was changed. It was kept as ${kept} for inspection, with the driver files it names; the next change starts a new journal.`,
    );
  }

  /** Writes the journal whole, keeping the newest entries and only the driver files they name. */
  async write(entries: Entry[]): Promise<void> {
    const settled = entries.filter((e) => !unsettled(e));
    const drop = new Set(settled.slice(0, Math.max(0, entries.length - KEEP_ENTRIES)));
    const kept = entries.filter((e) => !drop.has(e));
    await replaceWhole(this.path, `${JSON.stringify({ version: 2, entries: kept }, null, 2)}\n`);
    await this.dropUnnamedFiles(kept);
  }

  private async load(): Promise<Entry[] | Refusal> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = journalSchema.safeParse(parseJson(text));
    if (!parsed.success) return new Refusal('change-failed', 'does not hold what the panel writes');
    const problem = this.problemIn(parsed.data.entries);
    return problem ? new Refusal('untrusted-journal', `names ${problem}, which the panel never writes: it was not written by the panel`) : parsed.data.entries;
  }

  private problemIn(entries: readonly Entry[]): string | null {
    for (const entry of entries) {
      for (const step of entry.steps) {
        const problem = stepProblem(step, this.places);
        if (problem) return problem;
      }
      for (const held of entry.snapshot ?? []) {
        const problem = heldProblem(held, this.places);
        if (problem) return problem;
      }
    }
    return null;
  }

  /** The journal and the driver files it names go aside together: a new journal would otherwise drop the files as named by nothing. */
  private async setAside(): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const kept = win32.join(win32.dirname(this.path), `changes.refused-${stamp}.json`);
    await rename(this.path, kept);
    await rename(this.filesFolder, `${this.filesFolder}.refused-${stamp}`).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    return kept;
  }

  private async dropUnnamedFiles(entries: readonly Entry[]): Promise<void> {
    const named = new Set(
      entries.flatMap((e) => e.steps.flatMap((s) => [s.before, s.after].flatMap((c) => (c && 'copyFrom' in c ? [c.copyFrom.toLowerCase()] : [])))),
    );
    const files = await readdir(this.filesFolder).catch(() => [] as string[]);
    for (const name of files) {
      const path = win32.join(this.filesFolder, name);
      if (!named.has(path.toLowerCase())) await rm(path, { force: true });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
