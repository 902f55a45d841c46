/**
 * The page's first listing: registrations found before the reply are shown
 * to a panel that has nothing yet, and never once the reply is in. The
 * transport is driven by hand here, to put the events and the reply in a
 * chosen order; the Wine suites (listingStream) prove the order the service
 * really sends.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Channel, EventName, Reply } from '../../app/contract';
import type { DriverEntry } from '../../app/drivers';
import { createPanelApi, type PanelTransport } from '../../app/panelApi';
import { firstRows, startFirstListing, takeFirstListing } from '../../renderer/firstListing';

const entry = (alias: string, revision: number): DriverEntry =>
  ({ id: `64-bit:${alias}`, alias, view: '64-bit', revision, pending: 'details' }) as unknown as DriverEntry;

/** A transport whose listing answers when the test says, and whose events the test sends. */
function handTransport(): { transport: PanelTransport; emit: (event: EventName, payload: unknown) => void; answer: (drivers: DriverEntry[]) => Promise<void> } {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let answer: (reply: Reply<Channel>) => void = () => assert.fail('no listing was asked for');
  const transport: PanelTransport = {
    invoke: (channel) => {
      assert.equal(channel, 'listDrivers');
      return new Promise((resolve) => (answer = resolve));
    },
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return {
    transport,
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
    answer: async (drivers) => {
      answer({ ok: true, value: { drivers, notices: [] } });
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function start(transport: PanelTransport): void {
  (globalThis as unknown as { window: Pick<Window, 'driversPanel'> }).window = { driversPanel: createPanelApi(transport) };
  startFirstListing();
}

const aliases = (shown: DriverEntry[][]): string[][] => shown.map((found) => found.map((e) => e.alias));

describe('the first listing', () => {
  it('shows what was found before the panel followed, then each batch with those before it', async () => {
    const { transport, emit, answer } = handTransport();
    start(transport);
    emit('registrationsFound', [entry('a', 1), entry('b', 2)]);
    const first = takeFirstListing() ?? assert.fail('no first listing');
    const shown: DriverEntry[][] = [];
    first.followFound((found) => shown.push(found));
    emit('registrationsFound', [entry('c', 3)]);
    assert.deepEqual(aliases(shown), [['a', 'b'], ['a', 'b', 'c']]);
    await answer([entry('a', 4), entry('b', 5), entry('c', 6)]);
    emit('registrationsFound', [entry('d', 7)]);
    assert.equal(shown.length, 2, 'nothing found is shown once the reply is in');
    assert.equal((await first.reply).ok, true);
  });

  it('shows nothing found to a panel that follows after the reply', async () => {
    const { transport, emit, answer } = handTransport();
    start(transport);
    emit('registrationsFound', [entry('a', 1)]);
    await answer([entry('a', 2)]);
    const first = takeFirstListing() ?? assert.fail('no first listing');
    const shown: DriverEntry[][] = [];
    first.followFound((found) => shown.push(found));
    assert.deepEqual(shown, []);
  });

  it('stops showing when the panel stops following', () => {
    const { transport, emit } = handTransport();
    start(transport);
    const first = takeFirstListing() ?? assert.fail('no first listing');
    const shown: DriverEntry[][] = [];
    const stop = first.followFound((found) => shown.push(found));
    emit('registrationsFound', [entry('a', 1)]);
    stop();
    emit('registrationsFound', [entry('b', 2)]);
    assert.deepEqual(aliases(shown), [['a']]);
  });

  it('gives the first render nothing, then what was found, then the listing once it is in', async () => {
    const { transport, emit, answer } = handTransport();
    start(transport);
    assert.equal(firstRows(), null);
    emit('registrationsFound', [entry('b', 1), entry('a', 2)]);
    assert.deepEqual(firstRows()?.map((e) => e.alias), ['b', 'a']);
    await answer([entry('a', 3), entry('b', 4), entry('c', 5)]);
    assert.deepEqual(firstRows()?.map((e) => e.revision), [3, 4, 5]);
  });

  it('is taken once: a later listing asks afresh', () => {
    const { transport } = handTransport();
    start(transport);
    assert.ok(takeFirstListing());
    assert.equal(takeFirstListing(), null);
  });
});
