/** Puts the driver service together: the host supervisor, the catalog worker, the machine's state and this boot. */
import { currentBootTime } from '../state/bootClock';
import { StateKeeper } from '../state/stateKeeper';
import { stateFilePath } from '../state/stateLocation';
import { StateStore } from '../state/stateStore';
import { CatalogReader } from './catalogReader';
import { DriverService, defaultDeadlines, type Deadlines } from './driverService';
import { HostSupervisor, type HostLauncher } from './hostSupervisor';

export function openDriverService(launcher: HostLauncher, deadlines: Partial<Deadlines> = {}): Promise<DriverService> {
  const state: StateKeeper = new StateKeeper(new StateStore(stateFilePath(), (notice) => state.notice(notice)));
  return DriverService.open({
    supervisor: new HostSupervisor(launcher),
    catalog: new CatalogReader(),
    state,
    bootTime: currentBootTime(),
    deadlines: { ...defaultDeadlines, ...deadlines },
  });
}
