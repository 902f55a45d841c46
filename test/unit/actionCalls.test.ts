/**
 * The table of a driver's actions: which channel each calls, with what, and
 * what its reply leaves behind (the driver's outcome, the change to offer
 * Undo for, the entry the selection follows to). The transport answers by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { driverEntry } from './driverEntry';
import type { ChangeRecord, Removal } from '../../app/changes';
import type { Channel, Reply } from '../../app/contract';
import type { ActionResult, DriverFailure } from '../../app/drivers';
import { createPanelApi } from '../../app/panelApi';
import { actionCalls, idle, stopWaiting, type PanelAction } from '../../renderer/actionCalls';

const driver = driverEntry('fx.plain', 'acm', { disabledBy: 'panel' });
const failure: DriverFailure = { code: 'unknown-alias', message: 'No driver is registered as fx.plain.' };

function change(kind: ChangeRecord['kind']): ChangeRecord {
  return { id: `id-${kind}`, kind, alias: driver.alias, view: driver.view, at: '2026-11-23T10:00:00Z', summary: kind, byDriver: [], undoneAt: null };
}

/** A panel API whose transport answers `reply` to anything, and remembers what it was asked. */
function answering(reply: Reply<Channel>): { api: ReturnType<typeof createPanelApi>; asked: () => [Channel, unknown] } {
  let asked: [Channel, unknown] | null = null;
  const api = createPanelApi({
    invoke: async (channel, request) => {
      asked = [channel, request];
      return reply;
    },
    subscribe: () => () => undefined,
  });
  return {
    api,
    asked: () => {
      assert.ok(asked, 'a channel was called');
      return asked;
    },
  };
}

/** Runs `action` against a transport that answers `reply`; returns what was asked and what the action left behind. */
async function perform(
  action: PanelAction,
  reply: Reply<Channel>,
  entry = driver,
): Promise<{ asked: [Channel, unknown]; done: Awaited<ReturnType<(typeof actionCalls)[PanelAction]>> }> {
  const transport = answering(reply);
  const done = await actionCalls[action](transport.api, entry);
  return { asked: transport.asked(), done };
}

describe('actionCalls', () => {
  it('calls each action\'s own channel with what names the driver', async () => {
    const expected: Record<PanelAction, [Channel, unknown]> = {
      retry: ['probeDriver', { alias: 'fx.plain', view: '64-bit', retry: true }],
      configure: ['configureDriver', { alias: 'fx.plain', view: '64-bit' }],
      settings: ['openCodecDialog', { alias: 'fx.plain', view: '64-bit', dialog: 'settings' }],
      about: ['openCodecDialog', { alias: 'fx.plain', view: '64-bit', dialog: 'about' }],
      install: ['installDriver', { alias: 'fx.plain', view: '64-bit' }],
      remove: ['removeDriver', { alias: 'fx.plain', view: '64-bit', disabledBy: 'panel' }],
      disable: ['disableDriver', { alias: 'fx.plain', view: '64-bit' }],
      enable: ['enableDriver', { alias: 'fx.plain', view: '64-bit' }],
    };
    for (const [action, call] of Object.entries(expected)) {
      const { asked } = await perform(action as PanelAction, { ok: false, error: failure });
      assert.deepEqual(asked, call, action);
    }
  });

  it('names the view of a 32-bit entry in every request, so that its own host opens it and not the 64-bit namesake', async () => {
    // Codec packs register both builds under one alias: without the view, the service would take the 64-bit one.
    const wow = driverEntry('vidc.ZMBV', 'vidc', { id: '32-bit:vidc.ZMBV', view: '32-bit' });
    for (const action of Object.keys(actionCalls) as PanelAction[]) {
      const { asked } = await perform(action, { ok: false, error: failure }, wow);
      assert.equal((asked[1] as { view?: unknown }).view, '32-bit', action);
      assert.equal((asked[1] as { alias?: unknown }).alias, 'vidc.ZMBV', action);
    }
    const transport = answering({ ok: true, value: { stopped: true } });
    assert.equal(await stopWaiting(transport.api, wow), true);
    assert.deepEqual(transport.asked(), ['stopWaiting', { alias: 'vidc.ZMBV', view: '32-bit' }]);
  });

  it('says whether Stop waiting ended a call, and that a refused request ended none', async () => {
    const none = answering({ ok: true, value: { stopped: false } });
    assert.equal(await stopWaiting(none.api, driver), false);
    assert.deepEqual(none.asked(), ['stopWaiting', { alias: 'fx.plain', view: '64-bit' }]);
    assert.equal(await stopWaiting(answering({ ok: false, error: failure }).api, driver), false);
  });

  it('leaves a failure as the driver\'s error, with no change and nothing to follow', async () => {
    for (const action of Object.keys(actionCalls) as PanelAction[]) {
      const { done } = await perform(action, { ok: false, error: failure });
      assert.deepEqual(done, { state: { ...idle, error: failure }, change: null, follow: null }, action);
    }
  });

  it('shows a change a driver made itself while configured, and nothing when it made none', async () => {
    const result: ActionResult = { alias: 'fx.plain', action: 'configure', result: 'ok', raw: '1', restartRequired: false };
    const made = await perform('configure', { ok: true, value: { ...result, change: change('configure') } });
    assert.deepEqual(made.done.change, { change: change('configure'), note: null });
    assert.equal(made.done.follow, null);
    const none = await perform('install', { ok: true, value: { ...result, change: null } });
    assert.equal(none.done.change, null);
    assert.deepEqual(none.done.state, { ...idle, result: { ...result, change: null } });
  });

  it('keeps a removal the driver cancelled as its outcome; one that happened is a change with its note', async () => {
    const removal: Removal = { alias: 'fx.plain', view: '64-bit', driverAnswer: null, removed: true, restartRequired: false, note: 'DRV_REMOVE was not sent.', change: change('remove') };
    const done = await perform('remove', { ok: true, value: removal });
    assert.deepEqual(done.done, { state: idle, change: { change: change('remove'), note: removal.note }, follow: null });
    const cancelled = { ...removal, removed: false, change: null };
    const kept = await perform('remove', { ok: true, value: cancelled });
    assert.deepEqual(kept.done, { state: { ...idle, removal: cancelled }, change: null, follow: null });
  });

  it('follows a disabled or enabled driver to its new entry', async () => {
    const disabled = await perform('disable', { ok: true, value: change('disable') });
    assert.deepEqual(disabled.done, { state: idle, change: { change: change('disable'), note: null }, follow: { alias: 'fx.plain', view: '64-bit', disabled: true } });
    const enabled = await perform('enable', { ok: true, value: change('enable') });
    assert.deepEqual(enabled.done.follow, { alias: 'fx.plain', view: '64-bit', disabled: false });
  });
});
