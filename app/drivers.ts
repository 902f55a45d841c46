/**
 * The driver domain as the panel, the CLI and the tests see it. Each shape is
 * declared once as a zod schema; the TypeScript types are inferred from it, so
 * the runtime check at the process boundary and the static type never drift.
 */
import { z } from 'zod';
import { signatureVerdicts } from './signatures';
import { configResults } from './messages';
import { registryViews } from './views';
import { isInt64 } from './integerRange';
import { driverKinds } from './driverKinds';
import { codecIdentitySchema } from './codecIdentity';

export { classifyAlias, driverKinds, type DriverKind } from './driverKinds';

/** A signed 64-bit integer (LRESULT, LPARAM) carried exactly, as a decimal string. */
const decimal = /^-?\d{1,19}$/;
export const int64String = z
  .string()
  .regex(decimal, 'a decimal integer')
  // zod runs every check even after the regex failed, and BigInt('x') throws.
  .refine((s) => decimal.test(s) && isInt64(BigInt(s)), 'a signed 64-bit integer');

export const driverErrorCodes = [
  'invalid-request',
  'invalid-alias',
  'unknown-alias',
  'missing-file',
  /** The registration is one the panel lists but never opens (see the entry's status detail). */
  'unreadable-value',
  'open-failed',
  'not-configurable',
  'message-not-allowed',
  /** The driver crashed or stopped answering before; it is not opened again until a person says so. */
  'quarantined',
  /** The driver faulted: its host process ended with a fault code. */
  'driver-crashed',
  /** The driver did not answer within its deadline; its host was ended. */
  'driver-not-responding',
  /** A person stopped waiting for the driver; its host was ended. */
  'stopped-waiting',
  /** The driver host itself could not do its job (not the driver's fault). */
  'host-failed',
  /** Windows did not start the restart a person asked for. */
  'restart-failed',
  /** The action changes the machine and this process runs without administrator rights; nothing was done. */
  'elevation-required',
  /** A file the panel was asked to write (a report), or its own folder (state, change journal), could not be written. */
  'write-failed',
  /** A change to the registrations could not be written; what was written was put back. */
  'change-failed',
  /** The change would overwrite something that is different from what the panel expects (changed since, or already there). */
  'change-conflict',
  /**
   * The change journal cannot be trusted: its folder can be changed by others
   * than administrators, or it names places that are not the panel's own.
   * Nothing was read from it or written.
   */
  'untrusted-journal',
  'nothing-to-undo',
  /** A file offered as a driver is not one this panel can register (not a PE DLL for x64, or no DriverProc). */
  'not-a-driver',
  /**
   * A different file is already where the panel would write (a driver file of the same name in the system folder, a
   * file that is not a report where a report should go); the panel does not overwrite it unasked.
   */
  'file-conflict',
] as const;
export type DriverErrorCode = (typeof driverErrorCodes)[number];

/** An error as it crosses a process boundary: a code for programs, a message for people. */
export const driverFailureSchema = z.object({
  code: z.enum(driverErrorCodes),
  message: z.string(),
  alias: z.string().optional(),
});
export type DriverFailure = z.infer<typeof driverFailureSchema>;

export const versionFieldsSchema = z.object({
  fileDescription: z.string().nullable(),
  companyName: z.string().nullable(),
  fileVersion: z.string().nullable(),
  productName: z.string().nullable(),
});
export type VersionFields = z.infer<typeof versionFieldsSchema>;

/** Which file a record is about: a driver whose file changed is a different driver. */
export const fileIdentitySchema = z.object({
  path: z.string(),
  size: z.number(),
  /** Last-modified time, ISO 8601. */
  modified: z.string(),
});
export type FileIdentity = z.infer<typeof fileIdentitySchema>;

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.path.toLowerCase() === b.path.toLowerCase() && a.size === b.size && a.modified === b.modified;
}

/** A driver file's Authenticode signature; signatures.ts puts WinVerifyTrust's answer into these words. */
export const fileSignatureSchema = z.object({
  verdict: z.enum(signatureVerdicts),
  /** The signing certificate's name, when there is a signature to read it from. */
  signer: z.string().nullable(),
  /** Signed in the file itself, or by a catalog that lists the file's hash (as Windows' own drivers are). */
  source: z.enum(['embedded', 'catalog']).nullable(),
  catalog: z.string().nullable(),
  /** WinVerifyTrust's HRESULT, 0x… */
  code: z.string(),
  /** What it means, for a person. */
  text: z.string(),
});
export type FileSignature = z.infer<typeof fileSignatureSchema>;

