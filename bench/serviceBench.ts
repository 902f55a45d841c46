/**
 * Our side of `npm run bench`, run by the Windows Node under Wine: the driver
 * service with the driver host it really uses (a child process), listing and
 * probing every driver as the panel's Refresh does. Writes, in milliseconds
 * from its start, when the first registrations came (the first streamed
 * batch, or the listing if it is shorter than a batch), when the listing
 * came back, when every file's details were in, and when the last probe
 * answered, with the counts.
 *
 *   node serviceBench.js <timings.json> [new|all]
 *
 * With `new` it probes only what its state does not remember: a second start
 * with unchanged drivers should then load none and still know every
 * Configure… flag.
 */
import { writeFileSync } from 'node:fs';
import type { DriverEntry, ProbeMode } from '../app/drivers';
import { childProcessHost } from '../main/host/supervisor/childHostLauncher';
import { x86ProcessHost } from '../main/host/supervisor/pipeHostLauncher';
import { NATIVE_VIEW, WOW64_VIEW, registryViews, type RegistryView } from '../app/views';
import { openDriverService } from '../main/service/openDriverService';
import { errorTrace } from '../app/errorText';

/** What one registry view's drivers took, in milliseconds from the service's start. */
export interface ViewTimings {
  details: number;
  probes: number;
  drivers: number;
  probed: number;
  flagsKnown: number;
}

export interface ServiceTimings {
  open: number;
  firstRegistrations: number;
  /** How many registrations the first batch (or the listing) held. */
  firstCount: number;
  registrations: number;
  details: number;
  probes: number;
  drivers: number;
  /** Probes answered during this run: drivers loaded. */
  probed: number;
  /** Entries whose Configure… flag is known at the end. */
  flagsKnown: number;
  views: Record<RegistryView, ViewTimings>;
}

async function main(): Promise<void> {
  const [out, mode = 'all'] = process.argv.slice(2);
  if (!out) throw new Error('usage: serviceBench.js <timings.json> [new|all]');
  const start = performance.now();
  const service = await openDriverService({ [NATIVE_VIEW]: childProcessHost(), [WOW64_VIEW]: x86ProcessHost() });
  const open = performance.now() - start;
  const latest = new Map<string, DriverEntry>();
  const tally = (): { withDetails: Set<string>; expected: number; details: number; lastProbe: number; probed: number } => ({
    withDetails: new Set(),
    expected: Infinity,
    details: 0,
    lastProbe: 0,
    probed: 0,
  });
  const all = tally();
  const byView = { [NATIVE_VIEW]: tally(), [WOW64_VIEW]: tally() };
  let first: { at: number; count: number } | null = null;
  service.on('registrationsFound', (found) => {
    first ??= { at: performance.now() - start, count: found.length };
  });
  service.on('driversUpdated', (entries) => {
    const now = performance.now() - start;
    for (const entry of entries) {
      for (const t of [all, byView[entry.view]]) {
        if (entry.probe && entry.probe.at !== latest.get(entry.id)?.probe?.at) {
          t.probed++;
          t.lastProbe = now;
        }
        if (entry.details) t.withDetails.add(entry.id);
      }
      latest.set(entry.id, entry);
    }
    for (const t of [all, ...Object.values(byView)]) if (!t.details && t.withDetails.size >= t.expected) t.details = now;
  });
  const listing = await service.listDrivers(mode as ProbeMode);
  const registrations = performance.now() - start;
  first ??= { at: registrations, count: listing.drivers.length };
  for (const entry of listing.drivers) if (!latest.has(entry.id)) latest.set(entry.id, entry);
  // An unreadable value has no file to read: it never gets details.
  const readable = listing.drivers.filter((d) => d.status !== 'unreadable-value');
  all.expected = readable.length;
  for (const view of registryViews) byView[view].expected = readable.filter((d) => d.view === view).length;
  const done = (): number => performance.now() - start;
  for (const t of [all, ...Object.values(byView)]) if (!t.details && t.withDetails.size >= t.expected) t.details = done();
  await service.idle();
  for (const t of [all, ...Object.values(byView)]) t.details ||= done();
  await service.close();
  const entries = [...latest.values()];
  const ofView = (view: RegistryView): ViewTimings => {
    const t = byView[view];
    const mine = entries.filter((e) => e.view === view);
    return { details: t.details, probes: Math.max(t.lastProbe, t.details), drivers: mine.length, probed: t.probed, flagsKnown: mine.filter((e) => e.probe !== null).length };
  };
  const timings: ServiceTimings = {
    open,
    firstRegistrations: first.at,
    firstCount: first.count,
    registrations,
    details: all.details,
    probes: Math.max(all.lastProbe, all.details),
    drivers: listing.drivers.length,
    probed: all.probed,
    flagsKnown: entries.filter((e) => e.probe !== null).length,
    views: { [NATIVE_VIEW]: ofView(NATIVE_VIEW), [WOW64_VIEW]: ofView(WOW64_VIEW) },
  };
  writeFileSync(out, JSON.stringify(timings));
}

main().catch((error: unknown) => {
  process.stderr.write(`serviceBench failed: ${errorTrace(error)}\n`);
  process.exit(1);
});
