/**
 * A system.ini whose [drivers32] section is longer than the 64K characters a
 * fixed buffer would take, through the real contract under Wine: every line is
 * listed whole, the last ones too, and a line past the 64K mark is removed
 * and brought back exactly.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registerFixtures } from './fixtureRegistry';
import { driveC, startBench, startBridgeHost, testPrefix, type Bench, type BridgeHost } from './wineBench';

const systemIni = join(driveC, 'windows', 'system.ini');
const LINES = 400;
/** Long lines, as codec packs write them, but within what Winmm reads (260 characters). */
const longLines: Record<string, string> = Object.fromEntries(
  Array.from({ length: LINES }, (_, i) => {
    const alias = `rt.long${String(i).padStart(3, '0')}`;
    return [alias, `fixture.dll name=${alias} query=1 ${'threadingmodel'.repeat(15)}${i}`];
  }),
);
const sectionChars = Object.entries(longLines).reduce((sum, [alias, value]) => sum + alias.length + value.length + 2, 0);

/** Adds `lines` at the end of system.ini's [drivers32] section, as a person's editor would. */
function appendToDrivers32(lines: Record<string, string>): void {
  const text = readFileSync(systemIni, 'utf8').split(/\r?\n/);
  const header = text.findIndex((line) => line.trim().toLowerCase() === '[drivers32]');
  assert.ok(header >= 0, 'system.ini has a [drivers32] section');
  const next = text.findIndex((line, i) => i > header && /^\s*\[/.test(line));
  const end = next < 0 ? text.length : next;
  const body = text.slice(header + 1, end).filter((line) => line.trim() !== '');
  const added = Object.entries(lines).map(([alias, value]) => `${alias}=${value}`);
  writeFileSync(systemIni, [...text.slice(0, header + 1), ...body, ...added, ...text.slice(end), ''].join('\r\n'));
}

/** The [drivers32] lines of system.ini as they are on disk, by alias. */
function drivers32Lines(): Map<string, string> {
  const lines = new Map<string, string>();
  let inDrivers = false;
  for (const line of readFileSync(systemIni, 'utf8').split(/\r?\n/)) {
    const header = /^\s*\[(.*)\]\s*$/.exec(line)?.[1];
    if (header !== undefined) inDrivers = header.toLowerCase() === 'drivers32';
    const equals = line.indexOf('=');
    if (inDrivers && equals > 0) lines.set(line.slice(0, equals), line.slice(equals + 1));
  }
  return lines;
}

describe('a [drivers32] section longer than 64K characters', () => {
  let bench: Bench | undefined;
  let host: BridgeHost | undefined;

  before(async () => {
    bench = await startBench();
    registerFixtures(testPrefix, bench.env);
    appendToDrivers32(longLines);
    host = await startBridgeHost(bench);
  });
  after(async () => {
    await host?.stop();
    // The next suites find system.ini as the fixtures have it.
    if (bench) registerFixtures(testPrefix, bench.env);
    bench?.stop();
  });

  function client(): BridgeHost['client'] {
    return host?.client ?? assert.fail('the bridge host is not running');
  }

  async function listedValues(): Promise<Map<string, string>> {
    const reply = await client().call('listDrivers', { probe: 'none' });
    assert.ok(reply.ok, JSON.stringify(reply));
    const fromIni = reply.value.drivers.filter((d) => d.alias.startsWith('rt.long') && d.sources.includes('system.ini'));
    return new Map(fromIni.map((d) => [d.alias, d.parameters === null ? d.file : `${d.file} ${d.parameters}`]));
  }

  it('lists every line with its whole value, the last ones included', async () => {
    assert.ok(sectionChars > 90_000, `the section holds ${sectionChars} characters`);
    const listed = await listedValues();
    const missing = Object.keys(longLines).filter((alias) => !listed.has(alias));
    assert.deepEqual(missing, [], 'no line after the 64K mark is lost');
    for (const [alias, value] of Object.entries(longLines)) assert.equal(listed.get(alias), value, `${alias} is listed with its whole value`);
  });

  it('removes a line past the 64K mark, and undo puts it back exactly', async () => {
    const alias = `rt.long${LINES - 3}`;
    const value = longLines[alias] ?? assert.fail('no such line');
    const removed = await client().call('removeDriver', { alias });
    assert.ok(removed.ok, JSON.stringify(removed));
    assert.equal(removed.value.removed, true);
    assert.equal(drivers32Lines().has(alias), false, 'the line is gone from system.ini');
    const undone = await client().call('undoChange', { id: removed.value.change?.id ?? assert.fail('the removal was not journaled') });
    assert.ok(undone.ok, JSON.stringify(undone));
    assert.equal(drivers32Lines().get(alias), value, 'the line is back, whole');
    assert.equal((await listedValues()).get(alias), value);
  });
});
