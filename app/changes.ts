/**
 * Changes the panel makes to the machine's driver registrations (remove,
 * disable, enable, add), and those a driver makes itself when the panel calls
 * it (install, configure, remove), as the panel, the CLI and the tests see
 * them. Every one is journaled with the exact values it replaced, so that it
 * can be undone.
 */
import { z } from 'zod';
import { configResults } from './messages';
import { addableKinds } from './aliasSuggestion';
import { actionResultSchema, disablers, int64String } from './drivers';
import { registryViews } from './views';

/** `configure` and `install` are changes a driver made to the registrations in DRV_CONFIGURE or DRV_INSTALL, and nothing else. */
export const changeKinds = ['add', 'remove', 'disable', 'enable', 'configure', 'install'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(changeKinds),
  alias: z.string(),
  view: z.enum(registryViews),
  at: z.string(),
  /** What was written, in words: which values moved or went, from where, and what the driver itself changed. */
  summary: z.string(),
  /**
   * What the driver itself changed when the panel called it (its own
   * registration deleted or rewritten, another driver's changed), each in
   * words; Undo puts these back too.
   */
  byDriver: z.array(z.string()),
  /** When it was undone; null while it stands. */
  undoneAt: z.string().nullable(),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

/** A driver's answer to DRV_REMOVE or DRV_INSTALL. */
const driverAnswerSchema = z.object({ result: z.enum(configResults), raw: int64String });

/** The answer to a removal: whether the driver was told (DRV_REMOVE) and what was deleted. */
export const removalSchema = z.object({
  alias: z.string(),
  view: z.enum(registryViews),
  /** DRV_REMOVE's answer, or null when it was not sent (`note` says why). */
  driverAnswer: driverAnswerSchema.nullable(),
  /** False when the driver cancelled DRV_REMOVE: then the registration is kept. */
  removed: z.boolean(),
  restartRequired: z.boolean(),
  /** What happened, in words a person reads. */
  note: z.string(),
  /** The journaled change, to undo; null when nothing was written. */
  change: changeRecordSchema.nullable(),
});
export type Removal = z.infer<typeof removalSchema>;

export const undoResultSchema = z.object({
  /** The change that was undone, now with `undoneAt`. */
  undone: changeRecordSchema,
  /** What Undo cannot put back (a driver's own settings), when there is something. */
  note: z.string().nullable(),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

/** Where a target names the registration to change: an alias in a registry view. */
export const registrationRequest = z
  .object({ alias: z.string(), view: z.enum(registryViews).optional() })
  .strict();

/** The answer to adding a driver: where its file went, what DRV_INSTALL said, and the change to undo. */
export const additionSchema = z.object({
  alias: z.string(),
  /** The view it was registered in: the one its file is built for. */
  view: z.enum(registryViews),
  /** Where the registered file is: in that view's system folder (System32 or SysWOW64). */
  path: z.string(),
  /** Whether the file was copied there (it may have been there already). */
  copied: z.boolean(),
  driverAnswer: driverAnswerSchema.nullable(),
  /** False when the driver cancelled DRV_INSTALL: then everything was taken back. */
  added: z.boolean(),
  restartRequired: z.boolean(),
  note: z.string(),
  change: changeRecordSchema.nullable(),
});
export type Addition = z.infer<typeof additionSchema>;

/** A driver file the person picked in Add driver…, checked from its bytes before anything else. */
export const chosenDriverFileSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** Why it cannot be added, in words; null when it can. */
  problem: z.string().nullable(),
  /** What its extension suggests it is, for the suggested alias. */
  kind: z.enum(addableKinds),
  /** The view it is built for, and so registered in (x64: the 64-bit view, x86: the 32-bit one); null when it cannot be added. */
  view: z.enum(registryViews).nullable(),
  /** Where its file would be copied: the system folder of that view (System32 or SysWOW64); null when it cannot be added. */
  destination: z.string().nullable(),
  /** The aliases that already name the file at `destination` in that view ("msacm.x (disabled)" for a disabled one): adding it again adds another. */
  registeredAs: z.array(z.string()),
  /** A file of that name is at `destination` already, and it is not this one: adding this one would replace it. */
  destinationDiffers: z.boolean(),
});
export type ChosenDriverFile = z.infer<typeof chosenDriverFileSchema>;

/**
 * Adds a file chosen in Add driver…; main refuses any path it did not offer
 * itself. `view`: the file's machine decides without it; one that disagrees is refused.
 */
export const additionRequest = z
  .object({ path: z.string(), alias: z.string().optional(), kind: z.enum(addableKinds).optional(), replace: z.boolean().optional(), view: z.enum(registryViews).optional() })
  .strict();

/** One registration, enabled or disabled, as removal and Open file location name it. */
export const listedRegistrationRequest = registrationRequest.extend({ disabledBy: z.enum(disablers).optional() }).strict();

/**
 * A driver's answer to Configure… or Install…, and what it changed itself in
 * the registrations while it ran: journaled so that Undo puts it back; null
 * when it changed nothing (or the process, without administrator rights,
 * could not have let it).
 */
export const actionOutcomeSchema = actionResultSchema.extend({ change: changeRecordSchema.nullable() });
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;
