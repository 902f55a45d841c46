/** The state store and the service's working copy of it, under plain Node: atomic replacement, the shared lock, unreadable files set aside, nothing lost. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { answerFor, forgetEarlierBoots, pendingRestarts, quarantineFor, sameBoot, withProbes, withQuarantine, withRestart, type PanelState } from '../../main/state/panelState';
import { StateKeeper } from '../../main/state/stateKeeper';
import { StateStore } from '../../main/state/stateStore';

const boot = '2026-11-22T08:00:00.000Z';
const file = { path: 'C:\\windows\\system32\\fx.dll', size: 1000, modified: '2026-11-01T10:00:00.000Z' };
const probe = { alias: 'fx.a', raw: '1', configurable: true, loadedPath: file.path, durationMs: 3, at: '2026-11-22T09:00:00.000Z' };

function freshStore(notices: string[] = []): StateStore {
  return new StateStore(join(mkdtempSync(join(tmpdir(), 'panel-state-')), 'state.json'), (n) => notices.push(n));
}

describe('state store', () => {
  it('starts empty and keeps what was written, for the next process to read', async () => {
    const store = freshStore();
    assert.deepEqual((await store.read()).restarts, []);
    await store.update((s) => withRestart(s, { id: '64-bit:fx.a', alias: 'fx.a', action: 'configure', at: '2026-11-22T09:00:00.000Z' }, boot));
    const again = new StateStore(store.file);
    assert.deepEqual(pendingRestarts(await again.read(), boot), [{ id: '64-bit:fx.a', alias: 'fx.a', action: 'configure', at: '2026-11-22T09:00:00.000Z' }]);
  });

  it('sets an unreadable file aside under a new name, reports it once, and starts afresh', async () => {
    const notices: string[] = [];
    const store = freshStore(notices);
    writeFileSync(store.file, '{"version": 1, "restarts": [trunc');
    const state = await store.read();
    assert.deepEqual(state.quarantine, []);
    assert.equal(notices.length, 1);
    assert.match(notices[0] ?? '', /could not be read: it is not valid JSON.*kept as .*state\.unreadable-.*\.json/);
    const kept = readdirSync(join(store.file, '..')).filter((f) => f.startsWith('state.unreadable-'));
    assert.equal(kept.length, 1);
    assert.equal(readFileSync(join(store.file, '..', kept[0] ?? ''), 'utf8'), '{"version": 1, "restarts": [trunc', 'the original bytes are kept');
    await store.read();
    await store.update((s) => s);
    assert.equal(notices.length, 1, 'reported once');
    assert.doesNotThrow(() => JSON.parse(readFileSync(store.file, 'utf8')) as unknown);
  });

  it('sets aside a file that is JSON but not the panel state', async () => {
    const notices: string[] = [];
    const store = freshStore(notices);
    writeFileSync(store.file, JSON.stringify({ version: 1, restarts: 'none', quarantine: [], probes: [] }));
    await store.update((s) => withRestart(s, { id: '64-bit:fx.b', alias: 'fx.b', action: 'install', at: boot }, boot));
    assert.match(notices[0] ?? '', /does not hold what the panel writes \(restarts:/);
    assert.equal((await store.read()).restarts.length, 1);
  });

  it('loses nothing when several processes write at once', async () => {
    const store = freshStore();
    const writers = ['a', 'b', 'c', 'd'].map(
      (tag) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stateWriter.ts'), store.file, tag, '25'], { stdio: 'inherit' });
          child.on('exit', resolve);
        }),
    );
    assert.deepEqual(await Promise.all(writers), [0, 0, 0, 0]);
    const aliases = (await store.read()).quarantine.map((q) => q.alias).sort();
    assert.equal(aliases.length, 100);
    assert.equal(new Set(aliases).size, 100);
    assert.equal(existsSync(`${store.file}.lock`), false, 'the lock is released');
  });
});

describe('panel state rules', () => {
  it('treats boot times within the tolerance as one boot, and forgets requirements of earlier boots', () => {
    assert.ok(sameBoot(boot, '2026-11-22T08:00:02.000Z'));
    assert.ok(!sameBoot(boot, '2026-11-22T08:05:00.000Z'));
    let state = withRestart({ version: 1, restarts: [], quarantine: [], probes: [] }, { id: '64-bit:fx.a', alias: 'fx.a', action: 'remove', at: boot }, boot);
    state = withRestart(state, { id: '64-bit:fx.a', alias: 'FX.A', action: 'remove', at: '2026-11-22T08:10:00.000Z' }, boot);
    assert.equal(state.restarts.length, 1, 'one record per alias and action');
    assert.equal(forgetEarlierBoots(state, boot).restarts.length, 1);
    assert.equal(forgetEarlierBoots(state, '2026-11-22T09:30:00.000Z').restarts.length, 0);
  });

  it('keeps quarantine and probe records only for the same file', () => {
    const record = { alias: 'fx.a', file, message: 8, stage: 'message' as const, what: 'crashed' as const, exitCode: 0xc0000005, at: boot };
    let state = withQuarantine({ version: 1, restarts: [], quarantine: [], probes: [] }, '64-bit:fx.a', record);
    assert.deepEqual(quarantineFor(state, '64-bit:fx.a', file), record);
    assert.deepEqual(quarantineFor(state, '64-bit:fx.a', null), record, 'before the file is looked at, the record stands');
    assert.equal(quarantineFor(state, '64-bit:fx.a', { ...file, size: 1001 }), null, 'a changed file gets a fresh chance');
    assert.equal(quarantineFor(state, '64-bit:fx.a', { ...file, modified: '2026-11-02T10:00:00.000Z' }), null);
    state = withProbes(state, [{ id: '64-bit:fx.a', value: 'fx.dll', file, probe, openFailure: null }]);
    assert.deepEqual(answerFor(state, '64-bit:fx.a', { alias: 'fx.a', value: 'fx.dll' }, file), { probe, openFailure: null });
    const none = { probe: null, openFailure: null };
    assert.deepEqual(answerFor(state, '64-bit:fx.a', { alias: 'fx.a', value: 'fx.dll query=1' }, file), none, 'a changed registration is probed again');
    assert.deepEqual(answerFor(state, '64-bit:fx.a', { alias: 'fx.a', value: 'fx.dll' }, { ...file, path: 'C:\\other\\fx.dll' }), none);
    state = withProbes(state, [{ id: '64-bit:fx.a', value: 'fx.dll', file, probe: null, openFailure: 'refused' }]);
    assert.deepEqual(answerFor(state, '64-bit:fx.a', { alias: 'fx.a', value: 'fx.dll' }, file), { probe: null, openFailure: 'refused' }, 'a refusal is remembered too');
  });
});

describe('state keeper', () => {
  const quarantine = (alias: string) => (s: PanelState): PanelState =>
    withQuarantine(s, `64-bit:${alias}`, { alias, file, message: 8, stage: 'message', what: 'crashed', exitCode: 0xc0000005, at: boot });
  const names = (state: PanelState): string[] => state.quarantine.map((q) => q.alias).sort();

  it('keeps every change in memory while earlier writes are under way, and writes them all', async () => {
    const store = freshStore();
    const keeper = new StateKeeper(store);
    keeper.remember(quarantine('a'));
    const first = keeper.flush();
    const second = keeper.record(quarantine('b'));
    assert.deepEqual(names(keeper.current), ['a', 'b']);
    await first;
    assert.deepEqual(names(keeper.current), ['a', 'b'], 'the second change is not lost when the first write lands');
    await second;
    assert.deepEqual(names(await new StateStore(store.file).read()), ['a', 'b']);
  });

  it('keeps what it could not write, says so, and writes it once it can', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'panel-state-'));
    const blocked = join(dir, 'state');
    writeFileSync(blocked, 'a file where the state folder should be');
    const keeper = new StateKeeper(new StateStore(join(blocked, 'state.json')));
    await keeper.record(quarantine('a'));
    assert.deepEqual(names(keeper.current), ['a']);
    assert.match(keeper.takeNotices()[0] ?? '', /could not save its state file .*kept only while this window or command runs/);
    await keeper.refresh();
    assert.deepEqual(names(keeper.current), ['a'], 'a failed read does not drop it either');
    assert.deepEqual(keeper.takeNotices(), [], 'said once');
    rmSync(blocked);
    await keeper.record(quarantine('b'));
    assert.deepEqual(names(await new StateStore(join(blocked, 'state.json')).read()), ['a', 'b']);
    rmSync(blocked, { recursive: true });
    writeFileSync(blocked, 'a file where the state folder should be, again');
    await keeper.record(quarantine('c'));
    assert.match(keeper.takeNotices()[0] ?? '', /could not save its state file/, 'said again after a write had succeeded');
  });
});
