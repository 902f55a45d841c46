/**
 * The service's working copy of the shared state. Changes apply in memory at
 * once and reach the file through the store: records that matter (quarantine,
 * restart requirements) before the caller goes on, probe results a moment
 * later in one write. Each change is a pure, idempotent function: it is
 * applied again to the latest file under the lock, so nothing another process
 * wrote is lost, and again to whatever is read until it is known to be
 * written, so nothing this process did is lost either. When the file cannot be
 * written, the changes stay in memory, are tried again with the next write,
 * and a person is told, once until a write succeeds again.
 */
import { emptyState, type PanelState } from './panelState';
import type { StateStore } from './stateStore';
import { errorText } from '../../app/errorText';

type Change = (state: PanelState) => PanelState;

/** Probe results are written in one batch this long after the first of them. */
const BATCH_DELAY_MS = 250;

export class StateKeeper {
  private state: PanelState = emptyState();
  /** Every change not yet known to be in the file, in order (being written or waiting). */
  private unwritten: Change[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly notices: string[] = [];
  /** Every later write fails the same way, and the CLI shows notices taken at the end as well as in its listing. */
  private failureTold = false;

  constructor(private readonly store: StateStore) {}

  get current(): PanelState {
    return this.state;
  }

  /** Notices not yet shown to anyone (a file set aside, a write that failed); each is handed out once. */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  notice(message: string): void {
    if (!this.notices.includes(message)) this.notices.push(message);
  }

  /** Catches up with what other processes wrote. */
  async refresh(): Promise<PanelState> {
    await this.flush();
    try {
      this.state = this.withUnwritten(await this.store.read());
    } catch (error) {
      this.failed('read', error);
    }
    return this.state;
  }

  /** Applies now, writes soon. */
  remember(change: Change): void {
    this.state = change(this.state);
    this.unwritten.push(change);
    this.timer ??= setTimeout(() => void this.flush(), BATCH_DELAY_MS);
  }

  /** Applies now and writes before returning. */
  async record(change: Change): Promise<void> {
    this.state = change(this.state);
    this.unwritten.push(change);
    await this.flush();
  }

  /** Writes every change made so far, after any write already under way. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const changes = [...this.unwritten];
    if (changes.length === 0) return;
    try {
      const saved = await this.store.update((state) => changes.reduce((s, change) => change(s), state));
      this.unwritten = this.unwritten.slice(changes.length);
      this.state = this.withUnwritten(saved);
      this.failureTold = false;
    } catch (error) {
      this.failed('save', error);
    }
  }

  private withUnwritten(state: PanelState): PanelState {
    return this.unwritten.reduce((s, change) => change(s), state);
  }

  private failed(what: 'read' | 'save', error: unknown): void {
    if (this.failureTold) return;
    this.failureTold = true;
    const reason = errorText(error);
    this.notice(
      `The panel could not ${what} its state file ${this.store.file} (${reason}). Quarantine records, restart reminders and probe results are kept only while this window or command runs.`,
    );
  }
}