/** What is known about the registered file once it has been looked for. */
export const fileDetailsSchema = z.object({
  /** Where the loader would find it, or null if it would not. */
  path: z.string().nullable(),
  /** Size and time of the file at `path`; null when there is none. */
  identity: fileIdentitySchema.nullable(),
  /** When the file was created on this machine (installed, usually), ISO 8601. */
  created: z.string().nullable(),
  version: versionFieldsSchema,
  /** What the driver's installer wrote of it in drivers.desc, under its file name, in the entry's view. */
  installerDescription: z.string().nullable(),
  /** What the codec's .inf wrote of it under SYSTEM\\…\\MediaResources\\icm or \\acm, by its alias: Description, else FriendlyName. */
  mediaResource: z.string().nullable(),
  /** Its Authenticode signature; null while it is being checked (after the other details), or when there is no file. */
  signature: fileSignatureSchema.nullable(),
  /**
   * Why no Winmm of the entry's view can load the file as a driver, read from
   * its bytes (not a DLL, no DriverProc export, built for another machine); null when it can, or there is no file.
   */
  loadProblem: z.string().nullable(),
});
export type FileDetails = z.infer<typeof fileDetailsSchema>;

export const probeResultSchema = z.object({
  alias: z.string(),
  /** Signed LRESULT of DRV_QUERYCONFIGURE. */
  raw: int64String,
  configurable: z.boolean(),
  /** The module Winmm actually loaded, from GetDriverModuleHandle. */
  loadedPath: z.string().nullable(),
  /** What a codec said of itself, asked in the same open; null for other drivers. Absent in a probe remembered before codecs were asked. */
  identity: codecIdentitySchema.nullable().optional(),
  durationMs: z.number(),
  /** When the driver answered, ISO 8601: a probe may come from an earlier run. */
  at: z.string(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

export const callStages = ['open', 'message', 'close'] as const;
export type CallStage = (typeof callStages)[number];

/** A driver that crashed or stopped answering, and is therefore not opened again automatically. */
export const quarantineRecordSchema = z.object({
  alias: z.string(),
  /** The file as it was when the driver failed; null if it could not be read then. */
  file: fileIdentitySchema.nullable(),
  /** The message the panel was sending, and which step of the call the driver was in. */
  message: z.number().int(),
  stage: z.enum(callStages),
  /** stopped-waiting: a person gave up on a query that takes milliseconds, so it hangs. */
  what: z.enum(['crashed', 'not-responding', 'stopped-waiting']),
  /** The driver host's exit code, for a crash. */
  exitCode: z.number().int().nullable(),
  at: z.string(),
});
export type QuarantineRecord = z.infer<typeof quarantineRecordSchema>;

export const driverStatuses = ['ok', 'disabled', 'unreadable-value', 'missing-file', 'open-failed', 'quarantined'] as const;
export type DriverStatus = (typeof driverStatuses)[number];

/** Who moved a disabled registration aside, where applications do not look: this panel, or Sysinternals Autoruns. */
export const disablers = ['panel', 'autoruns'] as const;
export type Disabler = (typeof disablers)[number];

export const driverEntrySchema = z.object({
  /** Unique within a listing: the same alias may exist in both registry views. */
  id: z.string(),
  alias: z.string(),
  kind: z.enum(driverKinds),
  /** The file name as registered: the part before the first space, as Winmm splits it. Empty when the value is not a string. */
  file: z.string(),
  /** Anything registered after the file name; Winmm hands it to DRV_OPEN. */
  parameters: z.string().nullable(),
  sources: z.array(z.enum(['registry', 'system.ini'])),
  view: z.enum(registryViews),
  /** Set when the registration is disabled: kept, but where Winmm does not look. */
  disabledBy: z.enum(disablers).nullable(),
  /** The file's path, size, time and version resource; null until they have been read. */
  details: fileDetailsSchema.nullable(),
  status: z.enum(driverStatuses),
  /** Why the status is not `ok`, in words a person can act on. */
  statusDetail: z.string().nullable(),
  /** Whether the panel may open this driver on its own (probe it, offer its actions). */
  openable: z.boolean(),
  probe: probeResultSchema.nullable(),
  quarantine: quarantineRecordSchema.nullable(),
  /** What the panel is still finding out about this driver. */
  pending: z.enum(['details', 'probe']).nullable(),
  /**
   * Grows with every change the service makes to any entry: of two copies of
   * an entry (a listing, an update event), the higher revision is the newer,
   * whatever order a transport delivered them in.
   */
  revision: z.number().int(),
});
export type DriverEntry = z.infer<typeof driverEntrySchema>;
export type DriverSource = DriverEntry['sources'][number];

/**
 * Which drivers a listing probes as their files are found: none, those without
 * a valid remembered answer (new or changed drivers), or all of them (Refresh).
 * Quarantined drivers are never probed on the panel's own initiative.
 */
export const probeModes = ['none', 'new', 'all'] as const;
export type ProbeMode = (typeof probeModes)[number];

export const driverListingSchema = z.object({
  drivers: z.array(driverEntrySchema),
  /** Things a person should know that are not about one driver (an unreadable key, a state file set aside). */
  notices: z.array(z.string()),
});
export type DriverListing = z.infer<typeof driverListingSchema>;

/**
 * A listing hands on the registrations it has read in batches of this many
 * (the registrationsFound event) before its reply: a screenful or more, read
 * in a few milliseconds, where all of thousands take longer than a person
 * should wait for the first rows.
 */
export const REGISTRATIONS_PER_BATCH = 200;

export const driverActions = ['configure', 'install', 'remove'] as const;
export type DriverAction = (typeof driverActions)[number];

export const actionResultSchema = z.object({
  alias: z.string(),
  action: z.enum(driverActions),
  result: z.enum(configResults),
  raw: int64String,
  restartRequired: z.boolean(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

/** A structure the driver filled in, field by field under the SDK's names: numbers, texts, FourCCs as text, handles as 0x…. */
export const structureFieldsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type StructureFields = z.infer<typeof structureFieldsSchema>;

export const sendResultSchema = z.object({
  alias: z.string(),
  message: z.number().int(),
  /** The message's name as this kind of driver reads it (`ICM_CONFIGURE`, `DRV_USER+1`). */
  messageName: z.string(),
  raw: int64String,
  /** The answer in words where the catalogue knows how to read it ("ICERR_UNSUPPORTED (…)"); null otherwise. */
  answer: z.string().nullable(),
  /** How the driver was opened for it: with the structure its loader passes (an ICOPEN, an ACMDRVOPENDESC), or plainly. */
  opening: z.string(),
  /** The structure the host gave the driver (ICINFO, …), as the driver left it; null for integer parameters. */
  structure: z.object({ name: z.string(), fields: structureFieldsSchema }).nullable(),
  durationMs: z.number(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

/**
 * A codec's own dialogs, beside Configure…: a video codec's settings
 * (ICM_CONFIGURE, offered when its query answered ICERR_OK) and a codec's
 * About box (ICM_ABOUT, ACMDM_DRIVER_ABOUT). About… is offered for every
 * codec without asking first: some codecs show the box in answer to the
 * query itself, and no dialog may appear that a person did not ask for.
 */
export const codecDialogs = ['settings', 'about'] as const;
export type CodecDialog = (typeof codecDialogs)[number];

export const codecDialogResultSchema = z.object({
  alias: z.string(),
  dialog: z.enum(codecDialogs),
  /** The message sent, as the codec's kind reads it: ICM_CONFIGURE, ICM_ABOUT, ACMDM_DRIVER_ABOUT. */
  messageName: z.string(),
  raw: int64String,
  /** False when the codec answered ICERR_UNSUPPORTED or MMSYSERR_NOTSUPPORTED: it has no such dialog of its own. */
  supported: z.boolean(),
  /** The answer in words ("ICERR_OK (…)"); null when the catalogue has no reading. */
  answer: z.string().nullable(),
});
export type CodecDialogResult = z.infer<typeof codecDialogResultSchema>;

export const restartRequirementSchema = z.object({
  /** The entry id of the driver, as in the listing. */
  id: z.string(),
  alias: z.string(),
  action: z.enum(driverActions),
  at: z.string(),
});
export type RestartRequirement = z.infer<typeof restartRequirementSchema>;

export const emptyVersion: VersionFields = {
  fileDescription: null,
  companyName: null,
  fileVersion: null,
  productName: null,
};
