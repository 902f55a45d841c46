/** What the driver service is made of, how long it lets drivers take, and the events it tells its listeners. */
import type { DriverEntry, RestartRequirement } from '../../app/drivers';
import type { Activity } from './activity';
import type { StateKeeper } from '../state/stateKeeper';
import type { ChangeJournal } from '../changes/changeJournal';
import type { CatalogReader } from '../catalog/catalogReader';
import type { DriverHosts } from '../host/supervisor/driverHosts';
import type { RegistryView } from '../../app/views';

/** How long a driver may take to answer, by kind of call; null waits for as long as a person does. */
export interface Deadlines {
  background: number;
  interactive: number;
  /** Configure, install and remove may show a dialog that waits for a person. */
  dialog: number | null;
}

export type CallKind = keyof Deadlines;

export const defaultDeadlines: Deadlines = { background: 5_000, interactive: 30_000, dialog: null };

export interface DriverServiceParts {
  /** The supervised driver hosts, one per view. */
  hosts: DriverHosts;
  catalog: CatalogReader;
  state: StateKeeper;
  journal: ChangeJournal;
  /** The identity of the current boot (bootClock.ts). */
  bootTime: string;
  /** Where added drivers go, by view: System32 for the native view, SysWOW64 for the 32-bit one. */
  systemDirectories: Readonly<Record<RegistryView, string>>;
  /** Whether this process runs with administrator rights: only then may it change registrations, or let a driver change them. */
  elevated: boolean;
  /** What each call is given: the panel's own deadlines, or a person's (the CLI's --timeout). */
  deadlines: Deadlines;
  /**
   * The panel's own deadlines: a driver that misses one of these hangs. A
   * person's shorter deadline says how long they would wait, not that the
   * driver is broken, so missing it quarantines nothing.
   */
  panelDeadlines: Deadlines;
}

export interface ServiceEvents {
  /** Entries whose details, probe or status changed, whole. */
  driversUpdated: [DriverEntry[]];
  restartsChanged: [RestartRequirement[]];
  /** Registrations were added, removed, disabled or enabled: the listing is out of date. */
  registrationsChanged: [Record<string, never>];
  /** A listing's registrations as they are read, before its reply (which is the listing). */
  registrationsFound: [DriverEntry[]];
  activity: [Activity];
}
