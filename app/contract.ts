/**
 * The one API between the control panel's processes, declared once.
 *
 * Each channel has a request and a response schema. The main process validates
 * every request against its schema (the renderer is untrusted), the preload
 * exposes exactly these channels, and the UI and the tests infer their types
 * from here. Failures travel as `DriverFailure` values, never as thrown text.
 */
import { z } from 'zod';
import {
  codecDialogResultSchema,
  codecDialogs,
  driverEntrySchema,
  driverFailureSchema,
  driverListingSchema,
  int64String,
  probeModes,
  probeResultSchema,
  restartRequirementSchema,
  sendResultSchema,
} from './drivers';
import {
  actionOutcomeSchema,
  additionRequest,
  additionSchema,
  changeRecordSchema,
  chosenDriverFileSchema,
  listedRegistrationRequest,
  registrationRequest,
  removalSchema,
  undoResultSchema,
} from './changes';
import { reportFormats } from './supportReport';
import { codecQueryResultSchema, codecQueryText } from './codecQuery';
import { UINT32_MAX } from './integerRange';
import { registryViews } from './views';
import { channels, eventNames, type Channel, type EventName } from './contractNames';

export { channels, eventNames, type Channel, type EventName };

/**
 * Deliberately only "a string": the driver service decides what a valid alias
 * is. `view` picks the 64-bit or the 32-bit registration (and so the host that
 * opens it); without it, the 64-bit one where there is one.
 */
const aliasRequest = z.object({ alias: z.string(), view: z.enum(registryViews).optional() }).strict();
const noRequest = z.object({}).strict();

export const contract = {
  /**
   * Every registration, with what is remembered about it (provisional batches
   * come first as `registrationsFound` events); file details follow as
   * `driversUpdated` events, and so do the results of the probes that
   * `probe` asks for (default: none), queued as each file is found.
   */
  listDrivers: { request: z.object({ probe: z.enum(probeModes).optional() }).strict(), response: driverListingSchema },
  /** DRV_QUERYCONFIGURE for one driver; `retry` lifts its quarantine first (Try again). */
  probeDriver: { request: aliasRequest.extend({ retry: z.boolean().optional() }).strict(), response: probeResultSchema },
  /** DRV_CONFIGURE (or DRV_INSTALL), and what the driver changed in the registrations meanwhile, journaled to undo. */
  configureDriver: { request: aliasRequest, response: actionOutcomeSchema },
  installDriver: { request: aliasRequest, response: actionOutcomeSchema },
  /**
   * Deletes a registration (from Drivers32 and system.ini), journaled; sends
   * DRV_REMOVE first when it is the last registration of its file and may be
   * loaded. Never deletes the driver file. `disabledBy` removes a disabled one.
   */
  removeDriver: { request: listedRegistrationRequest, response: removalSchema },
  /**
   * Shows the open-file dialog for Add driver… and checks the chosen file from
   * its bytes; null when the person cancelled. Only a path offered here can be added.
   */
  chooseDriverFile: { request: noRequest, response: z.object({ file: chosenDriverFileSchema.nullable() }) },
  /** Copies the chosen file into the system folder, registers it and sends DRV_INSTALL; journaled, and taken back on a cancel. */
  addDriver: { request: additionRequest, response: additionSchema },
  /** Moves a registration where applications do not look (Drivers32\\DriversPanelDisabled), unchanged. */
  disableDriver: { request: registrationRequest, response: changeRecordSchema },
  /** Moves a registration this panel or Autoruns disabled back to Drivers32. */
  enableDriver: { request: registrationRequest, response: changeRecordSchema },
  /** Every change the panel made to the registrations, newest first. */
  changeHistory: { request: noRequest, response: z.array(changeRecordSchema) },
  /** Undoes a change (the newest that stands, if no id is given), byte for byte. */
  undoChange: { request: z.object({ id: z.string().optional() }).strict(), response: undoResultSchema },
  /** Asks where to save a support report (save dialog) and writes it there; null when the person cancelled. */
  exportReport: { request: z.object({ format: z.enum(reportFormats) }).strict(), response: z.object({ saved: z.string().nullable() }) },
  /** Opens the folder of a registration's driver file, with the file selected. */
  showFileLocation: { request: listedRegistrationRequest, response: z.object({ path: z.string() }) },
  sendMessage: {
    request: z
      .object({
        alias: z.string(),
        view: z.enum(registryViews).optional(),
        message: z.number().int().min(0).max(UINT32_MAX),
        lParam1: int64String,
        lParam2: int64String,
        /** What fills the structure a catalogue message takes: a format tag's index, a frame's FourCC. */
        fill: z
          .object({ index: z.number().int().min(0).max(0xffff).optional(), fourcc: z.string().regex(/^[\x20-\x7e]{1,4}$/, 'one to four printable characters').optional() })
          .strict()
          .optional(),
      })
      .strict(),
    response: sendResultSchema,
  },
  /** A codec's own settings (video codecs whose ICM_CONFIGURE query said yes) or About box, owned by the panel's window. */
  openCodecDialog: { request: aliasRequest.extend({ dialog: z.enum(codecDialogs) }).strict(), response: codecDialogResultSchema },
  /** The codecs in both views that handle a FourCC or a WAVE format tag: video codecs asked, audio codecs by their tags. */
  whichCodec: { request: z.object({ query: codecQueryText }).strict(), response: codecQueryResultSchema },
  /** Gives up on a person's call in flight for `alias` (a dialog that never returns): its driver host is ended. */
  stopWaiting: { request: aliasRequest, response: z.object({ stopped: z.boolean() }) },
  restartRequirements: { request: noRequest, response: z.array(restartRequirementSchema) },
  /** Restarts Windows now; the UI asks for confirmation first. Needs administrator rights. */
  restartWindows: { request: noRequest, response: z.object({ restarting: z.literal(true) }) },
  /** Whether the panel runs with administrator rights, which install, remove and restart need. */
  session: { request: noRequest, response: z.object({ elevated: z.boolean() }) },
  /** Starts the panel again with administrator rights (Windows asks the person), and ends this one. */
  restartAsAdministrator: { request: noRequest, response: z.object({ restarting: z.literal(true) }) },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends Channel> = z.infer<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<Contract[C]['response']>;

/** Pushed from main to the UI without being asked. */
export const events = {
  /** Entries whose file details, probe result or status changed, each whole. */
  driversUpdated: z.array(driverEntrySchema),
  /**
   * A listing's registrations in batches as they are read, before its reply:
   * provisional rows for a panel that shows nothing yet. The reply is the listing.
   */
  registrationsFound: z.array(driverEntrySchema),
  /** Every pending restart requirement, after one was added. */
  restartsChanged: z.array(restartRequirementSchema),
  /** Registrations were added, removed, disabled or enabled: list again. */
  registrationsChanged: z.object({}),
} as const satisfies Record<EventName, z.ZodType>;
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/** The answer to any request: a typed value or a typed failure. */
export type Reply<C extends Channel> =
  | { ok: true; value: ResponseOf<C> }
  | { ok: false; error: z.infer<typeof driverFailureSchema> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
