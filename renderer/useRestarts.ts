/**
 * The restarts Windows still owes (drivers whose change waits for one), and
 * restarting it. They are asked for again with every listing and pushed by the
 * service whenever one is added.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DriverFailure, RestartRequirement } from '../app/drivers';
import type { PanelApi } from '../app/panelApi';

export interface Restarts {
  restarts: RestartRequirement[];
  /** Asks for the pending restarts; the answer is dropped once `stale` says its listing was superseded. */
  askAgain: (stale: () => boolean) => void;
  restartWindows: () => Promise<DriverFailure | null>;
}

export function useRestarts(api: PanelApi): Restarts {
  const [restarts, setRestarts] = useState<RestartRequirement[]>([]);
  // Counts restartsChanged events, so that an older answer to restartRequirements never replaces a newer event.
  const events = useRef(0);

  useEffect(
    () =>
      api.on('restartsChanged', (pending) => {
        events.current++;
        setRestarts(pending);
      }),
    [api],
  );

  const askAgain = useCallback(
    (stale: () => boolean) => {
      const eventsBefore = events.current;
      void api.restartRequirements({}).then((pending) => {
        if (!stale() && pending.ok && events.current === eventsBefore) setRestarts(pending.value);
      });
    },
    [api],
  );

  const restartWindows = useCallback(async () => {
    const reply = await api.restartWindows({});
    return reply.ok ? null : reply.error;
  }, [api]);

  return { restarts, askAgain, restartWindows };
}
