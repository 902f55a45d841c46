/**
 * The names of the contract's channels and events, without their schemas:
 * all that the preload needs to build the panel's API. zod and the schemas
 * are most of a script's size; the preload runs before the page's own
 * scripts, so every kilobyte here delays the first rows. contract.ts keys its
 * schemas by these names, and the compiler holds the two to each other.
 */
export const channels = [
  'listDrivers',
  'probeDriver',
  'configureDriver',
  'installDriver',
  'removeDriver',
  'chooseDriverFile',
  'addDriver',
  'disableDriver',
  'enableDriver',
  'changeHistory',
  'undoChange',
  'exportReport',
  'showFileLocation',
  'sendMessage',
  'openCodecDialog',
  'whichCodec',
  'stopWaiting',
  'restartRequirements',
  'restartWindows',
  'session',
  'restartAsAdministrator',
] as const;
export type Channel = (typeof channels)[number];

export const eventNames = ['driversUpdated', 'registrationsFound', 'restartsChanged', 'registrationsChanged'] as const;
export type EventName = (typeof eventNames)[number];
