/**
 * Every contract channel fuzzed with fast-check, through the real bridge host
 * under Wine: the same validation and driver service the app runs. Whatever
 * arrives, the answer is a typed value or a typed failure with a message a
 * person can act on, the host keeps serving, and no file is ever loaded but
 * those of the enumerated, openable registrations (the fixture logs each load).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { channels, type Channel, type Reply } from '../../app/contract';
import { driverErrorCodes } from '../../app/drivers';
import { anyText, hostilePaths, int64Text } from '../fuzz/hostileText';
import { FixtureLog, registerFixtures, registryFixtures, unsafeAliasFiles, unsafeFixtures } from './fixtureRegistry';
import { driveC, testPrefix, useBridgeHost, windowsPath } from './wineBench';

/** Aliases that are registered here; requests for them really reach the fixture driver. */
const registered = Object.keys(registryFixtures).filter((alias) => alias !== 'fx.missing');

/** An alias in any case: Drivers32 names are case-insensitive. */
const anyCase = fc.constantFrom(...registered).chain((alias) =>
  fc.array(fc.boolean(), { minLength: alias.length, maxLength: alias.length }).map((upper) =>
    Array.from(alias, (c, i) => (upper[i] ? c.toUpperCase() : c)).join(''),
  ),
);

/** What an attacker or a confused script would send as an alias. */
const hostileAlias = fc.oneof(
  fc.constantFrom(...hostilePaths, '', 'x'.repeat(40_000)),
  ...Object.keys(unsafeFixtures).map((alias) => fc.constant(alias)),
  anyText,
  { arbitrary: anyCase, weight: 12 },
);

const message = fc.oneof(
  { arbitrary: fc.integer({ min: 0x4000, max: 0xffffffff }), weight: 6 },
  fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x4000, 0x4001, 0xffffffff, -1, 2 ** 32, 1.5, Number.NaN),
  fc.integer(),
  fc.double(),
);

/** Anything JSON can carry, with extra fields that the schemas must refuse. */
const junk = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 4 }));

function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const alias = hostileAlias;
  const withExtra = <T extends object>(base: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof(base, base.chain((b) => fc.record({ extra: fc.jsonValue() }).map((e) => ({ ...b, ...e }))));
  switch (channel) {
    case 'listDrivers':
      return fc.oneof(junk, withExtra(fc.record({ probe: fc.constantFrom('none', 'new', 'all', 'ALL', '', 1) }, { requiredKeys: [] })));
    case 'probeDriver':
      return fc.oneof(junk, { arbitrary: withExtra(fc.record({ alias, retry: fc.oneof(fc.boolean(), fc.jsonValue()) }, { requiredKeys: ['alias'] })), weight: 4 });
    case 'sendMessage':
      return fc.oneof(junk, { arbitrary: withExtra(fc.record({ alias, message, lParam1: int64Text, lParam2: int64Text })), weight: 4 });
    case 'restartRequirements':
    case 'changeHistory':
      return fc.oneof(junk, fc.constant({}));
    case 'undoChange':
      return fc.oneof(junk, fc.constant({}), withExtra(fc.record({ id: fc.oneof(anyText, fc.uuid(), fc.jsonValue()) })));
    // No file was offered by a dialog here, so no path may be added, however it is written.
    case 'addDriver':
      return fc.oneof(junk, {
        arbitrary: withExtra(fc.record({ path: fc.oneof(fc.constantFrom(...hostilePaths), anyText), alias, kind: fc.constantFrom('acm', 'wave', 'x'), replace: fc.boolean() }, { requiredKeys: ['path'] })),
        weight: 4,
      });
    case 'removeDriver':
    case 'showFileLocation':
      return fc.oneof(junk, { arbitrary: withExtra(fc.record({ alias, view: fc.constantFrom('64-bit', '32-bit', '16-bit'), disabledBy: fc.constantFrom('panel', 'autoruns', 'x') }, { requiredKeys: ['alias'] })), weight: 4 });
    // A valid request would restart Wine's session under the test: only malformed ones here.
    case 'restartWindows':
      return junk.filter((p) => p !== null && !(typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0));
    default:
      return fc.oneof(junk, { arbitrary: withExtra(fc.record({ alias })), weight: 4 });
  }
}

