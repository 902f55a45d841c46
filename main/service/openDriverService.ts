/** Puts the driver service together: the host supervisor, the catalog worker, the machine's state, the change journal and this boot. */
import { currentBootTime } from '../state/bootClock';
import { StateKeeper } from '../state/stateKeeper';
import { changesFolderPath, stateFilePath } from '../state/stateLocation';
import { ChangeJournal } from '../changes/changeJournal';
import { ChangesFolder } from '../changes/changesFolder';
import { machineValues } from '../changes/machineValues';
import { processIsElevated } from '../win32/elevation';
import { GetCurrentProcess, TerminateProcess, currentProcessIdentity, processIsRunning, systemDirectory, systemWow64Directory } from '../win32/kernel32';
import { StateStore } from '../state/stateStore';
import { CatalogReader } from '../catalog/catalogReader';
import { DriverService } from './driverService';
import { defaultDeadlines, type Deadlines } from './serviceParts';
import { DriverHosts, type HostLaunchers } from '../host/supervisor/driverHosts';
import { NATIVE_VIEW, WOW64_VIEW, type RegistryView } from '../../app/views';

export interface ServiceOptions {
  /** A person's deadlines (the CLI's --timeout, the app's --probe-timeout); the panel's own for the others. */
  deadlines?: Partial<Deadlines>;
  /** The panel's own, where a test bench wants hangs judged sooner than defaultDeadlines does. */
  panelDeadlines?: Partial<Deadlines>;
  /**
   * The caller will list the drivers with their files' details (the panel,
   * `list`, `report`), so the catalog worker is started at once; a CLI command
   * that only changes a registration does not pay for its start.
   */
  readsFiles?: boolean;
  /** Read the driver files on this thread rather than in the catalog worker: for a caller with no window (the CLI). */
  readsFilesHere?: boolean;
  /**
   * Start the driver hosts of these views at once, before the registrations
   * are read: for a caller that will probe every driver (`list --refresh`).
   * A host takes longer to start under Wine (a process, Node and koffi, about
   * 250 ms) than the whole listing takes at the usual 20–40 drivers, and
   * starting it blocks this thread (about 80 ms each under Wine), which the
   * panel cannot spend before its first rows but the CLI can.
   */
  warmHosts?: readonly RegistryView[];
}

export function openDriverService(launchers: HostLaunchers, { deadlines = {}, panelDeadlines = {}, readsFiles = true, readsFilesHere = false, warmHosts = [] }: ServiceOptions = {}): Promise<DriverService> {
  const state: StateKeeper = new StateKeeper(new StateStore(stateFilePath(), (notice) => state.notice(notice)));
  const catalog = new CatalogReader(undefined, readsFilesHere);
  if (readsFiles) catalog.warmUp();
  const elevated = processIsElevated();
  // Asked of Windows (a machine may keep Windows elsewhere than C:\Windows), with the usual place as a fallback.
  const systemDirectories = {
    [NATIVE_VIEW]: systemDirectory() ?? 'C:\\Windows\\System32',
    [WOW64_VIEW]: systemWow64Directory() ?? 'C:\\Windows\\SysWOW64',
  };
  const folder = new ChangesFolder(changesFolderPath());
  const journal = new ChangeJournal({
    folder,
    machine: machineValues,
    places: { systemFolders: Object.values(systemDirectories), filesFolder: folder.files },
    elevated,
    owner: currentProcessIdentity(),
    isRunning: ({ pid, started }) => processIsRunning(pid, started),
    notice: (message) => state.notice(message),
    afterWrite: killAfterWrites(process.env.DRIVERS_PANEL_TEST_KILL_AFTER_WRITES),
  });
  const hosts = new DriverHosts(launchers);
  hosts.warmUp(warmHosts);
  return DriverService.open({
    hosts,
    catalog,
    state,
    journal,
    bootTime: currentBootTime(),
    systemDirectories,
    elevated,
    deadlines: { ...defaultDeadlines, ...panelDeadlines, ...deadlines },
    panelDeadlines: { ...defaultDeadlines, ...panelDeadlines },
  });
}

/**
 * Fault injection for the test bench, which proves that a change interrupted
 * between two writes is recovered: the process ends abruptly, as if killed,
 * after the given number of writes. Unset in the product.
 */
function killAfterWrites(setting: string | undefined): () => void {
  const limit = Number(setting);
  if (!Number.isInteger(limit) || limit < 1) return () => undefined;
  let writes = 0;
  return () => {
    if (++writes === limit) TerminateProcess(GetCurrentProcess(), 9);
  };
}
