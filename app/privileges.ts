/**
 * Which actions need administrator rights on Windows: those that change the
 * machine (install, remove, disable, enable and undo write to HKLM or system
 * folders; a restart ends every session). Listing, probing, configuring and custom
 * messages keep working without elevation.
 */
export const elevatedActions = ['add', 'install', 'remove', 'disable', 'enable', 'undo', 'restartWindows'] as const;
export type ElevatedAction = (typeof elevatedActions)[number];

export const ERROR_ELEVATION_REQUIRED = 740;

const doing: Record<ElevatedAction, string> = {
  add: 'Adding a driver',
  install: 'Installing a driver',
  remove: 'Removing a driver',
  disable: 'Disabling a driver',
  enable: 'Enabling a driver',
  undo: 'Undoing a change to the drivers',
  restartWindows: 'Restarting Windows',
};

export function isElevatedAction(name: string): name is ElevatedAction {
  return (elevatedActions as readonly string[]).includes(name);
}

/** Null when the action may go ahead, else what a person should do. */
export function elevationProblem(action: ElevatedAction, elevated: boolean, where: 'app' | 'cli'): string | null {
  if (elevated) return null;
  const remedy =
    where === 'cli'
      ? 'Run drivers-cli from a command prompt opened with "Run as administrator".'
      : 'Choose "Restart as administrator" and try again.';
  return `${doing[action]} needs administrator rights, and this ${where === 'cli' ? 'command prompt' : 'panel'} runs without them. ${remedy}`;
}
