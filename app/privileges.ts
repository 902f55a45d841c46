/**
 * Which requests need administrator rights on Windows: those that change the
 * machine (add, install, remove, disable, enable and undo write to HKLM or
 * system folders; a restart ends every session). Listing, probing,
 * configuring and custom messages keep working without elevation. Every
 * request is a contract channel, the CLI's commands included, and the rights
 * are checked once per front end: at the contract boundary and in the CLI.
 */
import type { Channel } from './contractNames';

type Right = 'administrator' | 'none';

/** Every channel, so that a channel added later says which right it needs. */
export const channelRights = {
  listDrivers: 'none',
  probeDriver: 'none',
  configureDriver: 'none',
  installDriver: 'administrator',
  removeDriver: 'administrator',
  chooseDriverFile: 'none',
  addDriver: 'administrator',
  disableDriver: 'administrator',
  enableDriver: 'administrator',
  changeHistory: 'none',
  undoChange: 'administrator',
  exportReport: 'none',
  showFileLocation: 'none',
  sendMessage: 'none',
  openCodecDialog: 'none',
  whichCodec: 'none',
  stopWaiting: 'none',
  restartRequirements: 'none',
  restartWindows: 'administrator',
  session: 'none',
  restartAsAdministrator: 'none',
} as const satisfies Record<Channel, Right>;

export type AdminChannel = { [C in Channel]: (typeof channelRights)[C] extends 'administrator' ? C : never }[Channel];

/**
 * The CLI's commands are the contract's requests under a technician's names:
 * each needs the right of its channel. `report` reads what `exportReport`
 * writes, and `restart-status` is `restartRequirements`.
 */
export const commandChannels = {
  list: 'listDrivers',
  probe: 'probeDriver',
  configure: 'configureDriver',
  install: 'installDriver',
  remove: 'removeDriver',
  add: 'addDriver',
  disable: 'disableDriver',
  enable: 'enableDriver',
  history: 'changeHistory',
  undo: 'undoChange',
  send: 'sendMessage',
  settings: 'openCodecDialog',
  about: 'openCodecDialog',
  which: 'whichCodec',
  'restart-status': 'restartRequirements',
  report: 'exportReport',
} as const satisfies Record<string, Channel>;

export const ERROR_ELEVATION_REQUIRED = 740;

const doing: Record<AdminChannel, string> = {
  addDriver: 'Adding a driver',
  installDriver: 'Installing a driver',
  removeDriver: 'Removing a driver',
  disableDriver: 'Disabling a driver',
  enableDriver: 'Enabling a driver',
  undoChange: 'Undoing a change to the drivers',
  restartWindows: 'Restarting Windows',
};

export function needsAdministrator(channel: Channel): channel is AdminChannel {
  return channelRights[channel] === 'administrator';
}

/** Null when the request may go ahead, else what a person should do. */
export function elevationProblem(channel: AdminChannel, elevated: boolean, where: 'app' | 'cli'): string | null {
  if (elevated) return null;
  const remedy =
    where === 'cli'
      ? 'Run drivers-cli from a command prompt opened with "Run as administrator".'
      : 'Choose "Restart as administrator" and try again.';
  return `${doing[channel]} needs administrator rights, and this ${where === 'cli' ? 'command prompt' : 'panel'} runs without them. ${remedy}`;
}
