/**
 * The one owner of the state file. Reads need no lock (the file is only ever
 * replaced whole, by rename); every change is read-modify-write under a lock
 * shared with every other process, so that the app and the CLI writing at once
 * lose nothing. A file that cannot be read is kept aside, reported once, and
 * replaced.
 */
import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withMachineLock } from './machineLock';
import { replaceWhole } from './wholeFile';
import { emptyState, panelStateSchema, type PanelState } from './panelState';

type Loaded = { kind: 'ok'; state: PanelState } | { kind: 'corrupt'; reason: string };

/** A crashed writer's lock is waited out this long. */
const STALE_MS = 10_000;

export class StateStore {
  /** `notify` hears, once, about a state file that had to be set aside. */
  constructor(
    readonly file: string,
    private readonly notify: (message: string) => void = () => undefined,
  ) {}

  async read(): Promise<PanelState> {
    const loaded = await this.load();
    return loaded.kind === 'ok' ? loaded.state : this.update((state) => state);
  }

  /** Applies `change` to the latest state under the lock, and writes the result atomically. */
  async update(change: (state: PanelState) => PanelState): Promise<PanelState> {
    return withMachineLock(this.file, STALE_MS, async () => {
      const loaded = await this.load();
      if (loaded.kind === 'corrupt') await this.setAside(loaded.reason);
      const next = change(loaded.kind === 'ok' ? loaded.state : emptyState());
      await replaceWhole(this.file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    });
  }

  private async load(): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'ok', state: emptyState() };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { kind: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` };
    }
    const parsed = panelStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { kind: 'corrupt', reason: `it does not hold what the panel writes (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'unexpected content'})` };
    }
    return { kind: 'ok', state: parsed.data };
  }

  private async setAside(reason: string): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const kept = join(dirname(this.file), `${basename(this.file, '.json')}.unreadable-${stamp}.json`);
    await rename(this.file, kept);
    this.notify(
      `The panel's state file ${this.file} could not be read: ${reason}. It was kept as ${kept} and replaced by a new one, so earlier quarantine records, restart reminders and probe results start afresh.`,
    );
  }
}