function assertTyped(channel: string, payload: unknown, reply: Reply<Channel>): void {
  if (reply.ok) return;
  const { code, message: text } = reply.error;
  const shown = payload === undefined ? 'no payload' : JSON.stringify(payload).slice(0, 200);
  assert.ok((driverErrorCodes as readonly string[]).includes(code), `${channel} ${shown}: unknown code ${code}`);
  assert.ok(text.length >= 15 && !/undefined|\[object |NaN/.test(text), `${channel} ${shown}: unhelpful message ${text}`);
}

describe('every contract channel, fuzzed, through the real bridge host under Wine', () => {
  const log = new FixtureLog(join(driveC, 'fuzz-fixture-log.jsonl'));
  let register = (): void => undefined;
  const host = useBridgeHost((bench) => {
    register = () => registerFixtures(testPrefix, bench.env, unsafeFixtures);
    register();
    const system32 = join(driveC, 'windows', 'system32');
    for (const file of unsafeAliasFiles) copyFileSync(join(system32, 'fixture.dll'), join(system32, file));
    return { FIXTURE_DRIVER_LOG: windowsPath(log.path) };
  });
  /** The files of the openable registrations: the only files the panel may ever load. */
  let allowed = new Set<string>();
  /** Every file a registration names that was found: the only folders Open file location may show. */
  let found = new Set<string>();

  before(async () => {
    const listing = await host.client.call('listDrivers', {});
    assert.ok(listing.ok);
    await host.client.settled(listing.value.drivers.map((d) => d.id));
    allowed = new Set(
      listing.value.drivers.flatMap((d) => {
        const entry = host.client.entry(d.id);
        return entry?.openable && entry.details?.path ? [entry.details.path.toLowerCase().replaceAll('\\', '/')] : [];
      }),
    );
    found = new Set(listing.value.drivers.flatMap((d) => host.client.entry(d.id)?.details?.path ?? []));
    log.clear();
  });

  /**
   * Channels that open a driver: the fuzz must reach a driver through each, or it
   * proved nothing. (removeDriver opens only the last registration of a file; the
   * fixtures share theirs, so it never does here.)
   */
  const opening: readonly Channel[] = ['probeDriver', 'configureDriver', 'installDriver', 'sendMessage'];
  /** Channels that change the registrations: the fixtures are registered again after each. */
  const changing: readonly Channel[] = ['removeDriver', 'disableDriver', 'enableDriver', 'undoChange'];
  /** Channels that look a name up among the registrations, unsafe ones included, and never open it. */
  const lookingUp: readonly Channel[] = [...changing, 'showFileLocation'];

  for (const channel of channels) {
    it(`${channel}: a typed answer to anything, and only registered drivers loaded`, { timeout: 180_000 }, async () => {
      log.clear();
      await fc.assert(
        fc.asyncProperty(payloadFor(channel), async (payload) => {
          const reply = await host.client.callUnchecked(channel, payload);
          assertTyped(channel, payload, reply);
          if (channel === 'addDriver') assert.ok(!reply.ok, `a path no dialog offered was added: ${JSON.stringify(payload)}`);
          const alias = (payload as { alias?: unknown } | null)?.alias;
          // A change looks a path up among the registered names (it may be an unsafe registration), and never opens it.
          if (!lookingUp.includes(channel) && typeof alias === 'string' && /[\\/:]/.test(alias) && !reply.ok && reply.error.code !== 'invalid-request') {
            assert.equal(reply.error.code, 'invalid-alias', `${channel} opened a path: ${alias}`);
          }
        }),
        { numRuns: 100, seed: 20261122 },
      );
      if (opening.includes(channel)) assert.ok(log.lines().length > 0, `no ${channel} request reached a driver`);
      const loaded = log.loadedModules().filter((m) => !allowed.has(m));
      assert.deepEqual(loaded, [], 'only the files of openable registrations were loaded');
      const still = await host.client.call('restartRequirements', {});
      assert.ok(still.ok, 'the host still answers');
      if (changing.includes(channel)) register();
      if (channel === 'showFileLocation') {
        const shown = join(host.dialogsDir, 'shown.txt');
        const paths = existsSync(shown) ? readFileSync(shown, 'utf8').split('\n').filter(Boolean) : [];
        assert.ok(paths.length > 0, 'the fuzz reached Open file location at least once');
        assert.deepEqual(paths.filter((p) => !found.has(p)), [], 'only the found file of a listed registration is shown');
      }
    });
  }

  it('an unknown channel name of any kind is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty')), async (name) => {
        fc.pre(!(channels as readonly string[]).includes(name));
        const reply = await host.client.callUnchecked(name, {});
        assert.ok(!reply.ok && reply.error.code === 'invalid-request', `${name}: ${JSON.stringify(reply)}`);
      }),
      { numRuns: 100, seed: 20261122 },
    );
  });

  describe('malformed lines on the socket', () => {
    /** A raw connection; resolves `closed` when the host hangs up. */
    function raw(): Promise<{ socket: Socket; closed: Promise<void>; lines: string[] }> {
      return new Promise((resolve, reject) => {
        const lines: string[] = [];
        const socket = connect(host.ready.port, '127.0.0.1', () => resolve({ socket, closed, lines }));
        const closed = new Promise<void>((done) => socket.once('close', () => done()));
        socket.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
        socket.once('error', reject);
      });
    }

    it('hangs up on anything but the hello, and on a hello that never ends', { timeout: 30_000 }, async () => {
      for (const first of ['not json\n', '{"type":"request","id":1,"channel":"listDrivers","payload":{}}\n', '{"type":"hello","token":"wrong"}\n']) {
        const { socket, closed } = await raw();
        socket.write(first);
        await closed;
      }
      const { socket, closed } = await raw();
      socket.on('error', () => undefined);
      const chunk = Buffer.alloc(1 << 20, 'x');
      for (let i = 0; i < 8 && !socket.destroyed; i++) socket.write(chunk);
      await closed;
      assert.ok((await host.client.call('restartRequirements', {})).ok, 'the host still serves its client');
    });

    it('ignores malformed lines from a client that said hello, and hangs up on an over-long one', { timeout: 30_000 }, async () => {
      const { socket, closed, lines } = await raw();
      socket.write(`${JSON.stringify({ type: 'hello', token: host.ready.token })}\n`);
      const garbage = fc.sample(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v))), { numRuns: 300, seed: 7 });
      for (const line of garbage) socket.write(`${line.replaceAll('\n', ' ')}\n`);
      socket.write(`${JSON.stringify({ type: 'request', id: 99, channel: 'restartRequirements', payload: {} })}\n`);
      const deadline = Date.now() + 10_000;
      while (!lines.some((l) => l.includes('"id":99')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(lines.some((l) => l.includes('"id":99') && l.includes('"ok":true')), 'a valid request after the garbage is answered');
      socket.on('error', () => undefined);
      socket.write(`${JSON.stringify({ type: 'request', id: 100, channel: 'probeDriver', payload: { alias: 'x'.repeat(200_000) } })}\n`);
      await closed;
      assert.ok((await host.client.call('restartRequirements', {})).ok, 'the host still serves its client');
    });
  });
});
