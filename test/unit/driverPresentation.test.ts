import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyVersion, type DriverEntry } from '../../app/drivers';
import { buildRows, configurableState, describeRestarts, matchesSearch, mergeEntries } from '../../renderer/driverPresentation';

function driver(alias: string, kind: DriverEntry['kind'], extra: Partial<DriverEntry> = {}): DriverEntry {
  return {
    id: `64-bit:${alias}`,
    alias,
    kind,
    file: `${alias}.dll`,
    parameters: null,
    sources: ['registry'],
    view: '64-bit',
    disabledBy: null,
    details: null,
    status: 'ok',
    statusDetail: null,
    openable: true,
    probe: null,
    quarantine: null,
    pending: null,
    revision: 1,
    ...extra,
  };
}

function described(fileDescription: string): DriverEntry['details'] {
  return { path: null, identity: null, version: { ...emptyVersion, fileDescription } };
}

describe('buildRows', () => {
  const drivers = [
    driver('vidc.b', 'vidc'),
    driver('msacm.z', 'acm', { details: described('Alpha codec') }),
    driver('msacm.a', 'acm', { details: described('Zulu codec') }),
    driver('wave2', 'wave'),
  ];

  it('groups by kind in a fixed order and sorts within groups', () => {
    const rows = buildRows(drivers, '', 'name');
    assert.deepEqual(
      rows.map((r) => (r.type === 'group' ? `[${r.label} ${r.count}]` : r.driver.alias)),
      ['[Audio codecs 2]', 'msacm.z', 'msacm.a', '[Video codecs 1]', 'vidc.b', '[Wave devices 1]', 'wave2'],
    );
    const byAlias = buildRows(drivers, '', 'alias').flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : []));
    assert.deepEqual(byAlias.slice(0, 2), ['msacm.a', 'msacm.z']);
  });

  it('filters by every word of the query over alias, file, description and kind', () => {
    assert.deepEqual(
      buildRows(drivers, 'codec zulu', 'name').flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : [])),
      ['msacm.a'],
    );
    assert.ok(matchesSearch(driver('vidc.b', 'vidc'), 'VIDEO'));
    assert.deepEqual(buildRows(drivers, 'nothing', 'name'), []);
  });
});

describe('configurableState and describeRestarts', () => {
  it('tells unknown, yes, no and not applicable apart', () => {
    assert.equal(configurableState(driver('a', 'acm')), 'unknown');
    const probe = { alias: 'a', raw: '-1', configurable: true, loadedPath: null, durationMs: 1, at: '2026-11-22T00:00:00Z' };
    assert.equal(configurableState(driver('a', 'acm', { probe })), 'yes');
    assert.equal(configurableState(driver('a', 'acm', { probe: { ...probe, raw: '0', configurable: false } })), 'no');
    assert.equal(configurableState(driver('a', 'acm', { status: 'missing-file', openable: false })), 'not-applicable');
  });

  it('names each driver and action once', () => {
    const at = '2026-01-01T00:00:00Z';
    assert.equal(
      describeRestarts([
        { id: '64-bit:msacm.a', alias: 'msacm.a', action: 'install', at },
        { id: '64-bit:msacm.a', alias: 'msacm.a', action: 'install', at },
        { id: '64-bit:fx', alias: 'fx', action: 'configure', at },
      ]),
      'msacm.a (installation), fx (configuration)',
    );
  });
});

describe('mergeEntries', () => {
  it('keeps the newer revision of each entry, whichever copy arrives last', () => {
    const listed = [driver('a', 'acm', { revision: 5 }), driver('b', 'acm', { revision: 6 })];
    const merged = mergeEntries(listed, [driver('a', 'acm', { revision: 9, pending: 'probe' }), driver('b', 'acm', { revision: 2, pending: 'details' })]);
    assert.deepEqual(merged.map((d) => [d.alias, d.revision, d.pending]), [['a', 9, 'probe'], ['b', 6, null]]);
  });

  it('finds drivers by their status words', () => {
    assert.ok(matchesSearch(driver('x', 'acm', { status: 'quarantined', openable: false }), 'quarantined'));
  });
});
