/**
 * One supervised driver host per architecture: a 64-bit process loads the
 * drivers of the 64-bit view, a 32-bit one those of the 32-bit view (Winmm in
 * a WOW64 process reads that view's Drivers32). The same host script runs in
 * both; each host starts only when a call for its view comes.
 */
import { EventEmitter } from 'node:events';
import { registryViews, type RegistryView } from '../../../app/views';
import type { DriverOutput } from './hostOutput';
import { HostSupervisor, type HostLauncher } from './hostSupervisor';

export type HostLaunchers = Record<RegistryView, HostLauncher>;

export class DriverHosts extends EventEmitter<{ output: [DriverOutput] }> {
  private readonly supervisors: Record<RegistryView, HostSupervisor>;

  constructor(launchers: HostLaunchers) {
    super();
    const supervisor = (view: RegistryView): HostSupervisor => {
      const host = new HostSupervisor(launchers[view]);
      host.on('output', (output) => this.emit('output', output));
      return host;
    };
    this.supervisors = Object.fromEntries(registryViews.map((view) => [view, supervisor(view)])) as Record<RegistryView, HostSupervisor>;
  }

  /** The host that loads the drivers of `view`. */
  of(view: RegistryView): HostSupervisor {
    return this.supervisors[view];
  }

  /** Starts the hosts of `views` ahead of calls that are certain to come. */
  warmUp(views: Iterable<RegistryView>): void {
    for (const view of new Set(views)) this.supervisors[view].warmUp();
  }

  /** A person gives up on their calls for `alias`, in `view` or (null) in either. */
  stopWaiting(alias: string, view: RegistryView | null): boolean {
    const stopped = (view ? [view] : registryViews).map((v) => this.supervisors[v].stopWaiting(alias));
    return stopped.includes(true);
  }

  /** Ends both hosts at once, even while a driver hangs. */
  close(): void {
    for (const view of registryViews) this.supervisors[view].close();
  }
}
