/**
 * The driver domain as the panel, the CLI and the tests see it. Each shape is
 * declared once as a zod schema; the TypeScript types are inferred from it, so
 * the runtime check at the process boundary and the static type never drift.
 */
import { z } from 'zod';
import { configResults } from './messages';

export const driverKinds = ['acm', 'vidc', 'wave', 'midi', 'aux', 'mixer', 'other'] as const;
export type DriverKind = (typeof driverKinds)[number];

const numberedKinds: readonly DriverKind[] = ['wave', 'midi', 'aux', 'mixer'];

/**
 * The kind of a Drivers32 alias: `msacm.*` are ACM codecs, `vidc.*` VfW codecs,
 * and `wave`, `wave1` … `wave9` (likewise midi, aux, mixer) the legacy device
 * drivers. The wave and MIDI mappers are wave and MIDI drivers too.
 */
export function classifyAlias(alias: string): DriverKind {
  const lower = alias.toLowerCase();
  if (lower.startsWith('msacm.')) return 'acm';
  if (lower.startsWith('vidc.')) return 'vidc';
  if (lower === 'wavemapper') return 'wave';
  if (lower === 'midimapper') return 'midi';
  const numbered = /^([a-z]+)\d*$/.exec(lower);
  const kind = numbered ? numberedKinds.find((k) => k === numbered[1]) : undefined;
  return kind ?? 'other';
}

/** A signed 64-bit integer (LRESULT, LPARAM) carried exactly, as a decimal string. */
export const int64String = z
  .string()
  .regex(/^-?\d{1,19}$/, 'a decimal integer')
  .refine((s) => {
    const v = BigInt(s);
    return v >= -(2n ** 63n) && v < 2n ** 63n;
  }, 'a signed 64-bit integer');

export const driverErrorCodes = [
  'invalid-request',
  'invalid-alias',
  'unknown-alias',
  'other-architecture',
  'missing-file',
  'open-failed',
  'not-configurable',
  'message-not-allowed',
  /** The driver faulted: its host process ended with a fault code. */
  'driver-crashed',
  /** The driver did not answer within its deadline; its host was ended. */
  'driver-not-responding',
  /** A person stopped waiting for the driver; its host was ended. */
  'stopped-waiting',
  /** The driver host itself could not do its job (not the driver's fault). */
  'host-failed',
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

export const probeResultSchema = z.object({
  alias: z.string(),
  /** Signed LRESULT of DRV_QUERYCONFIGURE. */
  raw: int64String,
  configurable: z.boolean(),
  /** The module Winmm actually loaded, from GetDriverModuleHandle. */
  loadedPath: z.string().nullable(),
  durationMs: z.number(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

/** One probe's outcome, as streamed while a listing fills in. */
export const probeOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), alias: z.string(), probe: probeResultSchema }),
  z.object({ ok: z.literal(false), alias: z.string(), error: driverFailureSchema }),
]);
export type ProbeOutcome = z.infer<typeof probeOutcomeSchema>;

export const driverStatuses = ['ok', 'missing-file', 'other-architecture', 'open-failed'] as const;
export type DriverStatus = (typeof driverStatuses)[number];

export const driverEntrySchema = z.object({
  /** Unique within a listing: the same alias may exist in both registry views. */
  id: z.string(),
  alias: z.string(),
  kind: z.enum(driverKinds),
  /** The file name as registered: the part before the first space, as Winmm splits it. */
  file: z.string(),
  /** Anything registered after the file name; Winmm hands it to DRV_OPEN. */
  parameters: z.string().nullable(),
  path: z.string().nullable(),
  exists: z.boolean(),
  sources: z.array(z.enum(['registry', 'system.ini'])),
  view: z.enum(['64-bit', '32-bit']),
  version: versionFieldsSchema,
  status: z.enum(driverStatuses),
  /** Why the status is not `ok`, in words a person can act on. */
  statusDetail: z.string().nullable(),
  probe: probeResultSchema.nullable(),
});
export type DriverEntry = z.infer<typeof driverEntrySchema>;
export type DriverSource = DriverEntry['sources'][number];
export type RegistryView = DriverEntry['view'];

/** A registry value that is not a driver file name, recorded instead of failing the listing. */
export const skippedValueSchema = z.object({
  name: z.string(),
  view: z.enum(['64-bit', '32-bit']),
  reason: z.string(),
});
export type SkippedValue = z.infer<typeof skippedValueSchema>;

export const driverListingSchema = z.object({
  drivers: z.array(driverEntrySchema),
  skipped: z.array(skippedValueSchema),
});
export type DriverListing = z.infer<typeof driverListingSchema>;

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

export const sendResultSchema = z.object({
  alias: z.string(),
  message: z.number().int(),
  raw: int64String,
  durationMs: z.number(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const restartRequirementSchema = z.object({
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

/** An entry with a probe outcome applied: the probe result, or `open-failed` and why. */
export function applyProbeOutcome(entry: DriverEntry, outcome: ProbeOutcome): DriverEntry {
  if (outcome.ok) return { ...entry, probe: outcome.probe };
  return { ...entry, probe: null, status: 'open-failed', statusDetail: outcome.error.message };
}
