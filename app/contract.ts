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
  actionResultSchema,
  driverFailureSchema,
  driverListingSchema,
  int64String,
  probeOutcomeSchema,
  probeResultSchema,
  restartRequirementSchema,
  sendResultSchema,
} from './drivers';

/** Deliberately only "a string": the driver service decides what a valid alias is. */
const aliasRequest = z.object({ alias: z.string() }).strict();
const noRequest = z.object({}).strict();

export const contract = {
  /** Every installed driver, without waiting for probes. */
  listDrivers: { request: noRequest, response: driverListingSchema },
  /** Queues a probe of every openable driver; outcomes arrive as `probeOutcome` events. */
  probeAll: { request: noRequest, response: z.object({ queued: z.number().int() }) },
  probeDriver: { request: aliasRequest, response: probeResultSchema },
  configureDriver: { request: aliasRequest, response: actionResultSchema },
  installDriver: { request: aliasRequest, response: actionResultSchema },
  removeDriver: { request: aliasRequest, response: actionResultSchema },
  sendMessage: {
    request: z
      .object({
        alias: z.string(),
        message: z.number().int().min(0).max(0xffffffff),
        lParam1: int64String,
        lParam2: int64String,
      })
      .strict(),
    response: sendResultSchema,
  },
  restartRequirements: { request: noRequest, response: z.array(restartRequirementSchema) },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.infer<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<Contract[C]['response']>;

export const channels = Object.keys(contract) as Channel[];

/** Pushed from main to the UI without being asked. */
export const events = {
  probeOutcome: probeOutcomeSchema,
  restartRequired: restartRequirementSchema,
} as const;
export const eventNames = Object.keys(events) as EventName[];
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/** The answer to any request: a typed value or a typed failure. */
export type Reply<C extends Channel> =
  | { ok: true; value: ResponseOf<C> }
  | { ok: false; error: z.infer<typeof driverFailureSchema> };

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
