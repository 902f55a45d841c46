/**
 * Which requests need administrator rights: the one map, keyed by contract
 * channel, that both the contract boundary and the CLI apply, and what a
 * person without the rights is told, word for word.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channels } from '../../app/contractNames';
import { channelRights, commandChannels, elevationProblem, needsAdministrator } from '../../app/privileges';

describe('the rights each request needs', () => {
  it('names every channel, and administrator rights for those that change the machine only', () => {
    assert.deepEqual(Object.keys(channelRights).sort(), [...channels].sort());
    assert.deepEqual(channels.filter(needsAdministrator), ['installDriver', 'removeDriver', 'addDriver', 'disableDriver', 'enableDriver', 'undoChange', 'restartWindows']);
  });

  it("gives each CLI command a channel, so that add, install, remove, disable, enable and undo need the rights (the README's exit code 740)", () => {
    for (const channel of Object.values(commandChannels)) assert.ok(channels.includes(channel), channel);
    const elevated = Object.entries(commandChannels).filter(([, channel]) => needsAdministrator(channel)).map(([command]) => command);
    assert.deepEqual(elevated.sort(), ['add', 'disable', 'enable', 'install', 'remove', 'undo']);
  });
});

describe('elevationProblem', () => {
  it('has nothing to say with the rights', () => {
    for (const channel of channels.filter(needsAdministrator)) {
      assert.equal(elevationProblem(channel, true, 'app'), null);
      assert.equal(elevationProblem(channel, true, 'cli'), null);
    }
  });

  it('tells the panel to restart as administrator, and the CLI to open an administrator prompt', () => {
    assert.equal(
      elevationProblem('installDriver', false, 'app'),
      'Installing a driver needs administrator rights, and this panel runs without them. Choose "Restart as administrator" and try again.',
    );
    assert.equal(
      elevationProblem('undoChange', false, 'cli'),
      'Undoing a change to the drivers needs administrator rights, and this command prompt runs without them. Run drivers-cli from a command prompt opened with "Run as administrator".',
    );
  });

  it('names what each refused request was doing', () => {
    const doing = channels.filter(needsAdministrator).map((channel) => elevationProblem(channel, false, 'app')?.split(' needs ')[0]);
    assert.deepEqual(doing, ['Installing a driver', 'Removing a driver', 'Adding a driver', 'Disabling a driver', 'Enabling a driver', 'Undoing a change to the drivers', 'Restarting Windows']);
  });
});
