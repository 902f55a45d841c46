/**
 * Whether the panel runs with administrator rights, for the buttons of the
 * actions that need them (app/privileges.ts): they carry the shield and offer
 * "Restart as administrator" instead of starting something that would fail.
 */
import { createContext, useCallback, useEffect, useState } from 'react';
import type { PanelApi } from '../app/panelApi';

export interface Elevation {
  elevated: boolean;
  restartAsAdministrator: () => void;
}

export const ElevationContext = createContext<Elevation>({ elevated: true, restartAsAdministrator: () => undefined });

/**
 * Whether the panel is elevated (true until the main process says otherwise),
 * and restarting it as administrator; a refusal goes to `notify`, as a notice.
 */
export function useElevation(api: PanelApi, notify: (notices: readonly string[]) => void): Elevation {
  const [elevated, setElevated] = useState(true);

  useEffect(() => {
    void api.session({}).then((reply) => reply.ok && setElevated(reply.value.elevated));
  }, [api]);

  const restartAsAdministrator = useCallback(() => {
    void api.restartAsAdministrator({}).then((reply) => {
      if (!reply.ok) notify([reply.error.message]);
    });
  }, [api, notify]);

  return { elevated, restartAsAdministrator };
}
