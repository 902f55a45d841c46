import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverEntry } from './driverEntry';
import { emptyVersion, type DriverEntry } from '../../app/drivers';
import { signatureVerdict } from '../../app/signatures';
import { changeText } from '../../renderer/changeText';
import { findNext } from '../../renderer/useTypeAhead';
import { buildRows, configurableState, describeRestarts, groupShownBelow, matchesSearch, type ListRow, type PlacedRow } from '../../renderer/driverPresentation';
import { mergeEntries } from '../../renderer/entryRevisions';

const driver = driverEntry;

function described(fileDescription: string): DriverEntry['details'] {
  return { path: null, identity: null, created: null, version: { ...emptyVersion, fileDescription }, installerDescription: null, mediaResource: null, signature: null, loadProblem: null };
}

describe('buildRows', () => {
  const drivers = [
    driver('vidc.b', 'vidc'),
    driver('msacm.z', 'acm', { details: described('Alpha codec') }),
    driver('msacm.a', 'acm', { details: described('Zulu codec') }),
    driver('wave2', 'wave'),
  ];

  it('groups by kind in a fixed order and sorts within groups', () => {
    const rows = buildRows(drivers, { query: '', hideMicrosoft: false }, { column: 'name', direction: 'ascending' });
    assert.deepEqual(
      rows.map((r) => (r.type === 'group' ? `[${r.label} ${r.count}]` : r.driver.alias)),
      ['[Audio codecs 2]', 'msacm.z', 'msacm.a', '[Video codecs 1]', 'vidc.b', '[Wave devices 1]', 'wave2'],
    );
    const byAlias = buildRows(drivers, { query: '', hideMicrosoft: false }, { column: 'alias', direction: 'ascending' }).flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : []));
    assert.deepEqual(byAlias.slice(0, 2), ['msacm.a', 'msacm.z']);
    const descending = buildRows(drivers, { query: '', hideMicrosoft: false }, { column: 'alias', direction: 'descending' }).flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : []));
    assert.deepEqual(descending, ['msacm.z', 'msacm.a', 'vidc.b', 'wave2'], 'descending within each group; the groups keep their order');
  });

  it('filters by every word of the query over alias, file, description and kind', () => {
    assert.deepEqual(
      buildRows(drivers, { query: 'codec zulu', hideMicrosoft: false }, { column: 'name', direction: 'ascending' }).flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : [])),
      ['msacm.a'],
    );
    assert.ok(matchesSearch(driver('vidc.b', 'vidc'), 'VIDEO'));
    assert.deepEqual(buildRows(drivers, { query: 'nothing', hideMicrosoft: false }, { column: 'name', direction: 'ascending' }), []);
  });

  it('matches status words, versions and signers, which no field spells', () => {
    const probe = { alias: 'a', raw: '1', configurable: true, loadedPath: null, durationMs: 1, at: '2026-11-22T00:00:00Z' };
    const versioned = { path: 'C:\\x.dll', identity: null, created: null, version: { ...emptyVersion, fileVersion: '10.0.19041.1' }, installerDescription: null, mediaResource: null, signature: signatureVerdict(0, 'Contoso Ltd', 'embedded', null), loadProblem: null };
    assert.ok(matchesSearch(driver('a', 'acm', { probe }), 'configurable'));
    assert.ok(!matchesSearch(driver('a', 'acm', { probe: { ...probe, raw: '0', configurable: false } }), 'configurable'));
    assert.ok(matchesSearch(driver('a', 'acm', { status: 'disabled', openable: false }), 'disabled'));
    assert.ok(matchesSearch(driver('a', 'acm', { status: 'quarantined', openable: false }), 'Quarantined'));
    assert.ok(matchesSearch(driver('a', 'acm', { status: 'missing-file', openable: false }), 'missing'));
    assert.ok(matchesSearch(driver('a', 'acm', { view: '32-bit' }), '32-bit'));
    assert.ok(matchesSearch(driver('a', 'acm', { details: versioned }), '10.0.19041'));
    assert.ok(matchesSearch(driver('a', 'acm', { details: versioned }), 'contoso verified'));
    assert.ok(!matchesSearch(driver('a', 'acm'), 'configurable'));
  });

  it('hides verified Microsoft signatures only, when asked', () => {
    const signed = (signer: string, code = 0): DriverEntry =>
      driver(signer, 'acm', { details: { path: 'C:\\x.dll', identity: null, created: null, version: emptyVersion, installerDescription: null, mediaResource: null, signature: signatureVerdict(code, signer, 'catalog', 'C:\\x.cat'), loadProblem: null } });
    const all = [signed('Microsoft Windows'), signed('Microsoft Corporation', 0x80096010), signed('Contoso'), driver('plain', 'acm')];
    const shown = (hideMicrosoft: boolean): string[] => buildRows(all, { query: '', hideMicrosoft }, { column: 'alias', direction: 'ascending' }).flatMap((r) => (r.type === 'driver' ? [r.driver.alias] : []));
    assert.deepEqual(shown(false), ['Contoso', 'Microsoft Corporation', 'Microsoft Windows', 'plain']);
    assert.deepEqual(shown(true), ['Contoso', 'Microsoft Corporation', 'plain'], 'a tampered file that claims Microsoft stays listed');
  });
});

