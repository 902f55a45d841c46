/**
 * The watch's signals told as "the list is out of date": once for a burst,
 * never for the echo of the panel's own change, always for a real change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { ChangeFollower } from '../../main/service/changeFollower';
import type { WatchedPlace } from '../../main/catalog/registrationWatcher';

function follower(): { registrations: { now: string }; told: WatchedPlace[][]; follower: ChangeFollower } {
  const registrations = { now: 'a' };
  const told: WatchedPlace[][] = [];
  return { registrations, told, follower: new ChangeFollower({ readRegistrations: async () => registrations.now, tell: (places) => told.push([...places]) }) };
}

describe('ChangeFollower', () => {
  it('tells a burst of signals once, once it is quiet, with every place', async () => {
    const { registrations, told, follower: f } = follower();
    registrations.now = 'b';
    for (let i = 0; i < 20; i++) f.signalled(i % 2 ? 'Drivers32 (64-bit)' : 'system.ini');
    await delay(500);
    assert.deepEqual(told, [['system.ini', 'Drivers32 (64-bit)']]);
  });

  it("does not tell the echo of the panel's own change, and tells the next real change", async () => {
    const { registrations, told, follower: f } = follower();
    registrations.now = 'own';
    f.toldOwnChange();
    f.signalled('Drivers32 (64-bit)');
    await delay(500);
    assert.deepEqual(told, [], 'the registrations read as the panel told them');
    registrations.now = 'another program';
    f.signalled('system.ini');
    await delay(500);
    assert.deepEqual(told, [['system.ini']]);
  });

  it('tells a long burst at least every 2 s', async () => {
    const { registrations, told, follower: f } = follower();
    for (let i = 0; i < 26; i++) {
      registrations.now = String(i);
      f.signalled('Drivers32 (32-bit)');
      await delay(100);
    }
    f.stop();
    assert.ok(told.length >= 1 && told.length <= 2, `${told.length} times in 2.6 s`);
  });
});
