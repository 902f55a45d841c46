/**
 * What the panel tells the person besides the list: notices that stay until
 * dismissed (a listing's warnings, a refused restart as administrator), and
 * one message at a time (a report saved, details copied, a failure).
 */
import { useCallback, useState } from 'react';

export interface PanelMessage {
  intent: 'success' | 'error';
  text: string;
}

export interface PanelNotices {
  notices: string[];
  /** Adds the notices not shown already: a listing repeats its warnings every time it is asked for. */
  addNotices: (notices: readonly string[]) => void;
  dismissNotice: (notice: string) => void;
  /** What the person should hear of once, or a failure. */
  message: PanelMessage | null;
  inform: (message: PanelMessage | null) => void;
}

export function usePanelNotices(): PanelNotices {
  const [notices, setNotices] = useState<string[]>([]);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const addNotices = useCallback((added: readonly string[]) => {
    setNotices((shown) => {
      const fresh = added.filter((n) => !shown.includes(n));
      return fresh.length > 0 ? [...shown, ...fresh] : shown;
    });
  }, []);
  const dismissNotice = useCallback((notice: string) => setNotices((shown) => shown.filter((n) => n !== notice)), []);
  return { notices, addNotices, dismissNotice, message, inform: setMessage };
}