describe('groupShownBelow (the sticky group header)', () => {
  // Laid out as the table lays them out: group headers 28 px high, driver rows 30 px, from 0.
  const rows = buildRows([driver('msacm.a', 'acm'), driver('msacm.b', 'acm'), driver('vidc.a', 'vidc'), driver('fx.a', 'other')], { query: '', hideMicrosoft: false }, { column: 'alias', direction: 'ascending' });
  const placed = rows.reduce<PlacedRow[]>((list, row, index) => [...list, { index, end: (list.at(-1)?.end ?? 0) + (row.type === 'group' ? 28 : 30) }], []);
  const named = (edge: number, among: readonly PlacedRow[] = placed): string | undefined => groupShownBelow(rows, among, edge)?.label;

  it('is laid out as the test expects', () => {
    assert.deepEqual(
      rows.map((r: ListRow, i) => `${r.type === 'group' ? r.label : r.driver.alias} ends ${placed[i]?.end}`),
      ['Audio codecs ends 28', 'msacm.a ends 58', 'msacm.b ends 88', 'Video codecs ends 116', 'vidc.a ends 146', 'Other drivers ends 174', 'fx.a ends 204'],
    );
  });

  it('names the group of the first row showing under the sticky header, not of the row hidden behind it', () => {
    // msacm.b ends 2 px under the header's top edge, wholly behind it; the Video codecs header shows 26 px under it.
    assert.equal(named(90), 'Video codecs');
    assert.equal(named(88), 'Video codecs', 'a row that ends at the edge shows nothing under it');
    assert.equal(named(87), 'Audio codecs', 'one pixel of msacm.b shows');
    assert.equal(named(120), 'Video codecs');
    assert.equal(named(150), 'Other drivers');
  });

  it('names the first group at the top and the last row\'s beyond the end', () => {
    assert.equal(named(0), 'Audio codecs');
    assert.equal(named(500), 'Other drivers');
    assert.equal(named(100, placed.slice(4)), 'Video codecs', 'only the rows the list has laid out, from vidc.a');
    assert.equal(groupShownBelow([], [], 10), undefined);
  });
});

describe('signatureVerdict', () => {
  it('says what WinVerifyTrust answered, in words, with the signer and the code', () => {
    assert.deepEqual(signatureVerdict(0, 'Microsoft Windows', 'catalog', 'C:\\x.cat'), {
      verdict: 'verified',
      signer: 'Microsoft Windows',
      source: 'catalog',
      catalog: 'C:\\x.cat',
      code: '0x00000000',
      text: 'Signed by Microsoft Windows, verified (catalog signature)',
    });
    assert.equal(signatureVerdict(0x800b0100, null, null, null).text, 'Not signed');
    assert.equal(signatureVerdict(0x800b0109, 'Contoso', 'embedded', null).verdict, 'untrusted');
    assert.equal(signatureVerdict(-2146869232, 'Contoso', 'embedded', null).text, 'The file was changed after it was signed (signer: Contoso)');
    assert.deepEqual([signatureVerdict(0x80004005, null, 'embedded', null).verdict, signatureVerdict(0x80004005, null, 'embedded', null).text], ['invalid', 'Not verified (WinVerifyTrust returned 0x80004005)']);
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

describe('findNext (type-ahead)', () => {
  const names = ['msacm.imaadpcm', 'msacm.l3acm', 'vidc.cvid', 'vidc.mrle', 'vidc.msvc'].map((alias) => [alias]);
  it('selects the next row starting with what was typed, wrapping, case-insensitively', () => {
    assert.equal(findNext(names, 'v', 0), 2);
    assert.equal(findNext(names, 'VIDC.MS', 2), 4);
    assert.equal(findNext(names, 'vidc.m', 3), 3, 'a longer prefix may stay on the current row');
    assert.equal(findNext(names, 'vv', 2), 3, 'a repeated letter cycles');
    assert.equal(findNext(names, 'm', 4), 0, 'wraps around');
    assert.equal(findNext(names, 'x', 0), -1);
  });

  it("matches a row's name or its alias", () => {
    const rows = [
      ['Cinepak Codec by Radius', 'vidc.cvid'],
      ['Microsoft Video 1', 'vidc.msvc'],
      ['fx.dword', 'fx.dword'],
      ['fx.restart', 'fx.res'],
    ];
    assert.equal(findNext(rows, 'vidc.ms', 0), 1);
    assert.equal(findNext(rows, 'cinepak', 1), 0);
    assert.equal(findNext(rows, 'fx.res', 2), 3);
  });
});

describe('changeText (the change banner)', () => {
  it('says the change once, whether or not the note already does', () => {
    const change = { summary: 'Remove fx.cancel (64-bit): delete Drivers32 fx.cancel' };
    assert.equal(changeText(change, 'fx.cancel answered DRV_REMOVE with 1. Remove fx.cancel (64-bit): delete Drivers32 fx.cancel.'), 'fx.cancel answered DRV_REMOVE with 1. Remove fx.cancel (64-bit): delete Drivers32 fx.cancel.');
    assert.equal(changeText(change, 'It takes effect after Windows restarts.'), 'Remove fx.cancel (64-bit): delete Drivers32 fx.cancel. It takes effect after Windows restarts.');
    assert.equal(changeText(change, null), 'Remove fx.cancel (64-bit): delete Drivers32 fx.cancel.');
  });
});
