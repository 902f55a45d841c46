/**
 * Turns the watch's signals (registrationWatcher.ts) into "the list is out of
 * date", once and only when something did change: an installer writes many
 * values in a row, so the signals are told once things are quiet (0.3 s), or
 * every 2 s while they go on; and the panel's own change, which it tells at
 * once, is seen by the watch too, so a signal is told only when the
 * registrations read differently from what was last told.
 */
import debounce from 'lodash.debounce';
import type { WatchedPlace } from '../catalog/registrationWatcher';

export interface ChangeFollowerParts {
  /** Every registration as read now, in one string: equal strings, nothing changed. */
  readRegistrations(): Promise<string>;
  /** The list is out of date; `places` say where the watch saw why. */
  tell(places: readonly WatchedPlace[]): void;
}

const QUIET_MS = 300;
const AT_MOST_EVERY_MS = 2000;

export class ChangeFollower {
  private told: Promise<string | null> = Promise.resolve(null);
  private readonly places = new Set<WatchedPlace>();
  private readonly settled = debounce(() => void this.compare(), QUIET_MS, { maxWait: AT_MOST_EVERY_MS });

  constructor(private readonly parts: ChangeFollowerParts) {}

  /** The watch saw a change at `place`. */
  signalled(place: WatchedPlace): void {
    this.places.add(place);
    this.settled();
  }

  /** The panel told a change of its own: what the watch sees of it is its echo. */
  toldOwnChange(): void {
    this.told = this.parts.readRegistrations();
  }

  stop(): void {
    this.settled.cancel();
  }

  private async compare(): Promise<void> {
    const places = [...this.places];
    this.places.clear();
    const [before, now] = await Promise.all([this.told, this.parts.readRegistrations()]);
    if (now === before) return;
    this.told = Promise.resolve(now);
    this.parts.tell(places);
  }
}
