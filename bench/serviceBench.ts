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
import { NATIVE_VIEW, WOW64_VIEW } from '../app/views';
import { openDriverService } from '../main/service/openDriverService';
import { errorTrace } from '../app/errorText';

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
}

async function main(): Promise<void> {
  const [out, mode = 'all'] = process.argv.slice(2);
  if (!out) throw new Error('usage: serviceBench.js <timings.json> [new|all]');
  const start = performance.now();
  const service = await openDriverService({ [NATIVE_VIEW]: childProcessHost(), [WOW64_VIEW]: x86ProcessHost() });
  const open = performance.now() - start;
  const withDetails = new Set<string>();
  const latest = new Map<string, DriverEntry>();
  let expected = Infinity;
  let details = 0;
  let lastProbe = 0;
  let probed = 0;
  let first: { at: number; count: number } | null = null;
  service.on('registrationsFound', (found) => {
    first ??= { at: performance.now() - start, count: found.length };
  });
  service.on('driversUpdated', (entries) => {
    for (const entry of entries) {
      if (entry.probe && entry.probe.at !== latest.get(entry.id)?.probe?.at) {
        probed++;
        lastProbe = performance.now() - start;
      }
      latest.set(entry.id, entry);
      if (entry.details) withDetails.add(entry.id);
    }
    if (!details && withDetails.size >= expected) details = performance.now() - start;
  });
  const listing = await service.listDrivers(mode as ProbeMode);
  const registrations = performance.now() - start;
  first ??= { at: registrations, count: listing.drivers.length };
  for (const entry of listing.drivers) if (!latest.has(entry.id)) latest.set(entry.id, entry);
  // An unreadable value has no file to read: it never gets details.
  expected = listing.drivers.filter((d) => d.status !== 'unreadable-value').length;
  await service.idle();
  if (!details) details = performance.now() - start;
  await service.close();
  const timings: ServiceTimings = {
    open,
    firstRegistrations: first.at,
    firstCount: first.count,
    registrations,
    details,
    probes: Math.max(lastProbe, details),
    drivers: listing.drivers.length,
    probed,
    flagsKnown: [...latest.values()].filter((e) => e.probe !== null).length,
  };
  writeFileSync(out, JSON.stringify(timings));
}

main().catch((error: unknown) => {
  process.stderr.write(`serviceBench failed: ${errorTrace(error)}\n`);
  process.exit(1);
});
