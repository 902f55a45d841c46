/**
 * What the panel remembers across processes and boots, and the pure rules for
 * changing it. The app and the CLI share one copy per machine (stateStore.ts).
 */
import { z } from 'zod';
import { offersConfiguration } from '../../app/configurationAnswers';
import {
  classifyAlias,
  fileIdentitySchema,
  probeResultSchema,
  quarantineRecordSchema,
  restartRequirementSchema,
  sameFile,
  type FileIdentity,
  type QuarantineRecord,
  type RestartRequirement,
} from '../../app/drivers';

/** A restart requirement and the boot it was made in: a later boot means the restart happened. */
const restartRecordSchema = restartRequirementSchema.extend({ boot: z.string() });
/** A quarantine record, under the entry id it is about. */
const quarantineEntrySchema = quarantineRecordSchema.extend({ id: z.string() });
/**
 * How a driver answered its probe, valid for as long as the registration and
 * the file stay the same: its DRV_QUERYCONFIGURE result, or why it could not be opened.
 */
const probeRecordSchema = z.object({
  id: z.string(),
  value: z.string(),
  file: fileIdentitySchema,
  probe: probeResultSchema.nullable(),
  openFailure: z.string().nullable(),
  /**
   * 'loader': opened with the structure its own loader passes (ICOPEN,
   * ACMDRVOPENDESC) and, for a codec, asked who it is. Absent in records
   * from before: a codec's is asked again (it may open now, and has a name to give).
   */
  opening: z.literal('loader').optional(),
});

export const panelStateSchema = z.object({
  version: z.literal(1),
  restarts: z.array(restartRecordSchema),
  quarantine: z.array(quarantineEntrySchema),
  probes: z.array(probeRecordSchema),
});
export type PanelState = z.infer<typeof panelStateSchema>;
type ProbeRecord = z.infer<typeof probeRecordSchema>;

export function emptyState(): PanelState {
  return { version: 1, restarts: [], quarantine: [], probes: [] };
}

/**
 * Two boot times computed in one boot (now minus the time since boot) differ by
 * clock jitter and small clock corrections; two boots differ by at least the
 * uptime of the first plus a shutdown and a start. Comparing within a tolerance
 * avoids the boundary cases that rounding to a fixed grid would have.
 */
const SAME_BOOT_TOLERANCE_MS = 30_000;

export function sameBoot(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= SAME_BOOT_TOLERANCE_MS;
}

/** Requirements made before the current boot are met: Windows has restarted since. */
export function forgetEarlierBoots(state: PanelState, boot: string): PanelState {
  return { ...state, restarts: state.restarts.filter((r) => sameBoot(r.boot, boot)) };
}

/** Adds a requirement; the same alias and action are recorded once, with the latest time. */
export function withRestart(state: PanelState, requirement: RestartRequirement, boot: string): PanelState {
  const others = state.restarts.filter((r) => !(r.id === requirement.id && r.action === requirement.action));
  return { ...state, restarts: [...others, { ...requirement, boot }] };
}

export function pendingRestarts(state: PanelState, boot: string): RestartRequirement[] {
  return state.restarts.filter((r) => sameBoot(r.boot, boot)).map(({ id, alias, action, at }) => ({ id, alias, action, at }));
}

export function withQuarantine(state: PanelState, id: string, record: QuarantineRecord): PanelState {
  return { ...state, quarantine: [...state.quarantine.filter((q) => q.id !== id), { ...record, id }] };
}

export function withoutQuarantine(state: PanelState, id: string): PanelState {
  return { ...state, quarantine: state.quarantine.filter((q) => q.id !== id) };
}

/** Lifts the quarantine of `id` if its record is about another file than `file`: a changed driver gets a fresh chance. */
export function withFreshChance(state: PanelState, id: string, file: FileIdentity): PanelState {
  return { ...state, quarantine: state.quarantine.filter((q) => q.id !== id || !q.file || sameFile(q.file, file)) };
}

/** The record for `id` if it is still about this file; a changed file gets a fresh chance. */
export function quarantineFor(state: PanelState, id: string, file: FileIdentity | null): QuarantineRecord | null {
  const entry = state.quarantine.find((q) => q.id === id);
  if (!entry || (file && entry.file && !sameFile(entry.file, file))) return null;
  return quarantineRecordSchema.parse(entry);
}

export function withProbes(state: PanelState, records: ReadonlyArray<Omit<ProbeRecord, 'opening'>>): PanelState {
  const replaced = new Set(records.map((r) => r.id));
  return { ...state, probes: [...state.probes.filter((p) => !replaced.has(p.id)), ...records.map((r) => ({ ...r, opening: 'loader' as const }))] };
}

type ProbeAnswer = Pick<ProbeRecord, 'probe' | 'openFailure'>;

function isCodec(alias: string): boolean {
  const kind = classifyAlias(alias);
  return kind === 'vidc' || kind === 'acm';
}

/**
 * The remembered answer for `id` if the registration is unchanged and (when
 * known) so is the file; otherwise the driver must be probed again.
 */
export function answerFor(state: PanelState, id: string, { alias, value }: { alias: string; value: string }, file: FileIdentity | null): ProbeAnswer {
  const record = state.probes.find((p) => p.id === id);
  if (!record || record.value !== value || (file && !sameFile(record.file, file))) return { probe: null, openFailure: null };
  if (record.opening !== 'loader' && isCodec(alias)) return { probe: null, openFailure: null };
  // Remembered under an older reading of the answer, perhaps: the answer is read again.
  const probe = record.probe && { ...record.probe, configurable: offersConfiguration(classifyAlias(record.probe.alias), BigInt(record.probe.raw)) };
  return { probe, openFailure: record.openFailure };
}
