/**
 * What a driver changed, found by comparing two readings of the
 * registrations: added, deleted and rewritten values and lines, place by
 * place, names compared as Windows compares them (without regard to case).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Held } from '../../main/changes/changeSteps';
import { changesBetween, registrationScopes } from '../../main/changes/registrationSnapshot';

const key = 'SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32';
const reg = (name: string, data: string, view: '64-bit' | '32-bit' = '64-bit'): Held => ({ where: 'registry', view, key, name, content: { type: 1, data } });
const line = (name: string, text: string): Held => ({ where: 'system.ini', section: 'drivers32', name, content: { text } });

describe('what changed between two readings of the registrations', () => {
  it('reads every place a registration can be: three keys in each view and both sections', () => {
    assert.equal(registrationScopes.length, 8);
  });

  it('finds added, deleted and rewritten places, and nothing else', () => {
    const before = [reg('fx.a', 'AA'), reg('fx.b', 'BB'), reg('fx.a', 'AA', '32-bit'), line('fx.ini', 'fixture.dll')];
    const after = [reg('FX.A', 'AA'), reg('fx.c', 'CC'), reg('fx.a', 'A2', '32-bit'), line('FX.INI', 'fixture.dll')];
    assert.deepEqual(
      changesBetween(before, after).map((c) => [c.place.where === 'registry' ? `${c.place.view} ${c.place.name}` : c.place.where, c.before, c.after]),
      [
        ['64-bit fx.b', { type: 1, data: 'BB' }, null],
        ['32-bit fx.a', { type: 1, data: 'AA' }, { type: 1, data: 'A2' }],
        ['64-bit fx.c', null, { type: 1, data: 'CC' }],
      ],
    );
  });

  it('finds nothing between two equal readings', () => {
    const reading = [reg('fx.a', 'AA'), line('fx.ini', 'x')];
    assert.deepEqual(changesBetween(reading, [...reading].reverse()), []);
  });
});
