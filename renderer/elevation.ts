/**
 * Whether the panel runs with administrator rights, for the buttons of the
 * actions that need them (app/privileges.ts): they carry the shield and offer
 * "Restart as administrator" instead of starting something that would fail.
 */
import { createContext } from 'react';

export interface Elevation {
  elevated: boolean;
  restartAsAdministrator: () => void;
}

export const ElevationContext = createContext<Elevation>({ elevated: true, restartAsAdministrator: () => undefined });
