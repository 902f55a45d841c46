/**
 * The contract's channels implemented on the driver service, independent of
 * the transport: Electron IPC in the app, a loopback socket in the Wine test
 * bench. Every request is validated here, at the boundary, and refused here
 * when it needs rights this process lacks; failures become typed
 * `DriverFailure` values.
 */
import { contract, eventNames, isChannel, type Channel, type EventName, type EventOf, type Reply, type RequestOf, type ResponseOf } from '../../app/contract';
import type { DriverService } from '../service/driverService';
import { elevationProblem, needsAdministrator } from '../../app/privileges';
import { DriverError, toFailure } from '../../app/driverError';
import { describeInvalidRequest } from './requestIssues';
import { NATIVE_VIEW } from '../../app/views';
import type { ReportFormat } from '../../app/supportReport';
import { currentReport, reportFileName, writeReport } from '../reports/supportReport';

/** What the host supplies rather than the (untrusted) caller. */
export interface HandlerContext {
  /** The window that owns driver dialogs: the panel's own window in the app; null lets the driver host provide one. */
  parentWindow(): Promise<bigint | null>;
  /**
   * Called when a configure call has ended, however it ended. A modal dialog
   * disables its owner while it is up; one whose host was ended (crashed,
   * stopped) never enables it again.
   */
  dialogEnded(): void;
  /** Starts a restart of Windows, or throws a DriverError saying why not. */
  restartWindows(): Promise<void>;
  /** Whether this process has administrator rights (see elevation.ts). */
  elevated: boolean;
  /** Starts the app again elevated and ends this one, or throws a DriverError saying why not. */
  restartAsAdministrator(): Promise<void>;
  /** The open-file dialog of Add driver…: the path the person chose, or null. */
  chooseDriverFile(): Promise<string | null>;
  /** The save dialog of Export report…: where to write, or null. */
  chooseReportFile(suggestedName: string, format: ReportFormat): Promise<string | null>;
  /** Opens the file's folder with the file selected (Explorer, in the app). */
  showInFolder(path: string): void;
}

type ChannelHandlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** The contract as one process serves it: a handler for each channel, and the rights the process has. */
export interface Handlers {
  readonly byChannel: ChannelHandlers;
  readonly elevated: boolean;
}

export function createHandlers(service: DriverService, context: HandlerContext): Handlers {
  // The renderer is untrusted: it may only add a file the person picked in main's own dialog.
  const offeredFiles = new Set<string>();
  const byChannel: ChannelHandlers = {
    listDrivers: ({ probe }) => service.listDrivers(probe ?? 'none'),
    probeDriver: ({ alias, view, retry }) => service.probe(alias, { retry: retry ?? false, view: view ?? null }),
    configureDriver: async ({ alias, view }) => {
      try {
        return await service.configure(alias, await context.parentWindow(), view ?? null);
      } finally {
        context.dialogEnded();
      }
    },
    openCodecDialog: async ({ alias, view, dialog }) => {
      try {
        return await service.codecDialog(alias, dialog, await context.parentWindow(), view ?? null);
      } finally {
        context.dialogEnded();
      }
    },
    installDriver: ({ alias, view }) => service.install(alias, view ?? null),
    whichCodec: ({ query }) => service.whichCodec(query),
    removeDriver: ({ alias, view, disabledBy }) => service.changes.remove({ alias, view: view ?? NATIVE_VIEW, disabledBy: disabledBy ?? null }),
    disableDriver: ({ alias, view }) => service.changes.disable({ alias, view: view ?? NATIVE_VIEW }),
    enableDriver: ({ alias, view }) => service.changes.enable({ alias, view: view ?? NATIVE_VIEW }),
    chooseDriverFile: async () => {
      const path = await context.chooseDriverFile();
      if (path === null) return { file: null };
      offeredFiles.add(path.toLowerCase());
      return { file: await service.changes.inspect(path) };
    },
    addDriver: async ({ path, alias, kind, replace, view }) => {
      if (!offeredFiles.has(path.toLowerCase())) {
        throw new DriverError('invalid-request', 'Only a file chosen with Add driver… can be added. Choose the file again.');
      }
      return service.changes.add({ file: path, replace: replace ?? false, ...(alias === undefined ? {} : { alias }), ...(kind ? { kind } : {}), ...(view ? { view } : {}) });
    },
    exportReport: async ({ format }) => {
      const path = await context.chooseReportFile(reportFileName(format), format);
      if (path === null) return { saved: null };
      // The list the person is looking at, not a second reading of every file. Windows' save dialog has
      // already asked before replacing a file, so whatever the person chose there is replaced.
      await writeReport(await currentReport(service, await service.shownListing()), format, path, { replaceAnyFile: true });
      return { saved: path };
    },
    showFileLocation: async ({ alias, view, disabledBy }) => {
      const path = await service.filePath(alias, view ?? NATIVE_VIEW, disabledBy ?? null);
      context.showInFolder(path);
      return { path };
    },
    changeHistory: () => service.changes.history(),
    undoChange: ({ id }) => service.changes.undo(id),
    sendMessage: ({ alias, view, message, lParam1, lParam2, fill }) => service.send(alias, message, BigInt(lParam1), BigInt(lParam2), view ?? null, fill ?? {}),
    stopWaiting: async ({ alias, view }) => ({ stopped: service.stopWaiting(alias, view ?? null) }),
    restartRequirements: () => service.restartRequirements(),
    restartWindows: async () => {
      await context.restartWindows();
      return { restarting: true };
    },
    session: async () => ({ elevated: context.elevated }),
    restartAsAdministrator: async () => {
      await context.restartAsAdministrator();
      return { restarting: true };
    },
  };
  return { byChannel, elevated: context.elevated };
}

/** Hands every event of the contract that the service emits to `send`, whatever the transport. */
export function forwardEvents(service: DriverService, send: <E extends EventName>(event: E, payload: EventOf<E>) => void): void {
  for (const event of eventNames) service.on(event, (payload: EventOf<typeof event>) => send(event, payload));
}

/** Validates an untrusted (channel, payload) pair and runs it. Never throws. */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Reply<Channel>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid-request', message: `Unknown channel ${JSON.stringify(channel)}.` } };
  }
  return run(handlers, channel, payload);
}

async function run<C extends Channel>(handlers: Handlers, channel: C, payload: unknown): Promise<Reply<C>> {
  const request = payload ?? {};
  const parsed = contract[channel].request.safeParse(request);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-request', message: describeInvalidRequest(channel, parsed.error.issues, request) } };
  }
  try {
    // The one check of rights, for every channel: refused before anything is loaded or written, rather than failing half-way.
    const problem = needsAdministrator(channel) ? elevationProblem(channel, handlers.elevated, 'app') : null;
    if (problem) throw new DriverError('elevation-required', problem);
    const handler = handlers.byChannel[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>>;
    return { ok: true, value: await handler(parsed.data as RequestOf<C>) };
  } catch (error) {
    return { ok: false, error: toFailure(error) };
  }
}
